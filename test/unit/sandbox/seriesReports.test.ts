import assert from 'node:assert/strict';
import fc from 'fast-check';
import { activeConversationsOf, MAX_CLOSE_DELAY_SECONDS, type ActiveConversation } from '../../../src/sandbox/activity';
import { getDataset, type SandboxConversationType } from '../../../src/sandbox/dataset';
import { bucketStarts, computeCustomersHelped, type CustomersHelpedQuery, type SandboxViewBy } from '../../../src/sandbox/reportEngine';
import { computeCompanyCustomersHelped, computeReplies, computeResolutions } from '../../../src/sandbox/seriesEngine';
import type { Sandbox } from '../../../src/sandbox/server';
import { formatWireDate } from '../../../src/sandbox/wireDate';
import { NOW, get, start, token } from './helpers';

const DAY = 86_400;
const TYPES: SandboxConversationType[] = ['email', 'chat', 'phone'];
const d = getDataset(20_190_502, NOW.getTime());

const spelled = new Map<number, ActiveConversation[]>();
function conversations(userId: number, q: CustomersHelpedQuery): ActiveConversation[] {
  if (!spelled.has(userId)) spelled.set(userId, activeConversationsOf(d, userId));
  return (spelled.get(userId) ?? []).filter(
    (c) =>
      (!q.types?.length || q.types.includes(c.type)) &&
      (!q.mailboxes?.length || q.mailboxes.includes(c.mailboxId)) &&
      (!q.folders?.length || q.folders.includes(c.folderId)) &&
      (!q.tags?.length || c.tagIds.some((t) => q.tags?.includes(t))),
  );
}

/** [from, to) of each bucket. */
function buckets(q: CustomersHelpedQuery): Array<[number, number]> {
  const starts = bucketStarts(q.start, q.end, q.viewBy);
  return starts.map((s, i) => [s, starts[i + 1] ?? q.end]);
}

// Naive recounts straight from the spelled-out conversations.
const naiveReplies = (q: CustomersHelpedQuery) =>
  buckets(q).map(([s, e]) => conversations(q.userId, q).filter((c) => c.epochSeconds >= s && c.epochSeconds < e).reduce((n, c) => n + c.replies, 0));
const naiveResolutions = (q: CustomersHelpedQuery) =>
  buckets(q).map(([s, e]) => conversations(q.userId, q).filter((c) => c.closedAt !== null && c.closedAt >= s && c.closedAt < e).length);
const naiveCompany = (q: CustomersHelpedQuery) =>
  buckets(q).map(([s, e]) => {
    const emails = new Set<string>();
    for (const u of d.users) for (const c of conversations(u.id, q)) if (c.epochSeconds >= s && c.epochSeconds < e) emails.add(c.customerEmail);
    return emails.size;
  });

const values = (points: readonly object[] | undefined, key: string) => (points ?? []).map((p) => (p as Record<string, number>)[key] ?? NaN);

const someOf = <T>(items: readonly T[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant<T[]>([]) }, { weight: 1, arbitrary: fc.subarray([...items], { minLength: 1, maxLength: Math.min(3, items.length) }) });
const drawn = fc.record({
  user: fc.integer({ min: 0, max: d.users.length - 1 }),
  startDay: fc.integer({ min: -5, max: 735 }),
  hour: fc.integer({ min: 0, max: 23 }),
  days: fc.integer({ min: 1, max: 60 }),
  viewBy: fc.constantFrom<SandboxViewBy>('day', 'week', 'month'),
  mailboxes: someOf(d.mailboxes.map((m) => m.id)),
  tags: someOf(d.tags.map((t) => t.id)),
  types: someOf(TYPES),
});
const query = drawn.map((r): CustomersHelpedQuery => {
  // A range that starts mid-day touches one more calendar day than its 24-hour days, and `day`
  // allows 60 calendar days: 59 × 24 h at most.
  const days = r.viewBy === 'month' ? 61 + r.days * 2 : Math.min(r.days, 59);
  const s = d.now - r.startDay * DAY + r.hour * 3600 - days * DAY;
  return { userId: d.users[r.user]?.id ?? 0, start: s, end: s + days * DAY, viewBy: r.viewBy, timeZone: 'UTC', mailboxes: r.mailboxes, tags: r.tags, types: r.types };
});

