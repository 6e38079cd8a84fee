import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SavedQuery } from '../../src/core/query';
import { REPORT_VIEW_TYPE } from '../../src/extension/reportPanel';
import { DEMO_APP_ID, DEMO_APP_SECRET, type Sandbox } from '../../src/sandbox/server';
import { RecordingNotifier, ScriptedDialogs, ScriptedFlow, extensionApi, issueToken, resetExtension, scriptUi, setBaseUrl, waitFor, withSandbox } from './helpers';

async function directReport(sandbox: Sandbox, params: Record<string, string | number | string[] | number[] | undefined>) {
  const token = await issueToken(sandbox);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const response = await fetch(`${sandbox.baseUrl}/v2/reports/user/customers-helped?${search}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  return (await response.json()) as { current: Array<{ customers: number }>; previous?: Array<{ customers: number }> };
}

describe('report panel (host side)', function () {
  this.timeout(90_000);
  let restore: () => void = () => undefined;

  afterEach(async () => {
    restore();
    await resetExtension(await extensionApi());
  });

  it('opens a panel whose snapshot matches the sandbox’s numbers; reopening reveals the same panel', async () => {
    const api = await extensionApi();
    const sandbox = await withSandbox();
    try {
      restore = scriptUi(api, { notify: new RecordingNotifier() });
      await setBaseUrl(sandbox.baseUrl);
      await vscode.commands.executeCommand('helpscout.signIn', { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET });
      const saved = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', {
        name: 'Numbers',
        query: { userId: api.session.accountInfo!.id, range: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousPeriod' }, types: ['email', 'chat'] },
      });
      const panel = api.panels.open(saved);
      await panel.load({ preferCache: false });
      const snapshot = panel.snapshot!;
      assert.equal(snapshot.status, 'ready');
      const resolved = api.reports.resolve(saved);
      const direct = await directReport(sandbox, { ...resolved.params });
      const sum = (points: Array<{ customers: number }> | undefined) => (points ?? []).reduce((total, p) => total + p.customers, 0);
      assert.equal(snapshot.comparison?.currentTotal, sum(direct.current));
      assert.equal(snapshot.comparison?.previousTotal, sum(direct.previous));
      assert.equal(snapshot.comparison?.rows.length, Math.max(direct.current.length, direct.previous?.length ?? 0));
      assert.ok(snapshot.currentLabel.length > 0 && snapshot.previousLabel);
      assert.deepEqual(snapshot.filters, ['Types: email, chat']);
      assert.equal(snapshot.sampleData, false);

      const again = api.panels.open(saved);
      assert.equal(again, panel, 'one panel per saved query');
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(REPORT_VIEW_TYPE));
      assert.equal(tabs.length, 1);
    } finally {
      await sandbox.close();
    }
  });

  it('refresh: five fast clicks cause one fetch; a second open shows cached data at once, marked stale', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('helpscout.trySampleData');
    const saved = api.stores.forMode('sample')!.list()[0]!;
    const panel = api.panels.open(saved);
    await panel.load({ preferCache: false });
    const sampleStatsBefore = await fetchCount(api);
    await Promise.all([0, 1, 2, 3, 4].map(() => panel.handleMessage({ type: 'refresh' })));
    assert.equal((await fetchCount(api)) - sampleStatsBefore, 1, 'one report request for five refreshes');

    panel.dispose();
    const reopened = api.panels.open(saved);
    assert.equal(reopened.snapshot?.status, 'ready', 'cached data is shown before the fetch completes');
    assert.equal(reopened.snapshot?.stale, true);
    await reopened.load({ preferCache: true });
    assert.equal(reopened.snapshot?.stale, false);
  });

  it('rejects and logs malformed webview messages without acting on them', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('helpscout.trySampleData');
    const saved = api.stores.forMode('sample')!.list()[0]!;
    const dialogs = new ScriptedDialogs();
    let saveDialogs = 0;
    dialogs.saveFile = () => {
      saveDialogs += 1;
      return Promise.resolve(undefined);
    };
    restore = scriptUi(api, { dialogs, notify: new RecordingNotifier() });
    const panel = api.panels.open(saved);
    await panel.load({ preferCache: false });
    const junk: unknown[] = [
      null,
      42,
      'refresh',
      { type: 'export', format: 'exe' },
      { type: 'export', format: 'csv', path: '/etc/passwd' },
      { type: 'savePng', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'setViewBy', viewBy: 'hour' },
      { type: 'recover', action: 'deleteEverything' },
      { type: '__proto__' },
      JSON.parse('{"type":"refresh","__proto__":{"polluted":1}}'),
    ];
    for (const message of junk) await panel.handleMessage(message);
    assert.equal(panel.rejectedMessages, junk.length);
    assert.equal(saveDialogs, 0, 'no export was started');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);

    // A valid one is acted on.
    await panel.handleMessage({ type: 'export', format: 'csv' });
    assert.equal(saveDialogs, 1);
  });

  it('copies the table as TSV or Markdown, says so in the panel, and exports with Open / Reveal', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('helpscout.trySampleData');
    const saved = api.stores.forMode('sample')!.list()[0]!;
    const dialogs = new ScriptedDialogs();
    const titles: string[] = [];
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helpscout-export-'));
    dialogs.saveFile = (options) => {
      titles.push(`${options?.title} [${Object.keys(options?.filters ?? {}).join(',')}]`);
      return Promise.resolve(vscode.Uri.file(path.join(dir, `export-${titles.length}`)));
    };
    const notifier = new RecordingNotifier();
    restore = scriptUi(api, { dialogs, notify: notifier });
    const panel = api.panels.open(saved);
    await panel.load({ preferCache: false });
    await waitFor('the webview to be ready', () => (panel.webviewReady && panel.snapshot?.status === 'ready' ? true : undefined));

    await panel.handleMessage({ type: 'copyTable' });
    const tsv = await vscode.env.clipboard.readText();
    const lines = tsv.trimEnd().split('\n');
    assert.equal(lines.length, (panel.snapshot?.comparison?.rows.length ?? 0) + 2, 'header, one line per bucket, totals');
    for (const line of lines) assert.equal(line.split('\t').length, 6, line);
    await panel.handleMessage({ type: 'copyMarkdown' });
    assert.match(await vscode.env.clipboard.readText(), /^# .+\n[\s\S]*\| Date \| Current \|/);
    assert.deepEqual(panel.notices, ['Table copied', 'Table copied as Markdown']);
    assert.deepEqual(notifier.shown, [], 'a copy raises no toast');

    await panel.handleMessage({ type: 'export', format: 'markdown' });
    await panel.handleMessage({ type: 'export', format: 'csv' });
    assert.match(titles[0]!, /as Markdown \[Markdown\]$/);
    assert.match(titles[1]!, /as CSV \[CSV\]$/);
    const toast = await notifier.next((n) => /exported .* as CSV to /.test(n.message));
    assert.deepEqual(toast.actions, ['Open', 'Reveal in File Explorer']);
    assert.ok(toast.message.includes(path.join(dir, 'export-2')), toast.message);
  });

  it('palette commands act on the report in the active editor: view by, export, refresh', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('helpscout.trySampleData');
    const store = api.stores.forMode('sample')!;
    const saved = store.list().find((q) => q.query.viewBy === 'day')!;
    const dialogs = new ScriptedDialogs();
    const titles: string[] = [];
    dialogs.saveFile = (options) => (titles.push(options?.title ?? ''), Promise.resolve(undefined));
    const flow = new ScriptedFlow([
      { pick: (items) => items.find((i) => i.label === 'By week')!.value },
      { pick: (items) => items.find((i) => i.value === 'csv')!.value },
    ]);
    restore = scriptUi(api, { flow, dialogs, notify: new RecordingNotifier() });
    const panel = api.panels.open(saved);
    await panel.load({ preferCache: false });
    await waitFor('the panel to be the active editor', () => (api.panels.active === panel ? true : undefined));

    await vscode.commands.executeCommand('helpscout.panel.viewBy');
    assert.equal(store.get(saved.id)?.query.viewBy, 'week');
    await waitFor('the weekly data', () => (panel.snapshot?.viewBy === 'week' && panel.snapshot.status === 'ready' ? true : undefined));
    await vscode.commands.executeCommand('helpscout.panel.export');
    assert.equal(titles.length, 1);
    assert.match(titles[0]!, /as CSV$/);
    const before = await fetchCount(api);
    await vscode.commands.executeCommand('helpscout.panel.refresh');
    assert.equal(await fetchCount(api), before + 1, 'refreshed once');
    assert.equal(flow.remaining, 0);
  });

  it('switching view by from the panel saves the query and refetches', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('helpscout.trySampleData');
    const store = api.stores.forMode('sample')!;
    const saved = store.list().find((q) => q.query.viewBy === 'day')!;
    const panel = api.panels.open(saved);
    await panel.load({ preferCache: false });
    assert.deepEqual(panel.snapshot?.allowedViewBy, ['day', 'week']);
    await waitFor('the webview to be ready', () => (panel.webviewReady ? true : undefined));
    await panel.handleMessage({ type: 'setViewBy', viewBy: 'week' });
    assert.deepEqual(panel.notices, ['Saved: by week'], 'the panel says the saved report changed');
    await waitFor('the weekly data', () => (panel.snapshot?.viewBy === 'week' && panel.snapshot.status === 'ready' && !panel.snapshot.stale ? true : undefined));
    assert.equal(store.get(saved.id)?.query.viewBy, 'week');
    assert.ok((panel.snapshot?.comparison?.rows.length ?? 0) <= 6);
    await panel.handleMessage({ type: 'setViewBy', viewBy: 'month' });
    assert.equal(store.get(saved.id)?.query.viewBy, 'week', 'a view by the period does not allow is ignored');
  });
});

async function fetchCount(api: Awaited<ReturnType<typeof extensionApi>>): Promise<number> {
  const stats = api.session.sampleSandbox?.stats;
  assert.ok(stats, 'sample sandbox running');
  return stats.reportRequests;
}
