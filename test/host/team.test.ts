import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { personQueryId } from '../../src/core/personQuery';
import type { ReportQuery, SavedQuery } from '../../src/core/query';
import { REPORT_VIEW_TYPE } from '../../src/extension/reportPanel';
import type { DrilldownToWebview } from '../../src/protocol/drilldown';
import { DEMO_APP_ID, DEMO_APP_SECRET, type Sandbox } from '../../src/sandbox/server';
import { RecordingNotifier, ScriptedFlow, extensionApi, recordPosts, resetExtension, scriptUi, setBaseUrl, waitFor, withSandbox } from './helpers';

type Api = Awaited<ReturnType<typeof extensionApi>>;
type Page = Extract<DrilldownToWebview, { type: 'drilldown/page' }>;
type DrillError = Extract<DrilldownToWebview, { type: 'drilldown/error' }>;

/** No user of the sandbox has this id: its report answers 404. */
const NOBODY = 987_654;

describe('team reports in the real extension host (issue 12)', function () {
  this.timeout(120_000);
  let restore: () => void = () => undefined;
  let sandbox: Sandbox;

  // The sandbox buckets in 24-hour steps; UTC makes those the extension's calendar days.
  before(async () => {
    await vscode.workspace.getConfiguration('helpscout').update('timeZone', 'UTC', vscode.ConfigurationTarget.Global);
    sandbox = await withSandbox({ timeZone: 'UTC' });
  });
  after(async () => {
    await vscode.workspace.getConfiguration('helpscout').update('timeZone', undefined, vscode.ConfigurationTarget.Global);
    await sandbox.close();
  });
  afterEach(async () => {
    restore();
    await resetExtension(await extensionApi());
  });

  /** Signed in to the sandbox, with a saved team report of `ids` (last October, against September, by week). */
  async function teamReport(api: Api, ids: number[]): Promise<SavedQuery> {
    restore = scriptUi(api, { notify: new RecordingNotifier() });
    await setBaseUrl(sandbox.baseUrl);
    await api.commands.signIn({ appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET });
    const names = new Map(sandbox.dataset.users.map((u) => [u.id, `${u.firstName} ${u.lastName}`]));
    const query: ReportQuery = {
      metric: 'customersHelped',
      subject: { kind: 'users', users: ids.map((id) => (names.has(id) ? { id, name: names.get(id)! } : { id })) },
      range: { kind: 'absolute', start: '2026-10-01', end: '2026-10-31' },
      comparison: { kind: 'previousPeriod' },
      viewBy: 'week',
      types: ['email', 'chat'],
    };
    return vscode.commands.executeCommand<SavedQuery>('helpscout.newReport', { name: 'Support team', query });
  }

  it('a 5-person team: one row per person whose totals equal their own report; the cards show the Team total; a row opens that report', async () => {
    const api = await extensionApi();
    const ids = sandbox.dataset.users.slice(0, 5).map((u) => u.id);
    const team = await teamReport(api, ids);
    const row = (await api.tree.getChildren()).find((node) => node.id === team.id) as vscode.TreeItem;
    assert.match(String(row.description), /^5 people · /, 'the tree says how many people');
    assert.equal((row.iconPath as vscode.ThemeIcon).id, 'organization');
    const panel = api.panels.open(team);
    const posted = recordPosts(panel);
    await panel.handleMessage({ type: 'ready' });
    await panel.load({ preferCache: false });
    const snapshot = panel.snapshot!;
    assert.equal(snapshot.status, 'ready', JSON.stringify(snapshot.error));
    const people = snapshot.team!.people;
    assert.deepEqual(people.map((p) => p.id), ids, 'in the order of the subject');
    assert.ok(people.every((p) => !p.error && p.current?.length === snapshot.comparison!.rows.length));
    assert.equal(snapshot.comparison!.currentTotal, people.reduce((sum, p) => sum + p.currentTotal!, 0));
    const progress = posted.flatMap((m) => (m.type === 'snapshot' && m.snapshot.team?.progress ? [m.snapshot.team.progress.loaded] : []));
    assert.deepEqual(progress, [0, 1, 2, 3, 4, 5], 'a complete snapshot as each person settles');

    for (const person of people) {
      await panel.handleMessage({ type: 'team/openPerson', userId: person.id });
      const own = await waitFor(`${person.name}'s panel`, () => api.panels.get(personQueryId(team.id, person.id)));
      await own.load({ preferCache: true });
      const single = own.snapshot!;
      assert.equal(single.status, 'ready');
      assert.equal(single.team, undefined, 'a one-person report');
      assert.equal(single.comparison!.currentTotal, person.currentTotal, `${person.name}: current`);
      assert.equal(single.comparison!.previousTotal, person.previousTotal, `${person.name}: previous`);
      assert.deepEqual(single.comparison!.rows.map((r) => r.current), person.current);
      assert.deepEqual([single.currentLabel, single.previousLabel, single.viewBy, single.filters], [snapshot.currentLabel, snapshot.previousLabel, snapshot.viewBy, snapshot.filters]);
    }
    assert.equal(api.stores.forMode('account')!.list().length, 1, 'the people’s reports are not saved');

    const before = panel.rejectedMessages;
    await panel.handleMessage({ type: 'team/openPerson', userId: NOBODY });
    assert.equal(panel.rejectedMessages, before + 1, 'someone outside the team is refused');

    await panel.handleMessage({ type: 'copyTable', teamTable: 'ranking' });
    const ranking = (await vscode.env.clipboard.readText()).trimEnd().split('\n').map((line) => line.split('\t'));
    assert.deepEqual(
      ranking.slice(1, 6).map((cells) => [cells[0], Number(cells[1])]),
      people.map((p) => [p.name, p.currentTotal]),
    );
    await panel.handleMessage({ type: 'copyTable', teamTable: 'people' });
    const byPerson = (await vscode.env.clipboard.readText()).trimEnd().split('\n').map((line) => line.split('\t'));
    assert.deepEqual(byPerson[0]!.slice(1), [...people.map((p) => p.name), 'Team total']);
  });

  it('a person who does not exist (404) is a row with the error; the rest of the team shows; everyone failing is the error state', async () => {
    const api = await extensionApi();
    const [first, second] = sandbox.dataset.users.map((u) => u.id);
    const team = await teamReport(api, [first!, NOBODY, second!]);
    const panel = api.panels.open(team);
    await panel.load({ preferCache: false });
    const snapshot = panel.snapshot!;
    assert.equal(snapshot.status, 'ready');
    const missing = snapshot.team!.people[1]!;
    assert.equal(missing.error?.status, 404);
    assert.match(missing.error!.message, /not found/i);
    assert.equal(missing.currentTotal, null);
    assert.equal(snapshot.comparison!.currentTotal, snapshot.team!.people[0]!.currentTotal! + snapshot.team!.people[2]!.currentTotal!);

    const nobody = await vscode.commands.executeCommand<SavedQuery>('helpscout.editReport', team.id, {
      name: 'Nobody',
      query: { ...team.query, subject: { kind: 'users', users: [{ id: NOBODY }, { id: NOBODY + 1 }] } },
    });
    await panel.load({ preferCache: false });
    assert.equal(nobody.name, 'Nobody');
    assert.equal(panel.snapshot!.status, 'error');
    assert.equal(panel.snapshot!.error?.status, 404);
    assert.ok(panel.snapshot!.error!.actions.includes('editQuery'));
  });

  it('drills into the picked person’s conversations; the Team total and an outsider are refused', async () => {
    const api = await extensionApi();
    const ids = sandbox.dataset.users.slice(0, 3).map((u) => u.id);
    const team = await teamReport(api, ids);
    const panel = api.panels.open(team);
    await panel.load({ preferCache: false });
    const posted = recordPosts(panel);
    await panel.handleMessage({ type: 'ready' });
    const person = panel.snapshot!.team!.people[2]!;
    const index = person.current!.indexOf(Math.max(...person.current!));
    const pages: Page[] = [];
    for (let page = 1; page === 1 || page <= pages.at(-1)!.pages; page++) {
      await panel.handleMessage({ type: 'drilldown/open', requestId: page, series: 'current', index, page, userId: person.id });
      pages.push(await waitFor(`page ${page}`, () => posted.find((m): m is Page => m.type === 'drilldown/page' && m.requestId === page)));
    }
    const rows = pages.flatMap((p) => p.rows);
    assert.equal(new Set(rows.map((r) => r.email)).size, person.current![index], 'distinct customers = that person’s number for that week');
    // That person's customers: every one is in their conversations in the sandbox's data.
    const theirs = new Set(sandbox.dataset.conversationsOf(person.id).map((c) => c.customerEmail));
    assert.ok(rows.every((r) => theirs.has(r.email)));

    const error = (requestId: number) => waitFor('the refusal', () => posted.find((m): m is DrillError => m.type === 'drilldown/error' && m.requestId === requestId));
    await panel.handleMessage({ type: 'drilldown/open', requestId: 100, series: 'current', index, page: 1 });
    assert.match((await error(100)).message, /^Pick a person’s line/);
    await panel.handleMessage({ type: 'drilldown/open', requestId: 101, series: 'current', index, page: 1, userId: NOBODY });
    assert.equal((await error(101)).message, 'That person is not part of this team report.');
  });

  it('a person’s report opened from the team: View by and Metric switch without saving, it is restored from the team, and goes with it', async () => {
    const api = await extensionApi();
    const ids = sandbox.dataset.users.slice(0, 2).map((u) => u.id);
    const team = await teamReport(api, ids);
    const panel = api.panels.open(team);
    await panel.load({ preferCache: false });
    await panel.handleMessage({ type: 'team/openPerson', userId: ids[1]! });
    const id = personQueryId(team.id, ids[1]!);
    const own = await waitFor('the person’s panel', () => api.panels.get(id));
    await own.load({ preferCache: true });
    await own.handleMessage({ type: 'setViewBy', viewBy: 'day' });
    await own.handleMessage({ type: 'setMetric', metric: 'replies' });
    await waitFor('the switched report', () => own.snapshot?.status === 'ready' && own.snapshot.viewBy === 'day' && own.snapshot.metric.id === 'replies');
    assert.equal(own.snapshot!.comparison!.rows.length, 31, 'by day');
    assert.deepEqual(
      api.stores.forMode('account')!.list().map((q) => [q.id, q.query.viewBy, q.query.metric]),
      [[team.id, 'week', 'customersHelped']],
      'the team report is untouched and nothing was added',
    );
    // Edit query edits the team report the view follows (the view itself is not saved).
    restore();
    const flow = new ScriptedFlow(['cancel', 'cancel']);
    restore = scriptUi(api, { notify: new RecordingNotifier(), flow });
    await own.handleMessage({ type: 'editQuery' });
    await waitFor('the edit flow', () => flow.steps.some((step) => step.title === `Edit “${team.name}”`));
    own.dispose();

    // After a window reload VS Code hands the panel back with its state: the query comes from the team's.
    const revived = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'restored', vscode.ViewColumn.Active, { enableScripts: true });
    const restored = await api.panels.restore(revived, { queryId: id });
    assert.ok(restored, 'restored');
    await restored.load({ preferCache: true });
    assert.match(restored.snapshot!.title, / · Support team$/);
    assert.equal(restored.snapshot!.team, undefined, 'one person, not the team');
    assert.equal(restored.snapshot!.status, 'ready');
    assert.deepEqual(api.panels.openQueryIds.sort(), [team.id, id].sort());

    // Editing the team report changes the views that follow it; someone taken out of it loses theirs.
    await vscode.commands.executeCommand('helpscout.editReport', team.id, { query: { ...team.query, viewBy: 'day' } });
    await restored.load({ preferCache: true });
    assert.equal(restored.snapshot!.viewBy, 'day');
    assert.equal(restored.snapshot!.status, 'ready');
    await vscode.commands.executeCommand('helpscout.editReport', team.id, {
      query: { ...team.query, subject: { kind: 'users', users: [{ id: ids[0]! }, { id: NOBODY }] } },
    });
    assert.deepEqual(api.panels.openQueryIds, [team.id]);
    await vscode.commands.executeCommand('helpscout.editReport', team.id, { query: team.query });
    const back = await waitFor('the person’s panel again', async () => {
      await panel.handleMessage({ type: 'team/openPerson', userId: ids[1]! });
      return api.panels.get(id);
    });
    assert.ok(back);

    api.panels.closeForQuery(team.id);
    assert.deepEqual(api.panels.openQueryIds, [], 'closing the team report’s panels (deleting it) closes its people’s');
  });

  it('everyone in an inbox: its members, looked up when the report loads, each with their own figures', async () => {
    const api = await extensionApi();
    const mailbox = sandbox.dataset.mailboxes[0]!;
    const members = sandbox.dataset.users.filter((u) => u.mailboxIds.includes(mailbox.id));
    assert.ok(members.length >= 2, 'the sandbox inbox has a team');
    const some = await teamReport(api, members.map((u) => u.id));
    const listed = api.panels.open(some);
    await listed.load({ preferCache: false });
    const totals = new Map(listed.snapshot!.team!.people.map((p) => [p.id, p.currentTotal]));
    const inbox = await vscode.commands.executeCommand<SavedQuery>('helpscout.editReport', some.id, {
      name: 'Inbox team',
      query: { ...some.query, subject: { kind: 'inbox', mailboxId: mailbox.id, mailboxName: mailbox.name } },
    });
    const row = (await api.tree.getChildren()).find((node) => node.id === inbox.id) as vscode.TreeItem;
    assert.match(String(row.description), new RegExp(`^Everyone in ${mailbox.name} · `));
    const byInbox = api.panels.open(inbox);
    assert.equal(byInbox, listed, 'the same saved report, edited');
    await byInbox.load({ preferCache: false });
    const viaInbox = byInbox.snapshot!;
    assert.equal(viaInbox.status, 'ready');
    assert.deepEqual(new Set(viaInbox.team!.people.map((p) => p.id)), new Set(members.map((u) => u.id)));
    assert.equal(viaInbox.team!.omitted, 0);
    for (const person of viaInbox.team!.people) assert.equal(person.currentTotal, totals.get(person.id), person.name);
    assert.deepEqual(
      viaInbox.team!.people.map((p) => [p.id, p.name]).sort(),
      members.map((u) => [u.id, `${u.firstName} ${u.lastName}`]).sort(),
    );
  });
});
