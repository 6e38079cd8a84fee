// Team loading: a team report's data through loadTeamReport (one request per person, 4 at a time,
// through ONE HelpScoutClient's rate gate) against the in-process sandbox with latency. The figure
// is the time until every person's data is in (what the panel then paints), as a ratio to the
// least the latency and the rate limit allow. The sandbox has 12 people: a 50-person team repeats
// them (50 requests, same cost each), which the query parser would not allow but the loader takes.
import type { ReportQuery, ResolveContext } from '../../src/core/query';
import { loadTeamReport } from '../../src/core/teamReport';
import { startSandbox } from '../../src/sandbox/server';
import { lastDaysParams, sandboxClient } from './sandboxSetup';
import type { Figure } from './stats';

const CONCURRENCY = 4;

async function measureTeam(options: { people: number; latencyMs: number; limit?: number; windowMs?: number; id: string; budgetNote: string }): Promise<Figure> {
  const windowMs = options.windowMs ?? 60_000;
  const realNow = Date.now();
  let offset = 0;
  const sandbox = await startSandbox({
    now: realNow,
    latencyMs: options.latencyMs,
    ...(options.limit !== undefined ? { rateLimitPerMinute: options.limit, rateLimitWindowMs: windowMs } : {}),
    clock: () => Date.now() - offset,
  });
  try {
    const client = sandboxClient(sandbox);
    await client.tokens.getToken(); // signed in before, as in the extension
    const users = sandbox.dataset.users;
    // Warm the code paths once (as the tree and an earlier report have in a running extension).
    await client.getSeries('customersHelped', lastDaysParams(sandbox, users[0]!.id, 30, 'day'));
    const query: ReportQuery = {
      metric: 'customersHelped',
      subject: { kind: 'users', users: Array.from({ length: options.people }, (_, i) => ({ id: users[i % users.length]!.id })) },
      range: { kind: 'preset', preset: 'last30Days' },
      comparison: { kind: 'previousPeriod' },
      viewBy: 'day',
    };
    const context: ResolveContext = { now: sandbox.dataset.now * 1000, timeZone: 'UTC', weekStart: 'monday' };
    sandbox.resetStats();
    const t0 = Date.now();
    offset = t0 - Math.ceil(t0 / windowMs) * windowMs; // start on a fresh window of the sandbox's clock
    const started = performance.now();
    const loaded = await loadTeamReport(client, query, context);
    const wallMs = performance.now() - started;
    const failed = loaded.members.filter((m) => m.error !== undefined);
    const byLatency = Math.ceil(options.people / CONCURRENCY) * options.latencyMs;
    const byLimit = options.limit !== undefined ? windowMs * Math.floor((options.people - 1) / options.limit) + options.latencyMs : 0;
    const leastMs = Math.max(byLatency, byLimit);
    const ratio = wallMs / leastMs;
    return {
      id: options.id,
      figure: `team report: ${options.people} people, last 30 days by day + previous, ${options.latencyMs} ms latency${options.limit !== undefined ? `, ${options.limit}/min` : ''} (data in / least)`,
      unit: '×',
      value: ratio,
      valueLabel: `${ratio.toFixed(3)}× (${wallMs.toFixed(0)} ms / ${leastMs} ms; 429s sent ${sandbox.stats.rateLimited}, people failed ${failed.length})`,
      budget: options.budgetNote,
      pass: failed.length === 0 && ratio <= 1.3,
      details: { wallMs, leastMs, byLatency, byLimit, people: options.people, reportRequests: sandbox.stats.reportRequests, rateLimitedSentBySandbox: sandbox.stats.rateLimited, failed: failed.map((m) => String(m.error)).slice(0, 3) },
    };
  } finally {
    await sandbox.close();
  }
}

export async function measureTeamLoading(): Promise<Figure[]> {
  return [
    await measureTeam({ people: 12, latencyMs: 100, id: 'team.12', budgetNote: '≤ 1.3 × ceil(12/4) × latency' }),
    await measureTeam({ people: 50, latencyMs: 100, limit: 60, id: 'team.50', budgetNote: 'no 429 reaches the user; ≤ 1.3× least' }),
  ];
}

if (require.main === module) {
  void measureTeamLoading().then((figures) => {
    for (const f of figures) console.log(`${f.figure}: ${f.valueLabel} — ${f.pass ? 'pass' : 'FAIL'}`);
  });
}
