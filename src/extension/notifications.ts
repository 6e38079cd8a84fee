import * as vscode from 'vscode';

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

/**
 * Failure toasts still on screen, by the report they are about. An extension cannot close one
 * notification, so when a report with an unanswered failure toast loads, the toasts are hidden
 * (they stay listed in the notification centre).
 */
export class FailureToasts {
  private readonly open = new Map<string, number>();

  constructor(private readonly hideToasts: () => Thenable<unknown> = () => vscode.commands.executeCommand('notifications.hideToasts').then(undefined, () => undefined)) {}

  /** `answered` settles when the person picks an action or closes the toast. */
  shown(key: string, answered: Thenable<unknown>): void {
    this.open.set(key, (this.open.get(key) ?? 0) + 1);
    const settle = () => {
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
    answered.then(settle, settle);
  }

  /** The report `key` is about loaded: its toasts answered nothing any more. True if any were hidden. */
  async succeeded(key: string): Promise<boolean> {
    if (!this.open.has(key)) return false;
    this.open.delete(key);
    await this.hideToasts();
    return true;
  }

  get openKeys(): string[] {
    return [...this.open.keys()];
  }
}

export const FILE_ACTION = { open: 'Open', reveal: 'Reveal in File Explorer' } as const;

/** "Exported to …" with Open and Reveal in File Explorer; runs the one picked. */
export async function showSavedFile(notifier: Notifier, message: string, file: vscode.Uri): Promise<void> {
  const choice = await notifier.info(message, FILE_ACTION.open, FILE_ACTION.reveal);
  if (choice === FILE_ACTION.open) await vscode.commands.executeCommand('vscode.open', file);
  // The OS file manager is on another machine in a remote window: reveal in VS Code's Explorer there.
  else if (choice === FILE_ACTION.reveal) await vscode.commands.executeCommand(vscode.env.remoteName ? 'revealInExplorer' : 'revealFileInOS', file);
}
