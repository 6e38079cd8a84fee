import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import * as vscode from 'vscode';
import type { SavedQuery } from '../../src/core/query';
import { RecordingNotifier, ScriptedDialogs, ScriptedFlow, extensionApi, filesBelow, pointedSandbox, resetExtension, scriptUi, setBaseUrl, waitFor, withSandbox } from './helpers';

const MARKER_APP_ID = 'marker-app-id-4d1c';
const MARKER_SECRET = 'MARKER-SECRET-c0ffee-7f3a9c51';

describe('secrets never leave SecretStorage', function () {
  this.timeout(120_000);

  afterEach(async () => {
    await resetExtension(await extensionApi());
  });

  it('after sign-in, reports, failures, exports and sign-out: zero occurrences in logs, state, settings, files, messages and webview', async () => {
    const api = await extensionApi();
    const sandbox = await withSandbox({ appId: MARKER_APP_ID, appSecret: MARKER_SECRET });
    const notifier = new RecordingNotifier();
    const dialogs = new ScriptedDialogs();
    const restore = scriptUi(api, { notify: notifier, dialogs });
    const exportDir = await fs.mkdtemp(path.join(os.tmpdir(), 'helpscout-secrets-'));
    const tokens = new Set<string>();
    const texts: Array<{ where: string; text: string }> = [];
    try {
      await setBaseUrl(sandbox.baseUrl);
      assert.equal(await api.commands.signIn({ appId: MARKER_APP_ID, appSecret: MARKER_SECRET }), true);
      const remember = async () => {
        const token = await api.session.secrets.get();
        if (token) tokens.add(token.accessToken);
      };
      await remember();
      const saved = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', {
        name: 'Secrets probe',
        query: { metric: 'customersHelped', subject: { kind: 'user', userId: api.session.accountInfo!.id }, range: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousPeriod' } },
      });
      const panel = api.panels.open(saved);
      await panel.load({ preferCache: false });
      texts.push({ where: 'webview html', text: panel.panel.webview.html }, { where: 'snapshot', text: JSON.stringify(panel.snapshot) });

      // A token renewal, a failure with a logRef, and a wrong-shape body, each through the panel.
      sandbox.faults.add({ kind: 'expireTokensEarly', afterSeconds: 0 });
      await panel.load({ preferCache: false });
      await remember();
      sandbox.faults.clear();
      sandbox.faults.add({ kind: 'status', status: 500, pathPrefix: '/v2/reports' });
      await panel.load({ preferCache: false });
      sandbox.faults.clear();
      texts.push({ where: 'error snapshot', text: JSON.stringify(panel.snapshot) });

      for (const format of ['csv', 'json', 'markdown'] as const) {
        await panel.load({ preferCache: false });
        dialogs.saveTarget = vscode.Uri.file(path.join(exportDir, `report.${format}`));
        await panel.handleMessage({ type: 'export', format });
      }
      await api.commands.exportQueries(vscode.Uri.file(path.join(exportDir, 'queries.json')));
      await vscode.commands.executeCommand('helpscout.copyReportJson', saved.id);
      texts.push({ where: 'clipboard', text: await vscode.env.clipboard.readText() });

      // A wrong secret is rejected and must not be echoed either.
      await vscode.commands.executeCommand('helpscout.signOut');
      await api.commands.signIn({ appId: MARKER_APP_ID, appSecret: `${MARKER_SECRET}-wrong` });

      const exported = await filesBelow(exportDir);
      assert.ok(exported.length >= 4, `exported files: ${exported.join(', ')}`);
      for (const file of exported) texts.push({ where: file, text: await fs.readFile(file, 'utf8') });
      for (const n of notifier.shown) texts.push({ where: `notification ${n.severity}`, text: `${n.message} ${n.actions.join(' ')}` });
      texts.push({ where: 'globalState', text: JSON.stringify(api.globalState.keys().map((k) => [k, api.globalState.get(k)])) });
      const settings = vscode.workspace.getConfiguration('helpscout');
      texts.push({ where: 'settings', text: JSON.stringify(['apiBaseUrl', 'requestTimeoutSeconds', 'defaultPeriod', 'defaultComparison', 'weekStart', 'timeZone'].map((k) => settings.inspect(k))) });

      // Every log file of this window session: the output channel's file among them.
      const sessionLogs = path.resolve(api.logUri.fsPath, '..', '..', '..');
      const logFiles = await waitFor('the output channel log file', async () => {
        const files = await filesBelow(sessionLogs);
        const channelFile = files.find((f) => /Help Scout/.test(path.basename(f)));
        if (!channelFile) return undefined;
        return (await fs.readFile(channelFile, 'utf8')).includes('customers-helped') ? files : undefined;
      });
      for (const file of logFiles) texts.push({ where: file, text: await fs.readFile(file, 'utf8').catch(() => '') });

      assert.ok(tokens.size >= 2, 'a renewal happened, so there were at least two tokens to look for');
      const needles = [MARKER_SECRET, ...tokens, 'Bearer '];
      const leaks = texts.flatMap(({ where, text }) => needles.filter((needle) => text.includes(needle)).map((needle) => `${needle.slice(0, 12)}… in ${where}`));
      assert.deepEqual(leaks, [], 'no secret anywhere');
      assert.ok(texts.length >= 12, `${texts.length} places scanned`);
    } finally {
      restore();
      await sandbox.close();
    }
  });
});

