import * as vscode from 'vscode';
import type { FlowUI, PickItem, PickItems, StepInfo } from './flow';
import { windowNotifier, type Notifier } from './notifications';
import { asPlainText } from './plainText';

/** Save/open dialogs and confirmations. */
export interface Dialogs {
  saveFile(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
  openFile(options: vscode.OpenDialogOptions): Thenable<vscode.Uri | undefined>;
  /** A modal yes/no; true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Thenable<boolean>;
}

export const windowDialogs: Dialogs = {
  saveFile: (options) => vscode.window.showSaveDialog(options),
  openFile: (options) => vscode.window.showOpenDialog({ ...options, canSelectMany: false }).then((uris) => uris?.[0]),
  confirm: (message, detail, action) =>
    vscode.window.showWarningMessage(message, { modal: true, detail }, action).then((choice) => choice === action),
};

/**
 * Everything the extension asks of the person at the keyboard. The integration tests swap in
 * scripted answers through the extension's exported testing API.
 */
export interface UserInterface {
  flow: FlowUI;
  notify: Notifier;
  dialogs: Dialogs;
  /** Opens a web page in the browser (a conversation in Help Scout's web app). */
  openExternal(uri: vscode.Uri): Thenable<boolean>;
}

/** QuickPick/InputBox (flowUi.ts): a chunk of its own, loaded when the first question is asked. */
const quickInput = async () => (await import('./flowUi')).quickInputFlowUI;
const onDemandFlowUI: FlowUI = {
  pickOne: async (step, items) => (await quickInput()).pickOne(step, items),
  pickMany: async (step, items) => (await quickInput()).pickMany(step, items),
  input: async (step, options) => (await quickInput()).input(step, options),
};

export function defaultUserInterface(): UserInterface {
  return { flow: onDemandFlowUI, notify: windowNotifier, dialogs: windowDialogs, openExternal: (uri) => vscode.env.openExternal(uri) };
}

function plainStep(step: StepInfo): StepInfo {
  return { ...step, title: asPlainText(step.title), placeholder: step.placeholder === undefined ? undefined : asPlainText(step.placeholder) };
}

/** The same list with every text plain; a list loaded on demand stays on demand, so Retry still reloads it. */
function plainItems<T>(items: PickItems<T>): PickItems<T> {
  const plain = (item: PickItem<T>): PickItem<T> => ({
    ...item,
    label: asPlainText(item.label),
    description: item.description === undefined ? undefined : asPlainText(item.description),
    detail: item.detail === undefined ? undefined : asPlainText(item.detail),
  });
  const plainList = (list: PickItem<T>[] | Promise<PickItem<T>[]>) => Promise.resolve(list).then((loaded) => loaded.map(plain));
  return typeof items === 'function' ? () => plainList(items()) : plainList(items);
}

/**
 * The user interface the extension talks to: `ui` with every message, title, prompt and item
 * passed through asPlainText first. Button labels are the extension's own and are compared with
 * the choice, so they pass unchanged.
 */
export function plainTextInterface(ui: UserInterface): UserInterface {
  return {
    notify: {
      error: (message, ...actions) => ui.notify.error(asPlainText(message), ...actions),
      warn: (message, ...actions) => ui.notify.warn(asPlainText(message), ...actions),
      info: (message, ...actions) => ui.notify.info(asPlainText(message), ...actions),
    },
    dialogs: {
      saveFile: (options) => ui.dialogs.saveFile(options),
      openFile: (options) => ui.dialogs.openFile(options),
      confirm: (message, detail, action) => ui.dialogs.confirm(asPlainText(message), asPlainText(detail), action),
    },
    flow: {
      pickOne: (step, items) => ui.flow.pickOne(plainStep(step), plainItems(items)),
      pickMany: (step, items) => ui.flow.pickMany(plainStep(step), plainItems(items)),
      input: (step, options) => ui.flow.input(plainStep(step), { ...options, prompt: options.prompt === undefined ? undefined : asPlainText(options.prompt) }),
    },
    // Only URLs the host built itself from validated ids reach this (see panel/drilldown.ts).
    openExternal: (uri) => ui.openExternal(uri),
  };
}
