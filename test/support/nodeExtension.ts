// The extension (src/extension, wired by startExtension) activated in plain node over the shared
// stub `vscode`: for the security tests that need the real commands, session, log and state.
import type * as StartModule from '../../src/extension/startExtension';
import type * as UiModule from '../../src/extension/userInterface';
import { sharedVscodeStub } from './vscodeStub';

export const stub = sharedVscodeStub();
// Loaded after the stub is in place: these modules import 'vscode'.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startExtension } = require('../../src/extension/startExtension') as typeof StartModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { defaultUserInterface } = require('../../src/extension/userInterface') as typeof UiModule;

export type Internals = StartModule.ExtensionInternals;
export type UserInterface = UiModule.UserInterface;

const running: Array<{ dispose(): unknown }> = [];

/** One activation (a window, or a reload of it); `parts` replace the stub's own prompts. */
export function activateInNode(parts: Partial<UserInterface> = {}): Internals {
  const context = stub.newContext();
  const ui = { ...defaultUserInterface(), ...parts };
  const internals = startExtension(context as never, { userInterface: () => ui });
  running.push(...context.subscriptions);
  return internals;
}

/** Disposes every activation (their sandboxes, panels, listeners). */
export function deactivateAll(): void {
  for (const item of running.splice(0).reverse()) item.dispose();
}

/** Forgets SecretStorage, globalState, settings, notifications and log lines. */
export function clearStub(): void {
  stub.secrets.clear();
  stub.globalState.clear();
  stub.settings.clear();
  stub.messages.length = 0;
  stub.logLines.length = 0;
}
