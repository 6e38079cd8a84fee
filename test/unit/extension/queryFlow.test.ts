import * as assert from 'node:assert/strict';
import type { HelpScoutClient } from '../../../src/core/client';
import type { ReportQuery, ResolveContext } from '../../../src/core/query';
import type { Folder, HelpScoutUser, Mailbox, Tag } from '../../../src/core/resources';
import type { PickItem } from '../../../src/extension/flow';
import { nameProblem, runQueryFlow } from '../../../src/extension/queryFlow';
import { naiveNaturalSort } from '../../support/naturalSort';
import { ScriptedFlow, type ScriptedAnswer } from '../../support/scriptedFlow';

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
  /** How many calls of each list fail before one succeeds. */
  failures?: Partial<Record<'users' | 'mailboxes' | 'tags', number>>;
}

function fakeClient(lists: FakeLists = {}) {
  const calls = { users: 0, mailboxes: 0, tags: 0, folders: 0 };
  const failures = { ...lists.failures };
  const answer = <T>(what: 'users' | 'mailboxes' | 'tags', value: T): Promise<T> => {
    calls[what] += 1;
    if ((failures[what] ?? 0) > 0) {
      failures[what]! -= 1;
      return Promise.reject(new Error(`Could not reach 127.0.0.1:4010 (${what})`));
    }
    return Promise.resolve(value);
  };
  const client = {
    listUsers: () => answer('users', lists.users ?? [user(ME, 'Maya', 'Lindqvist'), user(8, 'Anna', 'Berg')]),
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
    // The whole company comes first (issue 12); "(you)" is the first person and preselected.
    assert.equal(flow.offered[0]![0]!.label, 'Everyone (whole company)');
    assert.equal(flow.offered[0]![1]!.label, 'Maya Lindqvist (you)');
    assert.equal(flow.offered[0]![1]!.picked, true);
  });

  it('the review shows the whole query as it will be saved, with Create report first', async () => {
    const flow = new ScriptedFlow([enter, enter, 'cancel']);
    assert.equal(await run(flow).result, undefined);
    const labels = reviewLabels(flow, 2);
    assert.match(labels[0]!, /Create report/);
    for (const line of [
      'User: Maya Lindqvist (you)',
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
    // The whole company comes first (issue 12), then "(you)".
    assert.equal(flow.offered[0]![0]!.label, 'Everyone (whole company)');
    const labels = flow.offered[0]!.slice(1).map((i) => i.label);
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
