import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getDataset, type Dataset, type SandboxConversationType } from '../../../src/sandbox/dataset';
import { bucketStarts, computeCustomersHelped, type CustomersHelpedQuery, type SandboxViewBy } from '../../../src/sandbox/reportEngine';
import type { Sandbox } from '../../../src/sandbox/server';
import { formatWireDate } from '../../../src/sandbox/wireDate';
import { NOW, get, reportPath, start, token } from './helpers';

const DAY = 86_400;
const TYPES: SandboxConversationType[] = ['email', 'chat', 'phone'];

const spelledOut = new Map<number, ReturnType<Dataset['conversationsOf']>>();

/** Straight from the conversation list, with Sets: an independent recount. */
function reference(d: Dataset, q: CustomersHelpedQuery, from: number, to: number, viewBy: SandboxViewBy): number[] {
  if (!spelledOut.has(q.userId)) spelledOut.set(q.userId, d.conversationsOf(q.userId));
  const conversations = (spelledOut.get(q.userId) ?? []).filter(
    (c) =>
      (!q.types?.length || q.types.includes(c.type)) &&
      (!q.mailboxes?.length || q.mailboxes.includes(c.mailboxId)) &&
      (!q.folders?.length || q.folders.includes(c.folderId)) &&
      (!q.tags?.length || c.tagIds.some((t) => q.tags?.includes(t))),
  );
  const starts = bucketStarts(from, to, viewBy);
  return starts.map((s, i) => {
    const e = starts[i + 1] ?? to;
    return new Set(conversations.filter((c) => c.epochSeconds >= s && c.epochSeconds < e).map((c) => c.customerEmail)).size;
  });
}

const counts = (points: { customers: number }[] | undefined) => (points ?? []).map((p) => p.customers);

