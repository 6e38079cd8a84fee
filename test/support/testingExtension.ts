// The entry point of the test-only build (`node scripts/build.mjs --testing` → out/testing-extension/).
// Never shipped: dist/extension.js is built from src/extension/extension.ts, whose activate()
// returns nothing. The host tests and the bench probe reach the internals through this one.
import type * as vscode from 'vscode';
import { startExtension, type ExtensionInternals } from '../../src/extension/startExtension';
import { defaultUserInterface, type UserInterface } from '../../src/extension/userInterface';

export { deactivate } from '../../src/extension/extension';

export interface HelpScoutExtensionApi {
  readonly testing: ExtensionInternals & {
    /** Replaces the prompts and notifications; returns a function that restores them. */
    setUserInterface(ui: Partial<UserInterface>): () => void;
  };
}

export function activate(context: vscode.ExtensionContext): HelpScoutExtensionApi {
  let ui = defaultUserInterface();
  const internals = startExtension(context, { userInterface: () => ui });
  return {
    testing: {
      ...internals,
      setUserInterface(partial) {
        const previous = ui;
        ui = { ...ui, ...partial };
        return () => {
          ui = previous;
        };
      },
    },
  };
}
