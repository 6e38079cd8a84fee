// The hostile-Help-Scout matrix (test/support/hostileMatrix.ts) inside a real VS Code extension
// host, against the installed extension: the same cases as test/unit/security/hostileMatrix.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportPanel } from '../../src/extension/reportPanel';
import { firstStepRecorder, hostileMatrix, type ExtensionDriver } from '../support/hostileMatrix';
import { report } from './harness';
import { RecordingNotifier, ScriptedDialogs, ScriptedFlow, extensionApi, filesBelow, pointedSandbox, resetExtension, scriptUi, setBaseUrl, withSandbox } from './helpers';

async function hostDriver(): Promise<ExtensionDriver> {
  const api = await extensionApi();
  const notifier = new RecordingNotifier();
  const firstStep = firstStepRecorder();
  const flow = new ScriptedFlow([]);
  flow.pickOne = firstStep.pickOne;
  const restore = scriptUi(api, { notify: notifier, flow });
  const panels: ReportPanel[] = [];
  const openFor = async (name: string, options: { outOfSight?: boolean } = {}) => {
    const saved = await api.commands.newReport({ name, query: { metric: 'customersHelped', subject: { kind: 'user', userId: api.session.accountInfo!.id }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' } } });
    const panel = api.panels.open(saved!);
    panels.push(panel);
    // A visible panel shows its error in place and raises no toast (issue 14); the matrix reads
    // the notifications, so the report loads behind another editor, as one in a background tab.
    if (options.outOfSight) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: '' }));
    await panel.load({ preferCache: false });
    return panel;
  };
  const config = () => vscode.workspace.getConfiguration('helpscout');
  return {
    async pointAt(baseUrl) {
      await setBaseUrl(baseUrl);
      await config().update('requestTimeoutSeconds', 5, vscode.ConfigurationTarget.Global);
    },
    signIn: (appId, appSecret) => api.commands.signIn({ appId, appSecret }),
    async loadReport(name) {
      await openFor(name, { outOfSight: true });
    },
    async userChoices() {
      await vscode.commands.executeCommand('helpscout.newReport');
      return firstStep.shown();
    },
    async avatar() {
      const panel = await openFor('Avatar');
      // The photo loads after the first snapshot; give it the time a real one takes.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return panel.snapshot?.user?.photoUrl;
    },
    notifications: () => notifier.shown.map(({ severity, message }) => ({ severity, message })),
    async visibleText() {
      await new Promise((resolve) => setTimeout(resolve, 300)); // the log channel writes its file asynchronously
      const sessionLogs = path.resolve(api.logUri.fsPath, '..', '..', '..');
      const logs = await Promise.all((await filesBelow(sessionLogs)).map((file) => fs.readFile(file, 'utf8').catch(() => '')));
      const state = api.globalState.keys().map((key) => [key, api.globalState.get(key)]);
      const webviews = panels.map((panel) => `${panel.panel.webview.html} ${JSON.stringify(panel.snapshot)}`);
      return JSON.stringify({ logs, state, settings: config().inspect('apiBaseUrl'), webviews });
    },
    async reset() {
      restore();
      await resetExtension(api);
      await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    },
  };
}

describe('security: the hostile Help Scout matrix, in the extension host', function () {
  this.timeout(120_000);
  hostileMatrix(hostDriver, (line) => report(line.trim()));
});

describe('security: commands from outside', function () {
  this.timeout(60_000);

  it('take no credentials and no file URIs from their arguments: the user is asked instead', async () => {
    const api = await extensionApi();
    const sandbox = await withSandbox();
    const flow = new ScriptedFlow(['cancel', 'cancel']);
    const dialogs = new ScriptedDialogs();
    const restore = scriptUi(api, { flow, dialogs, notify: new RecordingNotifier() });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helpscout-args-'));
    try {
      await setBaseUrl(sandbox.baseUrl);
      assert.equal(await vscode.commands.executeCommand('helpscout.signIn', { appId: sandbox.appId, appSecret: sandbox.appSecret }), false);
      assert.equal(await vscode.commands.executeCommand('helpscout.signInWithToken', { token: 'from-another-extension' }), false);
      assert.equal(flow.steps.length, 2, 'both asked the user (who pressed Escape)');
      assert.equal(api.session.mode, 'signedOut');
      assert.equal(sandbox.stats.tokenRequests, 0);

      await vscode.commands.executeCommand('helpscout.trySampleData');
      const target = vscode.Uri.file(path.join(dir, 'stolen.json'));
      assert.equal(await vscode.commands.executeCommand('helpscout.exportQueries', target), undefined);
      await assert.rejects(fs.stat(target.fsPath), 'nothing was written where the argument pointed');
      await fs.writeFile(path.join(dir, 'planted.json'), JSON.stringify({ format: 'helpscout-reports/saved-queries', version: 1, queries: [] }));
      assert.equal(await vscode.commands.executeCommand('helpscout.importQueries', vscode.Uri.file(path.join(dir, 'planted.json'))), undefined);
    } finally {
      restore();
      await sandbox.close();
      await resetExtension(api);
    }
  });
});

describe('security: sign-out', function () {
  this.timeout(60_000);

  it('deletes the account\'s cached reports, keeps the saved queries, and says so', async () => {
    const api = await extensionApi();
    const { sandbox, notifier, dispose } = await pointedSandbox(api);
    try {
      assert.equal(await api.commands.signIn({ appId: sandbox.appId, appSecret: sandbox.appSecret }), true);
      const saved = await api.commands.newReport({ name: 'Cached', query: { metric: 'customersHelped', subject: { kind: 'user', userId: api.session.accountInfo!.id }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' } } });
      await api.panels.open(saved!).load({ preferCache: false });
      // Sample-data reports cached by other tests are not this account's and may stay.
      const accountEntries = () => Object.entries(api.globalState.get<Record<string, unknown>>('helpscout.reportCache') ?? {})
        .filter(([key]) => key.startsWith('account:'));
      assert.ok(accountEntries().some(([, entry]) => /"value"/.test(JSON.stringify(entry))), 'the report was cached for the account');
      await vscode.commands.executeCommand('helpscout.signOut');
      assert.deepEqual(accountEntries(), [], 'no cached report of the account is left');
      assert.match(JSON.stringify(api.globalState.get('helpscout.savedQueries')), /Cached/);
      const message = await notifier.next((n) => /signed out/.test(n.message));
      assert.match(message.message, /cached reports were deleted; your saved report queries are kept/);
    } finally {
      await dispose();
      await resetExtension(api);
    }
  });
});
