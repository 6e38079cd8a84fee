import * as assert from 'node:assert/strict';
import type { DrilldownPage, DrilldownParams } from '../../../src/core/drilldown';
import { HelpScoutError } from '../../../src/core/errors';
import { resolveQuery } from '../../../src/core/resolve';
import { DrilldownHandler, reportDrillTarget, type DrilldownDeps, type DrillTarget } from '../../../src/extension/panel/drilldown';
import type { DrilldownToWebview } from '../../../src/protocol/drilldown';

interface Held {
  params: DrilldownParams;
  signal: AbortSignal;
  resolve(page: DrilldownPage): void;
  reject(error: unknown): void;
}

function pageOf(page: number, ids: number[], count = 38): DrilldownPage {
  return {
    count,
    page,
    pages: 2,
    conversations: ids.map((id) => ({ id, number: id + 1000, subject: `S${id}`, customerName: '', customerEmail: `c${id}@example.com`, status: 'active', type: 'email', mailboxId: 85, tags: [] })),
  };
}

/** A handler over a loader whose promises stay open until the test settles them. */
function setup(target: DrillTarget | string = { user: 7, start: Date.UTC(2026, 0, 5), end: Date.UTC(2026, 0, 6), filters: { types: ['chat'] } }) {
  const held: Held[] = [];
  const posted: DrilldownToWebview[] = [];
  const opened: string[] = [];
  const copied: string[] = [];
  const warnings: string[] = [];
  let inboxCalls = 0;
  const deps: DrilldownDeps = {
    target: () => target,
    load: (params, signal) => new Promise((resolve, reject) => held.push({ params, signal, resolve, reject })),
    inboxNames: async () => {
      inboxCalls++;
      return new Map([[85, 'Support']]);
    },
    post: (message) => posted.push(message),
    openExternal: async (url) => opened.push(url),
    copy: async (text) => void copied.push(text),
    warn: (message) => warnings.push(message),
  };
  return { handler: new DrilldownHandler(deps), held, posted, opened, copied, warnings, inboxCalls: () => inboxCalls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const open = (requestId: number, index = 0, page = 1, series: 'current' | 'previous' = 'current') =>
  ({ type: 'drilldown/open', requestId, series, index, page }) as const;

describe('extension/drilldown handler', () => {
  it('asks for the bucket with the report filters, 25 rows, and posts the page it answers', async () => {
    const t = setup();
    const done = t.handler.handle(open(1, 3));
    await settle();
    assert.equal(t.held.length, 1);
    assert.deepEqual(t.held[0]!.params, { user: 7, start: '2026-01-05T00:00:00Z', end: '2026-01-06T00:00:00Z', types: ['chat'], page: 1, rows: 25 });
    t.held[0]!.resolve(pageOf(1, [1, 2]));
    await done;
    assert.equal(t.posted.length, 1);
    const reply = t.posted[0]!;
    assert.ok(reply.type === 'drilldown/page');
    assert.deepEqual({ requestId: reply.requestId, index: reply.index, count: reply.count, pages: reply.pages }, { requestId: 1, index: 3, count: 38, pages: 2 });
    assert.deepEqual(reply.rows[0], { id: 1, number: 1001, subject: 'S1', customer: 'c1@example.com', email: 'c1@example.com', status: 'active', type: 'email', inbox: 'Support', tags: [] });
    assert.equal(t.handler.busy, false);
  });

  it('only the latest request posts: a new one aborts the old, whose late answer is dropped', async () => {
    const t = setup();
    const first = t.handler.handle(open(1, 0));
    await settle();
    const second = t.handler.handle(open(2, 5));
    await settle();
    assert.equal(t.held[0]!.signal.aborted, true, 'the first request was aborted');
    assert.equal(t.held[1]!.signal.aborted, false);
    t.held[1]!.resolve(pageOf(1, [9]));
    t.held[0]!.resolve(pageOf(1, [1]));
    await Promise.all([first, second]);
    assert.deepEqual(t.posted.map((m) => m.requestId), [2]);
  });

  it('the same holds when the old answer comes first', async () => {
    const t = setup();
    const first = t.handler.handle(open(1));
    await settle();
    const second = t.handler.handle(open(2));
    await settle();
    t.held[0]!.resolve(pageOf(1, [1]));
    await first;
    assert.equal(t.posted.length, 0, 'nothing posted for the replaced request');
    t.held[1]!.resolve(pageOf(1, [2]));
    await second;
    assert.deepEqual(t.posted.map((m) => m.requestId), [2]);
  });

  it('cancel aborts only the request it names; a cancelled request posts nothing, not even its error', async () => {
    const t = setup();
    const run = t.handler.handle(open(4));
    await settle();
    await t.handler.handle({ type: 'drilldown/cancel', requestId: 3 });
    assert.equal(t.held[0]!.signal.aborted, false, 'a stale id cancels nothing');
    await t.handler.handle({ type: 'drilldown/cancel', requestId: 4 });
    assert.equal(t.held[0]!.signal.aborted, true);
    t.held[0]!.reject(new HelpScoutError({ kind: 'cancelled', message: 'cancelled' }));
    await run;
    assert.deepEqual(t.posted, []);
    assert.equal(t.handler.busy, false);
  });

  it('reports a failure of the current request with its logRef, and a bucket that does not exist', async () => {
    const t = setup();
    const run = t.handler.handle(open(1));
    await settle();
    t.held[0]!.reject(new HelpScoutError({ kind: 'server', message: 'Help Scout had a problem (500).', logRef: 'abc#1' }));
    await run;
    assert.deepEqual(t.posted, [{ type: 'drilldown/error', requestId: 1, message: 'Help Scout had a problem (500). (logRef abc#1)' }]);
    const none = setup('This report has no previous period.');
    await none.handler.handle(open(2, 0, 1, 'previous'));
    assert.deepEqual(none.posted, [{ type: 'drilldown/error', requestId: 2, message: 'This report has no previous period.' }]);
    assert.equal(none.held.length, 0, 'nothing fetched');
  });

  it('pages are new requests for the same bucket; the Markdown list covers every page loaded', async () => {
    const t = setup();
    const one = t.handler.handle(open(1, 2, 1));
    await settle();
    t.held[0]!.resolve(pageOf(1, [1, 2]));
    await one;
    const two = t.handler.handle(open(2, 2, 2));
    await settle();
    assert.equal(t.held[1]!.params.page, 2);
    t.held[1]!.resolve(pageOf(2, [3]));
    await two;
    await t.handler.handle({ type: 'drilldown/copyMarkdown', requestId: 2 });
    assert.equal(t.copied.at(-1)!.split('\n').length, 3);
    assert.equal(t.inboxCalls(), 1, 'inbox names asked once');
  });

  it('opens and copies only conversations it listed, with a URL it builds from their ids', async () => {
    const t = setup();
    const run = t.handler.handle(open(1));
    await settle();
    t.held[0]!.resolve(pageOf(1, [430221821]));
    await run;
    await t.handler.handle({ type: 'drilldown/openConversation', id: 430221821, number: 430222821 });
    assert.deepEqual(t.opened, ['https://secure.helpscout.net/conversation/430221821/430222821']);
    await t.handler.handle({ type: 'drilldown/openConversation', id: 5, number: 6 });
    await t.handler.handle({ type: 'drilldown/copyLink', id: 430221821, number: 1 });
    await t.handler.handle({ type: 'drilldown/copyNumber', number: 77 });
    assert.equal(t.opened.length, 1, 'an unlisted conversation is not opened');
    assert.deepEqual(t.copied, []);
    assert.equal(t.warnings.length, 3);
    await t.handler.handle({ type: 'drilldown/copyLink', id: 430221821, number: 430222821 });
    await t.handler.handle({ type: 'drilldown/copyNumber', number: 430222821 });
    assert.deepEqual(t.copied, ['https://secure.helpscout.net/conversation/430221821/430222821', '430222821']);
  });

  it('reset (a report refresh) aborts the drill, tells the pane once, and forgets its rows', async () => {
    const t = setup();
    const run = t.handler.handle(open(1));
    await settle();
    t.handler.reset();
    assert.equal(t.held[0]!.signal.aborted, true);
    t.held[0]!.resolve(pageOf(1, [1]));
    await run;
    assert.equal(t.posted.length, 1);
    assert.deepEqual({ ...t.posted[0], message: undefined }, { type: 'drilldown/error', requestId: 1, message: undefined });
    t.handler.reset();
    assert.equal(t.posted.length, 1, 'nothing in flight, nothing posted');
    await t.handler.handle({ type: 'drilldown/copyNumber', number: 1001 });
    assert.deepEqual(t.copied, []);
  });
});

describe('extension/drilldown target of a bucket', () => {
  const resolved = resolveQuery(
    { metric: 'customersHelped', subject: { kind: 'user', userId: 42 }, range: { kind: 'absolute', start: '2026-01-01', end: '2026-01-10' }, comparison: { kind: 'previousPeriod' }, viewBy: 'day', mailboxes: [5], tags: [] },
    { now: Date.UTC(2026, 2, 1), timeZone: 'UTC', weekStart: 'monday' },
  );

  it('uses the exact bucket of the current or the previous range, the user and the filters', () => {
    assert.deepEqual(reportDrillTarget(resolved, 'current', 2, 'UTC'), { user: 42, start: Date.UTC(2026, 0, 3), end: Date.UTC(2026, 0, 4), filters: { mailboxes: [5] } });
    assert.deepEqual(reportDrillTarget(resolved, 'previous', 0, 'UTC'), { user: 42, start: Date.UTC(2025, 11, 22), end: Date.UTC(2025, 11, 23), filters: { mailboxes: [5] } });
  });

  it('says why there is nothing to drill into', () => {
    assert.equal(reportDrillTarget(undefined, 'current', 0, 'UTC'), 'The report has not loaded yet.');
    assert.equal(reportDrillTarget(resolved, 'current', 10, 'UTC'), 'That point is not part of the report.');
    const single = resolveQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'absolute', start: '2026-01-01', end: '2026-01-10' }, comparison: { kind: 'none' } }, { now: Date.UTC(2026, 2, 1), timeZone: 'UTC', weekStart: 'monday' });
    assert.equal(reportDrillTarget(single, 'previous', 0, 'UTC'), 'This report has no previous period.');
  });

  describe('in a team report (issue 12): the person whose line was picked', () => {
    const team = resolveQuery(
      {
        metric: 'customersHelped',
        subject: { kind: 'users', users: [{ id: 7 }, { id: 8 }] },
        range: { kind: 'absolute', start: '2026-01-01', end: '2026-01-10' },
        comparison: { kind: 'none' },
        viewBy: 'day',
        types: ['chat'],
      },
      { now: Date.UTC(2026, 2, 1), timeZone: 'UTC', weekStart: 'monday' },
    );

    it('drills into that person’s conversations with the report’s bucket and filters', () => {
      assert.deepEqual(reportDrillTarget(team, 'current', 1, 'UTC', { userId: 8, team: [7, 8] }), { user: 8, start: Date.UTC(2026, 0, 2), end: Date.UTC(2026, 0, 3), filters: { types: ['chat'] } });
    });

    it('refuses the Team total, and anyone who is not one of the team', () => {
      assert.match(String(reportDrillTarget(team, 'current', 1, 'UTC', { team: [7, 8] })), /^Pick a person’s line/);
      assert.equal(reportDrillTarget(team, 'current', 1, 'UTC', { userId: 9, team: [7, 8] }), 'That person is not part of this team report.');
    });

    it('a one-person report drills into its own user only', () => {
      assert.equal(reportDrillTarget(resolved, 'current', 2, 'UTC', { userId: 7 }), 'That person is not part of this report.');
      assert.equal((reportDrillTarget(resolved, 'current', 2, 'UTC', { userId: 42 }) as DrillTarget).user, 42);
    });

    it('the handler hands the webview’s userId to the target, and a different person starts a new list', async () => {
      const asked: Array<number | undefined> = [];
      const t = setup();
      const handler = new DrilldownHandler({
        target: (_series, _index, userId) => (asked.push(userId), { user: userId ?? 1, start: Date.UTC(2026, 0, 5), end: Date.UTC(2026, 0, 6), filters: {} }),
        load: (params, signal) => new Promise((resolve, reject) => t.held.push({ params, signal, resolve, reject })),
        inboxNames: async () => new Map(),
        post: (message) => t.posted.push(message),
        openExternal: async () => undefined,
        copy: async (text) => void t.copied.push(text),
        warn: () => undefined,
      });
      const first = handler.handle({ ...open(1), userId: 7 });
      await settle();
      t.held[0]!.resolve(pageOf(1, [1, 2]));
      await first;
      const second = handler.handle({ ...open(2, 0, 2), userId: 8 });
      await settle();
      assert.equal(t.held[1]!.params.user, 8);
      t.held[1]!.resolve(pageOf(2, [3]));
      await second;
      assert.deepEqual(asked, [7, 8]);
      await handler.handle({ type: 'drilldown/copyMarkdown', requestId: 2 });
      assert.equal(t.copied.at(-1)!.split('\n').length, 1, 'only the second person’s rows are listed');
    });
  });
});
