import * as vscode from 'vscode';
import { quickInputFlowUI, type FlowUI } from './flowUi';
import { windowNotifier, type Notifier } from './notifications';

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
