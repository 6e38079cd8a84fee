// The report panel when things go wrong: its error state and every recovery action it offers,
// the stale-data banner over an error, restoring a panel after a reload when its query is gone
// or its saved state is junk, and an import of 1,000 saved reports through the store and the tree.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { report } from './harness';
import type { ReportQuery } from '../../src/core/query';
import { REPORT_VIEW_TYPE } from '../../src/extension/reportPanel';
import { RecordingNotifier, ScriptedFlow, extensionApi, recordLog, resetExtension, scriptUi, waitFor } from './helpers';

type Api = Awaited<ReturnType<typeof extensionApi>>;

async function inSampleMode(): Promise<Api> {
  const api = await extensionApi();
  await vscode.commands.executeCommand('helpscout.trySampleData');
  assert.ok(api.session.sampleSandbox, 'the sample sandbox runs');
  return api;
}

function sampleStore(api: Api) {
  const store = api.stores.forMode('sample');
  assert.ok(store, 'the sample store is loaded');
  return store;
}

function newPanel(title: string): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, title, vscode.ViewColumn.Active, { enableScripts: true });
}

function disposed(panel: vscode.WebviewPanel): Promise<true> {
  return new Promise((resolve) => panel.onDidDispose(() => resolve(true)));
}

describe('report panel: error state, recovery, restore', function () {
  this.timeout(90_000);
  const cleanups: Array<() => void> = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await resetExtension(await extensionApi());
  });

  it('each error kind shows its recovery actions over the earlier data, marked stale, and each action does what it says', async () => {
    const api = await inSampleMode();
    const sandbox = api.session.sampleSandbox!;
    const saved = sampleStore(api).list()[0]!;
    const flow = new ScriptedFlow(['cancel', 'cancel']);
    const notifier = new RecordingNotifier();
    cleanups.push(scriptUi(api, { flow, notify: notifier }));
    const panel = api.panels.open(saved);
    await panel.load({ preferCache: false });
    assert.equal(panel.snapshot?.status, 'ready');

    const faults: Array<{ rule: Parameters<typeof sandbox.faults.add>[0]; kind: string; actions: string[] }> = [
      { rule: { kind: 'status', status: 401, pathPrefix: '/v2/reports' }, kind: 'auth', actions: ['signIn', 'openLog'] },
      { rule: { kind: 'status', status: 500, pathPrefix: '/v2/reports' }, kind: 'server', actions: ['retry', 'openLog'] },
      { rule: { kind: 'status', status: 503, pathPrefix: '/v2/reports' }, kind: 'server', actions: ['retry', 'openLog'] },
      { rule: { kind: 'wrongShape', variant: 'customersAsString', pathPrefix: '/v2/reports' }, kind: 'badResponse', actions: ['retry', 'openLog'] },
    ];
    for (const { rule, kind, actions } of faults) {
      const fault = sandbox.faults.add(rule);
      const requests = sandbox.stats.reportRequests;
      await panel.handleMessage({ type: 'recover', action: 'retry' });
      const hits = sandbox.faults.list().find((f) => f.id === fault)?.hits;
      sandbox.faults.remove(fault);
      assert.ok(sandbox.stats.reportRequests > requests, `${kind}: requested again (hits ${hits}, ${JSON.stringify(panel.snapshot?.error)})`);
      // The data fetched before stays on screen (status ready), marked stale, with the error over it.
      assert.equal(panel.snapshot?.status, 'ready', `${kind}: the earlier data is shown`);
      assert.equal(panel.snapshot?.error?.kind, kind);
      assert.deepEqual(panel.snapshot?.error?.actions, actions, `${kind}: the ways out`);
      assert.equal(panel.snapshot?.stale, true, `${kind}: earlier data is kept and marked stale`);
      assert.ok((panel.snapshot?.comparison?.rows.length ?? 0) > 0, `${kind}: the earlier rows are still there`);
    }

    // signIn opens the sign-in prompt, cancelled here: nothing changes.
    await panel.handleMessage({ type: 'recover', action: 'signIn' });
    await waitFor('the sign-in prompt', () => (flow.steps.length >= 1 ? true : undefined));
    assert.equal(flow.steps[0]!.title, 'Sign in to Help Scout');
    assert.equal(api.session.mode, 'sample');

    // openLog shows the log.
    const channel = api.log.channel as { show: (preserveFocus?: boolean) => void };
    const show = channel.show;
    let shown = 0;
    channel.show = () => void shown++;
    cleanups.push(() => (channel.show = show));
    await panel.handleMessage({ type: 'recover', action: 'openLog' });
    assert.equal(shown, 1);

    // retry, once Help Scout is back: fresh data, no error, not stale.
    const before = sandbox.stats.reportRequests;
    await panel.handleMessage({ type: 'recover', action: 'retry' });
    assert.equal(sandbox.stats.reportRequests, before + 1);
    assert.equal(panel.snapshot?.status, 'ready');
    assert.equal(panel.snapshot?.error, undefined);
    assert.equal(panel.snapshot?.stale, false);

    // An unknown user (404) and a query that cannot be sent offer Edit query, which opens the edit flow.
    const store = sampleStore(api);
    const unknownUser = await store.add('Unknown user', { ...saved.query, subject: { kind: 'user', userId: 987654 } });
    const notFound = api.panels.open(unknownUser);
    await notFound.load({ preferCache: false });
    assert.equal(notFound.snapshot?.error?.kind, 'notFound');
    assert.deepEqual(notFound.snapshot?.error?.actions, ['editQuery', 'openLog']);
    await notFound.handleMessage({ type: 'recover', action: 'editQuery' });
    await waitFor('the edit flow', () => (flow.steps.length >= 2 ? true : undefined));
    assert.equal(flow.steps[1]!.title, `Edit “${unknownUser.name}”`);

    const future = await store.add('In the future', { ...saved.query, range: { kind: 'absolute', start: '2099-01-01', end: '2099-01-31' }, comparison: { kind: 'none' }, viewBy: 'day' });
    const local = api.panels.open(future);
    await local.load({ preferCache: false });
    assert.equal(local.snapshot?.error?.kind, 'validation-local');
    assert.deepEqual(local.snapshot?.error?.actions, ['editQuery']);
  });

  it('an error with no earlier data shows the error state alone, not a stale banner', async () => {
    const api = await inSampleMode();
    const sandbox = api.session.sampleSandbox!;
    cleanups.push(scriptUi(api, { notify: new RecordingNotifier() }));
    const fault = sandbox.faults.add({ kind: 'status', status: 500, pathPrefix: '/v2/reports' });
    cleanups.push(() => sandbox.faults.remove(fault));
    const saved = sampleStore(api).list()[1]!;
    const panel = api.panels.open(saved, { forceRefresh: true });
    await panel.load({ preferCache: false });
    assert.equal(panel.snapshot?.status, 'error');
    assert.equal(panel.snapshot?.comparison, undefined);
    assert.notEqual(panel.snapshot?.stale, true);
    assert.deepEqual(panel.snapshot?.error?.actions, ['retry', 'openLog']);
  });

  it('restoring a panel whose query was deleted closes it and says so in the log', async () => {
    const api = await inSampleMode();
    const store = sampleStore(api);
    const doomed = await store.add('Deleted before the reload', store.list()[0]!.query);
    await store.remove(doomed.id);
    const log = recordLog(api);
    cleanups.push(log.restore);
    const panel = newPanel(doomed.name);
    const closed = disposed(panel);
    assert.equal(await api.panels.restore(panel, { queryId: doomed.id, chartType: 'bar' }), undefined);
    assert.equal(await closed, true);
    assert.equal(api.panels.get(doomed.id), undefined);
    assert.ok(log.lines.some((l) => /no longer exists; closing it/.test(l.message)), JSON.stringify(log.lines));
  });

  it('restoring with malformed state closes the panel without throwing; a good state restores its query', async () => {
    const api = await inSampleMode();
    const saved = sampleStore(api).list()[0]!;
    const junk: unknown[] = [
      undefined,
      null,
      42,
      'q',
      [],
      [saved.id],
      {},
      { queryId: 42 },
      { queryId: { id: saved.id } },
      { queryId: '' },
      { queryId: 'x'.repeat(100_000) },
      // An inherited queryId is not the state's own: never read.
      JSON.parse(`{"__proto__": {"queryId": ${JSON.stringify(saved.id)}}}`),
      Object.create({ queryId: saved.id }),
    ];
    for (const state of junk) {
      const panel = newPanel('junk');
      const closed = disposed(panel);
      assert.equal(await api.panels.restore(panel, state), undefined, `state ${JSON.stringify(state)?.slice(0, 80)}`);
      assert.equal(await closed, true);
    }
    assert.equal(api.panels.get(saved.id), undefined, 'none of them became a panel');

    const panel = newPanel(saved.name);
    const restored = await api.panels.restore(panel, { queryId: saved.id, chartType: 'no such chart', sort: 'junk' });
    assert.ok(restored, 'the panel is restored');
    assert.equal(api.panels.get(saved.id), restored);
    await waitFor('the restored report', () => (restored.snapshot?.status === 'ready' ? true : undefined));
    assert.equal(restored.snapshot?.queryId, saved.id);
  });

  it('imports 1,000 saved reports through the store and shows them in the tree', async () => {
    const api = await inSampleMode();
    const store = sampleStore(api);
    const before = store.list().length;
    const query: ReportQuery = { metric: 'customersHelped', subject: store.list()[0]!.query.subject, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'previousPeriod' }, viewBy: 'day' };
    const entries = Array.from({ length: 1000 }, (_, i) => ({ name: `Imported ${String(i + 1).padStart(4, '0')}`, query }));
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helpscout-import-'));
    const file = vscode.Uri.file(path.join(dir, 'thousand.json'));
    await fs.writeFile(file.fsPath, JSON.stringify({ format: 'helpscout-reports/saved-queries', version: 1, queries: entries }));
    const notifier = new RecordingNotifier();
    cleanups.push(scriptUi(api, { notify: notifier }));

    const started = Date.now();
    const result = await api.commands.importQueries(file);
    const took = Date.now() - started;
    assert.ok(result, 'the import ran');
    assert.equal(result.added, 1000);
    assert.deepEqual(result.skipped, []);
    report(`import of 1,000 saved reports: ${took} ms`);

    // The store, what is persisted, and a fresh read of globalState all have the 1,000, in file order.
    const names = store.list().slice(before).map((q) => q.name);
    assert.deepEqual(names, entries.map((e) => e.name));
    assert.equal(new Set(store.list().map((q) => q.id)).size, before + 1000, 'every id is its own');
    api.stores.unload();
    assert.equal(sampleStore(api).list().length, before + 1000, 'persisted');

    // The tree: the account row, then one row per saved report, the imported ones last.
    const rows = await api.tree.getChildren();
    const reportRows = rows.filter((r) => 'saved' in r);
    assert.equal(reportRows.length, before + 1000);
    assert.deepEqual(
      reportRows.slice(before).map((r) => String((r as { label?: unknown }).label)),
      entries.map((e) => e.name),
    );

    // Importing the same file again adds nothing.
    const again = await api.commands.importQueries(file);
    assert.ok(again, 'the second import ran');
    assert.equal(again.added, 0);
    assert.equal(again.skipped.length, 1000);
    assert.equal(sampleStore(api).list().length, before + 1000);
  });
});
