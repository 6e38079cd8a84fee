/**
 * A failure as a notification with the actions that fix it. A chunk of its own
 * (dist/failureNotice.js): loaded the first time something fails.
 */
import * as vscode from 'vscode';
import { isHelpScoutError } from '../core/errors';
import { ACTION, describeFailure } from './failures';
import type { Notifier } from './notifications';

export interface ErrorHandlers {
  signIn(): unknown;
  comparePlans(): unknown;
  trySample(): unknown;
  editQuery(): unknown;
  retry(): unknown;
  openLog(): unknown;
}

/** Shows a failure and runs the action the user picks. Cancellations are not failures. */
export async function showFailure(notifier: Notifier, error: unknown, subject: string, handlers: ErrorHandlers): Promise<void> {
  if (isHelpScoutError(error) && error.kind === 'cancelled') return;
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
    case ACTION.comparePlans:
      return void handlers.comparePlans();
    case ACTION.copyLogRef:
      if (isHelpScoutError(error) && error.logRef) await vscode.env.clipboard.writeText(error.logRef);
      return;
  }
}
