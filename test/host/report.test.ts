import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SavedQuery } from '../../src/core/query';
import { REPORT_VIEW_TYPE } from '../../src/extension/reportPanel';
import { DEMO_APP_ID, DEMO_APP_SECRET, type Sandbox } from '../../src/sandbox/server';
import { RecordingNotifier, ScriptedDialogs, ScriptedFlow, extensionApi, issueToken, recordLog, resetExtension, scriptUi, setBaseUrl, waitFor, withSandbox } from './helpers';

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
    const sandbox = await withSandbox({ timeZone: 'UTC' });
    try {
      restore = scriptUi(api, { notify: new RecordingNotifier() });
      await setBaseUrl(sandbox.baseUrl);
      await setTimeZone('UTC');
      await api.commands.signIn({ appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET });
      const userId = api.session.accountInfo!.id;
      // A fixed query, so the dates are literals worked out by hand: October against September, by day.
      const saved = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', {
        name: 'Numbers',
        query: {
          metric: 'customersHelped',
          subject: { kind: 'user', userId },
          range: { kind: 'absolute', start: '2026-10-01', end: '2026-10-31' },
          comparison: { kind: 'custom', start: '2026-09-01', end: '2026-09-30' },
          viewBy: 'day',
          types: ['email', 'chat'],
        },
      });
      const panel = api.panels.open(saved);
      await panel.load({ preferCache: false });
      const snapshot = panel.snapshot!;
      assert.equal(snapshot.status, 'ready');
      const rows = snapshot.comparison!.rows;
      assert.equal(rows.length, 31);
      assert.deepEqual([rows[0]?.currentDate, rows[30]?.currentDate], ['2026-10-01T12:00:00Z', '2026-10-31T12:00:00Z']);
      assert.deepEqual([rows[0]?.previousDate, rows[29]?.previousDate, rows[30]?.previousDate], ['2026-09-01T12:00:00Z', '2026-09-30T12:00:00Z', null]);

      // The same request made by hand with the literal wire dates gives the same totals.
      const direct = await directReport(sandbox, {
        user: userId,
        start: '2026-10-01T00:00:00Z',
        end: '2026-11-01T00:00:00Z',
        previousStart: '2026-09-01T00:00:00Z',
        previousEnd: '2026-10-01T00:00:00Z',
        viewBy: 'day',
        types: 'email,chat',
      });
      const sum = (points: Array<{ customers: number }> | undefined) => (points ?? []).reduce((total, p) => total + p.customers, 0);
      assert.equal(snapshot.comparison?.currentTotal, sum(direct.current));
      assert.equal(snapshot.comparison?.previousTotal, sum(direct.previous));

      // And a naive recount of the raw conversations, one UTC calendar day at a time.
      const conversations = sandbox.dataset.conversationsOf(userId).filter((c) => c.type === 'email' || c.type === 'chat');
      const perDay = (day: string) => new Set(conversations.filter((c) => c.date.slice(0, 10) === day).map((c) => c.customerEmail)).size;
      rows.slice(0, 31).forEach((row, i) => assert.equal(row.current, perDay(`2026-10-${String(i + 1).padStart(2, '0')}`), `Oct ${i + 1}`));
      assert.ok(snapshot.currentLabel.length > 0 && snapshot.previousLabel);
      assert.deepEqual(snapshot.filters, ['Types: email, chat']);
      assert.equal(snapshot.sampleData, false);

      const again = api.panels.open(saved);
      assert.equal(again, panel, 'one panel per saved query');
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(REPORT_VIEW_TYPE));
      assert.equal(tabs.length, 1);
    } finally {
      await setTimeZone(undefined);
      await sandbox.close();
    }
  });

  it('a current period of zeros is a drop to −100 % with working exports; a partial week says so', async () => {
    const api = await extensionApi();
    const sandbox = await withSandbox({ timeZone: 'UTC', now: Date.parse('2026-12-01T12:00:00Z') });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helpscout-export-'));
    try {
      const dialogs = new ScriptedDialogs();
      restore = scriptUi(api, { dialogs, notify: new RecordingNotifier() });
      await setBaseUrl(sandbox.baseUrl);
      await setTimeZone('UTC');
      await api.commands.signIn({ appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET });
      // Oliver joined 270 days before the data ends (about March 2026): nobody in October 2025.
      const oliver = sandbox.dataset.users.find((u) => u.firstName === 'Oliver')!;
      const before = sandbox.dataset.conversationsOf(oliver.id).filter((c) => c.date.startsWith('2025-10'));
      assert.equal(before.length, 0, 'Oliver had no conversations in October 2025');
      const saved = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', {
        name: 'Dropped to zero',
        query: { metric: 'customersHelped', subject: { kind: 'user', userId: oliver.id }, range: { kind: 'absolute', start: '2025-10-01', end: '2025-10-31' }, comparison: { kind: 'custom', start: '2026-10-01', end: '2026-10-31' }, viewBy: 'week' },
      });
      const panel = api.panels.open(saved);
      await panel.load({ preferCache: false });
      const c = panel.snapshot!.comparison!;
      assert.equal(c.currentTotal, 0);
      assert.ok((c.previousTotal ?? 0) > 0);
      assert.equal(c.change?.percent, -100);
      // Oct 29–31 is the last "week": 3 of its 7 days.
      assert.deepEqual(c.rows.at(-1)?.currentPartial, { days: 3, of: 7 });

      dialogs.saveTarget = vscode.Uri.file(path.join(dir, 'drop.csv'));
      await panel.handleMessage({ type: 'export', format: 'csv' });
      const csv = await fs.readFile(path.join(dir, 'drop.csv'), 'utf8');
      assert.match(csv, new RegExp(`\r\nTotal,0,,${c.previousTotal},-${c.previousTotal},-100,`));
      assert.match(csv, /\r\n2025-10-29,0,2026-10-29,\d+,-?\d+,[^,]*,current: 3 of 7 days; previous: 3 of 7 days\r\n/);
      dialogs.saveTarget = vscode.Uri.file(path.join(dir, 'drop.md'));
      await panel.handleMessage({ type: 'export', format: 'markdown' });
      assert.match(await fs.readFile(path.join(dir, 'drop.md'), 'utf8'), /\*\*-100 %\*\*/);
    } finally {
      await setTimeZone(undefined);
      await fs.rm(dir, { recursive: true, force: true });
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
    const restoreUi = scriptUi(api, { dialogs, notify: new RecordingNotifier() });
    const panel = api.panels.open(saved);
    await panel.load({ preferCache: false });
    const log = recordLog(api);
    restore = () => {
      log.restore();
      restoreUi();
    };
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
    const logged = log.lines.filter((l) => l.message.startsWith('Ignored a malformed message from the report webview'));
    assert.equal(logged.length, junk.length, `logged: ${JSON.stringify(log.lines)}`);
    assert.ok(logged.every((l) => l.level === 'warn'));
    // Each line says what arrived, in a few words, and never echoes a path it was sent.
    assert.deepEqual(
      logged.slice(0, 4).map((l) => /\((.*)\)\.$/.exec(l.message)?.[1]),
      ['null', '42', 'a string', 'type "export"'],
    );
    assert.ok(logged.every((l) => !l.message.includes('/etc/passwd')));
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
    // Only the final line break goes: the totals row ends in an empty partial-bucket cell.
    const lines = tsv.replace(/\n$/, '').split('\n');
    assert.equal(lines.length, (panel.snapshot?.comparison?.rows.length ?? 0) + 2, 'header, one line per bucket, totals');
    // The CSV's columns, the partial-bucket one included (issue 9).
    for (const line of lines) assert.equal(line.split('\t').length, 7, line);
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
    // One row per calendar week (Monday first) that the last 30 days touch: 5 or 6, never 0.
    assert.equal(panel.snapshot?.comparison?.rows.length, weeksTouchedByLast30Days());
    await panel.handleMessage({ type: 'setViewBy', viewBy: 'month' });
    assert.equal(store.get(saved.id)?.query.viewBy, 'week', 'a view by the period does not allow is ignored');
  });
});

async function setTimeZone(zone: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('helpscout').update('timeZone', zone, vscode.ConfigurationTarget.Global);
}

async function fetchCount(api: Awaited<ReturnType<typeof extensionApi>>): Promise<number> {
  const stats = api.session.sampleSandbox?.stats;
  assert.ok(stats, 'sample sandbox running');
  return stats.reportRequests;
}

/**
 * A naive reference: the calendar weeks (Monday first) that the 30 days up to today touch, today
 * being the date in the zone the extension counts in (the machine's: no helpscout.timeZone set).
 */
function weeksTouchedByLast30Days(): number {
  const zone = vscode.workspace.getConfiguration('helpscout').get<string>('timeZone') || Intl.DateTimeFormat().resolvedOptions().timeZone;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date()).map((p) => [p.type, p.value]),
  );
  const today = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day));
  const day = 86_400_000;
  const mondays = new Set<number>();
  for (let i = 0; i < 30; i++) {
    const date = today - i * day;
    const sinceMonday = (new Date(date).getUTCDay() + 6) % 7;
    mondays.add(date - sinceMonday * day);
  }
  return mondays.size;
}
