// Refresh all: 100 distinct saved queries fetched through ONE HelpScoutClient, 4 workers as the
// extension's "Refresh All Reports" runs them, against a sandbox limited to 60 requests a window
// with 100 ms latency. The least the limit allows: 60 in the first window, 40 in the next, so
// window + one latency. Counted: 429s the sandbox sent (retried inside the client) and errors
// that reached the caller (the user would see them; must be 0).
import type { CustomersHelpedParams } from '../../src/core/report';
import { startSandbox } from '../../src/sandbox/server';
import { DAY_MS, sandboxClient, utcMidnight, wireDate } from './sandboxSetup';
import type { Figure } from './stats';

const SHAPES: Array<{ days: number; viewBy: CustomersHelpedParams['viewBy'] }> = [
  { days: 7, viewBy: 'day' },
  { days: 30, viewBy: 'day' },
  { days: 60, viewBy: 'day' },
  { days: 90, viewBy: 'week' },
  { days: 365, viewBy: 'month' },
];

export async function measureRefreshAll(options: { windowMs?: number; queries?: number; limit?: number; latencyMs?: number; workers?: number } = {}): Promise<Figure> {
  const windowMs = options.windowMs ?? 60_000;
  const count = options.queries ?? 100;
  const limit = options.limit ?? 60;
  const latencyMs = options.latencyMs ?? 100;
  const workers = options.workers ?? 4;
  const quick = windowMs !== 60_000;

  // The sandbox's windows are aligned to its clock. Shift that clock so a window starts exactly
  // when the run starts: the "least" of the issue (60 in the first window) is then reachable.
  const realNow = Date.now();
  let offset = 0;
  const sandbox = await startSandbox({
    now: realNow,
    rateLimitPerMinute: limit,
    rateLimitWindowMs: windowMs,
    latencyMs,
    clock: () => Date.now() - offset,
  });
  try {
    const client = sandboxClient(sandbox, quick ? { rateGate: { windowMs } } : {});
    await client.tokens.getToken(); // signed in before the refresh, as in the extension

    const end = utcMidnight(sandbox.dataset.now * 1000);
    const users = sandbox.dataset.users;
    const queries: CustomersHelpedParams[] = [];
    for (let i = 0; i < count; i++) {
      const shape = SHAPES[i % SHAPES.length]!;
      const user = users[Math.floor(i / SHAPES.length) % users.length]!;
      // Distinct even when users repeat: shift the range back by whole days.
      const shift = Math.floor(i / (SHAPES.length * users.length)) * DAY_MS;
      const stop = end - shift;
      const start = stop - shape.days * DAY_MS;
      queries.push({
        user: user.id,
        start: wireDate(start),
        end: wireDate(stop),
        previousStart: wireDate(start - shape.days * DAY_MS),
        previousEnd: wireDate(start),
        viewBy: shape.viewBy,
      });
    }
    if (new Set(queries.map((q) => JSON.stringify(q))).size !== count) throw new Error('queries are not distinct');

    sandbox.resetStats();
    const errors: string[] = [];
    let done = 0;
    // Start on a fresh window of the sandbox's clock.
    const t0 = Date.now();
    offset = t0 - Math.ceil(t0 / windowMs) * windowMs;
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < queries.length) {
        const query = queries[next++]!;
        try {
          await client.getCustomersHelped(query);
          done++;
        } catch (error) {
          errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    const wallMs = performance.now() - started;
    const leastMs = windowMs * Math.floor((count - 1) / limit) + latencyMs;
    const ratio = wallMs / leastMs;
    const ok = errors.length === 0 && done === count && ratio <= 1.3;
    return {
      id: 'refresh.all',
      figure: `refresh all: ${count} queries, ${limit}/${quick ? `${windowMs / 1000} s (quick)` : 'min'}, ${latencyMs} ms latency, ${workers} workers (wall / least)`,
      unit: '×',
      value: ratio,
      valueLabel: `${ratio.toFixed(3)}× (${(wallMs / 1000).toFixed(1)} s / ${(leastMs / 1000).toFixed(1)} s; 429s sent ${sandbox.stats.rateLimited}, errors ${errors.length})`,
      budget: 'no 429 reaches the user; ≤ 1.3× least',
      // A shortened window does not scale the client's fixed costs: informational only.
      pass: quick ? null : ok,
      details: {
        wallMs,
        leastMs,
        windowMs,
        quick,
        completed: done,
        errorsSurfaced: errors.length,
        firstErrors: errors.slice(0, 3),
        rateLimitedSentBySandbox: sandbox.stats.rateLimited,
        requestsSeenBySandbox: sandbox.stats.requests,
        reportRequests: sandbox.stats.reportRequests,
        gateAtEnd: client.rateLimit(),
        quickNote: quick
          ? 'quick mode: window shortened (sandbox rateLimitWindowMs and the client gate windowMs); the time spent in the first window is a fixed cost that does not shrink, so the ratio is not comparable with the budget'
          : undefined,
      },
    };
  } finally {
    await sandbox.close();
  }
}