describe('sandbox: replies, resolutions and company customers helped', () => {
  it('replies and resolutions equal a naive recount of the conversations', () => {
    let nonZero = 0;
    fc.assert(
      fc.property(query, (q) => {
        const replies = values(computeReplies(d, q).current, 'replies');
        const resolved = values(computeResolutions(d, q).current, 'resolved');
        assert.deepEqual(replies, naiveReplies(q));
        assert.deepEqual(resolved, naiveResolutions(q));
        if (resolved.some((n) => n > 0)) nonZero++;
      }),
      { numRuns: 80 },
    );
    assert.ok(nonZero > 20, `only ${nonZero} runs had resolutions`);
  });

  it('company customers helped equals a naive recount across all users', () => {
    fc.assert(
      fc.property(query, (q) => assert.deepEqual(values(computeCompanyCustomersHelped(d, q).current, 'customers'), naiveCompany(q))),
      { numRuns: 15 },
    );
  });

  it('replies ≥ customers helped, for every user and bucket', () => {
    fc.assert(
      fc.property(query, (q) => {
        const replies = values(computeReplies(d, q).current, 'replies');
        const helped = values(computeCustomersHelped(d, q).current, 'customers');
        helped.forEach((h, i) => assert.ok((replies[i] ?? 0) >= h, `bucket ${i}: ${replies[i]} replies < ${h} customers`));
      }),
      { numRuns: 80 },
    );
  });

  it('resolutions ≤ the conversations that could have been closed in the bucket, and ≤ all conversations', () => {
    fc.assert(
      fc.property(query, (q) => {
        const resolved = values(computeResolutions(d, q).current, 'resolved');
        buckets(q).forEach(([s, e], i) => {
          const candidates = conversations(q.userId, q).filter((c) => c.epochSeconds >= s - MAX_CLOSE_DELAY_SECONDS && c.epochSeconds < e).length;
          assert.ok((resolved[i] ?? 0) <= candidates, `bucket ${i}: ${resolved[i]} > ${candidates}`);
        });
      }),
      { numRuns: 60 },
    );
    for (const u of d.users) {
      const all = { userId: u.id, start: d.start - DAY, end: d.now + DAY, viewBy: 'month' as const, timeZone: 'UTC' };
      const total = values(computeResolutions(d, all).current, 'resolved').reduce((a, b) => a + b, 0);
      const count = activeConversationsOf(d, u.id).length;
      assert.ok(total <= count && total > count * 0.4, `${u.id}: ${total} resolutions of ${count} conversations`);
    }
  });

  it('company ≤ the sum over users and ≥ each user, bucket by bucket', () => {
    fc.assert(
      fc.property(query, (q) => {
        const company = values(computeCompanyCustomersHelped(d, q).current, 'customers');
        const perUser = d.users.map((u) => values(computeCustomersHelped(d, { ...q, userId: u.id }).current, 'customers'));
        company.forEach((n, i) => {
          const each = perUser.map((p) => p[i] ?? 0);
          assert.ok(n <= each.reduce((a, b) => a + b, 0), `bucket ${i}: ${n} > sum ${each}`);
          assert.ok(n >= Math.max(...each), `bucket ${i}: ${n} < max ${each}`);
        });
      }),
      { numRuns: 25 },
    );
  });

  describe('over HTTP', () => {
    let sb: Sandbox;
    let access: string;
    before(async () => {
      sb = await start();
      access = await token(sb);
    });
    after(() => sb.close());

    const path = (route: string, params: Record<string, string | number>) =>
      `${route}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
    const wire = (q: CustomersHelpedQuery, previous: { start: number; end: number }, withUser: boolean) => {
      const params: Record<string, string | number> = {
        start: formatWireDate(q.start),
        end: formatWireDate(q.end),
        previousStart: formatWireDate(previous.start),
        previousEnd: formatWireDate(previous.end),
        viewBy: q.viewBy,
      };
      if (withUser) params.user = q.userId;
      if (q.mailboxes?.length) params.mailboxes = q.mailboxes.join(',');
      if (q.tags?.length) params.tags = q.tags.join(',');
      if (q.types?.length) params.types = q.types.join(',');
      return params;
    };
    const routes = [
      ['/v2/reports/user/replies', computeReplies, true],
      ['/v2/reports/user/resolutions', computeResolutions, true],
      ['/v2/reports/company/customers-helped', computeCompanyCustomersHelped, false],
    ] as const;

    for (const [route, compute, withUser] of routes) {
      it(`${route} serves what the engine computes, previous range and filters included`, async () => {
        await fc.assert(
          fc.asyncProperty(query, async (q) => {
            const previous = { start: q.start - (q.end - q.start), end: q.start };
            const a = await get(sb, path(route, wire(q, previous, withUser)), access);
            assert.equal(a.status, 200, a.text);
            assert.deepEqual(a.body, compute(sb.dataset, { ...q, userId: withUser ? q.userId : 0, previous }));
          }),
          { numRuns: 8 },
        );
      });

      it(`${route} applies the viewBy rules, the plan and the user check like customers-helped`, async () => {
        const user = sb.dataset.users[1]!.id;
        const base = { ...(withUser ? { user } : {}), start: '2026-01-01T00:00:00Z', end: '2026-03-15T00:00:00Z' };
        const tooLong = await get(sb, path(route, { ...base, viewBy: 'day' }), access);
        assert.equal(tooLong.status, 400);
        assert.equal(tooLong.body._embedded.errors[0].path, 'viewBy');
        const finest = await get(sb, path(route, base), access);
        assert.equal(finest.status, 200);
        assert.equal(finest.body.current.length, 11, 'no viewBy: the finest allowed, week');
        if (withUser) {
          assert.equal((await get(sb, path(route, { ...base, user: 999_999_999 }), access)).status, 404);
          const noUser = await get(sb, path(route, { start: base.start, end: base.end }), access);
          assert.equal(noUser.status, 400);
          assert.equal(noUser.body._embedded.errors[0].path, 'user');
        }
        assert.equal((await get(sb, path(route, base))).status, 401);
      });
    }

    it('the company report needs no user, and the free plan gets 403 from every new route', async () => {
      const free = await start({ plan: 'free' });
      try {
        const t = await token(free);
        for (const [route, , withUser] of routes) {
          const a = await get(free, path(route, { ...(withUser ? { user: free.dataset.users[0]!.id } : {}), start: '2026-03-01T00:00:00Z', end: '2026-03-08T00:00:00Z' }), t);
          assert.equal(a.status, 403, route);
        }
      } finally {
        await free.close();
      }
    });

    it('the rate limit and the faults reach the new routes', async () => {
      const limited = await start({ rateLimitPerMinute: 1 });
      try {
        const t = await token(limited);
        const p = path('/v2/reports/user/replies', { user: limited.dataset.users[0]!.id, start: '2026-03-01T00:00:00Z', end: '2026-03-08T00:00:00Z' });
        assert.equal((await get(limited, p, t)).status, 200);
        assert.equal((await get(limited, p, t)).status, 429);
      } finally {
        await limited.close();
      }
      sb.faults.add({ kind: 'wrongShape', variant: 'customersAsString', times: 1 });
      const shaped = await get(sb, path('/v2/reports/user/resolutions', { user: sb.dataset.users[0]!.id, start: '2026-03-01T00:00:00Z', end: '2026-03-08T00:00:00Z' }), access);
      assert.ok(shaped.body.current.every((p: { resolved: unknown }) => typeof p.resolved === 'string'));
    });
  });
});
