// The hostile-Help-Scout matrix (test/support/hostileMatrix.ts) in plain node: the real
// src/extension over a stub vscode, real global fetch. test/host/hostile.test.ts runs the same
// cases inside a real VS Code.
import { AvatarCache, lookupAll } from '../../../src/extension/avatars';
import { firstStepRecorder, hostileMatrix, type ExtensionDriver } from '../../support/hostileMatrix';
import { activateInNode, clearStub, deactivateAll, defaultUserInterface, stub } from '../../support/nodeExtension';

function nodeDriver(): ExtensionDriver {
  const firstStep = firstStepRecorder();
  const flow = { ...defaultUserInterface().flow, pickOne: firstStep.pickOne };
  const ext = activateInNode({ flow });
  return {
    async pointAt(baseUrl) {
      stub.settings.set('helpscout.apiBaseUrl', baseUrl);
      stub.settings.set('helpscout.requestTimeoutSeconds', 5);
    },
    signIn: (appId, appSecret) => ext.commands.signIn({ appId, appSecret }),
    async loadReport(name) {
      await ext.commands.newReport({ name, query: { metric: 'customersHelped', subject: { kind: 'user', userId: ext.session.accountInfo!.id }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' } } });
      await stub.commands.get('helpscout.refreshAll')!();
    },
    async userChoices() {
      await stub.commands.get('helpscout.newReport')!();
      return firstStep.shown();
    },
    avatar: () => new AvatarCache((url, init) => fetch(url, init), ext.log, lookupAll).dataUrl(ext.session.accountInfo?.photoUrl),
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
