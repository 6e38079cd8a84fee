import * as assert from 'node:assert/strict';
import { HelpScoutError } from '../../../src/core/errors';
import { RateGate } from '../../../src/core/rateGate';
import { realSleep } from '../../../src/core/cancellation';
import { GOOD_REPORT, REPORT_PARAMS, VirtualTime, harness, json, rejectionOf, type Harness } from './fakes';

function headers(values: Record<string, string>): { get(name: string): string | null } {
  const lower = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name) => lower.get(name.toLowerCase()) ?? null };
}

/** A fake account limit: `limit` requests per fixed minute window of virtual time, then 429. */
function enforceLimit(h: Harness, limit: number): { rateLimited: number; sentAt: number[] } {
  const stats = { rateLimited: 0, sentAt: [] as number[] };
  let windowStart = -1;
  let count = 0;
  h.server.fallback = () => {
    const now = h.time.now;
    const window = Math.floor(now / 60_000) * 60_000;
    if (window !== windowStart) {
      windowStart = window;
      count = 0;
    }
    const resetIn = Math.ceil((window + 60_000 - now) / 1000);
    if (count >= limit) {
      stats.rateLimited++;
      return json(429, { message: 'API rate limit exceeded' }, { 'X-RateLimit-Retry-After': String(resetIn), 'X-RateLimit-Remaining-Minute': '0' });
    }
    count++;
    stats.sentAt.push(now);
    return json(200, GOOD_REPORT, { 'X-RateLimit-Limit-Minute': String(limit), 'X-RateLimit-Remaining-Minute': String(limit - count) });
  };
  return stats;
}

describe('rate gate', () => {
  it('keeps at most 4 requests in flight by default', async () => {
    const h = harness();
    h.server.fallback = async () => {
      await new Promise((r) => setTimeout(r, 5));
      return json(200, GOOD_REPORT);
    };
    await Promise.all(Array.from({ length: 12 }, () => h.client.getCustomersHelped(REPORT_PARAMS)));
    assert.equal(h.server.maxInFlight, 4);
    assert.equal(h.server.apiCalls.length, 12);
  });

  it('when X-RateLimit-Remaining-Minute reaches 0, holds the next request for the window instead of causing a 429', async () => {
    const h = harness();
    const stats = enforceLimit(h, 3);
    for (let i = 0; i < 3; i++) await h.client.getCustomersHelped(REPORT_PARAMS);
    const before = h.time.now;
    assert.equal(h.client.rateLimit().remainingPerMinute, 0);
    assert.equal(h.client.rateLimit().limitPerMinute, 3);
    assert.equal(h.client.rateLimit().pausedUntil, before + 60_000);
    await h.client.getCustomersHelped(REPORT_PARAMS);
    assert.equal(stats.rateLimited, 0);
    assert.equal(stats.sentAt[3], before + 60_000);
  });

  it('holds only for the Retry-After the response gave, when it gave one', () => {
    const time = new VirtualTime();
    const gate = new RateGate({ clock: time.clock, sleep: time.sleep });
    gate.observe(headers({ 'X-RateLimit-Remaining-Minute': '0', 'X-RateLimit-Retry-After': '12' }), 200);
    assert.equal(gate.snapshot().pausedUntil, time.now + 12_000);
  });

  it('a 429 pauses everyone, not just the request that got it', async () => {
    const time = new VirtualTime();
    const gate = new RateGate({ clock: time.clock, sleep: time.sleep });
    gate.observe(headers({ 'Retry-After': '10' }), 429);
    const release = await gate.acquire();
    assert.deepEqual(time.sleeps, [10_000]);
    release();
    release(); // idempotent
    assert.equal(gate.snapshot().inFlight, 0);
  });

  it('counts requests started against the budget, conservatively assuming in-flight ones spend it', async () => {
    const time = new VirtualTime();
    const gate = new RateGate({ clock: time.clock, sleep: time.sleep, maxConcurrent: 10 });
    const r1 = await gate.acquire();
    const r2 = await gate.acquire();
    gate.observe(headers({ 'X-RateLimit-Remaining-Minute': '2' }), 200); // r2 still in flight: 1 left
    r1();
    const r3 = await gate.acquire();
    assert.deepEqual(time.sleeps, []);
    const pending = gate.acquire(); // budget spent → held for a window
    await pending;
    assert.deepEqual(time.sleeps, [60_000]);
    r2();
    r3();
  });

  it('tryAcquire: takes a free slot synchronously, and leaves the gate alone when acquire would wait', async () => {
    const time = new VirtualTime();
    const gate = new RateGate({ clock: time.clock, sleep: time.sleep, maxConcurrent: 2 });
    const r1 = gate.tryAcquire();
    const r2 = gate.tryAcquire();
    assert.ok(r1 && r2);
    assert.equal(gate.tryAcquire(), undefined, 'maxConcurrent in flight');
    assert.equal(gate.snapshot().inFlight, 2);
    r1();
    r1(); // idempotent, as acquire's Release
    assert.equal(gate.snapshot().inFlight, 1);

    // Budget spent: no slot, and no pause either (acquire() starts that, as before).
    const r3 = gate.tryAcquire();
    gate.observe(headers({ 'X-RateLimit-Remaining-Minute': '1' }), 200); // r2, still in flight, spends it
    r3?.();
    assert.equal(gate.snapshot().inFlight, 1);
    assert.equal(gate.tryAcquire(), undefined);
    assert.equal(gate.snapshot().pausedUntil, undefined);
    const held = gate.acquire();
    await held;
    assert.deepEqual(time.sleeps, [60_000]);

    // Paused (a 429): nothing until the pause is over; then the stale budget is forgotten.
    const time2 = new VirtualTime();
    const paused = new RateGate({ clock: time2.clock, sleep: time2.sleep });
    paused.observe(headers({ 'Retry-After': '5' }), 429);
    assert.equal(paused.tryAcquire(), undefined);
    time2.now += 5_000;
    const release = paused.tryAcquire();
    assert.ok(release);
    assert.deepEqual(paused.snapshot(), { limitPerMinute: undefined, remainingPerMinute: 0, pausedUntil: undefined, inFlight: 1, waiting: 0 });
    release();
    r2?.();
  });

  it('a waiter cancelled while queued for a slot leaves the gate consistent', async () => {
    const gate = new RateGate({ maxConcurrent: 1 });
    const first = await gate.acquire();
    const controller = new AbortController();
    const queued = gate.acquire(controller.signal);
    const next = gate.acquire();
    controller.abort();
    assert.equal(((await rejectionOf(queued)) as HelpScoutError).kind, 'cancelled');
    first();
    const release = await next; // the remaining waiter gets the slot
    assert.equal(gate.snapshot().inFlight, 1);
    release();
    assert.equal(gate.snapshot().inFlight, 0);
  });

  it('a request cancelled while the gate holds it fails as cancelled at once', async () => {
    const h = harness({ sleep: () => new Promise<void>(() => undefined) });
    const stats = enforceLimit(h, 1);
    await h.client.getCustomersHelped(REPORT_PARAMS);
    const controller = new AbortController();
    const held = h.client.getCustomersHelped(REPORT_PARAMS, controller.signal);
    await new Promise((r) => setImmediate(r));
    controller.abort();
    assert.equal(((await rejectionOf(held)) as HelpScoutError).kind, 'cancelled');
    assert.equal(stats.sentAt.length, 1);
  });

  it('refreshing 100 saved queries against 60 requests/minute: no 429s, all succeed, in about two minutes', async () => {
    const h = harness();
    const stats = enforceLimit(h, 60);
    const start = h.time.now;
    const results = await Promise.all(Array.from({ length: 100 }, () => h.client.getCustomersHelped(REPORT_PARAMS)));
    assert.equal(results.length, 100);
    assert.equal(stats.rateLimited, 0);
    assert.equal(h.server.apiCalls.length, 100);
    assert.ok(h.time.now - start <= 125_000, `took ${h.time.now - start} ms of virtual time`);
  });
});

