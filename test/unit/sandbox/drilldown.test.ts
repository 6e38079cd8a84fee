import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getDataset, type Dataset, type SandboxConversationType } from '../../../src/sandbox/dataset';
import { computeDrilldown, customerNameOf, type DrilldownConversation } from '../../../src/sandbox/drilldown';
import { bucketStarts, computeCustomersHelped, type SandboxViewBy } from '../../../src/sandbox/reportEngine';
import type { Sandbox } from '../../../src/sandbox/server';
import { formatWireDate } from '../../../src/sandbox/wireDate';
import { NOW, assertVndError, get, start, token } from './helpers';

const DAY = 86_400;
const TYPES: SandboxConversationType[] = ['email', 'chat', 'phone'];

function drilldownPath(params: Record<string, string | number>): string {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return `/v2/reports/user/drilldown?${q}`;
}

/** Every page of the engine's drilldown, 50 at a time. */
function allPages(d: Dataset, q: Parameters<typeof computeDrilldown>[1]): DrilldownConversation[] {
  const rows: DrilldownConversation[] = [];
  for (let page = 1; ; page++) {
    const body = computeDrilldown(d, { ...q, page, rows: 50 });
    rows.push(...body.conversations.results);
    if (page >= body.conversations.pages) return rows;
  }
}

