import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HelpScoutError } from '../../../src/core/errors';
import type { ReportQuery } from '../../../src/core/query';
import type { SeriesParams, SeriesReport } from '../../../src/core/report';
import { rankTeam, teamTotal } from '../../../src/core/teamRanking';
import { loadTeamReport, type TeamProgress } from '../../../src/core/teamReport';

const CTX = { now: Date.parse('2026-10-15T10:00:00Z'), timeZone: 'UTC', weekStart: 'monday' as const };
const team = (n: number, metric: ReportQuery['metric'] = 'replies'): ReportQuery => ({
  metric,
  subject: { kind: 'users', users: Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `P${i + 1}` })) },
  range: { kind: 'preset', preset: 'last7Days' },
  comparison: { kind: 'previousPeriod' },
});

/** A client whose requests the test answers by hand. */
function heldClient() {
  const pending: Array<{ series: string; params: SeriesParams; resolve: (r: SeriesReport) => void; reject: (e: unknown) => void }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client = {
    getSeries: (series: string, params: SeriesParams, signal?: AbortSignal) =>
      new Promise<SeriesReport>((resolve, reject) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const done = <T>(f: (v: T) => void) => (v: T) => {
          inFlight--;
          f(v);
        };
        signal?.addEventListener('abort', () => done(reject)(new HelpScoutError({ kind: 'cancelled', message: 'cancelled' })));
        pending.push({ series, params, resolve: done(resolve), reject: done(reject) });
      }),
    listUsers: async (filter: { mailbox?: number }) =>
      filter.mailbox === 3 ? Array.from({ length: 53 }, (_, i) => ({ id: 100 + i, firstName: 'In', lastName: `Box${i}`, email: `b${i}@x.test` })) : [],
  };
  return { client, pending, maxInFlight: () => maxInFlight };
}
const tick = () => new Promise((r) => setImmediate(r));
const one = (v: number): SeriesReport => ({ current: [{ date: '2026-10-08T00:00:00Z', value: v }], previous: [{ date: '2026-10-01T00:00:00Z', value: 1 }] });

