import * as vscode from 'vscode';
import { asPlainText } from './plainText';

/**
 * The few prompts the multi-step flows need, behind an interface so the integration tests can
 * answer them. The default implementation uses QuickPick/InputBox with a Back button.
 */
// Registered, so the identity holds across bundles (the integration tests are bundled separately).
export const BACK = Symbol.for('helpscout.flow.back');
export type Back = typeof BACK;

export interface StepInfo {
  title: string;
  step: number;
  totalSteps: number;
  placeholder?: string;
}

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  picked?: boolean;
}

export interface InputOptions {
  value?: string;
  prompt?: string;
  password?: boolean;
  /** Returns a message when the text cannot be accepted; the box then refuses Enter. */
  validate?: (text: string) => string | undefined;
}

export interface FlowUI {
  /** undefined: cancelled (Escape). */
  pickOne<T>(step: StepInfo, items: PickItem<T>[] | Promise<PickItem<T>[]>): Promise<T | Back | undefined>;
  pickMany<T>(step: StepInfo, items: PickItem<T>[] | Promise<PickItem<T>[]>): Promise<T[] | Back | undefined>;
  input(step: StepInfo, options: InputOptions): Promise<string | Back | undefined>;
}

type QuickItem<T> = vscode.QuickPickItem & { value: T };

export const quickInputFlowUI: FlowUI = {
  pickOne<T>(step: StepInfo, items: PickItem<T>[] | Promise<PickItem<T>[]>) {
    return showPick(step, items, false).then((result) => (result === BACK || result === undefined ? result : result[0]));
  },
  pickMany<T>(step: StepInfo, items: PickItem<T>[] | Promise<PickItem<T>[]>) {
    return showPick(step, items, true);
  },
  input(step: StepInfo, options: InputOptions) {
    return new Promise<string | Back | undefined>((resolve) => {
      const box = vscode.window.createInputBox();
      applyStep(box, step);
      box.value = options.value ?? '';
      box.prompt = options.prompt;
      box.password = options.password ?? false;
      box.ignoreFocusOut = true;
      const check = (text: string) => {
        const message = options.validate?.(text);
        box.validationMessage = message ? { message, severity: vscode.InputBoxValidationSeverity.Error } : undefined;
        return message;
      };
      if (box.value) check(box.value);
      let settled = false;
      const finish = (value: string | Back | undefined) => {
        if (settled) return;
        settled = true;
        resolve(value);
        box.dispose();
      };
      box.onDidChangeValue(check);
      box.onDidAccept(() => {
        if (check(box.value) === undefined) finish(box.value);
      });
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(BACK);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
    });
  },
};

function applyStep(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, step: StepInfo): void {
  input.title = step.title;
  input.step = step.step;
  input.totalSteps = step.totalSteps;
  input.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
}

function showPick<T>(step: StepInfo, items: PickItem<T>[] | Promise<PickItem<T>[]>, many: boolean): Promise<T[] | Back | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<QuickItem<T>>();
    applyStep(pick, step);
    pick.placeholder = step.placeholder;
    pick.canSelectMany = many;
    pick.ignoreFocusOut = true;
    pick.matchOnDescription = true;
    pick.busy = true;
    let settled = false;
    const finish = (value: T[] | Back | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidAccept(() => {
      if (pick.busy) return;
      const chosen = many ? pick.selectedItems : pick.activeItems.slice(0, 1);
      if (!many && chosen.length === 0) return;
      finish(chosen.map((item) => item.value));
    });
    pick.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
    Promise.resolve(items).then(
      (loaded) => {
        const quickItems = loaded.map((item) => ({ label: item.label, description: item.description, detail: item.detail, value: item.value }));
        pick.items = quickItems;
        const preselected = quickItems.filter((_item, index) => loaded[index]?.picked);
        if (many) pick.selectedItems = preselected;
        else if (preselected[0]) pick.activeItems = [preselected[0]];
        pick.busy = false;
      },
      (error: unknown) => {
        pick.busy = false;
        pick.placeholder = asPlainText(`Could not load the choices: ${error instanceof Error ? error.message : String(error)}`);
        pick.items = [];
      },
    );
  });
}