describe('hostile data and hostile messages', function () {
  this.timeout(120_000);

  afterEach(async () => {
    await resetExtension(await extensionApi());
  });

  it('names with HTML, RTL overrides, zero-width characters and 10,000 characters are stored safely and reach the panel as data, never as HTML', async () => {
    const api = await extensionApi();
    const { sandbox, dispose } = await pointedSandbox(api, { hostileNames: true });
    try {
      assert.equal(await api.commands.signIn({ appId: sandbox.appId, appSecret: sandbox.appSecret }), true);
      const client = await api.session.client();
      const [users, mailboxes, tags] = await Promise.all([client.listUsers(), client.listMailboxes(), client.listTags()]);
      assert.ok(users.some((u) => `${u.firstName} ${u.lastName}`.length > 1000), 'the sandbox serves a very long name');
      assert.ok(users.some((u) => /<img|<script/.test(`${u.firstName} ${u.lastName}`)));

      // Pick every hostile thing through the real flow.
      const flow = new ScriptedFlow([
        { pick: (items) => items.reduce((a, b) => (b.label.length > a.label.length ? b : a)).value },
        { pick: (items) => items.find((i) => i.label === 'Last 30 days')!.value },
        { pick: (items) => items.find((i) => i.label.startsWith('Add filters'))!.value },
        { pickMany: (items) => items.map((i) => i.value) },
        { pickMany: (items) => items.slice(0, 3).map((i) => i.value) },
        { pickMany: (items) => items.map((i) => i.value).slice(0, 50) },
        { pickMany: () => [] },
        { pick: (items) => items[0]!.value }, // Create report
      ]);
      const notifier = new RecordingNotifier();
      const restoreFlow = scriptUi(api, { flow, notify: notifier });
      const saved = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', { open: false });
      restoreFlow();
      assert.ok(saved, `saved despite hostile names (${JSON.stringify(notifier.shown.map((n) => n.message.slice(0, 300)))})`);
      assert.ok(Array.from(saved.name).length <= 100);
      assert.ok(((saved.query.subject as { userName?: string }).userName ?? '').length <= 200);
      assert.equal(mailboxes.length, saved.query.mailboxes?.length);
      assert.ok(tags.length > 0);

      const rows = await api.tree.getChildren();
      const row = rows.find((r) => 'saved' in r && r.saved.id === saved.id)!;
      assert.ok(row, 'the tree shows it');
      assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(String(row.label) + String(row.description)), 'no bidi overrides reach the tree');

      const panel = api.panels.open(saved);
      await panel.load({ preferCache: false });
      assert.equal(panel.snapshot?.status, 'ready');
      // The name does reach the panel, as snapshot data the webview puts in the DOM as text (the
      // UI test in test/ui/signIn.test.ts reads it back from the page) …
      assert.ok(JSON.stringify(panel.snapshot).includes('<img src=x'), 'the hostile name is in the snapshot sent to the webview');
      // … and never as part of the page's HTML.
      assert.ok(!panel.panel.webview.html.includes('<img src=x'), 'names never reach the HTML page itself');
    } finally {
      await dispose();
    }
  });

  it('fuzzed webview messages never crash the host and only valid ones act', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('helpscout.trySampleData');
    const saved = api.stores.forMode('sample')!.list()[0]!;
    const dialogs = new ScriptedDialogs();
    let dialogsOpened = 0;
    dialogs.saveFile = () => {
      dialogsOpened += 1;
      return Promise.resolve(undefined);
    };
    const flow = new ScriptedFlow([]);
    const restore = scriptUi(api, { dialogs, flow, notify: new RecordingNotifier() });
    try {
      const panel = api.panels.open(saved);
      await panel.load({ preferCache: false });
      const before = JSON.stringify(api.stores.forMode('sample')!.list());
      const VALID_VALUES = ['csv', 'json', 'markdown', 'day', 'week', 'month', 'signIn', 'editQuery', 'retry', 'openLog'];
      const notValid = fc.string().filter((text) => !VALID_VALUES.includes(text));
      const junk = fc.oneof(
        fc.anything({ withNullPrototype: true, withObjectString: true }),
        fc.record({ type: fc.constantFrom('export', 'savePng', 'setViewBy', 'recover', 'toString', '__proto__'), format: notValid, viewBy: notValid, action: notValid, dataUrl: fc.string() }, { requiredKeys: ['type'] }),
      );
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(junk, async (message) => {
          runs += 1;
          const rejectedBefore = panel.rejectedMessages;
          await panel.handleMessage(message);
          // Anything that got through must be exactly a protocol message; these generators make none.
          assert.equal(panel.rejectedMessages, rejectedBefore + 1, `refused: ${JSON.stringify(message)?.slice(0, 200)}`);
        }),
        { numRuns: 300 },
      );
      assert.equal(runs, 300);
      assert.equal(dialogsOpened, 0, 'no save dialog was opened');
      assert.equal(flow.steps.length, 0, 'no prompt was shown');
      assert.equal(JSON.stringify(api.stores.forMode('sample')!.list()), before, 'no saved query changed');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    } finally {
      restore();
    }
  });
});
