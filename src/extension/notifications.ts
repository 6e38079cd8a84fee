import * as vscode from 'vscode';
import { HelpScoutError } from '../core/errors';
import { ACTION, describeFailure } from './failures';

/** Notifications behind an interface, so the integration tests can read what a user would see. */
export interface Notifier {
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
}

export const windowNotifier: Notifier = {
  error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  warn: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
};

export interface ErrorHandlers {
  signIn(): unknown;
  trySample(): unknown;
  editQuery(): unknown;
  retry(): unknown;
  openLog(): unknown;
}

/** Shows a failure and runs the action the user picks. Cancellations are not failures. */
export async function showFailure(notifier: Notifier, error: unknown, subject: string, handlers: ErrorHandlers): Promise<void> {
  if (error instanceof HelpScoutError && error.kind === 'cancelled') return;
  const { message, actions } = describeFailure(error, subject);
  const choice = await notifier.error(message, ...actions);
  switch (choice) {
    case ACTION.signIn:
      return void handlers.signIn();
    case ACTION.trySample:
      return void handlers.trySample();
    case ACTION.editQuery:
      return void handlers.editQuery();
    case ACTION.retry:
      return void handlers.retry();
    case ACTION.openLog:
      return void handlers.openLog();
    case ACTION.copyLogRef:
      if (error instanceof HelpScoutError && error.logRef) await vscode.env.clipboard.writeText(error.logRef);
      return;
  }
}
