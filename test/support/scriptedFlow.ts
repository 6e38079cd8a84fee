import { BACK, type Back, type FlowUI, type InputOptions, type PickItem, type PickItems, type StepInfo } from '../../src/extension/flow';

/** One scripted answer per prompt, in order. A function answer sees the offered items. */
export type ScriptedAnswer =
  | { pick: (items: PickItem<unknown>[], step: StepInfo) => unknown }
  | { pickMany: (items: PickItem<unknown>[], step: StepInfo) => unknown[] }
  | { input: string | ((options: InputOptions, step: StepInfo) => string) }
  /** Answers a list that failed to load, as the Retry row does: it loads again. */
  | 'retry'
  | 'back'
  | 'cancel';

/** A FlowUI that answers from a script and records what each prompt showed. */
export class ScriptedFlow implements FlowUI {
  readonly steps: StepInfo[] = [];
  /** The items each pick offered, in the order of `steps` (inputs record []). */
  readonly offered: PickItem<unknown>[][] = [];
  /** Validation messages the input boxes showed for the typed text. */
  readonly validationMessages: string[] = [];
  /** Messages of lists that failed to load. */
  readonly loadFailures: string[] = [];
  constructor(private readonly answers: ScriptedAnswer[]) {}

  get remaining(): number {
    return this.answers.length;
  }

  private nextAnswer(step: StepInfo): ScriptedAnswer {
    this.steps.push(step);
    const answer = this.answers.shift();
    if (!answer) throw new Error(`the flow asked more than scripted (step ${step.step ?? '-'}: ${step.placeholder ?? step.title})`);
    return answer;
  }

  private async load<T>(step: StepInfo, items: PickItems<T>, answer: ScriptedAnswer): Promise<{ items: PickItem<T>[]; answer: ScriptedAnswer }> {
    for (;;) {
      try {
        const loaded = await (typeof items === 'function' ? items() : items);
        this.offered.push(loaded as PickItem<unknown>[]);
        return { items: loaded, answer };
      } catch (error) {
        this.loadFailures.push(error instanceof Error ? error.message : String(error));
        if (answer !== 'retry') {
          this.offered.push([]);
          if (answer === 'back' || answer === 'cancel') return { items: [], answer };
          throw new Error(`step ${step.step ?? '-'}: the list failed to load and the script did not retry: ${String(error)}`);
        }
        if (typeof items !== 'function') throw new Error('the list failed and cannot be loaded again (no Retry offered)');
        answer = this.nextAnswer(step);
      }
    }
  }

  async pickOne<T>(step: StepInfo, items: PickItems<T>): Promise<T | Back | undefined> {
    const loaded = await this.load(step, items, this.nextAnswer(step));
    const answer = loaded.answer;
    if (answer === 'back') return BACK;
    if (answer === 'cancel') return undefined;
    if (typeof answer === 'string' || !('pick' in answer)) throw new Error(`step ${step.step ?? '-'} is a single pick, script says ${JSON.stringify(answer)}`);
    return answer.pick(loaded.items as PickItem<unknown>[], step) as T;
  }

  async pickMany<T>(step: StepInfo, items: PickItems<T>): Promise<T[] | Back | undefined> {
    const loaded = await this.load(step, items, this.nextAnswer(step));
    const answer = loaded.answer;
    if (answer === 'back') return BACK;
    if (answer === 'cancel') return undefined;
    if (typeof answer === 'string' || !('pickMany' in answer)) throw new Error(`step ${step.step ?? '-'} is a multi pick, script says ${JSON.stringify(answer)}`);
    return answer.pickMany(loaded.items as PickItem<unknown>[], step) as T[];
  }

  async input(step: StepInfo, options: InputOptions): Promise<string | Back | undefined> {
    const answer = this.nextAnswer(step);
    this.offered.push([]);
    if (answer === 'back') return BACK;
    if (answer === 'cancel') return undefined;
    if (typeof answer === 'string' || !('input' in answer)) throw new Error(`step ${step.step ?? '-'} is an input, script says ${JSON.stringify(answer)}`);
    const text = typeof answer.input === 'function' ? answer.input(options, step) : answer.input;
    const message = options.validate?.(text);
    if (message) {
      this.validationMessages.push(message);
      // Like the real input box: Enter is refused while the text is invalid.
      return this.input(step, options);
    }
    return text;
  }
}
