/**
 * The prompts a multi-step flow needs, with no `vscode` import, so the flows run under plain
 * node in the unit tests. flowUi.ts implements them with QuickPick/InputBox.
 */
// Registered, so the identity holds across bundles (the integration tests are bundled separately).
export const BACK = Symbol.for('helpscout.flow.back');
export type Back = typeof BACK;

export interface StepInfo {
  title: string;
  /** Omitted for a single step opened from a review (no counter to keep in step). */
  step?: number;
  totalSteps?: number;
  placeholder?: string;
  /** Whether the step offers Back; by default every step after the first does. */
  back?: boolean;
}

export function offersBack(step: StepInfo): boolean {
  return step.back ?? (step.step ?? 1) > 1;
}

/**
 * The codicons a flow's own rows carry. Shown by the UI before the label, after the plain-text
 * rule has run, so "$(…)" in a label is always text, never an icon.
 */
export type FlowIcon = 'check' | 'warning';

export interface PickItem<T> {
  label: string;
  icon?: FlowIcon;
  description?: string;
  detail?: string;
  value: T;
  picked?: boolean;
}

/** A list to pick from: given, on its way, or loaded on demand (then a failed load offers Retry). */
export type PickItems<T> = PickItem<T>[] | Promise<PickItem<T>[]> | (() => Promise<PickItem<T>[]>);

export interface InputOptions {
  value?: string;
  prompt?: string;
  password?: boolean;
  /** Returns a message when the text cannot be accepted; the box then refuses Enter. */
  validate?: (text: string) => string | undefined;
}

export interface FlowUI {
  /** undefined: cancelled (Escape). */
  pickOne<T>(step: StepInfo, items: PickItems<T>): Promise<T | Back | undefined>;
  pickMany<T>(step: StepInfo, items: PickItems<T>): Promise<T[] | Back | undefined>;
  input(step: StepInfo, options: InputOptions): Promise<string | Back | undefined>;
}

/** The words for a list that failed to load, shown with a Retry row. */
export function loadFailure(error: unknown): string {
  return `Could not load the list: ${error instanceof Error ? error.message : String(error)}`;
}
