import * as assert from 'node:assert/strict';
import { HelpScoutError } from '../../../src/core/errors';
import type { CustomersHelpedReport, SeriesParams } from '../../../src/core/report';
import type { SavedQuery } from '../../../src/core/query';
import type { HelpScoutClient } from '../../../src/core/client';
import { sampleReportService } from '../../support/sampleReportService';
import { SharedFlights } from '../../../src/core/sharedFlight';

const SAVED: SavedQuery = {
  id: 'q-1',
  name: 'Anna',
  query: { metric: 'customersHelped', subject: { kind: 'user', userId: 42 }, range: { kind: 'absolute', start: '2025-01-01', end: '2025-01-31' }, comparison: { kind: 'none' }, viewBy: 'week' },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};
const REPORT: CustomersHelpedReport = { current: [{ date: '2025-01-01T12:00:00Z', value: 3 }] };

/** A client whose report requests the test answers by hand; a request stops when its signal aborts, as the pipeline's does. */
function fakeClient() {
  const requests: Array<{ signal: AbortSignal | undefined; answer: () => void }> = [];
  const client: Pick<HelpScoutClient, 'getSeries'> = {
    getSeries: (_series: string, _params: SeriesParams, signal?: AbortSignal) =>
      new Promise<CustomersHelpedReport>((resolve, reject) => {
        const cancelled = (): void => reject(new HelpScoutError({ kind: 'cancelled', message: 'The request was cancelled.' }));
        if (signal?.aborted) return cancelled();
        signal?.addEventListener('abort', cancelled, { once: true });
        requests.push({ signal, answer: () => resolve(structuredClone(REPORT)) });
      }),
  };
  return { client, requests };
}

function service() {
  const { client, requests } = fakeClient();
  return { reports: sampleReportService(client), requests };
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

async function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

describe('ReportService: one shared request per query (issue 9, defect 8)', () => {
  it('closing a panel while Refresh All fetches the same query does not drop Refresh All’s result', async () => {
    const { reports, requests } = service();
    const panel = new AbortController();
    const refreshAll = new AbortController();
    const fromPanel = outcome(reports.fetch(SAVED, panel.signal));
    const fromRefreshAll = outcome(reports.fetch(SAVED, refreshAll.signal));
    await turn();
    assert.equal(requests.length, 1, 'the two callers share one request');
    panel.abort(); // the panel is closed
    await turn();
    assert.equal(requests[0]!.signal?.aborted, false, 'the shared request goes on for Refresh All');
    requests[0]!.answer();
    const refreshed = await fromRefreshAll;
    assert.equal(refreshed.error, undefined, `Refresh All got ${String(refreshed.error)}`);
    assert.deepEqual(refreshed.value?.report, REPORT);
    const closed = await fromPanel;
    assert.ok(closed.error instanceof HelpScoutError && closed.error.kind === 'cancelled', 'the closed panel stops waiting at once');
    assert.deepEqual(reports.cached(SAVED)?.report, REPORT, 'and the result is cached');
  });

  it('the shared request is cancelled once every caller waiting on it has cancelled; the next fetch starts afresh', async () => {
    const { reports, requests } = service();
    const one = new AbortController();
    const two = new AbortController();
    const first = outcome(reports.fetch(SAVED, one.signal));
    const second = outcome(reports.fetch(SAVED, two.signal));
    await turn();
    one.abort();
    await turn();
    assert.equal(requests[0]!.signal?.aborted, false);
    two.abort();
    await turn();
    assert.equal(requests[0]!.signal?.aborted, true);
    for (const r of [await first, await second]) assert.ok(r.error instanceof HelpScoutError && r.error.kind === 'cancelled');
    const again = reports.fetch(SAVED);
    await turn();
    assert.equal(requests.length, 2, 'a cancelled request is not joined');
    requests[1]!.answer();
    assert.deepEqual((await again).report, REPORT);
  });

  it('a caller without a signal keeps the shared request alive', async () => {
    const { reports, requests } = service();
    const panel = new AbortController();
    const cancelled = outcome(reports.fetch(SAVED, panel.signal));
    const kept = reports.fetch(SAVED);
    await turn();
    panel.abort();
    await turn();
    assert.equal(requests[0]!.signal?.aborted, false);
    requests[0]!.answer();
    assert.deepEqual((await kept).report, REPORT);
    assert.ok((await cancelled).error instanceof HelpScoutError);
  });

  it('a caller whose signal is already aborted joins nothing and starts nothing', async () => {
    const { reports, requests } = service();
    const done = new AbortController();
    done.abort();
    const r = await outcome(reports.fetch(SAVED, done.signal));
    assert.ok(r.error instanceof HelpScoutError && r.error.kind === 'cancelled');
    await turn();
    assert.equal(requests.length, 0);
  });
});

describe('SharedFlights', () => {
  it('a failing task rejects every caller waiting on it with its error, and is not joined afterwards', async () => {
    const flights = new SharedFlights<number>();
    let starts = 0;
    let fail!: (e: Error) => void;
    const start = (): Promise<number> => {
      starts++;
      return new Promise<number>((_resolve, reject) => (fail = reject));
    };
    const a = outcome(flights.run('k', new AbortController().signal, start));
    const b = outcome(flights.run('k', undefined, start));
    fail(new Error('boom'));
    assert.deepEqual([(await a).error, (await b).error].map((e) => (e as Error).message), ['boom', 'boom']);
    assert.equal(flights.size, 0);
    void outcome(flights.run('k', undefined, start));
    assert.equal(starts, 2);
  });
});

describe('ReportService.forget: a report and the people’s views opened from it', () => {
  it('drops the query’s cache and its people’s (q-1/person/…), and keeps a query whose id only starts the same (q-10)', async () => {
    const { reports, requests } = service();
    const person: SavedQuery = { ...SAVED, id: 'q-1/person/42', name: 'Anna · team' };
    const other: SavedQuery = { ...SAVED, id: 'q-10', name: 'Other' };
    for (const saved of [SAVED, person, other]) {
      const fetched = reports.fetch(saved);
      await turn();
      requests.at(-1)!.answer();
      await fetched;
    }
    assert.deepEqual([SAVED, person, other].map((s) => reports.cached(s) !== undefined), [true, true, true]);
    await reports.forget('q-1');
    assert.deepEqual([SAVED, person, other].map((s) => reports.cached(s) !== undefined), [false, false, true]);
  });
});
