// The hostile-Help-Scout matrix (test/support/hostileMatrix.ts) in plain node: the real
// src/extension over a stub vscode, real global fetch. test/host/hostile.test.ts runs the same
// cases inside a real VS Code.
import { AvatarCache } from '../../../src/extension/avatars';
import type { PickItem } from '../../../src/extension/flowUi';
import { hostileMatrix, type ExtensionDriver } from '../../support/hostileMatrix';
import { activateInNode, clearStub, deactivateAll, defaultUserInterface, stub } from '../../support/nodeExtension';

function nodeDriver(): ExtensionDriver {
  let choices = '';
  const flow = {
    ...defaultUserInterface().flow,
    // The first step of New Report: what it would list, or the error it would show; then Escape.
    async pickOne<T>(_step: unknown, items: PickItem<T>[] | Promise<PickItem<T>[]>) {
      choices = await Promise.resolve(items).then(
        (list) => list.map((item) => item.label).join('\n'),
        (error: unknown) => `Could not load the choices: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    },
  };
  const ext = activateInNode({ flow });
  return {
    async pointAt(baseUrl) {
      stub.settings.set('helpscout.apiBaseUrl', baseUrl);
      stub.settings.set('helpscout.requestTimeoutSeconds', 5);
    },
    signIn: (appId, appSecret) => ext.commands.signIn({ appId, appSecret }),
    async loadReport(name) {
      await ext.commands.newReport({ name, query: { userId: ext.session.accountInfo!.id, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' } } });
      await stub.commands.get('helpscout.refreshAll')!();
    },
    async userChoices() {
      await stub.commands.get('helpscout.newReport')!();
      return choices;
    },
    avatar: () => new AvatarCache((url, init) => fetch(url, init), ext.log).dataUrl(ext.session.accountInfo?.photoUrl),
    notifications: () => stub.messages,
    visibleText: async () => JSON.stringify({ log: stub.logLines, globalState: [...stub.globalState], settings: [...stub.settings] }),
    async reset() {
      deactivateAll();
      clearStub();
    },
  };
}

describe('security: the hostile Help Scout matrix, in plain node (src/extension + stub vscode)', () => {
  before(async () => {
    // Global fetch loads undici on first use (≈ 20 MB): not what the memory figures are about.
    await fetch('data:,warm').then((r) => r.text());
  });
  hostileMatrix(async () => nodeDriver());
});
