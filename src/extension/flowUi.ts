import * as vscode from 'vscode';
import { BACK, loadFailure, offersBack, type Back, type FlowUI, type InputOptions, type PickItem, type PickItems, type StepInfo } from './flow';
import { asPlainText } from './plainText';

export { BACK, type Back, type FlowUI, type InputOptions, type PickItem, type PickItems, type StepInfo } from './flow';

/** The default FlowUI: QuickPick/InputBox with a Back button. The integration tests swap it out. */

type QuickItem<T> = vscode.QuickPickItem & { value: T };
type RetryItem = vscode.QuickPickItem & { retry: true };

export const quickInputFlowUI: FlowUI = {
  pickOne<T>(step: StepInfo, items: PickItems<T>) {
    return showPick(step, items, false).then((result) => (result === BACK || result === undefined ? result : result[0]));
  },
  pickMany<T>(step: StepInfo, items: PickItems<T>) {
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
  input.buttons = offersBack(step) ? [vscode.QuickInputButtons.Back] : [];
}

function showPick<T>(step: StepInfo, items: PickItems<T>, many: boolean): Promise<T[] | Back | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<QuickItem<T> | RetryItem>();
    applyStep(pick, step);
    pick.placeholder = step.placeholder;
    pick.ignoreFocusOut = true;
    pick.matchOnDescription = true;
    let settled = false;
    const finish = (value: T[] | Back | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      pick.dispose();
    };
    const load = () => {
      pick.busy = true;
      pick.canSelectMany = many;
      pick.placeholder = step.placeholder;
      Promise.resolve(typeof items === 'function' ? items() : items).then(
        (loaded) => show(loaded),
        (error: unknown) => {
          // Retry in place: a single-pick row, so Enter reloads without leaving the step.
          pick.canSelectMany = false;
          const failure = asPlainText(loadFailure(error));
          pick.placeholder = failure;
          pick.items = typeof items === 'function' ? [{ label: '$(refresh) Retry', detail: failure, retry: true }] : [];
          pick.busy = false;
        },
      );
    };
    const show = (loaded: PickItem<T>[]) => {
      const quickItems = loaded.map((item) => ({ label: item.icon ? `$(${item.icon}) ${item.label}` : item.label, description: item.description, detail: item.detail, value: item.value }));
      pick.items = quickItems;
      const preselected = quickItems.filter((_item, index) => loaded[index]?.picked);
      if (many) pick.selectedItems = preselected;
      else if (preselected[0]) pick.activeItems = [preselected[0]];
      pick.busy = false;
    };
    pick.onDidAccept(() => {
      if (pick.busy) return;
      const active = pick.activeItems[0];
      if (active && 'retry' in active) return load();
      const chosen = (many ? pick.selectedItems : pick.activeItems.slice(0, 1)).filter((item): item is QuickItem<T> => !('retry' in item));
      if (!many && chosen.length === 0) return;
      finish(chosen.map((item) => item.value));
    });
    pick.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
    load();
  });
}