describe('rate gate: bounded pauses (issue 9, defect 4)', () => {
  it('after a 429 with Retry-After: 86400, the next unrelated request waits at most the longest accepted wait', async () => {
    const h = harness();
    h.server.script = [json(429, { message: 'API rate limit exceeded' }, { 'Retry-After': '86400' })];
    const first = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
    assert.equal(first.kind, 'rateLimit', 'the request that got the long Retry-After fails fast');
    const failedAt = h.time.now;
    // The server has recovered (the fallback answers 200): the next report must not wait a day.
    await h.client.getCustomersHelped(REPORT_PARAMS);
    assert.equal(h.server.apiCalls.length, 2);
    const waited = h.time.now - failedAt;
    assert.ok(waited <= 60_000, `the next request waited ${waited} ms`);
    assert.ok(
      h.time.sleeps.every((ms) => ms <= 60_000),
      `sleeps: ${h.time.sleeps.join(', ')}`,
    );
  });

  it('caps every pause it is asked for at its maxPauseMs', () => {
    const time = new VirtualTime();
    const gate = new RateGate({ clock: time.clock, sleep: time.sleep, maxPauseMs: 5_000 });
    gate.observe(headers({ 'Retry-After': '86400' }), 429);
    assert.equal(gate.snapshot().pausedUntil, time.now + 5_000);
    gate.pause(2 ** 40);
    assert.equal(gate.snapshot().pausedUntil, time.now + 5_000);
    gate.observe(headers({ 'X-RateLimit-Remaining-Minute': '0', 'X-RateLimit-Retry-After': '99999' }), 200);
    assert.equal(gate.snapshot().pausedUntil, time.now + 5_000);
  });

  it('a 429 without Retry-After: the wait the log announces is the wait that happens', async () => {
    const h = harness();
    h.server.script = [json(429, { message: 'API rate limit exceeded' })];
    const before = h.time.now;
    await h.client.getCustomersHelped(REPORT_PARAMS);
    const line = h.logger.messages.find((m) => m.includes('→ 429'));
    const announced = Number(/waiting (\d+) ms/.exec(line ?? '')?.[1]);
    assert.ok(Number.isFinite(announced), `log line: ${line}`);
    const retriedAfter = h.time.now - before;
    assert.equal(retriedAfter, announced, `announced ${announced} ms, waited ${retriedAfter} ms (sleeps ${h.time.sleeps.join(', ')})`);
  });

  it('the default sleep never hands setTimeout more than 2^31−1 ms (which would fire at once and spin)', async () => {
    const controller = new AbortController();
    let woke = false;
    const sleeping = realSleep(2 ** 31 + 1_000, controller.signal).then(() => (woke = true));
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(woke, false, 'a 24.9-day sleep ended within 30 ms');
    controller.abort();
    await sleeping;
  });

  it('a gate with the real sleep and a Retry-After beyond 2^31 ms does not spin', async () => {
    let sleeps = 0;
    const sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
      sleeps++;
      return realSleep(ms, signal);
    };
    const gate = new RateGate({ sleep, maxPauseMs: Number.MAX_SAFE_INTEGER });
    gate.observe(headers({ 'Retry-After': String(2 ** 32) }), 429);
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    assert.equal((await rejectionOf(waiting)).kind, 'cancelled');
    assert.ok(sleeps <= 2, `${sleeps} sleeps in 50 ms`);
  });
});
