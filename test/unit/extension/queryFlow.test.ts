import * as assert from 'node:assert/strict';
import type { HelpScoutClient } from '../../../src/core/client';
import type { ReportQuery, ResolveContext } from '../../../src/core/query';
import type { Folder, HelpScoutUser, Mailbox, Tag } from '../../../src/core/resources';
import { parseQueryFile, serializeQueryFile } from '../../../src/core/queryFile';
import { SavedQueryStore } from '../../../src/core/savedQueryStore';
import { parseReportQuery } from '../../../src/core/validate';
import type { PickItem } from '../../../src/extension/flow';
import { nameProblem, runQueryFlow } from '../../../src/extension/queryFlow';
import { naiveNaturalSort } from '../../support/naturalSort';
import { ScriptedFlow, type ScriptedAnswer } from '../../support/scriptedFlow';
import { MemoryKeyValueStore } from '../store/fakes';

const context: ResolveContext = { now: Date.parse('2026-12-01T12:00:00Z'), timeZone: 'UTC', weekStart: 'monday' };
const ME = 7;

function user(id: number, firstName: string, lastName = ''): HelpScoutUser {
  return { id, firstName, lastName, email: `${firstName.toLowerCase()}${id}@example.com` };
}

interface FakeLists {
  users?: HelpScoutUser[];
  mailboxes?: Mailbox[];
  folders?: Record<number, Folder[]>;
  tags?: Tag[];
  /** The people of each inbox (GET /v2/users?mailbox=). */
  inboxUsers?: Record<number, HelpScoutUser[]>;
  /** How many calls of each list fail before one succeeds. */
  failures?: Partial<Record<'users' | 'mailboxes' | 'tags' | 'inboxUsers', number>>;
}

function fakeClient(lists: FakeLists = {}) {
  const calls = { users: 0, mailboxes: 0, tags: 0, folders: 0, inboxUsers: [] as number[] };
  const failures = { ...lists.failures };
  const answer = <T>(what: 'users' | 'mailboxes' | 'tags' | 'inboxUsers', value: T): Promise<T> => {
    if (what !== 'inboxUsers') calls[what] += 1;
    if ((failures[what] ?? 0) > 0) {
      failures[what]! -= 1;
      return Promise.reject(new Error(`Could not reach 127.0.0.1:4010 (${what})`));
    }
    return Promise.resolve(value);
  };
  const client = {
    listUsers: (filter: { mailbox?: number } = {}) => {
      if (filter.mailbox === undefined) return answer('users', lists.users ?? [user(ME, 'Maya', 'Lindqvist'), user(8, 'Anna', 'Berg')]);
      calls.inboxUsers.push(filter.mailbox);
      return answer('inboxUsers', lists.inboxUsers?.[filter.mailbox] ?? []);
    },
    listMailboxes: () => answer('mailboxes', lists.mailboxes ?? [{ id: 1, name: 'Support' }, { id: 2, name: 'Billing' }]),
    listFolders: (id: number) => {
      calls.folders += 1;
      return Promise.resolve(lists.folders?.[id] ?? []);
    },
    listTags: () => answer('tags', lists.tags ?? [{ id: 11, name: 'vip' }, { id: 12, name: 'bug' }]),
  } as unknown as HelpScoutClient;
  return { client, calls };
}

/** Enter on a list: the preselected row, else the first, as the QuickPick's active item is. */
const enter: ScriptedAnswer = { pick: (items) => (items.find((i) => i.picked) ?? items[0])!.value };
const choose = (label: RegExp): ScriptedAnswer => ({
  pick: (items) => {
    const found = items.find((i) => label.test(i.label));
    assert.ok(found, `a row matching ${label} among ${items.map((i) => i.label).join(' | ')}`);
    return found.value;
  },
});

