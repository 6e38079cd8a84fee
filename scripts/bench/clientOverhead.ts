// Client overhead: HelpScoutClient.getCustomersHelped against the in-process sandbox versus a bare
// `fetch` + JSON.parse of the identical URL with the identical headers. Rounds alternate A/B and
// B/A so drift (GC, CPU frequency, the other core's load) falls on both sides equally.
import type { HttpRequestInit } from '../../src/core/http';
import { startSandbox } from '../../src/sandbox/server';
import { busiestUserId, lastDaysParams, sandboxClient } from './sandboxSetup';
import { median, sum, type Figure } from './stats';

interface Captured {
  url: string;
  headers: Record<string, string>;
}

export async function measureClientOverhead(options: { requests?: number; concurrency?: number } = {}): Promise<Figure[]> {
  const requests = options.requests ?? 500;
  const concurrency = options.concurrency ?? 8;
  const sandbox = await startSandbox({ rateLimitPerMinute: 0 });
  try {
    const params = lastDaysParams(sandbox, busiestUserId(sandbox), 30, 'day');

    // 1. Learn the exact URL and headers the client sends (and get the token) once.
    let captured: Captured | undefined;
    const capturing = sandboxClient(sandbox, {
      fetch: (url: string, init: HttpRequestInit) => {
        if (init.method === 'GET') captured = { url, headers: { ...init.headers } };
        return fetch(url, init);
      },
    });
    await capturing.getCustomersHelped(params);
    if (!captured) throw new Error('the client sent no GET');
    const { url, headers } = captured;

    // 2. The measured client uses global fetch directly, its token already fetched.
    const clientSeq = sandboxClient(sandbox);
    const clientPar = sandboxClient(sandbox, { rateGate: { maxConcurrent: concurrency } });
    await clientSeq.getCustomersHelped(params);
    await clientPar.getCustomersHelped(params);
    // Same token for the bare side: use the header the measured client sends.
    let seqHeaders = headers;
    const probe = sandboxClient(sandbox, {
      fetch: (u: string, init: HttpRequestInit) => {
        if (init.method === 'GET') seqHeaders = { ...init.headers };
        return fetch(u, init);
      },
    });
    await probe.getCustomersHelped(params);

    const viaClient = (c: typeof clientSeq) => async () => {
      const report = await c.getCustomersHelped(params);
      if (report.current.length === 0) throw new Error('empty report');
    };
    const bare = async () => {
      const response = await fetch(url, { method: 'GET', headers: seqHeaders });
      const body = JSON.parse(await response.text()) as { current?: unknown[] };
      if (response.status !== 200 || !Array.isArray(body.current)) throw new Error(`bare fetch: ${response.status}`);
    };

    // Warm-up: JIT, sockets (keep-alive pool), the sandbox's caches.
    for (let i = 0; i < 100; i++) {
      await viaClient(clientSeq)();
      await bare();
    }

    // Sequential: per-request latency samples, in rounds of 50, ABBA.
    const seq = { client: [] as number[], bare: [] as number[] };
    const roundSize = 50;
    for (let round = 0; round < Math.ceil(requests / roundSize); round++) {
      const order: Array<'client' | 'bare'> = round % 2 ? ['bare', 'client'] : ['client', 'bare'];
      for (const side of order) {
        const fn = side === 'client' ? viaClient(clientSeq) : bare;
        for (let i = 0; i < roundSize; i++) {
          const t = performance.now();
          await fn();
          seq[side].push(performance.now() - t);
        }
      }
    }

    // Concurrent: `concurrency` workers share a round of 25 requests; the round's wall time.
    const par = { client: [] as number[], bare: [] as number[] };
    const runPool = async (fn: () => Promise<void>, count: number) => {
      let next = 0;
      const worker = async () => {
        while (next < count) {
          next++;
          await fn();
        }
      };
      const t = performance.now();
      await Promise.all(Array.from({ length: concurrency }, worker));
      return performance.now() - t;
    };
    const parRound = 25;
    for (let i = 0; i < 4; i++) {
      await runPool(viaClient(clientPar), parRound);
      await runPool(bare, parRound);
    }
    for (let round = 0; round < Math.ceil(requests / parRound); round++) {
      const order: Array<'client' | 'bare'> = round % 2 ? ['bare', 'client'] : ['client', 'bare'];
      for (const side of order) par[side].push(await runPool(side === 'client' ? viaClient(clientPar) : bare, parRound));
    }

    // Robust figures for a noisy machine: sequential = median latency / median latency;
    // concurrent = median over rounds of (client round time / bare round time of the same round).
    const seqRatio = median(seq.client) / median(seq.bare);
    const seqTotalRatio = sum(seq.client) / sum(seq.bare);
    const roundRatios = par.client.map((c, i) => c / (par.bare[i] ?? NaN));
    const parRatio = median(roundRatios);
    const parTotalRatio = sum(par.client) / sum(par.bare);
    const sorted = [...roundRatios].sort((a, b) => a - b);
    return [
      {
        id: 'client.sequential',
        figure: `client overhead, ${requests} sequential (median latency client / bare fetch)`,
        unit: '×',
        value: seqRatio,
        valueLabel: `${seqRatio.toFixed(3)}× (${median(seq.client).toFixed(3)} / ${median(seq.bare).toFixed(3)} ms; totals ${seqTotalRatio.toFixed(3)}×)`,
        budget: '≤ 1.10×',
        pass: seqRatio <= 1.1,
        details: {
          url: url.replace(/^https?:\/\/[^/]+/, ''),
          clientMedianMs: median(seq.client),
          bareMedianMs: median(seq.bare),
          overheadPerRequestMs: median(seq.client) - median(seq.bare),
          clientTotalMs: sum(seq.client),
          bareTotalMs: sum(seq.bare),
          totalRatio: seqTotalRatio,
        },
      },
      {
        id: 'client.concurrent',
        figure: `client overhead, ${requests} at ${concurrency}-way concurrency (median of paired round ratios)`,
        unit: '×',
        value: parRatio,
        valueLabel: `${parRatio.toFixed(3)}× (totals ${parTotalRatio.toFixed(3)}×)`,
        range: [sorted[0] ?? NaN, sorted[sorted.length - 1] ?? NaN],
        budget: '≤ 1.10×',
        pass: parRatio <= 1.1,
        details: {
          gateMaxConcurrent: concurrency,
          roundSize: parRound,
          clientTotalMs: sum(par.client),
          bareTotalMs: sum(par.bare),
          clientPerRequestMs: sum(par.client) / (par.client.length * parRound),
          barePerRequestMs: sum(par.bare) / (par.bare.length * parRound),
          totalRatio: parTotalRatio,
          roundRatios,
        },
      },
    ];
  } finally {
    await sandbox.close();
  }
}
