import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HelpScoutError } from '../../../src/core/errors';
import { HelpScoutClient, type HelpScoutClientOptions } from '../../../src/core/client';
import { MemoryTokenStore } from '../../../src/core/tokens';
import { buildUrl, encodeQuery, RequestPipeline } from '../../../src/core/requestPipeline';
import { RateGate } from '../../../src/core/rateGate';
import { resolveRetryOptions } from '../../../src/core/retryPolicy';
import { silentLogger } from '../../../src/core/logger';
import { BASE, FakeHelpScout, GOOD_REPORT, GOOD_REPORT_PARSED, REPORT_PARAMS, REPORT_URL, VirtualTime, harness, json, rejectionOf, type Recorded } from './fakes';

function withoutAuth(r: Recorded): Omit<Recorded, 'signal'> {
  const { signal: _signal, ...rest } = r;
  return { ...rest, headers: { ...rest.headers, Authorization: '<token>' } };
}

describe('request pipeline: URL, headers, retries', () => {
  it('builds the exact URL and headers: trailing-slash-safe base, comma-joined arrays, readable dates', async () => {
    const h = harness({ baseUrl: `${BASE}//` });
    h.server.script = [json(200, GOOD_REPORT)];
    const report = await h.client.getCustomersHelped(REPORT_PARAMS);
    assert.deepEqual(report, GOOD_REPORT_PARSED);
    const [call] = h.server.apiCalls;
    assert.equal(call?.url, REPORT_URL);
    assert.equal(call?.method, 'GET');
    assert.deepEqual(call?.headers, { Accept: 'application/json', Authorization: 'Bearer SECRETTOKEN-1' });
    assert.equal(call?.body, undefined);
  });

  it('leaves out undefined params and empty arrays, encodes reserved characters', () => {
    assert.equal(encodeQuery({ a: undefined, b: [], c: 'x y&z', d: [1, 2], e: 'a,b' }), 'c=x%20y%26z&d=1,2&e=a%2Cb');
    assert.equal(buildUrl('https://h/', 'v2/users'), 'https://h/v2/users');
    assert.equal(buildUrl('https://h', '/v2/users', { page: 2 }), 'https://h/v2/users?page=2');
  });

  it('encodes any query exactly as encodeURIComponent with ":" kept (property)', () => {
    const reference = (query: Record<string, string | number | boolean | Array<string | number>>): string =>
      Object.entries(query)
        .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => `${encodeURIComponent(k)}=${(Array.isArray(v) ? v : [v]).map((x) => encodeURIComponent(String(x)).replace(/%3A/gi, ':')).join(',')}`)
        .join('&');
    const scalar = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('2026-01-01T00:00:00Z', "a-_.!~*'()", ':%3A%3a', 'a b+c'), fc.integer(), fc.double(), fc.boolean());
    const value = fc.oneof(scalar, fc.array(fc.oneof(fc.string(), fc.integer())));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), value), (query) => {
        assert.equal(encodeQuery(query), reference(query));
      }),
      { numRuns: 1_000 },
    );
  });

  it('on 429 waits X-RateLimit-Retry-After seconds and replays the identical request', async () => {
    const h = harness();
    h.server.script = [json(429, { message: 'API rate limit exceeded' }, { 'X-RateLimit-Retry-After': '7' }), json(200, GOOD_REPORT)];
    await h.client.getCustomersHelped(REPORT_PARAMS);
    assert.deepEqual(h.time.sleeps, [7000]);
    const [first, second] = h.server.apiCalls;
    assert.ok(first && second);
    assert.deepEqual(second.url, REPORT_URL);
    assert.deepEqual({ ...second, signal: undefined }, { ...first, signal: undefined });
    assert.equal(h.server.tokenCalls.length, 1);
    assert.ok(h.logger.messages.some((m) => /customers-helped\?user=447723.* → 200 in \d+ ms \(attempt 2\)$/.test(m)), h.logger.messages.join('\n'));
  });

  it('reads Retry-After as seconds or as an HTTP date', async () => {
    const h = harness();
    const at = new Date(h.time.now + 12_000).toUTCString();
    h.server.script = [json(429, {}, { 'Retry-After': '3' }), json(429, {}, { 'Retry-After': at }), json(200, GOOD_REPORT)];
    await h.client.getCustomersHelped(REPORT_PARAMS);
    assert.equal(h.time.sleeps[0], 3000);
    // The HTTP date is relative to the clock after the first wait (3 s later), to the second.
    assert.ok(Math.abs((h.time.sleeps[1] ?? 0) - 9000) <= 1000, String(h.time.sleeps[1]));
  });

  it('fails with rateLimit (carrying retryAfterSeconds) when Retry-After exceeds the cap, without waiting', async () => {
    const h = harness({ retry: { maxRetryAfterMs: 60_000 } });
    h.server.script = [json(429, { message: 'API rate limit exceeded' }, { 'X-RateLimit-Retry-After': '300' })];
    const error = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
    assert.ok(error instanceof HelpScoutError);
    assert.equal(error.kind, 'rateLimit');
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterSeconds, 300);
    assert.equal(error.apiMessage, 'API rate limit exceeded');
    assert.deepEqual(h.time.sleeps, []);
    assert.equal(h.server.apiCalls.length, 1);
  });

  it('bounds 429 retries (default 5: six attempts in all)', async () => {
    const h = harness();
    h.server.fallback = () => json(429, {}, { 'Retry-After': '1' });
    const error = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
    assert.equal((error as HelpScoutError).kind, 'rateLimit');
    assert.equal(h.server.apiCalls.length, 6);
    assert.deepEqual(h.time.sleeps, [1000, 1000, 1000, 1000, 1000]);
    assert.ok(h.server.apiCalls.every((c) => c.url === REPORT_URL));
  });

  it('retries 5xx with exponential backoff and full jitter (base 500 ms, ×2), then fails as server', async () => {
    const h = harness({ random: () => 0.5 });
    h.server.fallback = () => ({ status: 503, body: '' });
    const error = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
    assert.ok(error instanceof HelpScoutError);
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 503);
    assert.deepEqual(h.time.sleeps, [250, 500, 1000]);
    assert.equal(h.server.apiCalls.length, 4);
    const shapes = h.server.apiCalls.map(withoutAuth);
    for (const s of shapes) assert.deepEqual(s, shapes[0]);
  });

  it('caps each backoff at maxDelayMs and honours custom retry options', async () => {
    const h = harness({ random: () => 0.999999, retry: { maxTransientRetries: 6, baseDelayMs: 1000, maxDelayMs: 4000 } });
    h.server.fallback = () => ({ status: 500, body: '' });
    await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
    assert.deepEqual(h.time.sleeps, [999, 1999, 3999, 3999, 3999, 3999]);
    assert.equal(h.server.apiCalls.length, 7);
  });

  it('recovers after 502 then 500 then 200', async () => {
    const h = harness({ random: () => 0 });
    h.server.script = [{ status: 502, body: '<html>Bad gateway</html>' }, { status: 500, body: '' }, json(200, GOOD_REPORT)];
    assert.deepEqual(await h.client.getCustomersHelped(REPORT_PARAMS), GOOD_REPORT_PARSED);
    assert.equal(h.server.apiCalls.length, 3);
    assert.ok(h.server.apiCalls.every((c) => c.url === REPORT_URL));
  });

  it('retries network failures of GETs and reports kind network when they persist', async () => {
    const h = harness();
    h.server.fallback = () => ({ network: 'ECONNRESET' });
    const error = await rejectionOf(h.client.me());
    assert.ok(error instanceof HelpScoutError);
    assert.equal(error.kind, 'network');
    assert.match(error.message, /ECONNRESET/);
    assert.equal(h.server.apiCalls.length, 4);
  });

  it('does not retry 4xx other than 401/429', async () => {
    const h = harness();
    h.server.script = [json(404, { message: 'Not Found' })];
    const error = await rejectionOf(h.client.me());
    assert.equal((error as HelpScoutError).kind, 'notFound');
    assert.equal(h.server.apiCalls.length, 1);
    assert.deepEqual(h.time.sleeps, []);
  });

  it('does not resend a non-idempotent POST after a network failure or 5xx', async () => {
    const server = new FakeHelpScout();
    const time = new VirtualTime();
    const pipeline = new RequestPipeline({
      baseUrl: BASE,
      fetch: server.fetch,
      logger: silentLogger,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      timeoutMs: 1000,
      retry: resolveRetryOptions(),
      gate: new RateGate({ clock: time.clock, sleep: time.sleep }),
      maxBodyChars: 1000,
    });
    server.script = [{ network: 'ECONNRESET' }, { status: 503, body: '' }];
    const send = () => pipeline.send({ method: 'POST', path: '/v2/things', body: '{}', auth: 'none' });
    assert.equal((await rejectionOf(send())).kind, 'network');
    assert.equal((await rejectionOf(send())).kind, 'server');
    assert.equal(server.calls.length, 2);
    assert.deepEqual(time.sleeps, []);
  });

  it('retries the token POST on 5xx with exactly the same form body', async () => {
    const h = harness();
    let n = 0;
    h.server.onToken = () => (n++ < 2 ? { status: 503, body: '' } : json(200, { access_token: 'SECRETTOKEN-ok', expires_in: 7200 }));
    h.server.script = [json(200, { id: 1, firstName: 'A', lastName: 'B', email: 'a@b.c' })];
    await h.client.me();
    const bodies = h.server.tokenCalls.map((c) => c.body);
    assert.equal(bodies.length, 3);
    assert.equal(bodies[0], 'grant_type=client_credentials&client_id=app-id-123&client_secret=SECRET-app-9f8e7d6c5b');
    assert.ok(bodies.every((b) => b === bodies[0]));
    assert.ok(h.server.tokenCalls.every((c) => c.method === 'POST' && c.headers['Content-Type'] === 'application/x-www-form-urlencoded'));
    assert.ok(h.server.tokenCalls.every((c) => c.headers.Authorization === undefined));
  });

  it('times out an attempt whose fetch never answers (even if fetch ignores the signal), retries, then fails as timeout', async () => {
    const h = harness({ timeoutMs: 25, retry: { maxTransientRetries: 1 } });
    h.server.fallback = () => ({ hang: true });
    const started = Date.now();
    const error = await rejectionOf(h.client.me());
    assert.ok(error instanceof HelpScoutError);
    assert.equal(error.kind, 'timeout');
    assert.equal(h.server.apiCalls.length, 2);
    assert.ok(h.server.apiCalls.every((c) => c.signal?.aborted), 'each attempt’s own signal is aborted');
    assert.ok(Date.now() - started < 2000);
  });

  it('times out, and cancels, a body read that ignores the signal; the slot and the caller listener are freed', async () => {
    const store = new MemoryTokenStore({ accessToken: 'SECRETTOKEN-x', source: 'pasted' });
    const signals: AbortSignal[] = [];
    const hangingBody: HelpScoutClientOptions['fetch'] = async (_url, init) => {
      signals.push(init.signal!);
      return { status: 200, headers: { get: () => null }, text: () => new Promise<string>(() => undefined) };
    };
    const client = new HelpScoutClient({ baseUrl: BASE, fetch: hangingBody, tokenStore: store, getCredentials: async () => undefined, timeoutMs: 25, retry: { maxTransientRetries: 0 } });
    assert.equal((await rejectionOf(client.getCustomersHelped(REPORT_PARAMS))).kind, 'timeout');
    assert.equal(signals[0]?.aborted, true);

    const controller = new AbortController();
    let listeners = 0;
    const add = controller.signal.addEventListener.bind(controller.signal);
    const remove = controller.signal.removeEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => (listeners++, add(...args))) as typeof add;
    controller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => (listeners--, remove(...args))) as typeof remove;
    const patient = new HelpScoutClient({ baseUrl: BASE, fetch: hangingBody, tokenStore: store, getCredentials: async () => undefined, timeoutMs: 60_000 });
    const pending = patient.getCustomersHelped(REPORT_PARAMS, controller.signal);
    while (signals.length < 2) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r)); // now waiting for the body
    controller.abort();
    assert.equal((await rejectionOf(pending)).kind, 'cancelled');
    assert.equal(signals[1]?.aborted, true);
    assert.equal(listeners, 0, 'every listener added to the caller signal was removed');
    assert.equal(patient.rateLimit().inFlight, 0);
  });

  it('a timed-out attempt followed by a success returns the success', async () => {
    const h = harness({ timeoutMs: 25 });
    h.server.script = [{ hang: true, honourSignal: true }, json(200, GOOD_REPORT)];
    assert.deepEqual(await h.client.getCustomersHelped(REPORT_PARAMS), GOOD_REPORT_PARSED);
    assert.equal(h.server.apiCalls[0]?.url, h.server.apiCalls[1]?.url);
  });
});