function run(flow: ScriptedFlow, lists: FakeLists = {}, initial?: { name: string; query: ReportQuery }) {
  const fake = fakeClient(lists);
  const result = runQueryFlow({
    ui: flow,
    client: fake.client,
    context,
    defaults: { period: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousPeriod' } },
    title: initial ? 'Edit' : 'New Help Scout Report',
    initial,
    meId: ME,
    locale: 'en-US',
  });
  return { result, calls: fake.calls };
}

const reviewLabels = (flow: ScriptedFlow, index: number) => flow.offered[index]!.map((i) => i.label);

describe('the New/Edit Report flow', () => {
  it('three Enters make "me, last 30 days vs previous period", counted 1/3, 2/3, 3/3', async () => {
    const flow = new ScriptedFlow([enter, enter, enter]);
    const saved = await run(flow).result;
    assert.ok(saved);
    assert.deepEqual(saved.query, {
      metric: 'customersHelped',
      subject: { kind: 'user', userId: ME, userName: 'Maya Lindqvist' },
      range: { kind: 'preset', preset: 'last30Days' },
      comparison: { kind: 'previousPeriod' },
      viewBy: 'day',
    });
    assert.equal(saved.name, 'Maya Lindqvist · Last 30 days');
    assert.deepEqual(flow.steps.map((s) => [s.step, s.totalSteps]), [[1, 3], [2, 3], [3, 3]]);
    // The whole company comes first (issue 12), then the two team rows; "(you)" is the first person and preselected.
    assert.deepEqual(flow.offered[0]!.slice(0, 4).map((i) => i.label), ['Everyone (whole company)', 'Several people…', 'Everyone in an inbox…', 'Maya Lindqvist (you)']);
    assert.deepEqual(flow.offered[0]!.filter((i) => i.picked).map((i) => i.label), ['Maya Lindqvist (you)']);
  });

  it('the review shows the whole query as it will be saved, with Create report first', async () => {
    const flow = new ScriptedFlow([enter, enter, 'cancel']);
    assert.equal(await run(flow).result, undefined);
    const labels = reviewLabels(flow, 2);
    // The check is the flow's own icon, kept apart from the label that the plain-text rule breaks "$(" in.
    assert.equal(labels[0], 'Create report');
    assert.equal(flow.offered[2]![0]!.icon, 'check');
    for (const line of [
      'Who: Maya Lindqvist (you)',
      'Period: Last 30 days',
      'Comparison: Compared with the previous period',
      'View by: By day (the finest this period allows)',
      'Inboxes: All inboxes',
      'Tags: All tags',
      'Types: All types',
      'Name: Maya Lindqvist · Last 30 days',
      'Add filters…',
    ]) {
      assert.ok(labels.includes(line), `review lists "${line}": ${labels.join(' | ')}`);
    }
  });

  it('comparison choices say "Compared with …", never "Vs …"', async () => {
    const flow = new ScriptedFlow([enter, enter, choose(/^Comparison:/), choose(/same period last year/), enter]);
    const saved = await run(flow).result;
    assert.deepEqual(saved?.query.comparison, { kind: 'previousYear' });
    const comparisonLabels = flow.offered[3]!.map((i) => i.label);
    // With the comparisons of issue 9 that a rolling 30 days can have.
    assert.deepEqual(comparisonLabels, [
      'Compared with the previous period',
      'Compared with the previous period, same weekdays',
      'Compared with the same period last year',
      'Compared with the same weekdays last year',
      'Compared with a custom range…',
      'No comparison',
    ]);
    for (const label of flow.offered.flat().map((i) => i.label)) assert.doesNotMatch(label, /^vs\b/i);
  });

  it('Back works on every step and returns from the review to the period', async () => {
    const flow = new ScriptedFlow([enter, 'back', enter, choose(/Last 7 days/), 'back', choose(/Last 90 days/), enter]);
    const saved = await run(flow).result;
    assert.deepEqual(saved?.query.range, { kind: 'preset', preset: 'last90Days' });
    assert.deepEqual(flow.steps.map((s) => s.step), [1, 2, 1, 2, 3, 2, 3]);
    assert.equal(flow.steps[0]!.back ?? false, false, 'the first step has no Back');
  });

  it('Add filters… walks inboxes, folders, tags and types with a steady 1/4–4/4 counter, then returns to the review', async () => {
    const flow = new ScriptedFlow([
      enter,
      enter,
      choose(/^Add filters/),
      { pickMany: (items) => items.filter((i) => i.label === 'Support').map((i) => i.value) },
      { pickMany: (items) => items.filter((i) => i.label === 'Urgent').map((i) => i.value) },
      { pickMany: (items) => items.filter((i) => i.label === 'bug').map((i) => i.value) },
      'back', // from types back to tags
      { pickMany: (items) => items.filter((i) => i.label === 'vip').map((i) => i.value) },
      { pickMany: (items) => items.filter((i) => i.label === 'Chat').map((i) => i.value) },
      enter,
    ]);
    const saved = await run(flow, { folders: { 1: [{ id: 101, name: 'Urgent' }, { id: 102, name: 'Later' }] } }).result;
    assert.ok(saved);
    assert.deepEqual(saved.query.mailboxes, [1]);
    assert.deepEqual(saved.query.folders, [101]);
    assert.deepEqual(saved.query.tags, [11]);
    assert.deepEqual(saved.query.types, ['chat']);
    assert.deepEqual(saved.query.labels, { mailboxes: { 1: 'Support' }, folders: { 101: 'Support › Urgent' }, tags: { 11: 'vip' } });
    const walk = flow.steps.slice(3, 9).map((s) => `${s.step}/${s.totalSteps}`);
    assert.deepEqual(walk, ['1/4', '2/4', '3/4', '4/4', '3/4', '4/4']);
    assert.ok(reviewLabels(flow, 9).includes('Inboxes: Support'));
  });

  it('an inbox without folders says so in one row instead of a blank step', async () => {
    const flow = new ScriptedFlow([
      enter,
      enter,
      choose(/^Add filters/),
      { pickMany: (items) => items.filter((i) => i.label === 'Billing').map((i) => i.value) },
      enter, // the folder step: one row saying there is nothing to pick
      { pickMany: () => [] },
      { pickMany: () => [] },
      enter,
    ]);
    const saved = await run(flow, { folders: { 1: [{ id: 101, name: 'Urgent' }] } }).result;
    assert.deepEqual(saved?.query.mailboxes, [2]);
    assert.equal(saved?.query.folders, undefined);
    const folderRows = flow.offered[4]!;
    assert.deepEqual(folderRows.map((i) => i.label), ['This inbox has no folders']);
    assert.equal(flow.steps[4]!.step, 2, 'the folder step keeps its place in the counter');
    for (const [index, items] of flow.offered.entries()) {
      if (flow.steps[index]!.placeholder !== undefined && items.length === 0) assert.fail(`step ${index} offered a blank list`);
    }
  });

  it('a list that failed to load is retried in place', async () => {
    const flow = new ScriptedFlow(['retry', enter, enter, enter]);
    const { result, calls } = run(flow, { failures: { users: 1 } });
    const saved = await result;
    assert.deepEqual(saved?.query.subject, { kind: 'user', userId: ME, userName: 'Maya Lindqvist' });
    assert.deepEqual(flow.loadFailures, ['Could not reach 127.0.0.1:4010 (users)']);
    assert.equal(calls.users, 2, 'Retry asked the API again');
  });

  it('sorts users in natural order with "(you)" first, and inboxes and tags the same way', async () => {
    // 57 users "Tester1" … "Tester57" in a shuffled order, plus names that differ only by case.
    const ids = Array.from({ length: 57 }, (_v, i) => i + 1);
    const shuffled = ids.map((n, i) => ids[(i * 23) % 57]!).map((n) => user(100 + n, `Tester${n}`));
    const users = [...shuffled, user(ME, 'Zoë', 'Lindqvist'), user(300, 'anna'), user(301, 'Bert')];
    const tags = [{ id: 1, name: 'tier10' }, { id: 2, name: 'tier9' }, { id: 3, name: 'Tier1' }];
    const flow = new ScriptedFlow([enter, enter, choose(/^Tags:/), { pickMany: () => [] }, 'cancel']);
    await run(flow, { users, tags }).result;
    // The whole company and the two team rows come first (issue 12), then "(you)".
    assert.equal(flow.offered[0]![0]!.label, 'Everyone (whole company)');
    const labels = flow.offered[0]!.slice(3).map((i) => i.label);
    assert.equal(labels[0], 'Zoë Lindqvist (you)');
    assert.deepEqual(labels.slice(1), naiveNaturalSort(users.filter((u) => u.id !== ME).map((u) => [u.firstName, u.lastName].filter(Boolean).join(' '))));
    assert.deepEqual(labels.slice(3, 6), ['Tester1', 'Tester2', 'Tester3']);
    assert.deepEqual(flow.offered[3]!.map((i: PickItem<unknown>) => i.label), ['Tier1', 'tier9', 'tier10']);
  });

  it('the suggested name follows the query; a typed name is kept', async () => {
    const custom = (start: string, end: string): ScriptedAnswer[] => [choose(/^Period:/), choose(/Custom range/), { input: start }, { input: end }];
    const flow = new ScriptedFlow([enter, enter, ...custom('2020-03-01', '2020-03-31'), 'cancel']);
    await run(flow).result;
    const afterChange = reviewLabels(flow, flow.offered.length - 1);
    assert.ok(afterChange.includes('Name: Maya Lindqvist · Mar 1 – 31, 2020'), afterChange.join(' | '));

    const typed = new ScriptedFlow([enter, enter, choose(/^Name:/), { input: 'Quarter close' }, ...custom('2020-03-01', '2020-03-31'), enter]);
    assert.equal((await run(typed).result)?.name, 'Quarter close');
  });

  it('Edit opens on the review, without a counter or Back, and keeps a suggested name following', async () => {
    const query: ReportQuery = { metric: 'customersHelped', subject: { kind: 'user', userId: 8, userName: 'Anna Berg' }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' }, viewBy: 'day' };
    const flow = new ScriptedFlow([choose(/^Period:/), choose(/Last 90 days/), enter]);
    const saved = await run(flow, {}, { name: 'Anna Berg · Last 7 days', query }).result;
    assert.equal(flow.steps[0]!.step, undefined);
    assert.equal(flow.steps[0]!.back, false);
    assert.match(flow.offered[0]![0]!.label, /Save changes/);
    assert.equal(flow.steps[1]!.back, true, 'a choice opened from the review offers Back to it');
    assert.equal(saved?.name, 'Anna Berg · Last 90 days');
    assert.equal(saved?.query.viewBy, 'week', 'day no longer fits 90 days: the finest allowed is saved');
    assert.deepEqual(saved?.query.subject, { kind: 'user', userId: 8, userName: 'Anna Berg' });
  });

  it('a view that the new period cannot show falls back to the finest allowed', async () => {
    const flow = new ScriptedFlow([enter, enter, choose(/^View by:/), choose(/By day/), choose(/^Period:/), choose(/^Last 90 days$/), enter]);
    const saved = await run(flow).result;
    assert.equal(saved?.query.viewBy, 'week');
  });

  it('validation speaks plainly; the field stays out of the words', async () => {
    const flow = new ScriptedFlow([enter, choose(/Custom range/), { input: '2019-13-01' }, { input: '20190101' }, { input: '2019-01-01' }, { input: '2019-01-31' }, enter]);
    const saved = await run(flow).result;
    assert.deepEqual(saved?.query.range, { kind: 'absolute', start: '2019-01-01', end: '2019-01-31' });
    assert.deepEqual(flow.validationMessages, ['Enter a date like 2020-03-01.', 'Enter a date like 2020-03-01.']);
    assert.equal(nameProblem('   '), 'Enter a name.');
  });
});

describe('the New/Edit Report flow for teams', () => {
  const TEAM = [user(ME, 'Maya', 'Lindqvist'), user(8, 'Anna', 'Berg'), user(9, 'Ben', 'Cho'), user(10, 'Cleo', 'Dahl'), user(11, 'Dev', 'Eng')];
  const byNames = (...names: string[]): ScriptedAnswer => ({
    pickMany: (items) => names.map((name) => {
      const found = items.find((i) => i.label === name);
      assert.ok(found, `"${name}" among ${items.map((i) => i.label).join(' | ')}`);
      return found.value;
    }),
  });
  const several = choose(/^Several people…$/);
  const inbox = choose(/^Everyone in an inbox…$/);
  const placeholderOf = (flow: ScriptedFlow, index: number) => flow.steps[index]!.placeholder ?? '';
  /** A saved query to edit: last 7 days by day, no comparison. */
  const lastWeek = (subject: ReportQuery['subject'], metric: ReportQuery['metric'] = 'customersHelped'): ReportQuery => ({
    metric,
    subject,
    range: { kind: 'preset', preset: 'last7Days' },
    comparison: { kind: 'none' },
    viewBy: 'day',
  });

  it('several people: picked by name, saved in that order with their names, reviewed in words', async () => {
    const flow = new ScriptedFlow([several, byNames('Anna Berg', 'Ben Cho', 'Cleo Dahl'), enter, 'cancel']);
    await run(flow, { users: TEAM }).result;
    assert.ok(reviewLabels(flow, 3).includes('Who: 3 people: Anna Berg, Ben Cho, Cleo Dahl'), reviewLabels(flow, 3).join(' | '));

    const create = new ScriptedFlow([several, byNames('Anna Berg', 'Ben Cho', 'Cleo Dahl'), enter, enter]);
    const saved = await run(create, { users: TEAM }).result;
    assert.deepEqual(saved?.query.subject, { kind: 'users', users: [{ id: 8, name: 'Anna Berg' }, { id: 9, name: 'Ben Cho' }, { id: 10, name: 'Cleo Dahl' }] });
    assert.equal(saved?.name, '3 people · Last 30 days');
    // The multi-select keeps the first step's place in the counter, with Back to the user step.
    assert.deepEqual(create.steps.slice(0, 2).map((s) => [s.step, s.totalSteps, s.back ?? false]), [[1, 3, false], [1, 3, true]]);
    assert.equal(create.offered[1]!.filter((i) => i.picked).length, 0, 'a new report preselects no one in the multi-select');
  });

  it('a review of many people names three and counts the rest', async () => {
    const flow = new ScriptedFlow([several, byNames('Anna Berg', 'Ben Cho', 'Cleo Dahl', 'Dev Eng', 'Maya Lindqvist (you)'), enter, 'cancel']);
    await run(flow, { users: TEAM }).result;
    assert.ok(reviewLabels(flow, 3).includes('Who: 5 people: Anna Berg, Ben Cho, Cleo Dahl and 2 more'), reviewLabels(flow, 3).join(' | '));
  });

  it('exactly one person in the multi-select makes a one-person report', async () => {
    const flow = new ScriptedFlow([several, byNames('Ben Cho'), enter, enter]);
    const saved = await run(flow, { users: TEAM }).result;
    assert.deepEqual(saved?.query.subject, { kind: 'user', userId: 9, userName: 'Ben Cho' });
    assert.equal(saved?.name, 'Ben Cho · Last 30 days');
  });

  it('no one selected is explained and asked again; Back then returns to the user step', async () => {
    const flow = new ScriptedFlow([several, { pickMany: () => [] }, 'back', enter, enter, enter]);
    const saved = await run(flow, { users: TEAM }).result;
    assert.match(placeholderOf(flow, 2), /No one is selected/);
    assert.equal(flow.steps[2]!.back, true);
    assert.match(placeholderOf(flow, 3), /^Whose customers\?/, 'Back from the multi-select is the user step');
    assert.deepEqual(saved?.query.subject, { kind: 'user', userId: ME, userName: 'Maya Lindqvist' });
  });

  it('more than 50 people is refused before any request, naming the field and the limit; the selection stays', async () => {
    const sixty = Array.from({ length: 60 }, (_v, i) => user(200 + i, `Person${i + 1}`));
    const all: ScriptedAnswer = { pickMany: (items) => items.map((i) => i.value) };
    const firstFifty: ScriptedAnswer = { pickMany: (items) => items.filter((i) => i.picked).slice(0, 50).map((i) => i.value) };
    const flow = new ScriptedFlow([several, all, firstFifty, enter, enter]);
    const { result, calls } = run(flow, { users: sixty });
    const saved = await result;
    const refused = placeholderOf(flow, 2);
    assert.match(refused, /^People: at most 50 in one report, and 60 are selected\. Unselect 10 to go on$/);
    assert.equal(flow.offered[2]!.filter((i) => i.picked).length, 60, 'the 60 stay selected to unselect from');
    assert.equal(calls.users, 1, 'only the list of users was asked for');
    assert.ok(saved && saved.query.subject.kind === 'users');
    assert.equal(saved.query.subject.users.length, 50);
    assert.ok(parseReportQuery(saved.query).ok, 'the store accepts the team');
  });

  it('everyone in an inbox: the inbox, who is in it today, then the period; the people are not saved', async () => {
    const inboxUsers = { 2: [user(9, 'Ben', 'Cho'), user(8, 'Anna', 'Berg')] };
    const flow = new ScriptedFlow([inbox, choose(/^Billing$/), enter, enter, 'cancel']);
    await run(flow, { users: TEAM, inboxUsers }).result;
    assert.deepEqual(flow.offered[2]!.map((i) => [i.label, i.description, i.detail]), [['Everyone in Billing', '2 people today', '2 people: Anna Berg, Ben Cho.']]);
    assert.ok(reviewLabels(flow, 4).includes('Who: Everyone in Billing'));

    const create = new ScriptedFlow([inbox, choose(/^Billing$/), enter, enter, enter]);
    const { result, calls } = run(create, { users: TEAM, inboxUsers });
    const saved = await result;
    assert.deepEqual(saved?.query.subject, { kind: 'inbox', mailboxId: 2, mailboxName: 'Billing' });
    assert.equal(saved?.name, 'Everyone in Billing · Last 30 days');
    assert.deepEqual(calls.inboxUsers, [2], 'GET /v2/users?mailbox=2, once');
    assert.deepEqual(create.steps.slice(1, 3).map((s) => [s.step, s.back]), [[1, true], [1, true]]);
  });

  it('an inbox with no users says so, and Enter picks another inbox', async () => {
    const flow = new ScriptedFlow([inbox, choose(/^Support$/), enter, choose(/^Billing$/), enter, enter, enter]);
    const saved = await run(flow, { users: TEAM, inboxUsers: { 2: [user(8, 'Anna', 'Berg')] } }).result;
    assert.deepEqual(flow.offered[2]!.map((i) => i.label), ['Support has no users']);
    assert.match(placeholderOf(flow, 3), /^Everyone in which inbox\?/);
    assert.deepEqual(flow.offered[3]!.filter((i) => i.picked).map((i) => i.label), ['Support'], 'the inbox just tried stays chosen');
    assert.equal(flow.offered[4]![0]!.description, '1 person today');
    assert.deepEqual(saved?.query.subject, { kind: 'inbox', mailboxId: 2, mailboxName: 'Billing' });
  });

  it('an inbox of more than 50 says the report shows the first 50', async () => {
    const crowd = Array.from({ length: 55 }, (_v, i) => user(300 + i, `Agent${i + 1}`));
    const flow = new ScriptedFlow([inbox, choose(/^Support$/), 'cancel']);
    await run(flow, { users: TEAM, inboxUsers: { 1: crowd } }).result;
    const row = flow.offered[2]![0]!;
    assert.equal(row.description, '55 people today');
    assert.equal(row.detail, '55 people: Agent1, Agent2, Agent3 and 52 more. A report shows the first 50.');
  });

  it('Back from the inbox list returns to the user step, and from who is in it to the inbox list', async () => {
    const flow = new ScriptedFlow([inbox, 'back', inbox, choose(/^Billing$/), 'back', enter, enter, enter, enter]);
    const saved = await run(flow, { users: TEAM, inboxUsers: { 2: [user(8, 'Anna', 'Berg')] } }).result;
    const placeholders = flow.steps.map((s) => (s.placeholder ?? '').replace(/[?].*$/, '?'));
    assert.deepEqual(placeholders.slice(0, 7), [
      'Whose customers?',
      'Everyone in which inbox?',
      'Whose customers?',
      'Everyone in which inbox?',
      'Who works in Billing today',
      'Everyone in which inbox?',
      'Who works in Billing today',
    ]);
    assert.deepEqual(flow.offered[5]!.filter((i) => i.picked).map((i) => i.label), ['Billing']);
    assert.deepEqual(saved?.query.subject, { kind: 'inbox', mailboxId: 2, mailboxName: 'Billing' });
  });

  it('list failures in the new steps show Retry: the inboxes, and who is in one', async () => {
    const flow = new ScriptedFlow([inbox, 'retry', choose(/^Billing$/), 'retry', enter, enter, enter]);
    const { result, calls } = run(flow, { users: TEAM, inboxUsers: { 2: [user(8, 'Anna', 'Berg')] }, failures: { mailboxes: 1, inboxUsers: 1 } });
    const saved = await result;
    assert.deepEqual(flow.loadFailures, ['Could not reach 127.0.0.1:4010 (mailboxes)', 'Could not reach 127.0.0.1:4010 (inboxUsers)']);
    assert.equal(calls.mailboxes, 2);
    assert.deepEqual(calls.inboxUsers, [2, 2], 'Retry asked again');
    assert.deepEqual(saved?.query.subject, { kind: 'inbox', mailboxId: 2, mailboxName: 'Billing' });
  });

  it('a users-list failure shows Retry; the multi-select then offers everyone', async () => {
    const flow = new ScriptedFlow(['retry', several, byNames('Anna Berg', 'Ben Cho'), enter, enter]);
    const { result, calls } = run(flow, { users: TEAM, failures: { users: 1 } });
    const saved = await result;
    assert.deepEqual(flow.loadFailures, ['Could not reach 127.0.0.1:4010 (users)']);
    assert.equal(calls.users, 2);
    assert.equal(flow.offered[1]!.length, TEAM.length, 'a failed load records no list: [1] is the multi-select');
    assert.equal(saved?.query.subject.kind, 'users');
  });

  it('Edit of a team reopens the people step with the team selected; the name follows', async () => {
    const query = lastWeek({ kind: 'users', users: [{ id: 9, name: 'Ben Cho' }, { id: 8, name: 'Anna Berg' }] }, 'replies');
    const addCleo: ScriptedAnswer = { pickMany: (items) => [...items.filter((i) => i.picked).map((i) => i.value), 10] };
    const flow = new ScriptedFlow([choose(/^Who:/), enter, addCleo, enter]);
    const saved = await run(flow, { users: TEAM }, { name: '2 people · Last 7 days', query }).result;
    assert.ok(reviewLabels(flow, 0).includes('Who: 2 people: Ben Cho, Anna Berg'));
    const whoRows = flow.offered[1]!;
    assert.deepEqual(whoRows.filter((i) => i.picked).map((i) => [i.label, i.description]), [['Several people…', '2 people: Ben Cho, Anna Berg']]);
    assert.ok(!whoRows.some((i) => i.label === 'Everyone (whole company)'), 'no company row for replies');
    assert.match(placeholderOf(flow, 1), /^Whose replies\? /, 'the user step asks about the metric being edited');
    assert.deepEqual(flow.offered[2]!.filter((i) => i.picked).map((i) => i.value).sort(), [8, 9]);
    assert.deepEqual(saved?.query.subject, { kind: 'users', users: [{ id: 8, name: 'Anna Berg' }, { id: 9, name: 'Ben Cho' }, { id: 10, name: 'Cleo Dahl' }] });
    assert.equal(saved?.query.metric, 'replies');
    assert.equal(saved?.name, '3 people · Last 7 days');
  });

  it('Edit keeps a team member the API no longer lists as a checked row, so reopening the step drops no one', async () => {
    const query = lastWeek({ kind: 'users', users: [{ id: 8, name: 'Anna Berg' }, { id: 404, name: 'Gone Person' }] });
    const keep: ScriptedAnswer = { pickMany: (items) => items.filter((i) => i.picked).map((i) => i.value) };
    const flow = new ScriptedFlow([choose(/^Who:/), enter, keep, enter]);
    const saved = await run(flow, { users: TEAM }, { name: 'Two', query }).result;
    const gone = flow.offered[2]!.find((i) => i.value === 404);
    assert.deepEqual(gone && [gone.label, gone.description, gone.picked], ['Gone Person', 'not among your account’s users now', true]);
    assert.deepEqual(saved?.query.subject, query.subject);
  });

  it('Edit of an inbox report preselects its inbox', async () => {
    const query = lastWeek({ kind: 'inbox', mailboxId: 2, mailboxName: 'Billing' });
    const flow = new ScriptedFlow([choose(/^Who:/), enter, enter, 'cancel']);
    await run(flow, { users: TEAM, inboxUsers: { 2: [user(8, 'Anna', 'Berg')] } }, { name: 'Billing team', query }).result;
    assert.deepEqual(flow.offered[1]!.filter((i) => i.picked).map((i) => [i.label, i.description]), [['Everyone in an inbox…', 'Everyone in Billing']]);
    assert.deepEqual(flow.offered[2]!.filter((i) => i.picked).map((i) => i.label), ['Billing']);
  });

  it('the company stays customers helped only: a team can count replies, the company cannot', async () => {
    // A company report offers only the metrics Help Scout has company-wide.
    const company = lastWeek({ kind: 'company' });
    const flow = new ScriptedFlow([choose(/^Metric:/), 'cancel']);
    await run(flow, { users: TEAM }, { name: 'All', query: company }).result;
    assert.deepEqual(flow.offered[1]!.map((i) => i.value), ['customersHelped']);
    // A team switched to replies, then reopened: no company row, and the result validates.
    const team = new ScriptedFlow([several, byNames('Anna Berg', 'Ben Cho'), enter, choose(/^Metric:/), choose(/^Replies/), choose(/^Who:/), enter, { pickMany: (items) => items.filter((i) => i.picked).map((i) => i.value) }, enter]);
    const saved = await run(team, { users: TEAM }).result;
    assert.ok(saved);
    assert.equal(saved.query.metric, 'replies');
    assert.ok(!team.offered[5]!.some((i) => i.value === 'company'));
    assert.ok(parseReportQuery(saved.query).ok);
  });

  it('a team made in the flow round-trips through the store and an export/import file unchanged', async () => {
    const flow = new ScriptedFlow([several, byNames('Cleo Dahl', 'Anna Berg', 'Maya Lindqvist (you)'), enter, enter]);
    const made = await run(flow, { users: TEAM }).result;
    assert.ok(made);
    const storage = new MemoryKeyValueStore();
    const store = new SavedQueryStore(storage, { newId: () => 'team-1' });
    store.load();
    await store.add(made.name, made.query);
    const reopened = new SavedQueryStore(storage).load().queries;
    assert.deepEqual(reopened.map((q) => [q.name, q.query]), [[made.name, made.query]]);
    const file = parseQueryFile(serializeQueryFile(reopened, Date.UTC(2026, 11, 1)));
    assert.deepEqual(file.skipped, []);
    assert.deepEqual(file.queries.map((q) => [q.name, q.query]), [[made.name, made.query]]);
    const imported = new SavedQueryStore(new MemoryKeyValueStore(), { newId: () => 'team-2' });
    imported.load();
    const result = await imported.importMany(file.queries);
    assert.deepEqual(result.added.map((q) => [q.name, q.query]), [[made.name, made.query]]);
  });
});
