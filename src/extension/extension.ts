import type * as vscode from 'vscode';
import { startExtension } from './startExtension';

/**
 * The shipped entry point. It returns nothing: whatever activate() returns is readable by every
 * other extension through `vscode.extensions.getExtension(…).exports`, and the internals reach
 * the session, the secrets and the prompts. The integration tests use a test-only build instead.
 */
export function activate(context: vscode.ExtensionContext): void {
  startExtension(context);
}

export function deactivate(): void {
  // Disposables registered on the context stop the sandbox and close the panels.
}