describe('sandbox: drilldown', () => {
  const d = getDataset(20_190_502, NOW.getTime());
  const someOf = <T>(items: readonly T[]) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<T[]>([]) },
      { weight: 1, arbitrary: fc.subarray([...items], { minLength: 1, maxLength: Math.min(4, items.length) }) },
    );
  const drawn = fc.record({
    user: fc.integer({ min: 0, max: d.users.length - 1 }),
    startDay: fc.integer({ min: 0, max: 700 }),
    hour: fc.integer({ min: 0, max: 23 }),
    viewBy: fc.constantFrom<SandboxViewBy>('day', 'week', 'month'),
    // The company's zone: buckets are its calendar days, across DST changes too.
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/St_Johns', 'Pacific/Kiritimati', 'Asia/Kathmandu'),
    mailboxes: someOf(d.mailboxes.map((m) => m.id)),
    tags: someOf(d.tags.map((t) => t.id)),
    folders: someOf(d.folders.map((f) => f.id)),
    types: someOf(TYPES),
  });

  it("lists, for every bucket of a report, conversations whose distinct customers are that bucket's customers helped", () => {
    let nonZero = 0;
    fc.assert(
      fc.property(drawn, (r) => {
        const days = r.viewBy === 'day' ? 14 : r.viewBy === 'week' ? 60 : 120;
        const startAt = d.now - r.startDay * DAY + r.hour * 3600 - days * DAY;
        const filters = { mailboxes: r.mailboxes, tags: r.tags, folders: r.folders, types: r.types };
        const report = { userId: d.users[r.user]?.id ?? 0, start: startAt, end: startAt + days * DAY, viewBy: r.viewBy, timeZone: r.timeZone, ...filters };
        const points = computeCustomersHelped(d, report).current;
        const starts = bucketStarts(report.start, report.end, r.viewBy, r.timeZone);
        points.forEach((point, i) => {
          const range = { start: starts[i] ?? 0, end: starts[i + 1] ?? report.end };
          const rows = allPages(d, { userId: report.userId, ...range, ...filters, page: 1, rows: 50 });
          const customers = new Set(rows.map((row) => row.customerEmail));
          assert.equal(customers.size, point.customers, `bucket ${point.date}`);
          if (point.customers > 0) nonZero++;
        });
      }),
      { numRuns: 40 },
    );
    assert.ok(nonZero > 100, `only ${nonZero} buckets had customers`);
  });

  it('counts exactly the conversations an independent filter over the spelled-out list finds, newest first', () => {
    const user = d.users[1]!;
    const all = d.conversationsOf(user.id);
    fc.assert(
      fc.property(drawn, (r) => {
        const startAt = d.now - r.startDay * DAY - 3 * DAY;
        const q = { userId: user.id, start: startAt, end: startAt + 3 * DAY, mailboxes: r.mailboxes, tags: r.tags, folders: r.folders, types: r.types };
        const expected = all.filter(
          (c) =>
            c.epochSeconds >= q.start &&
            c.epochSeconds < q.end &&
            (!q.types.length || q.types.includes(c.type)) &&
            (!q.mailboxes.length || q.mailboxes.includes(c.mailboxId)) &&
            (!q.folders.length || q.folders.includes(c.folderId)) &&
            (!q.tags.length || c.tagIds.some((t) => q.tags.includes(t))),
        );
        const rows = allPages(d, { ...q, page: 1, rows: 50 });
        assert.equal(computeDrilldown(d, { ...q, page: 1, rows: 25 }).conversations.count, expected.length);
        assert.deepEqual(rows.map((row) => row.customerEmail), expected.map((c) => c.customerEmail).reverse());
        assert.deepEqual(rows.map((row) => row.type), expected.map((c) => c.type).reverse());
        assert.deepEqual(rows.map((row) => row.mailboxid), expected.map((c) => c.mailboxId).reverse());
        assert.deepEqual(rows.map((row) => row.tags.map((t) => t.id)), expected.map((c) => c.tagIds).reverse());
        assert.equal(new Set(rows.map((row) => row.id)).size, rows.length, 'ids are unique');
      }),
      { numRuns: 40 },
    );
  });

  it('names customers from their address', () => {
    assert.equal(customerNameOf('anna.berg@example.com'), 'Anna Berg');
    assert.equal(customerNameOf('j.smith@example.com'), 'J. Smith');
    assert.equal(customerNameOf('lee_chan42@example.com'), 'Lee Chan');
    assert.equal(customerNameOf('42@example.com'), '42@example.com');
  });

  describe('over HTTP', () => {
    let sb: Sandbox;
    let access: string;
    let user: number;
    before(async () => {
      sb = await start();
      access = await token(sb);
      user = sb.dataset.users[1]?.id ?? 0;
    });
    after(() => sb.close());

    const drill = (params: Record<string, string | number>) => get(sb, drilldownPath(params), access);
    const week = { start: formatWireDate(NOW.getTime() / 1000 - 8 * DAY), end: formatWireDate(NOW.getTime() / 1000 - DAY) };

    it("answers in Help Scout's documented shape, 25 rows by default, pages that do not overlap", async () => {
      const first = await drill({ user, ...week });
      assert.equal(first.status, 200, first.text);
      const { count, page, pages, results } = first.body.conversations;
      assert.ok(count > 50, `a busy week has more than two pages (${count})`);
      assert.equal(page, 1);
      assert.equal(pages, Math.ceil(count / 25));
      assert.equal(results.length, 25);
      const row = results[0];
      for (const key of ['id', 'number', 'mailboxid', 'threadCount', 'assignedid']) assert.equal(typeof row[key], 'number', key);
      for (const key of ['type', 'subject', 'status', 'preview', 'customerName', 'customerEmail', 'modifiedAt', 'assignedName']) assert.equal(typeof row[key], 'string', key);
      assert.match(row.modifiedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.ok(Array.isArray(row.tags) && Array.isArray(row.customerIds));
      const second = await drill({ user, ...week, page: 2 });
      const ids = new Set(results.map((r: { id: number }) => r.id));
      assert.ok(second.body.conversations.results.every((r: { id: number }) => !ids.has(r.id)), 'page 2 repeats nothing of page 1');
      const past = await drill({ user, ...week, page: pages + 1 });
      assert.equal(past.status, 200);
      assert.deepEqual(past.body.conversations.results, []);
      assert.equal(past.body.conversations.count, count);
    });

    it('returns at most 50 rows and refuses more, naming the field', async () => {
      const fifty = await drill({ user, ...week, rows: 50 });
      assert.equal(fifty.body.conversations.results.length, 50);
      assert.match(assertVndError(await drill({ user, ...week, rows: 51 }), 'rows').message, /1 to 50/);
      assert.deepEqual(assertVndError(await drill({ user, ...week, rows: 0 }), 'rows').rejectedValue, '0');
      assert.deepEqual(assertVndError(await drill({ user, ...week, page: 'two' }), 'page').rejectedValue, 'two');
      assert.deepEqual(assertVndError(await drill({ user, ...week, page: -1 }), 'page').rejectedValue, '-1');
    });

    it('validates user, dates and filters as the report does', async () => {
      assertVndError(await drill({ ...week }), 'user');
      assertVndError(await drill({ user, start: '2026-03-01T00:00:00.000Z', end: week.end }), 'start');
      assertVndError(await drill({ user, start: week.end, end: week.start }), 'end');
      assertVndError(await drill({ user, ...week, mailboxes: 'billing' }), 'mailboxes');
      assertVndError(await drill({ user, ...week, types: 'fax' }), 'types');
      const unknown = await drill({ user: 999_999_999, ...week });
      assert.equal(unknown.status, 404);
      const anonymous = await get(sb, drilldownPath({ user, ...week }));
      assert.equal(anonymous.status, 401);
    });

    it('takes a range longer than a year (no viewBy rule applies) and ignores viewBy and previous', async () => {
      const long = await drill({ user, start: '2024-06-01T00:00:00Z', end: '2026-03-01T00:00:00Z', viewBy: 'day', previousStart: 'x' });
      assert.equal(long.status, 200, long.text);
      assert.ok(long.body.conversations.count > 1000);
    });

    it('applies filters: only chat conversations of one inbox', async () => {
      const mailbox = sb.dataset.mailboxes[0]!.id;
      const a = await drill({ user, ...week, types: 'chat', mailboxes: mailbox, rows: 50 });
      assert.equal(a.status, 200);
      assert.ok(a.body.conversations.results.length > 0);
      for (const row of a.body.conversations.results) {
        assert.equal(row.type, 'chat');
        assert.equal(row.mailboxid, mailbox);
      }
    });

    it('the free plan gets 403', async () => {
      const free = await start({ plan: 'free' });
      try {
        const a = await get(free, drilldownPath({ user, ...week }), await token(free));
        assert.equal(a.status, 403);
      } finally {
        await free.close();
      }
    });
  });
});