describe('request pipeline: cancellation', () => {
  it('an already-aborted signal sends nothing', async () => {
    const h = harness();
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS, controller.signal));
    assert.equal((error as HelpScoutError).kind, 'cancelled');
    assert.equal(h.server.calls.length, 0);
  });

  it('cancels immediately while sleeping between retries, and sends nothing more', async () => {
    let sleeping!: () => void;
    const asleep = new Promise<void>((resolve) => (sleeping = resolve));
    const h = harness({
      sleep: () => {
        sleeping();
        return new Promise<void>(() => undefined); // a sleep that would never end by itself
      },
    });
    h.server.fallback = () => ({ status: 503, body: '' });
    const controller = new AbortController();
    const pending = h.client.getCustomersHelped(REPORT_PARAMS, controller.signal);
    await asleep;
    controller.abort();
    const error = await rejectionOf(pending);
    assert.equal((error as HelpScoutError).kind, 'cancelled');
    assert.equal(h.server.apiCalls.length, 1);
  });

  it('cancels a request in flight and aborts the fetch signal', async () => {
    const h = harness();
    h.server.fallback = () => ({ hang: true });
    const controller = new AbortController();
    const pending = h.client.getCustomersHelped(REPORT_PARAMS, controller.signal);
    while (h.server.apiCalls.length === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    const error = await rejectionOf(pending);
    assert.equal((error as HelpScoutError).kind, 'cancelled');
    assert.equal(h.server.apiCalls[0]?.signal?.aborted, true);
  });

  it('cancelling one waiter does not cancel a token renewal others share', async () => {
    const h = harness();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    h.server.onToken = async () => {
      await gate;
      return json(200, { access_token: 'SECRETTOKEN-shared', expires_in: 7200 });
    };
    h.server.fallback = () => json(200, GOOD_REPORT);
    const controller = new AbortController();
    const cancelled = h.client.getCustomersHelped(REPORT_PARAMS, controller.signal);
    const other = h.client.getCustomersHelped(REPORT_PARAMS);
    while (h.server.tokenCalls.length === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    assert.equal(((await rejectionOf(cancelled)) as HelpScoutError).kind, 'cancelled');
    release();
    assert.deepEqual(await other, GOOD_REPORT_PARSED);
    assert.equal(h.server.tokenCalls.length, 1);
    assert.equal(h.server.apiCalls.length, 1);
  });
});

describe('HelpScoutClient construction', () => {
  it('refuses plain http except for loopback', () => {
    const base = { fetch: async () => assert.fail(), tokenStore: new MemoryTokenStore(), getCredentials: async () => undefined };
    assert.throws(() => new HelpScoutClient({ ...base, baseUrl: 'http://api.helpscout.net' }), /https/);
    assert.throws(() => new HelpScoutClient({ ...base, baseUrl: 'not a url' }), RangeError);
    assert.doesNotThrow(() => new HelpScoutClient({ ...base, baseUrl: 'http://127.0.0.1:8123' }));
    assert.doesNotThrow(() => new HelpScoutClient({ ...base }));
  });
});