describe('sandbox: customers-helped counts', () => {
  const d = getDataset(20_190_502, NOW.getTime());
  const dataEnd = d.now;

  // Mostly no filter, so that counts are rarely all zero; a few ids otherwise.
  const someOf = <T>(items: readonly T[]) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant<T[]>([]) },
      { weight: 1, arbitrary: fc.subarray([...items], { minLength: 1, maxLength: Math.min(4, items.length) }) },
    );
  const query = fc.record({
    user: fc.integer({ min: 0, max: d.users.length - 1 }),
    startDay: fc.integer({ min: -20, max: 735 }),
    days: fc.integer({ min: 1, max: 60 }),
    mailboxes: someOf(d.mailboxes.map((m) => m.id)),
    tags: someOf(d.tags.map((t) => t.id)),
    folders: someOf(d.folders.map((f) => f.id)),
    types: someOf(TYPES),
  });
  type Drawn = typeof query extends fc.Arbitrary<infer T> ? T : never;
  const toQuery = (r: Drawn, viewBy: SandboxViewBy, days = r.days): CustomersHelpedQuery => {
    // Local (UTC) midnights: a range starting mid-day touches one calendar day more than its 24 h count.
    const s = Math.floor(dataEnd / DAY) * DAY - r.startDay * DAY - days * DAY;
    return {
      userId: d.users[r.user]?.id ?? 0,
      start: s,
      end: s + days * DAY,
      viewBy,
      timeZone: 'UTC',
      mailboxes: r.mailboxes,
      tags: r.tags,
      folders: r.folders,
      types: r.types,
    };
  };

  it('matches an independent recount for random users, ranges and filters', () => {
    let nonZero = 0;
    fc.assert(
      fc.property(query, fc.constantFrom<SandboxViewBy>('day', 'week', 'month'), (r, viewBy) => {
        const q = toQuery(r, viewBy, viewBy === 'month' ? r.days * 4 : r.days);
        const got = counts(computeCustomersHelped(d, q).current);
        assert.deepEqual(got, reference(d, q, q.start, q.end, viewBy));
        if (got.some((n) => n > 0)) nonZero++;
      }),
      { numRuns: 100 },
    );
    assert.ok(nonZero > 30, `only ${nonZero} runs had customers`);
  });

  it('a month never counts more than the sum of its days (repeat customers count once)', () => {
    let strictlyLess = 0;
    fc.assert(
      fc.property(query, fc.integer({ min: 61, max: 150 }), (r, days) => {
        const q = toQuery(r, 'month', days);
        const months = computeCustomersHelped(d, q).current;
        const daily = computeCustomersHelped(d, { ...q, viewBy: 'day' }).current;
        const starts = bucketStarts(q.start, q.end, 'month');
        months.forEach((m, i) => {
          const from = formatWireDate(starts[i] ?? 0);
          const to = starts[i + 1] === undefined ? '~' : formatWireDate(starts[i + 1] ?? 0);
          const sum = daily.filter((p) => p.date >= from && p.date < to).reduce((s, p) => s + p.customers, 0);
          assert.ok(m.customers <= sum, `${m.date}: ${m.customers} > ${sum}`);
          if (m.customers < sum) strictlyLess++;
          // Only as many as the busiest day when every customer came back daily.
          assert.ok(m.customers >= Math.max(0, ...daily.filter((p) => p.date >= from && p.date < to).map((p) => p.customers)));
        });
      }),
      { numRuns: 40 },
    );
    assert.ok(strictlyLess > 0, 'repeat customers exist, so some month is strictly below its days');
  });

  it('all types together count at least each type alone and at most their sum', () => {
    fc.assert(
      fc.property(query, fc.constantFrom<SandboxViewBy>('day', 'week'), fc.boolean(), (r, viewBy, explicitAll) => {
        const q = toQuery(r, viewBy);
        const all = counts(computeCustomersHelped(d, { ...q, types: explicitAll ? TYPES : [] }).current);
        const each = TYPES.map((t) => counts(computeCustomersHelped(d, { ...q, types: [t] }).current));
        all.forEach((n, i) => {
          const parts = each.map((c) => c[i] ?? 0);
          assert.ok(parts.every((p) => p <= n), `bucket ${i}: ${n} < one of ${parts}`);
          assert.ok(n <= parts.reduce((s, p) => s + p, 0), `bucket ${i}: ${n} > sum of ${parts}`);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('adding a filter never raises a count, and filters combine as AND across kinds, OR within tags', () => {
    fc.assert(
      fc.property(query, (r) => {
        const q = toQuery(r, 'week');
        const unfiltered = counts(computeCustomersHelped(d, { ...q, mailboxes: [], tags: [], folders: [], types: [] }).current);
        const filtered = counts(computeCustomersHelped(d, q).current);
        filtered.forEach((n, i) => assert.ok(n <= (unfiltered[i] ?? 0)));
        if (q.tags && q.tags.length > 1) {
          const union = counts(computeCustomersHelped(d, q).current);
          const single = counts(computeCustomersHelped(d, { ...q, tags: q.tags.slice(0, 1) }).current);
          single.forEach((n, i) => assert.ok(n <= (union[i] ?? 0)));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('has zeros outside the three years of data and ignores ids the account does not have', () => {
    const user = d.users[2]?.id ?? 0;
    const before = computeCustomersHelped(d, { userId: user, start: d.start - 40 * DAY, end: d.start - 10 * DAY, viewBy: 'day', timeZone: 'UTC' });
    assert.ok(before.current.every((p) => p.customers === 0));
    const after = computeCustomersHelped(d, { userId: user, start: d.now + 1, end: d.now + 20 * DAY, viewBy: 'day', timeZone: 'UTC' });
    assert.ok(after.current.every((p) => p.customers === 0));
    const unknownMailbox = computeCustomersHelped(d, { userId: user, start: d.now - 30 * DAY, end: d.now, viewBy: 'day', timeZone: 'UTC', mailboxes: [1] });
    assert.ok(unknownMailbox.current.every((p) => p.customers === 0));
  });

  describe('over HTTP', () => {
    let sb: Sandbox;
    let access: string;
    before(async () => {
      sb = await start();
      access = await token(sb);
    });
    after(() => sb.close());

    it('serves exactly what the engine computes, previous included', async () => {
      await fc.assert(
        fc.asyncProperty(query, async (r) => {
          const q = toQuery(r, 'day');
          const previous = { start: q.start - 30 * DAY, end: q.start };
          const params: Record<string, string | number> = {
            user: q.userId,
            start: formatWireDate(q.start),
            end: formatWireDate(q.end),
            previousStart: formatWireDate(previous.start),
            previousEnd: formatWireDate(previous.end),
            viewBy: 'day',
          };
          if (q.mailboxes?.length) params.mailboxes = q.mailboxes.join(',');
          if (q.tags?.length) params.tags = q.tags.join(',');
          if (q.folders?.length) params.folders = q.folders.join(',');
          if (q.types?.length) params.types = q.types.join(',');
          const a = await get(sb, reportPath(params), access);
          assert.equal(a.status, 200, a.text);
          assert.deepEqual(a.body, computeCustomersHelped(sb.dataset, { ...q, previous }));
        }),
        { numRuns: 25 },
      );
    });

    it('a month from the API is at most the sum of its days fetched in ≤60-day requests', async () => {
      const user = sb.dataset.users[6]?.id ?? 0;
      const monthly = await get(sb, reportPath({ user, start: '2025-10-01T00:00:00Z', end: '2026-01-01T00:00:00Z', viewBy: 'month' }), access);
      const dailyA = await get(sb, reportPath({ user, start: '2025-10-01T00:00:00Z', end: '2025-11-30T00:00:00Z', viewBy: 'day' }), access);
      const dailyB = await get(sb, reportPath({ user, start: '2025-11-30T00:00:00Z', end: '2026-01-01T00:00:00Z', viewBy: 'day' }), access);
      const days = [...dailyA.body.current, ...dailyB.body.current] as { date: string; customers: number }[];
      assert.equal(days.length, 92);
      const monthStarts = ['2025-10', '2025-11', '2025-12'];
      monthly.body.current.forEach((m: { date: string; customers: number }, i: number) => {
        assert.equal(m.date, `${monthStarts[i]}-01T12:00:00Z`);
        const sum = days.filter((p) => p.date.startsWith(monthStarts[i] ?? '')).reduce((s, p) => s + p.customers, 0);
        assert.ok(m.customers > 0 && m.customers < sum, `${m.customers} vs ${sum}`);
      });
    });
  });
});