describe('team report: loading', () => {
  it('12 people: at most 4 requests at a time, one per person with their user id, progress after each', async () => {
    const h = heldClient();
    const progress: TeamProgress[] = [];
    const done = loadTeamReport(h.client, team(12), CTX, { onProgress: (p) => progress.push(p) });
    for (let round = 0; round < 3; round++) {
      await tick();
      assert.equal(h.pending.length, 4 * (round + 1), `round ${round}`);
      for (const p of h.pending.slice(4 * round)) p.resolve(one(p.params.user!));
    }
    const loaded = await done;
    assert.equal(h.maxInFlight(), 4);
    assert.deepEqual(h.pending.map((p) => p.params.user), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.ok(h.pending.every((p) => p.series === 'replies' && p.params.viewBy === 'day' && p.params.previousStart !== undefined));
    assert.deepEqual(progress.map((p) => p.loaded), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.ok(progress.every((p) => p.total === 12));
    assert.deepEqual(loaded.members.map((m) => m.report?.current[0]?.value), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('a person who fails is a row with the error; the rest of the team loads', async () => {
    const h = heldClient();
    const done = loadTeamReport(h.client, team(3, 'resolutions'), CTX);
    await tick();
    h.pending[0]!.resolve(one(5));
    h.pending[1]!.reject(new HelpScoutError({ kind: 'notFound', status: 404, message: 'User 2 not found' }));
    h.pending[2]!.resolve(one(7));
    const loaded = await done;
    assert.deepEqual(loaded.members.map((m) => [m.name, m.report?.current[0]?.value, (m.error as Error | undefined)?.message]), [
      ['P1', 5, undefined],
      ['P2', undefined, 'User 2 not found'],
      ['P3', 7, undefined],
    ]);
  });

  it('cancelling stops the load: no new request starts and the promise rejects as cancelled', async () => {
    const h = heldClient();
    const controller = new AbortController();
    const done = loadTeamReport(h.client, team(12), CTX, { signal: controller.signal });
    await tick();
    h.pending[0]!.resolve(one(1));
    await tick();
    controller.abort();
    await assert.rejects(done, (e: unknown) => e instanceof HelpScoutError && e.kind === 'cancelled');
    await tick();
    assert.equal(h.pending.length, 5, 'four at first, one after the first answer, none after the abort');
  });

  it('everyone in an inbox: the inbox members, at most 50, the rest counted as left out', async () => {
    const h = heldClient();
    const query: ReportQuery = { ...team(2), subject: { kind: 'inbox', mailboxId: 3, mailboxName: 'Billing' } };
    const done = loadTeamReport(h.client, query, CTX, { concurrency: 50 });
    await tick();
    await tick();
    for (const p of h.pending) p.resolve(one(1));
    const loaded = await done;
    assert.equal(loaded.members.length, 50);
    assert.equal(loaded.omitted, 3);
    assert.equal(loaded.members[0]!.name, 'In Box0');
    assert.equal(h.pending[49]!.params.user, 149);
  });

  it('everyone in an inbox: someone the list names twice is one person, loaded once', async () => {
    const h = heldClient();
    const ana = { id: 7, firstName: 'Ana', lastName: 'Lima', email: 'ana@x.test' };
    const ben = { id: 8, firstName: 'Ben', lastName: 'Cho', email: 'ben@x.test' };
    const client = { ...h.client, listUsers: async () => [ana, ben, ana] };
    const done = loadTeamReport(client, { ...team(2), subject: { kind: 'inbox', mailboxId: 4 } }, CTX);
    await tick();
    await tick();
    for (const p of h.pending) p.resolve(one(1));
    const loaded = await done;
    assert.deepEqual(loaded.members.map((m) => [m.id, m.name]), [[7, 'Ana Lima'], [8, 'Ben Cho']]);
    assert.deepEqual(h.pending.map((p) => p.params.user), [7, 8]);
  });

  it('refuses a one-person query before any request', async () => {
    const h = heldClient();
    await assert.rejects(loadTeamReport(h.client, { ...team(2), subject: { kind: 'company' }, metric: 'customersHelped' }, CTX), /several people or everyone in an inbox/);
    assert.equal(h.pending.length, 0);
  });
});

describe('team report: total and ranking', () => {
  const series = fc.array(fc.nat({ max: 40 }), { minLength: 0, maxLength: 8 });
  const member = fc.record({ current: series, previous: fc.option(series, { nil: undefined }), failed: fc.boolean() });
  const toInput = (m: { current: number[]; previous?: number[]; failed: boolean }, i: number) => ({
    id: i + 1,
    name: `P${i + 1}`,
    ...(m.failed
      ? {}
      : {
          report: {
            current: m.current.map((value, b) => ({ date: `2026-10-0${b + 1}T00:00:00Z`, value })),
            ...(m.previous ? { previous: m.previous.map((value, b) => ({ date: `2026-09-0${b + 1}T00:00:00Z`, value })) } : {}),
          },
        }),
  });

  it('the total is the bucket sums of everyone loaded, and ranking totals add up to it (naive recount)', () => {
    fc.assert(
      fc.property(fc.array(member, { minLength: 2, maxLength: 12 }), (drawn) => {
        const inputs = drawn.map(toInput);
        const total = teamTotal(inputs);
        const width = Math.max(0, ...drawn.filter((m) => !m.failed).map((m) => m.current.length));
        for (let b = 0; b < width; b++) {
          let sum = 0;
          for (const m of drawn) if (!m.failed) sum += m.current[b] ?? 0;
          assert.equal(total.current[b]?.value, sum);
        }
        assert.equal(total.current.length, width);
        const rows = rankTeam(inputs);
        let teamSum = 0;
        drawn.forEach((m, i) => {
          const row = rows[i]!;
          if (m.failed) return assert.deepEqual([row.current, row.share, row.busiest], [null, null, null]);
          let mine = 0;
          for (const v of m.current) mine += v;
          teamSum += mine;
          assert.equal(row.current, mine);
          let prev = 0;
          for (const v of m.previous ?? []) prev += v;
          assert.equal(row.previous, m.previous ? prev : null);
          const max = Math.max(0, ...m.current);
          assert.equal(row.busiest?.value ?? 0, max);
          if (max > 0) assert.equal(row.busiest?.date, `2026-10-0${m.current.indexOf(max) + 1}T00:00:00Z`);
        });
        const shares = rows.flatMap((r) => (r.share === null ? [] : [r.share]));
        if (teamSum > 0) assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-9);
        else assert.deepEqual(shares, []);
      }),
    );
  });
});
