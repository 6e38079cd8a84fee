import * as vscode from 'vscode';
import { quickInputFlowUI, type FlowUI, type PickItem, type StepInfo } from './flowUi';
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

export function defaultUserInterface(): UserInterface {
  return { flow: quickInputFlowUI, notify: windowNotifier, dialogs: windowDialogs, openExternal: (uri) => vscode.env.openExternal(uri) };
}

function plainStep(step: StepInfo): StepInfo {
  return { ...step, title: asPlainText(step.title), placeholder: step.placeholder === undefined ? undefined : asPlainText(step.placeholder) };
}

function plainItems<T>(items: PickItem<T>[] | Promise<PickItem<T>[]>): Promise<PickItem<T>[]> {
  const plain = (item: PickItem<T>): PickItem<T> => ({
    ...item,
    label: asPlainText(item.label),
    description: item.description === undefined ? undefined : asPlainText(item.description),
    detail: item.detail === undefined ? undefined : asPlainText(item.detail),
  });
  return Promise.resolve(items).then((list) => list.map(plain));
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
