import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportQuery, SavedQuery } from '../../src/core/query';
import { STAFF } from '../../src/sandbox/company';
import type { PickItem } from '../../src/extension/flow';
import { RecordingNotifier, ScriptedDialogs, ScriptedFlow, extensionApi, resetExtension, pointedSandbox, scriptUi } from './helpers';

type Api = Awaited<ReturnType<typeof extensionApi>>;

async function inSampleMode(): Promise<Api> {
  const api = await extensionApi();
  await vscode.commands.executeCommand('helpscout.trySampleData');
  return api;
}

function storeOf(api: Api) {
  const store = api.stores.forMode(api.session.mode);
  assert.ok(store);
  return store;
}

describe('saved queries', function () {
  this.timeout(60_000);
  let restore: () => void = () => undefined;

  afterEach(async () => {
    restore();
    await resetExtension(await extensionApi());
  });

  it('three Enters create "me, last 30 days vs previous period" and open it', async () => {
    const api = await inSampleMode();
    const me = api.session.accountInfo!;
    const enter = { pick: (items: PickItem<unknown>[]) => (items.find((i) => i.picked) ?? items[0])!.value };
    const flow = new ScriptedFlow([enter, enter, enter]);
    restore = scriptUi(api, { flow, notify: new RecordingNotifier() });
    const saved = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport');
    assert.ok(saved);
    assert.deepEqual(saved.query.subject, { kind: 'user', userId: me.id, userName: me.name });
    assert.equal(saved.query.metric, 'customersHelped');
    assert.deepEqual(saved.query.range, { kind: 'preset', preset: 'last30Days' });
    assert.deepEqual(saved.query.comparison, { kind: 'previousPeriod' });
    assert.equal(saved.query.viewBy, 'day');
    assert.equal(saved.name, `${me.name} · Last 30 days`);
    assert.deepEqual(flow.steps.map((s) => `${s.step}/${s.totalSteps}`), ['1/3', '2/3', '3/3']);
    assert.ok(api.panels.get(saved.id), 'the new report is open');
  });

  it('creates a query through the review step, with Back on the way', async () => {
    const api = await inSampleMode();
    const before = storeOf(api).list().length;
    const me = api.session.accountInfo!;
    const line = (pattern: RegExp) => ({ pick: (items: PickItem<unknown>[]) => items.find((i) => pattern.test(i.label))!.value });
    const flow = new ScriptedFlow([
      { pick: (items) => items.find((i) => i.value === me.id)!.value }, // user: "me" (after "Everyone")
      line(/^Last 7 days$/),
      'back', // back from the review returns to the period
      line(/^Last 30 days$/),
      line(/^Comparison:/),
      line(/previous period/i),
      line(/^View by:/),
      line(/^By week$/),
      line(/^Add filters/),
      { pickMany: (items) => [items[0]!.value] }, // one inbox
      { pickMany: () => [] }, // all its folders
      { pickMany: () => [] }, // any tag
      { pickMany: (items) => items.filter((i) => i.value === 'chat').map((i) => i.value) },
      line(/^Name:/),
      { input: 'My chats, weekly' },
      line(/Create report/),
    ]);
    const notifier = new RecordingNotifier();
    restore = scriptUi(api, { flow, notify: notifier });
    const saved = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', { open: false });
    assert.ok(saved, `the flow saved a query (notifications: ${JSON.stringify(notifier.shown)})`);
    assert.equal(flow.remaining, 0);
    assert.equal(saved.name, 'My chats, weekly');
    assert.deepEqual(saved.query.subject, { kind: 'user', userId: me.id, userName: (saved.query.subject as { userName?: string }).userName });
    assert.equal(saved.query.metric, 'customersHelped');
    assert.deepEqual(saved.query.range, { kind: 'preset', preset: 'last30Days' });
    assert.equal(saved.query.viewBy, 'week');
    assert.deepEqual(saved.query.types, ['chat']);
    assert.equal(saved.query.mailboxes?.length, 1);
    assert.ok(saved.query.labels?.mailboxes?.[String(saved.query.mailboxes![0])], 'the inbox name is kept for labels');
    assert.equal(storeOf(api).list().length, before + 1);
    // The view-by step offered only what the preset allows: a 30-day range allows day and week.
    const viewByStep = flow.steps.find((s) => /customers helped per/.test(s.placeholder ?? ''));
    assert.match(viewByStep?.placeholder ?? '', /day, week/);
  });

  it('creates a team and an inbox report through the real command; the tree shows them as teams', async () => {
    const api = await inSampleMode();
    const me = api.session.accountInfo!;
    const line = (pattern: RegExp) => ({ pick: (items: PickItem<unknown>[]) => items.find((i) => pattern.test(i.label))!.value });
    const names = STAFF.map((s) => `${s.firstName} ${s.lastName}`).filter((name) => name !== me.name);
    const three = names.slice(0, 3);
    let review: PickItem<unknown>[] = [];
    const flow = new ScriptedFlow([
      line(/^Several people…$/),
      { pickMany: (items) => three.map((name) => items.find((i) => i.label === name)!.value) },
      line(/^Last 30 days$/),
      { pick: (items) => ((review = items), items[0]!.value) },
    ]);
    restore = scriptUi(api, { flow, notify: new RecordingNotifier() });
    const team = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', { open: false });
    assert.ok(team);
    assert.equal(team.query.subject.kind, 'users');
    assert.deepEqual(team.query.subject.kind === 'users' && team.query.subject.users.map((m) => m.name), three);
    assert.equal(team.name, '3 people · Last 30 days');
    // What the real plain-text interface handed the prompt: the check is an icon, not "$ (check)" text.
    assert.equal(review[0]!.label, 'Create report');
    assert.ok(review.some((i) => i.label === `Who: 3 people: ${three.join(', ')}`), review.map((i) => i.label).join(' | '));
    restore();

    // Edit reopens the people step with the team checked; one more makes four, and the name follows.
    const fourth = names[3]!;
    let checked: string[] = [];
    const editFlow = new ScriptedFlow([
      line(/^Who:/),
      { pick: (items) => items.find((i) => i.picked)!.value },
      { pickMany: (items) => ((checked = items.filter((i) => i.picked).map((i) => i.label)), [...items.filter((i) => i.picked), items.find((i) => i.label === fourth)!].map((i) => i.value)) },
      { pick: (items) => items[0]!.value },
    ]);
    restore = scriptUi(api, { flow: editFlow, notify: new RecordingNotifier() });
    const edited = await vscode.commands.executeCommand<SavedQuery>('helpscout.editReport', team.id);
    assert.deepEqual([...checked].sort(), [...three].sort(), 'the team is preselected');
    assert.equal(edited.name, '4 people · Last 30 days');
    assert.deepEqual(edited.query.subject.kind === 'users' && edited.query.subject.users.map((m) => m.name).sort(), [...three, fourth].sort());
    restore();

    const billing = STAFF.filter((s) => s.mailboxes.includes('Billing'));
    let people: PickItem<unknown> | undefined;
    const inboxFlow = new ScriptedFlow([
      line(/^Everyone in an inbox…$/),
      line(/^Billing$/),
      { pick: (items) => ((people = items[0]), items[0]!.value) },
      line(/^Last 7 days$/),
      { pick: (items) => items[0]!.value },
    ]);
    restore = scriptUi(api, { flow: inboxFlow, notify: new RecordingNotifier() });
    const inbox = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', { open: false });
    assert.ok(inbox);
    assert.equal(inbox.query.subject.kind, 'inbox');
    assert.equal(inbox.query.subject.kind === 'inbox' && inbox.query.subject.mailboxName, 'Billing');
    assert.equal(inbox.name, 'Everyone in Billing · Last 7 days');
    // GET /v2/users?mailbox= against the sandbox: the staff who work in Billing.
    assert.equal(people?.description, `${billing.length} people today`);

    const rows = await api.tree.getChildren();
    const rowOf = (id: string) => rows.find((r) => 'saved' in r && r.saved.id === id) as vscode.TreeItem | undefined;
    const teamRow = rowOf(team.id);
    const inboxRow = rowOf(inbox.id);
    assert.equal((teamRow?.iconPath as vscode.ThemeIcon | undefined)?.id, 'organization');
    assert.equal((inboxRow?.iconPath as vscode.ThemeIcon | undefined)?.id, 'inbox');
    assert.match(String(teamRow?.description), /^4 people · /);
    assert.match(String(inboxRow?.description), /^Everyone in Billing · /);
    const tooltip = (teamRow?.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ');
    for (const name of [...three, fourth]) assert.ok(tooltip.includes(name), `the tooltip names ${name}: ${tooltip}`);
  });

  it('the tree labels each filter and dates its tooltip in the same style as the panel', async () => {
    const api = await inSampleMode();
    const store = storeOf(api);
    const saved = await store.add('Same names', {
      metric: 'customersHelped',
      subject: { kind: 'user', userId: api.session.accountInfo!.id, userName: 'Maya Lindqvist' },
      range: { kind: 'absolute', start: '2026-10-01', end: '2026-10-31' },
      comparison: { kind: 'none' },
      viewBy: 'week',
      mailboxes: [1],
      tags: [2],
      labels: { mailboxes: { 1: 'Support' }, tags: { 2: 'Support' } },
    });
    const rows = await api.tree.getChildren();
    const row = rows.find((r) => 'saved' in r && r.saved.id === saved.id) as vscode.TreeItem | undefined;
    assert.ok(row);
    const description = String(row.description).replace(/[\u2009\u202f]/g, ' ');
    assert.ok(description.endsWith('Inbox: Support · Tag: Support'), description);
    // appendText keeps spaces as &nbsp;; ICU puts thin spaces around range dashes.
    const tooltip = (row.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/[\u2009\u202f]/g, ' ');
    assert.equal(vscode.env.language, 'en', 'the test window is in English');
    assert.match(tooltip, /Oct 1 – 31, 2026/, tooltip);
    assert.match(tooltip, /Updated \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}/, tooltip);
    assert.doesNotMatch(tooltip, /\d+\/\d+\/\d{4}/, 'no numeric date');
  });

  it('"Open Report…" picks a saved report by name and opens it', async () => {
    const api = await inSampleMode();
    const target = storeOf(api).list()[1]!;
    const flow = new ScriptedFlow([{ pick: (items) => items.find((i) => i.label === target.name)!.value }]);
    restore = scriptUi(api, { flow });
    const opened = await vscode.commands.executeCommand<SavedQuery>('helpscout.pickReport');
    assert.equal(opened?.id, target.id);
    assert.ok(api.panels.get(target.id));
    const names = flow.offered[0]!.map((i) => i.label);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
  });

  it('Escape in the middle of the flow saves nothing and changes nothing', async () => {
    const api = await inSampleMode();
    const before = JSON.stringify(storeOf(api).list());
    const flow = new ScriptedFlow([{ pick: (items) => items[0]!.value }, 'cancel']);
    restore = scriptUi(api, { flow });
    const saved = await vscode.commands.executeCommand('helpscout.newReport');
    assert.equal(saved, undefined);
    assert.equal(JSON.stringify(storeOf(api).list()), before);
  });

  it('refuses invalid custom dates inline and accepts valid ones', async () => {
    const api = await inSampleMode();
    const flow = new ScriptedFlow([
      { pick: (items) => items[0]!.value },
      { pick: (items) => items.find((i) => i.value === 'custom')!.value },
      { input: '2026-02-30' }, // refused: no such date
      { input: '2026-13-01' }, // refused
      { input: '2026-09-01' },
      { input: '2026-08-01' }, // refused: before the start
      { input: '2026-09-30' },
      { pick: (items) => items.find((i) => /^Comparison:/.test(i.label))!.value },
      { pick: (items) => items.find((i) => /no comparison/i.test(i.label))!.value },
      { pick: (items) => items.find((i) => /^Name:/.test(i.label))!.value },
      { input: 'September' },
      { pick: (items) => items[0]!.value },
    ]);
    restore = scriptUi(api, { flow, notify: new RecordingNotifier() });
    const saved = await vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', { open: false });
    assert.ok(saved);
    assert.deepEqual(saved.query.range, { kind: 'absolute', start: '2026-09-01', end: '2026-09-30' });
    assert.equal(flow.validationMessages.length, 3, flow.validationMessages.join(' | '));
    for (const message of flow.validationMessages) assert.match(message, /range|date|yyyy/i);
  });

  it('edits (prefilled), renames, duplicates, copies as JSON and deletes with confirmation', async () => {
    const api = await inSampleMode();
    const store = storeOf(api);
    const original = store.list()[0]!;
    const dialogs = new ScriptedDialogs();
    const notifier = new RecordingNotifier();
    // Edit opens on the review: change only the period and the view, then save.
    const flow = new ScriptedFlow([
      { pick: (items) => items.find((i) => /^Period:/.test(i.label))!.value },
      { pick: (items) => items.find((i) => i.label === 'Last 90 days')!.value },
      { pick: (items) => items.find((i) => /^View by:/.test(i.label))!.value },
      { pick: (items) => items.find((i) => i.value === 'week')!.value },
      { pick: (items) => items[0]!.value },
    ]);
    restore = scriptUi(api, { flow, dialogs, notify: notifier });
    const edited = await vscode.commands.executeCommand<SavedQuery>('helpscout.editReport', original.id);
    assert.equal(edited.id, original.id);
    assert.equal(edited.name, original.name, 'the prefilled name was kept');
    assert.deepEqual(edited.query.subject, original.query.subject, 'the prefilled user was kept');
    assert.deepEqual(edited.query.range, { kind: 'preset', preset: 'last90Days' });

    const renamed = await vscode.commands.executeCommand<SavedQuery>('helpscout.renameReport', original.id, '  Quarterly view  ');
    assert.equal(renamed.name, 'Quarterly view');

    const copy = await vscode.commands.executeCommand<SavedQuery>('helpscout.duplicateReport', original.id);
    assert.notEqual(copy.id, original.id);
    assert.match(copy.name, /Quarterly view \(copy/);
    assert.deepEqual(copy.query, renamed.query);

    const json = await vscode.commands.executeCommand<string>('helpscout.copyReportJson', copy.id);
    assert.deepEqual(JSON.parse(json), { name: copy.name, query: copy.query });
    assert.equal(await vscode.env.clipboard.readText(), json);

    dialogs.confirmAnswer = false;
    assert.equal(await vscode.commands.executeCommand('helpscout.deleteReport', copy.id), false);
    assert.ok(store.get(copy.id), 'declining the confirmation keeps it');
    dialogs.confirmAnswer = true;
    assert.equal(await vscode.commands.executeCommand('helpscout.deleteReport', copy.id), true);
    assert.equal(store.get(copy.id), undefined);
    assert.match(dialogs.confirmations.join(' '), /Quarterly view \(copy/);
  });

  it('rejects an invalid query before any request, naming the field', async () => {
    const api = await inSampleMode();
    const notifier = new RecordingNotifier();
    restore = scriptUi(api, { notify: notifier });
    const before = storeOf(api).list().length;
    const query: ReportQuery = { metric: 'customersHelped', subject: { kind: 'user', userId: api.session.accountInfo!.id }, range: { kind: 'preset', preset: 'last90Days' }, comparison: { kind: 'none' }, viewBy: 'day' };
    await vscode.commands.executeCommand('helpscout.newReport', { name: 'Too fine', query });
    const shown = await notifier.next((n) => n.severity === 'error');
    assert.match(shown.message, /view by week or month/);
    assert.ok(shown.actions.includes('Edit Query'));
    assert.equal(storeOf(api).list().length, before);
  });

  it('persists across a reload of the store and exports/imports a file', async () => {
    const api = await inSampleMode();
    const names = storeOf(api).list().map((q) => q.name);
    api.stores.unload();
    assert.deepEqual(storeOf(api).list().map((q) => q.name), names, 'the same queries after reading globalState again');

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helpscout-export-'));
    const file = vscode.Uri.file(path.join(dir, 'reports.json'));
    const notifier = new RecordingNotifier();
    restore = scriptUi(api, { notify: notifier });
    await api.commands.exportQueries(file);
    const exported = JSON.parse(await fs.readFile(file.fsPath, 'utf8')) as { queries: unknown[] };
    assert.equal(exported.queries.length, names.length);

    // A file with one good entry and two bad ones: the good one is imported, the others reported.
    const hostile = {
      format: 'helpscout-reports/saved-queries',
      version: 1,
      queries: [
        { ...(exported.queries[0] as object), name: 'Imported from a colleague' },
        { name: 'Bad user', query: { metric: 'customersHelped', subject: { kind: 'user', userId: -4 }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' } } },
        JSON.parse('{"name":"Polluter","__proto__":{"polluted":true},"query":{"userId":1,"range":{"kind":"preset","preset":"nope"},"comparison":{"kind":"none"}}}'),
      ],
    };
    const importFile = vscode.Uri.file(path.join(dir, 'import.json'));
    await fs.writeFile(importFile.fsPath, JSON.stringify(hostile));
    const result = await api.commands.importQueries(importFile);
    assert.ok(result);
    assert.equal(result.added, 1);
    assert.equal(result.skipped.length, 2);
    assert.match(result.skipped.join(' '), /userId/);
    assert.match(result.skipped.join(' '), /preset/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const warning = await notifier.next((n) => n.severity === 'warn');
    assert.match(warning.message, /imported 1 .*skipped 2/);
  });

  it('recovers from a corrupt store: backs it up and reports it', async () => {
    const api = await extensionApi();
    await api.globalState.update('sample.helpscout.savedQueries', { schemaVersion: 1, revision: 3, queries: 'not a list' });
    const notifier = new RecordingNotifier();
    restore = scriptUi(api, { notify: notifier });
    api.stores.unload();
    await vscode.commands.executeCommand('helpscout.trySampleData');
    const warning = await notifier.next((n) => n.severity === 'warn');
    assert.match(warning.message, /could not be read/);
    const backups = api.globalState.keys().filter((key) => key.startsWith('sample.helpscout.savedQueries.backup.'));
    assert.equal(backups.length, 1, 'the corrupt value was backed up');
    assert.deepEqual(api.globalState.get(backups[0]!), { schemaVersion: 1, revision: 3, queries: 'not a list' });
  });
});

describe('saved queries under load and across versions', function () {
  this.timeout(240_000);

  afterEach(async () => {
    await resetExtension(await extensionApi());
  });

  it('a store written by a newer version is reported and left untouched', async () => {
    const api = await extensionApi();
    const newer = { schemaVersion: 99, revision: 7, queries: [], somethingNew: { kept: true } };
    await api.globalState.update('sample.helpscout.savedQueries', newer);
    const notifier = new RecordingNotifier();
    const restore = scriptUi(api, { notify: notifier });
    try {
      api.stores.unload();
      await vscode.commands.executeCommand('helpscout.trySampleData');
      const warning = await notifier.next((n) => n.severity === 'warn');
      assert.match(warning.message, /newer version/);
      await vscode.commands.executeCommand('helpscout.newReport', {
        name: 'Should not be written',
        query: { metric: 'customersHelped', subject: { kind: 'user', userId: api.session.accountInfo!.id }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' } },
      });
      const refusal = await notifier.next((n) => n.severity === 'error');
      assert.match(refusal.message, /newer version/);
      assert.deepEqual(api.globalState.get('sample.helpscout.savedQueries'), newer, 'not overwritten');
    } finally {
      restore();
    }
  });

  it('refreshes 100 saved queries against 60 requests a minute: no error shown, none lost or duplicated', async () => {
    const api = await extensionApi();
    const { sandbox, notifier, dispose } = await pointedSandbox(api, { rateLimitPerMinute: 60, latencyMs: 100 });
    try {
      assert.equal(await api.commands.signIn({ appId: sandbox.appId, appSecret: sandbox.appSecret }), true);
      const users = await (await api.session.client()).listUsers();
      const store = storeOf(api);
      const presets = ['last7Days', 'last30Days', 'last90Days', 'lastWeek', 'lastMonth', 'lastQuarter', 'thisYear', 'lastYear'] as const;
      const candidates = users.flatMap((user) => presets.map((preset) => ({ user, preset })));
      for (let i = 0; i < 100; i++) {
        const { user, preset } = candidates[i % candidates.length]!;
        const viewBy = preset === 'lastYear' || preset === 'thisYear' ? 'month' : 'week';
        await store.add(`Q${i}`, { metric: 'customersHelped', subject: { kind: 'user', userId: user.id }, range: { kind: 'preset', preset }, comparison: { kind: i % 2 ? 'previousPeriod' : 'none' }, viewBy });
      }
      assert.equal(store.list().length, 100);
      notifier.clear();
      sandbox.resetStats();
      const started = Date.now();
      const result = await vscode.commands.executeCommand<{ refreshed: number; failed: number }>('helpscout.refreshAll');
      const seconds = (Date.now() - started) / 1000;
      assert.deepEqual(result, { refreshed: 100, failed: 0 });
      assert.deepEqual(notifier.shown.filter((n) => n.severity !== 'info'), [], 'no error or warning shown');
      assert.equal(sandbox.stats.reportRequests, 100, 'one request per query: none lost, none duplicated');
      const names = store.list().map((q) => q.name);
      assert.equal(new Set(names).size, 100);
      const missing = store.list().filter((saved) => !api.reports.cached(saved)).map((saved) => saved.name);
      const cacheKeys = Object.keys(api.globalState.get<Record<string, unknown>>('helpscout.reportCache') ?? {}).length;
      assert.deepEqual(missing, [], `every query has fresh data (${cacheKeys} cache entries)`);
      assert.ok(seconds < 1.3 * 61, `took ${seconds.toFixed(1)} s`);
    } finally {
      await dispose();
    }
  });
});
