// Sandbox report: server-side time of the customers-helped report over the sandbox's full two
// years of data, with every filter set (all mailboxes, folders, tags and types, so every
// conversation passes every check: the most work a filter can cause). Three layers, each after a
// warm-up: the pure computation, the route handler + JSON serialisation (everything the server
// does but socket I/O), and, for reference, the HTTP round trip on 127.0.0.1.
import type { Reply } from '../../src/sandbox/reply';
import { computeCustomersHelped } from '../../src/sandbox/reportEngine';
import { parseCustomersHelpedRequest } from '../../src/sandbox/reportRequest';
import type { RouteContext } from '../../src/sandbox/router';
import { reportRoutes } from '../../src/sandbox/routes/reports';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { busiestUserId, DAY_MS, sandboxClient, utcMidnight, wireDate } from './sandboxSetup';
import { summarize, type Figure } from './stats';

function reportUrl(sandbox: Sandbox, userId: number, kind: 'monthly2y' | 'daily60'): URL {
  const ds = sandbox.dataset;
  const end = utcMidnight(ds.now * 1000) + DAY_MS;
  const start = kind === 'monthly2y' ? ds.start * 1000 : end - 60 * DAY_MS;
  const length = end - start;
  const url = new URL('/v2/reports/user/customers-helped', sandbox.baseUrl);
  const p = url.searchParams;
  p.set('user', String(userId));
  p.set('start', wireDate(start));
  p.set('end', wireDate(end));
  p.set('previousStart', wireDate(start - length));
  p.set('previousEnd', wireDate(start));
  p.set('viewBy', kind === 'monthly2y' ? 'month' : 'day');
  p.set('mailboxes', ds.mailboxes.map((m) => m.id).join(','));
  p.set('folders', ds.folders.map((f) => f.id).join(','));
  p.set('tags', ds.tags.map((t) => t.id).join(','));
  p.set('types', 'email,chat,phone');
  return url;
}

function timeSync(runs: number, fn: () => unknown): number[] {
  for (let i = 0; i < Math.min(200, runs); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

export async function measureSandboxReport(options: { runs?: number } = {}): Promise<Figure[]> {
  const runs = options.runs ?? 500;
  const sandbox = await startSandbox({ rateLimitPerMinute: 0 });
  try {
    const userId = busiestUserId(sandbox);
    const userIndex = sandbox.dataset.userIndex.get(userId) ?? 0;
    const conversations = sandbox.dataset.timelines[userIndex]?.times.length ?? 0;
    const handler = reportRoutes[0]!.methods.GET!;
    const client = sandboxClient(sandbox);
    await client.tokens.getToken();
    const token = (await client.tokens.getToken()).accessToken;
    const figures: Figure[] = [];
    for (const kind of ['monthly2y', 'daily60'] as const) {
      const url = reportUrl(sandbox, userId, kind);
      const parsed = parseCustomersHelpedRequest(url.searchParams, 'UTC');
      if (!parsed.ok) throw new Error(`invalid bench request: ${JSON.stringify(parsed.errors)}`);
      const query = parsed.query;
      const ctx = { method: 'GET', url, params: [], dataset: sandbox.dataset, timeZone: 'UTC', plan: 'plus' } as unknown as RouteContext;

      const compute = summarize(timeSync(runs, () => computeCustomersHelped(sandbox.dataset, query)));
      let bodyBytes = 0;
      const server = summarize(
        timeSync(runs, () => {
          const reply = handler(ctx) as Reply;
          if (reply.status !== 200) throw new Error(`handler answered ${reply.status}`);
          bodyBytes = JSON.stringify(reply.body).length;
        }),
      );
      const http: number[] = [];
      for (let i = 0; i < runs + 50; i++) {
        const t = performance.now();
        const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
        await response.text();
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
        if (i >= 50) http.push(performance.now() - t);
      }
      const httpSummary = summarize(http);
      const label = kind === 'monthly2y' ? '2-year monthly' : '60-day daily';
      const buckets = (computeCustomersHelped(sandbox.dataset, query).current ?? []).length;
      figures.push({
        id: `sandbox.${kind}`,
        figure: `sandbox report, ${label} + previous, every filter (handler + JSON, p99 of ${runs})`,
        unit: 'ms',
        value: server.p99,
        valueLabel: `p99 ${server.p99.toFixed(3)} ms (median ${server.median.toFixed(3)})`,
        range: [server.min, server.max],
        budget: 'p99 ≤ 10 ms',
        pass: server.p99 <= 10,
        details: {
          user: userId,
          userConversations: conversations,
          datasetConversations: sandbox.dataset.conversationCount,
          buckets,
          bodyBytes,
          computeOnly: compute,
          handlerAndJson: server,
          httpRoundTripLocalhost: httpSummary,
        },
      });
    }
    return figures;
  } finally {
    await sandbox.close();
  }
}
