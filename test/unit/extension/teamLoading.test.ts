import * as assert from 'node:assert/strict';
import type { HelpScoutClient } from '../../../src/core/client';
import type { HelpScoutUser } from '../../../src/core/resources';
import { HelpScoutError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/logger';
import type { SavedQuery } from '../../../src/core/query';
import type { SeriesParams, SeriesReport } from '../../../src/core/report';
import type { TeamProgress } from '../../../src/core/teamReport';
import { teamProgressStep } from '../../../src/extension/panel/teamProgress';
import { buildSnapshot } from '../../../src/extension/snapshot';
import { sampleReportService } from '../../support/sampleReportService';

const TEAM: SavedQuery = {
  id: 'team-1',
  name: 'Support team',
  query: {
    metric: 'replies',
    subject: { kind: 'users', users: [{ id: 11, name: 'Anna' }, { id: 12, name: 'Ben' }, { id: 13, name: 'Cleo' }, { id: 14, name: 'Dan' }, { id: 15, name: 'Eve' }] },
    range: { kind: 'absolute', start: '2025-01-01', end: '2025-01-03' },
    comparison: { kind: 'previousPeriod' },
    viewBy: 'day',
  },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};
const CONTEXT = { locale: 'en', timeZone: 'UTC', sampleData: true };

/** Each person's figures: three days, current and previous. Totals by hand: 6+3, 3+6, 0+1, 9+0, 1+1. */
const FIGURES: Record<number, { current: number[]; previous: number[] }> = {
  11: { current: [1, 2, 3], previous: [1, 1, 1] },
  12: { current: [0, 3, 0], previous: [2, 2, 2] },
  13: { current: [0, 0, 0], previous: [0, 1, 0] },
  14: { current: [4, 4, 1], previous: [0, 0, 0] },
  15: { current: [1, 0, 0], previous: [0, 0, 1] },
};

function reportOf(user: number): SeriesReport {
  const f = FIGURES[user]!;
  return {
    current: f.current.map((value, i) => ({ date: `2025-01-0${i + 1}T00:00:00Z`, value })),
    previous: f.previous.map((value, i) => ({ date: `2024-12-${29 + i}T00:00:00Z`, value })),
  };
}

interface Held {
  user: number;
  signal: AbortSignal | undefined;
  answer(): void;
  fail(error: unknown): void;
}

/** Report requests stay open until the test answers them; a request stops when its signal aborts, as the pipeline's does. */
function service(inboxUsers: HelpScoutUser[] = []) {
  const held: Held[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const client: Pick<HelpScoutClient, 'getSeries' | 'listUsers'> = {
    getSeries: (_series: string, params: SeriesParams, signal?: AbortSignal) =>
      new Promise<SeriesReport>((resolve, reject) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        const onAbort = (): void => done(reject)(new HelpScoutError({ kind: 'cancelled', message: 'The request was cancelled.' }));
        const done = <T>(settle: (v: T) => void) => (v: T) => {
          inFlight--;
          signal?.removeEventListener('abort', onAbort);
          settle(v);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        held.push({ user: params.user!, signal, answer: () => done(resolve)(reportOf(FIGURES[params.user!] ? params.user! : 11)), fail: done(reject) });
      }),
    listUsers: async () => inboxUsers,
  };
  const warnings: string[] = [];
  const log = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
  return { reports: sampleReportService(client, log), held, warnings, mostInFlight: () => mostInFlight };
}

const turn = async (n = 5): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

async function until(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !probe(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(probe(), 'the condition was not reached');
}

/** Answers whatever is held, oldest first, until `done` settles. */
async function answerAll(held: Held[], until: Promise<unknown>, answer: (h: Held) => void = (h) => h.answer()): Promise<void> {
  let settled = false;
  until.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await turn();
    const next = held.shift();
    if (next) answer(next);
  }
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

describe('team reports on the host (issue 12)', () => {
  it('loads one request per person, at most 4 at a time, reporting progress after each settles; people in subject order', async () => {
    const { reports, held, mostInFlight } = service();
    const progress: TeamProgress[] = [];
    const fetched = reports.fetch(TEAM, new AbortController().signal, (p) => progress.push({ ...p }));
    await answerAll(held, fetched);
    const data = await fetched;
    assert.equal(mostInFlight(), 4);
    assert.deepEqual(progress, [0, 1, 2, 3, 4, 5].map((loaded) => ({ loaded, total: 5 })));
    const snapshot = buildSnapshot(TEAM, CONTEXT, { data, loading: false });
    const people = snapshot.team!.people;
    assert.deepEqual(people.map((p) => p.name), ['Anna', 'Ben', 'Cleo', 'Dan', 'Eve']);
    for (const person of people) {
      const f = FIGURES[person.id]!;
      assert.deepEqual(person.current, f.current, person.name);
      assert.deepEqual(person.previous, f.previous, person.name);
      assert.equal(person.currentTotal, sum(f.current), person.name);
      assert.equal(person.previousTotal, sum(f.previous), person.name);
    }
    const teamCurrent = sum(Object.values(FIGURES).map((f) => sum(f.current)));
    assert.equal(teamCurrent, 19);
    assert.equal(snapshot.comparison!.currentTotal, teamCurrent, 'the cards show the Team total');
    assert.deepEqual(snapshot.comparison!.rows.map((r) => r.current), [6, 9, 4], 'bucket by bucket, summed by hand');
    assert.equal(people[3]!.share, 9 / 19);
    assert.deepEqual(people[3]!.busiest, { date: '2025-01-01T00:00:00Z', value: 4 });
    assert.equal(snapshot.team!.progress, undefined, 'no progress once loaded');
    assert.equal(snapshot.status, 'ready');
  });

  it('a person whose request fails (404) is a row with the error card’s wording; the rest of the team still shows', async () => {
    const { reports, held, warnings } = service();
    const fetched = reports.fetch(TEAM, undefined);
    await answerAll(held, fetched, (h) =>
      h.user === 12 ? h.fail(new HelpScoutError({ kind: 'notFound', status: 404, message: 'Help Scout says: <b>User not found</b> (logRef: abc-1)', logRef: 'abc-1' })) : h.answer(),
    );
    const snapshot = buildSnapshot(TEAM, CONTEXT, { data: await fetched, loading: false });
    const ben = snapshot.team!.people[1]!;
    assert.deepEqual(ben.error, { message: 'Help Scout says: <b>User not found</b>', status: 404, logRef: 'abc-1' });
    assert.equal(ben.current, undefined);
    assert.equal(ben.currentTotal, null);
    assert.equal(snapshot.comparison!.currentTotal, 19 - 3, 'Ben counts in nothing');
    assert.equal(snapshot.team!.people[0]!.share, 6 / 16);
    assert.equal(snapshot.status, 'ready');
    assert.deepEqual(warnings, ['“Support team”: 1 of 5 people could not be loaded (user 12: 404, logRef abc-1).'], 'the log says who, without their names');
  });

  it('when every person fails, the report fails with the first person’s error and its recovery actions', async () => {
    const { reports, held } = service();
    const fetched = reports.fetch(TEAM, undefined);
    await answerAll(held, fetched, (h) => h.fail(new HelpScoutError({ kind: 'forbidden', status: 403, message: `Forbidden for ${h.user}` })));
    const error = await fetched.then(
      () => assert.fail('the load should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof HelpScoutError);
    assert.equal(error.message, 'Forbidden for 11');
    const snapshot = buildSnapshot(TEAM, CONTEXT, { loading: false, error });
    assert.equal(snapshot.status, 'error');
    assert.deepEqual(snapshot.error?.actions, ['trySample', 'comparePlans', 'openLog']);
    assert.equal(reports.cached(TEAM), undefined, 'nothing cached');
  });

  it('cancelling aborts every request in flight and rejects with this bundle’s cancelled error', async () => {
    const { reports, held } = service();
    const cancel = new AbortController();
    const fetched = reports.fetch(TEAM, cancel.signal).then(
      () => undefined,
      (e: unknown) => e,
    );
    await until(() => held.length === 4);
    held.shift()!.answer();
    await until(() => held.length === 4);
    const waiting = [...held];
    assert.equal(waiting.length, 4);
    cancel.abort();
    const error = await fetched;
    assert.ok(error instanceof HelpScoutError && error.kind === 'cancelled', String(error));
    await turn();
    assert.ok(waiting.every((h) => h.signal?.aborted), 'every request in flight is aborted');
    assert.equal(held.length, 4, 'and no further person is asked for');
  });

  it('a reopened team panel shows the cached team at once, marked stale, with the progress of the load under way', async () => {
    const { reports, held } = service();
    const first = reports.fetch(TEAM, undefined);
    await answerAll(held, first);
    await first;
    const cached = reports.cached(TEAM)!;
    assert.deepEqual(cached.team?.people.map((p) => p.currentTotal), [6, 3, 0, 9, 1]);
    const progress: TeamProgress[] = [];
    const second = reports.fetch(TEAM, undefined, (p) => progress.push({ ...p }));
    await until(() => held.length === 4);
    held.shift()!.answer();
    await until(() => held.length === 4);
    const late: TeamProgress[] = [];
    const joined = reports.fetch(TEAM, undefined, (p) => late.push({ ...p }));
    assert.deepEqual(late, [{ loaded: 1, total: 5 }], 'a second panel joins the load and learns how far it is at once');
    const snapshot = buildSnapshot(TEAM, CONTEXT, { data: cached, loading: true, progress: progress.at(-1) });
    assert.equal(snapshot.stale, true);
    assert.deepEqual(snapshot.team?.progress, { loaded: 1, total: 5 });
    assert.equal(snapshot.team?.people.length, 5);
    await answerAll(held, Promise.all([second, joined]));
    assert.deepEqual(late.at(-1), { loaded: 5, total: 5 });
  });

  it('a load started while a cancelled one is still winding down keeps its own progress', async () => {
    const { reports, held } = service();
    const first = new AbortController();
    const cancelled = reports.fetch(TEAM, first.signal, () => undefined).catch(() => undefined);
    await until(() => held.length === 4);
    first.abort(); // every caller left: the first load is abandoned, its requests abort as it winds down
    const progress: TeamProgress[] = [];
    const again = reports.fetch(TEAM, undefined, (p) => progress.push({ ...p }));
    await cancelled;
    await answerAll(held, again, (h) => (h.signal?.aborted ? undefined : h.answer()));
    await again;
    assert.deepEqual(progress.at(-1), { loaded: 5, total: 5 });
    assert.deepEqual(progress.map((p) => p.loaded), [0, 1, 2, 3, 4, 5]);
  });

  it('a team loading for the first time: status loading, no people yet, the progress', () => {
    const snapshot = buildSnapshot(TEAM, CONTEXT, { loading: true, progress: { loaded: 2, total: 5 } });
    assert.equal(snapshot.status, 'loading');
    assert.deepEqual(snapshot.team, { people: [], omitted: 0, progress: { loaded: 2, total: 5 } });
  });

  it('an inbox nobody works in is an error that names the field and offers to edit the query, not an empty chart', async () => {
    const { reports } = service();
    const inbox: SavedQuery = { ...TEAM, query: { ...TEAM.query, subject: { kind: 'inbox', mailboxId: 3, mailboxName: 'Billing' } } };
    const error = await reports.fetch(inbox, undefined).then(
      () => assert.fail('the load should fail'),
      (e: unknown) => e,
    );
    const snapshot = buildSnapshot(inbox, CONTEXT, { loading: false, error });
    assert.equal(snapshot.error?.kind, 'validation-local');
    assert.equal(snapshot.error?.message, 'subject.mailboxId: Everyone in Billing is not allowed (allowed: an inbox at least one person works in)');
    assert.deepEqual(snapshot.error?.actions, ['editQuery']);
  });

  it('an inbox with more people than a team may have: the first 50 in the API’s order, and how many were left out', async () => {
    const users = Array.from({ length: 53 }, (_, i) => ({ id: 100 + i, firstName: `P${i}`, lastName: 'Q', email: `p${i}@example.com` }));
    const { reports, held } = service(users);
    const inbox: SavedQuery = { ...TEAM, query: { ...TEAM.query, subject: { kind: 'inbox', mailboxId: 3 } } };
    const fetched = reports.fetch(inbox, undefined);
    await answerAll(held, fetched);
    const team = buildSnapshot(inbox, CONTEXT, { data: await fetched, loading: false }).team!;
    assert.equal(team.omitted, 3);
    assert.deepEqual(team.people.map((p) => p.id), users.slice(0, 50).map((u) => u.id));
    assert.equal(team.people[7]!.name, 'P7 Q');
  });

  it('a one-person report has no team part', () => {
    const single: SavedQuery = { ...TEAM, query: { ...TEAM.query, subject: { kind: 'user', userId: 11 } } };
    assert.equal(buildSnapshot(single, CONTEXT, { loading: true }).team, undefined);
  });

  it('the notification says "n of 5 loaded" and its increments add up to the whole bar', () => {
    const seen: TeamProgress[] = [0, 1, 2, 3, 4, 5].map((loaded) => ({ loaded, total: 5 }));
    const steps = seen.map((now, i) => teamProgressStep(seen[i - 1], now));
    assert.deepEqual(steps.map((s) => s.message), ['0 of 5 loaded', '1 of 5 loaded', '2 of 5 loaded', '3 of 5 loaded', '4 of 5 loaded', '5 of 5 loaded']);
    assert.deepEqual(steps.map((s) => s.increment), [0, 20, 20, 20, 20, 20]);
    assert.deepEqual(teamProgressStep(undefined, { loaded: 3, total: 4 }), { message: '3 of 4 loaded', increment: 75 }, 'a panel that joins a load under way');
    assert.equal(teamProgressStep(undefined, { loaded: 0, total: 0 }).increment, 0, 'an empty inbox');
  });
});
