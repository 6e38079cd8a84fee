// Client overhead: HelpScoutClient.getCustomersHelped against the in-process sandbox versus a bare
// `fetch` + JSON.parse of the identical URL with the identical headers. Rounds alternate A/B and
// B/A so drift (GC, CPU frequency, the other core's load) falls on both sides equally.
// Besides wall time, each side's process CPU time (user + system, client and sandbox alike, since
// the sandbox runs in this process) is recorded per round: on a loaded machine, time spent
// waiting for a core inflates latency on both sides at random, but not CPU time. Informational.
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

    // Sequential: per-request latency samples, in rounds of 10, ABBA. Short rounds so that both
    // sides sample the same mix of machine load: with rounds of 50 (10 rounds, 5 ABBA pairs) a
    // burst of load from other processes lands on one side's rounds more than the other's, and
    // the ratio of the two medians came out anywhere from 1.01× to 1.48× for the same code (load
    // average 4–10, 2 cores). Not shorter: alternating every request or two lets one side's
    // after-effects (cache, GC, socket clean-up) fall on the other and hid some of the old
    // client's known overhead.
    const seq = { client: [] as number[], bare: [] as number[] };
    const cpu = { seq: { client: 0, bare: 0 }, par: { client: 0, bare: 0 } };
    const cpuMicros = (since: NodeJS.CpuUsage): number => {
      const used = process.cpuUsage(since);
      return used.user + used.system;
    };
    const roundSize = 10;
    for (let round = 0; round < Math.ceil(requests / roundSize); round++) {
      const order: Array<'client' | 'bare'> = round % 2 ? ['bare', 'client'] : ['client', 'bare'];
      for (const side of order) {
        const fn = side === 'client' ? viaClient(clientSeq) : bare;
        const cpuStart = process.cpuUsage();
        for (let i = 0; i < roundSize; i++) {
          const t = performance.now();
          await fn();
          seq[side].push(performance.now() - t);
        }
        cpu.seq[side] += cpuMicros(cpuStart);
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
      for (const side of order) {
        const cpuStart = process.cpuUsage();
        par[side].push(await runPool(side === 'client' ? viaClient(clientPar) : bare, parRound));
        cpu.par[side] += cpuMicros(cpuStart);
      }
    }

    // Robust figures for a noisy machine: sequential = median latency / median latency;
    // concurrent = median over rounds of (client round time / bare round time of the same round).
    const seqRatio = median(seq.client) / median(seq.bare);
    const seqTotalRatio = sum(seq.client) / sum(seq.bare);
    const roundRatios = par.client.map((c, i) => c / (par.bare[i] ?? NaN));
    const parRatio = median(roundRatios);
    const parTotalRatio = sum(par.client) / sum(par.bare);
    const sorted = [...roundRatios].sort((a, b) => a - b);
    const seqCpu = { client: cpu.seq.client / seq.client.length, bare: cpu.seq.bare / seq.bare.length };
    const parCpu = { client: cpu.par.client / (par.client.length * parRound), bare: cpu.par.bare / (par.bare.length * parRound) };
    return [
      {
        id: 'client.sequential',
        figure: `client overhead, ${requests} sequential (median latency client / bare fetch)`,
        unit: '×',
        value: seqRatio,
        valueLabel: `${seqRatio.toFixed(3)}× (${median(seq.client).toFixed(3)} / ${median(seq.bare).toFixed(3)} ms; totals ${seqTotalRatio.toFixed(3)}×; cpu ${(seqCpu.client / seqCpu.bare).toFixed(3)}×)`,
        budget: '≤ 1.10×',
        pass: seqRatio <= 1.1,
        details: {
          url: url.replace(/^https?:\/\/[^/]+/, ''),
          roundSize,
          clientMedianMs: median(seq.client),
          bareMedianMs: median(seq.bare),
          overheadPerRequestMs: median(seq.client) - median(seq.bare),
          clientTotalMs: sum(seq.client),
          bareTotalMs: sum(seq.bare),
          totalRatio: seqTotalRatio,
          cpuPerRequestUs: seqCpu,
          cpuRatio: seqCpu.client / seqCpu.bare,
        },
      },
      {
        id: 'client.concurrent',
        figure: `client overhead, ${requests} at ${concurrency}-way concurrency (median of paired round ratios)`,
        unit: '×',
        value: parRatio,
        valueLabel: `${parRatio.toFixed(3)}× (totals ${parTotalRatio.toFixed(3)}×; cpu ${(parCpu.client / parCpu.bare).toFixed(3)}×)`,
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
          cpuPerRequestUs: parCpu,
          cpuRatio: parCpu.client / parCpu.bare,
          roundRatios,
        },
      },
    ];
  } finally {
    await sandbox.close();
  }
}
