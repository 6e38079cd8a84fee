/**
 * Fault matrix: the real HelpScoutClient against the real sandbox over HTTP, one row per fault,
 * in real time (small Retry-After, small backoff), each row asserting the outcome, the number of
 * requests it took and how long it took. Across all rows: no unhandled rejection, and no token,
 * app secret or "Bearer " in any log line or error (message, String, JSON, stack, field errors).
 *
 * The virtual-time versions of several rows live in test/unit/client/sandbox.test.ts (exact
 * backoff delays, Retry-After values); this file checks the same behaviour end to end on the
 * wall clock, which is what a user waits through.
 */
import * as assert from 'node:assert/strict';
import { HelpScoutClient, type HelpScoutClientOptions } from '../../../src/core/client';
import { HelpScoutError, type HelpScoutErrorKind } from '../../../src/core/errors';
import type { CustomersHelpedParams } from '../../../src/core/report';
import type { RetryOptions } from '../../../src/core/retryPolicy';
import { MemoryTokenStore } from '../../../src/core/tokens';
import type { FaultRule } from '../../../src/sandbox/faults';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/server';
import { LineLogger, MARKER_APP_ID, MARKER_SECRET, UnhandledRejectionWatcher, errorTexts, tokenRecordingFetch } from './helpers';

const DATA_END = Date.UTC(2025, 5, 1);
const DAY = 86_400_000;
const wire = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Small but real: the whole matrix runs in well under a minute. */
const RETRY: Partial<RetryOptions> = {
  maxTransientRetries: 3,
  baseDelayMs: 50,
  maxDelayMs: 200,
  maxRateLimitRetries: 3,
  maxRetryAfterMs: 5_000,
};
const TIMEOUT_MS = 2_000;
/** Added to every upper bound: the test machine may be busy (other suites, a VS Code). */
const LOAD_SLACK_MS = 1_000;
const REPORTS = '/v2/reports';
const TOKEN = '/v2/oauth2/token';

interface Ctx {
  sb: Sandbox;
  client: HelpScoutClient;
  params: CustomersHelpedParams;
  elapsed: number;
}

interface Row {
  name: string;
  faults?: FaultRule[];
  /** A sandbox of its own for this row (e.g. the free plan). */
  sandbox?: SandboxOptions;
  client?: Partial<HelpScoutClientOptions>;
  /** Default true: sign in (fetch a token) before the fault is switched on. */
  warm?: boolean;
  /** Default: the customers-helped report. */
  run?: (c: Ctx) => Promise<unknown>;
  /** Abort the call after this many ms. */
  abortAfterMs?: number;
  /** Success, checked by `check`. */
  ok?: (value: unknown, c: Ctx) => void;
  /** Failure of this kind, whose message matches. */
  kind?: HelpScoutErrorKind;
  message?: RegExp;
  check?: (error: HelpScoutError, c: Ctx) => void;
  /** Wall-clock bounds for the call, in ms. */
  minMs?: number;
  maxMs: number;
}

const report = (c: Ctx) => c.client.getCustomersHelped(c.params);
const points = (v: unknown) => (v as { current: unknown[]; previous?: unknown[] });

const ROWS: Row[] = [
  // --- auth -------------------------------------------------------------------------------------
  {
    name: '401 once → renewed, succeeds, exactly one token request',
    faults: [{ kind: 'status', status: 401, times: 1, pathPrefix: REPORTS }],
    ok: (v, c) => {
      assert.ok(points(v).current.length > 0);
      assert.equal(c.sb.stats.tokenRequests, 1);
      assert.equal(c.sb.stats.reportRequests, 2);
    },
    maxMs: 2_000,
  },
  {
    name: '401 always → auth after one renewal',
    faults: [{ kind: 'status', status: 401, pathPrefix: REPORTS }],
    kind: 'auth',
    message: /rejected the credentials \(401\)\. Sign in again/,
    check: (e, c) => {
      assert.equal(e.status, 401);
      assert.equal(c.sb.stats.tokenRequests, 1);
      assert.equal(c.sb.stats.reportRequests, 2);
    },
    maxMs: 2_000,
  },
  {
    name: 'tokens expired early (server forgot them) → one renewal, succeeds',
    faults: [{ kind: 'expireTokensEarly', afterSeconds: 0 }],
    ok: (v, c) => {
      assert.ok(points(v).current.length > 0);
      assert.equal(c.sb.stats.tokenRequests, 1);
    },
    maxMs: 2_000,
  },
  {
    name: 'wrong App Secret → auth "App ID or App Secret was rejected", one token request',
    warm: false,
    client: {
      getCredentials: async () => ({ kind: 'clientCredentials', appId: MARKER_APP_ID, appSecret: `${MARKER_SECRET}-wrong` }),
    },
    kind: 'auth',
    message: /App ID or App Secret was rejected/,
    check: (_e, c) => assert.equal(c.sb.stats.tokenRequests, 1),
    maxMs: 2_000,
  },
  {
    name: 'token endpoint 503 once → the token POST is retried, succeeds',
    warm: false,
    faults: [{ kind: 'status', status: 503, times: 1, pathPrefix: TOKEN }],
    ok: (_v, c) => assert.equal(c.sb.stats.tokenRequests, 2),
    maxMs: 2_000,
  },
  {
    name: 'token endpoint 500 always → server, bounded',
    warm: false,
    faults: [{ kind: 'status', status: 500, pathPrefix: TOKEN }],
    kind: 'server',
    message: /server error \(500\)/,
    check: (_e, c) => {
      assert.equal(c.sb.stats.tokenRequests, 1 + RETRY.maxTransientRetries!);
      assert.equal(c.sb.stats.reportRequests, 0);
    },
    maxMs: 3_000,
  },
  {
    name: 'token endpoint drops the connection always → network',
    warm: false,
    faults: [{ kind: 'drop', pathPrefix: TOKEN }],
    kind: 'network',
    message: /Could not reach \S+/,
    maxMs: 3_000,
  },
  // --- plan, not found, validation -----------------------------------------------------------------
  {
    name: '403 (free plan) → forbidden, mentions Plus or Pro',
    sandbox: { plan: 'free' },
    kind: 'forbidden',
    message: /Plus or Pro/,
    check: (e, c) => {
      assert.equal(e.status, 403);
      assert.ok(e.logRef);
      assert.equal(c.sb.stats.reportRequests, 1, 'a 403 is not retried');
    },
    maxMs: 2_000,
  },
  {
    name: '404 unknown user → notFound with logRef',
    run: (c) => c.client.getCustomersHelped({ ...c.params, user: 999_999_999 }),
    kind: 'notFound',
    message: /User 999999999 not found/,
    check: (e, c) => {
      assert.equal(e.status, 404);
      assert.ok(e.logRef && e.message.includes(`logRef: ${e.logRef}`), e.message);
      assert.equal(c.sb.stats.reportRequests, 1);
    },
    maxMs: 2_000,
  },
  {
    name: '400 from the server (viewBy=day over 90 days) → validation with field errors and logRef',
    run: (c) => c.client.getCustomersHelped({ ...c.params, start: wire(DATA_END - 90 * DAY), previousStart: undefined, previousEnd: undefined }),
    kind: 'validation',
    message: /viewBy/,
    check: (e) => {
      assert.equal(e.fieldErrors[0]?.path, 'viewBy');
      assert.ok(e.logRef);
    },
    maxMs: 2_000,
  },
  // --- rate limit --------------------------------------------------------------------------------
  {
    name: '429 once with Retry-After 1 s → waits about 1 s, succeeds',
    faults: [{ kind: 'status', status: 429, times: 1, retryAfterSeconds: 1, pathPrefix: REPORTS }],
    ok: (_v, c) => {
      assert.equal(c.sb.stats.rateLimited, 1);
      assert.equal(c.sb.stats.reportRequests, 2);
    },
    minMs: 950,
    maxMs: 2_500,
  },
  {
    name: '429 forever (Retry-After 1 s) → rateLimit after maxRateLimitRetries waits, bounded',
    faults: [{ kind: 'status', status: 429, retryAfterSeconds: 1, pathPrefix: REPORTS }],
    kind: 'rateLimit',
    message: /^Help Scout's rate limit was reached \(429\); try again in 1 s\.$/,
    check: (e, c) => {
      assert.equal(e.retryAfterSeconds, 1);
      assert.equal(c.sb.stats.reportRequests, 1 + RETRY.maxRateLimitRetries!);
    },
    minMs: RETRY.maxRateLimitRetries! * 1_000 - 50,
    maxMs: RETRY.maxRateLimitRetries! * 1_000 + 1_500,
  },
  {
    name: '429 with Retry-After beyond the cap (120 s) → rateLimit at once',
    faults: [{ kind: 'status', status: 429, retryAfterSeconds: 120, pathPrefix: REPORTS }],
    kind: 'rateLimit',
    message: /try again in 2 min\./,
    check: (e, c) => {
      assert.equal(e.retryAfterSeconds, 120);
      assert.equal(c.sb.stats.reportRequests, 1);
    },
    maxMs: 1_000,
  },
  // --- server errors -----------------------------------------------------------------------------
  ...([500, 502, 503] as const).map(
    (status): Row => ({
      name: `${status} once → retried, succeeds`,
      faults: [{ kind: 'status', status, times: 1, pathPrefix: REPORTS }],
      ok: (v, c) => {
        assert.ok(points(v).current.length > 0);
        assert.equal(c.sb.stats.reportRequests, 2);
      },
      maxMs: 2_000,
    }),
  ),
  {
    name: '502 then 503 then 500 → succeeds on the fourth attempt',
    faults: [
      { kind: 'status', status: 502, times: 1, pathPrefix: REPORTS },
      { kind: 'status', status: 503, times: 1, pathPrefix: REPORTS },
      { kind: 'status', status: 500, times: 1, pathPrefix: REPORTS },
    ],
    ok: (_v, c) => assert.equal(c.sb.stats.reportRequests, 4),
    maxMs: 2_500,
  },
  {
    name: '500 persistent → server with logRef, after maxTransientRetries, bounded',
    faults: [{ kind: 'status', status: 500, pathPrefix: REPORTS }],
    kind: 'server',
    message: /^Help Scout had a server error \(500\): Internal Server Error\. Try again later\. \(logRef: .+\)$/,
    check: (e, c) => {
      assert.equal(e.status, 500);
      assert.equal(c.sb.stats.reportRequests, 1 + RETRY.maxTransientRetries!);
    },
    maxMs: 2_500,
  },
  {
    name: '503 persistent on a list (tags) → server, bounded',
    faults: [{ kind: 'status', status: 503, pathPrefix: '/v2/tags' }],
    run: (c) => c.client.listTags(),
    kind: 'server',
    message: /server error \(503\)/,
    maxMs: 2_500,
  },
  // --- network -----------------------------------------------------------------------------------
  {
    name: 'timeout: server slower than timeoutMs (latency 1.5 s, timeout 300 ms) → timeout',
    faults: [{ kind: 'latency', ms: 1_500, pathPrefix: REPORTS }],
    client: { timeoutMs: 300, retry: { ...RETRY, maxTransientRetries: 1 } },
    kind: 'timeout',
    message: /did not answer within 0\.3 s/,
    check: (_e, c) => assert.equal(c.sb.stats.reportRequests, 2),
    minMs: 550,
    maxMs: 1_400,
  },
  {
    name: 'timeout once, then a fast answer → succeeds',
    faults: [{ kind: 'latency', ms: 1_500, times: 1, pathPrefix: REPORTS }],
    client: { timeoutMs: 300 },
    ok: (_v, c) => assert.equal(c.sb.stats.reportRequests, 2),
    minMs: 290,
    maxMs: 1_400,
  },
  {
    name: 'latency within the timeout (400 ms of 2 s) → succeeds',
    faults: [{ kind: 'latency', ms: 400, pathPrefix: REPORTS }],
    ok: (_v, c) => assert.equal(c.sb.stats.reportRequests, 1),
    minMs: 390,
    maxMs: 1_500,
  },
  {
    name: 'dropped connection once → retried, succeeds',
    faults: [{ kind: 'drop', times: 1, pathPrefix: REPORTS }],
    ok: (_v, c) => assert.equal(c.sb.stats.reportRequests, 2),
    maxMs: 2_000,
  },
  {
    name: 'dropped connection always → network, bounded',
    faults: [{ kind: 'drop', pathPrefix: REPORTS }],
    kind: 'network',
    message: /Could not reach \S+ \(.+\)\. Check the network or proxy settings\./,
    check: (_e, c) => assert.equal(c.sb.stats.reportRequests, 1 + RETRY.maxTransientRetries!),
    maxMs: 2_500,
  },
  {
    name: 'cancelled while the server is slow → cancelled at once',
    faults: [{ kind: 'latency', ms: 3_000, pathPrefix: REPORTS }],
    abortAfterMs: 100,
    kind: 'cancelled',
    message: /cancelled/,
    minMs: 90,
    maxMs: 800,
  },
  // --- bad 200s ----------------------------------------------------------------------------------
  {
    name: '200 with malformed JSON → badResponse',
    faults: [{ kind: 'malformedJson', pathPrefix: REPORTS }],
    kind: 'badResponse',
    message: /customers-helped: the body is not valid JSON/,
    check: (e, c) => {
      assert.equal(e.status, 200);
      assert.equal(c.sb.stats.reportRequests, 1, 'a bad 200 is not retried');
    },
    maxMs: 1_000,
  },
  {
    name: '200 with an HTML page → badResponse',
    faults: [{ kind: 'htmlBody', pathPrefix: REPORTS }],
    kind: 'badResponse',
    message: /the body is an HTML page, not JSON/,
    maxMs: 1_000,
  },
  {
    name: '200 without `current` → badResponse naming current',
    faults: [{ kind: 'wrongShape', variant: 'missingCurrent', pathPrefix: REPORTS }],
    kind: 'badResponse',
    message: /: current is missing, not an array\.$/,
    maxMs: 1_000,
  },
  {
    name: '200 with customers as strings → badResponse naming current[0].customers',
    faults: [{ kind: 'wrongShape', variant: 'customersAsString', pathPrefix: REPORTS }],
    kind: 'badResponse',
    message: /: current\[0\]\.customers is a string\.$/,
    maxMs: 1_000,
  },
  {
    name: '200 with bad dates → badResponse naming current[0].date',
    faults: [{ kind: 'wrongShape', variant: 'badDates', pathPrefix: REPORTS }],
    kind: 'badResponse',
    message: /: current\[0\]\.date is not a valid yyyy-MM-ddTHH:mm:ssZ date\.$/,
    maxMs: 1_000,
  },
  {
    name: '200 list with ids as strings (tags) → badResponse naming _embedded.tags[0].id',
    faults: [{ kind: 'wrongShape', variant: 'customersAsString', pathPrefix: '/v2/tags' }],
    run: (c) => c.client.listTags(),
    kind: 'badResponse',
    message: /_embedded\.tags\[0\]\.id is a string/,
    maxMs: 1_000,
  },
  {
    name: '200 list without _embedded (users) → an empty list is a valid answer',
    faults: [{ kind: 'wrongShape', variant: 'missingCurrent', pathPrefix: '/v2/users' }],
    run: (c) => c.client.listUsers(),
    ok: (v) => assert.deepEqual(v, []),
    maxMs: 1_000,
  },
  // --- size and speed ----------------------------------------------------------------------------
  {
    name: 'huge report (10,000 buckets per series) → succeeds in reasonable time',
    faults: [{ kind: 'hugeResponse', buckets: 10_000, pathPrefix: REPORTS }],
    ok: (v) => {
      assert.equal(points(v).current.length, 10_000);
      assert.equal(points(v).previous?.length, 10_000);
    },
    maxMs: 3_000,
  },
  {
    name: 'huge report over the 20,000-bucket cap → badResponse',
    faults: [{ kind: 'hugeResponse', buckets: 20_001, pathPrefix: REPORTS }],
    kind: 'badResponse',
    message: /current has 20001 points, more than 20000/,
    maxMs: 3_000,
  },
  {
    name: 'huge list (5,000 tags on one page) → succeeds, duplicates kept once',
    faults: [{ kind: 'hugeResponse', buckets: 5_000, pathPrefix: '/v2/tags' }],
    run: (c) => c.client.listTags(),
    ok: (v, c) => assert.equal((v as unknown[]).length, c.sb.dataset.tags.length),
    maxMs: 3_000,
  },
  {
    name: 'slow body within the timeout (300 ms of 2 s) → succeeds',
    faults: [{ kind: 'slowBody', ms: 300, pathPrefix: REPORTS }],
    ok: (v, c) => {
      assert.ok(points(v).current.length > 0);
      assert.equal(c.sb.stats.reportRequests, 1);
    },
    minMs: 250,
    maxMs: 1_500,
  },
  {
    name: 'slow body beyond the timeout (3 s of 400 ms) → timeout',
    faults: [{ kind: 'slowBody', ms: 3_000, pathPrefix: REPORTS }],
    client: { timeoutMs: 400, retry: { ...RETRY, maxTransientRetries: 1 } },
    kind: 'timeout',
    message: /did not answer within 0\.4 s/,
    check: (_e, c) => assert.equal(c.sb.stats.reportRequests, 2),
    minMs: 750,
    maxMs: 1_600,
  },
];

describe('reliability: fault matrix (client × sandbox, real time)', function () {
  this.timeout(30_000);
  const watcher = new UnhandledRejectionWatcher();
  const tokens = new Set<string>();
  const texts: string[] = [];
  const summary: Array<{ row: string; outcome: string; ms: number }> = [];
  let sb: Sandbox;
  let params: CustomersHelpedParams;

  function clientFor(target: Sandbox, overrides: Partial<HelpScoutClientOptions> = {}): { client: HelpScoutClient; logger: LineLogger } {
    const logger = new LineLogger();
    const client = new HelpScoutClient({
      baseUrl: target.baseUrl,
      fetch: tokenRecordingFetch(tokens),
      tokenStore: new MemoryTokenStore(),
      getCredentials: async () => ({ kind: 'clientCredentials', appId: MARKER_APP_ID, appSecret: MARKER_SECRET }),
      logger,
      random: () => 0.5,
      timeoutMs: TIMEOUT_MS,
      retry: RETRY,
      ...overrides,
    });
    return { client, logger };
  }

  before(async () => {
    watcher.start();
    sb = await startSandbox({ now: DATA_END, rateLimitPerMinute: 0, appId: MARKER_APP_ID, appSecret: MARKER_SECRET });
    const userId = sb.dataset.users[1]!.id;
    params = {
      user: userId,
      start: wire(DATA_END - 30 * DAY),
      end: wire(DATA_END),
      previousStart: wire(DATA_END - 60 * DAY),
      previousEnd: wire(DATA_END - 30 * DAY),
      viewBy: 'day',
    };
  });

  after(async () => {
    sb.faults.clear();
    await sb.close();
  });

  for (const row of ROWS) {
    it(row.name, async () => {
      const own = row.sandbox ? await startSandbox({ now: DATA_END, rateLimitPerMinute: 0, appId: MARKER_APP_ID, appSecret: MARKER_SECRET, ...row.sandbox }) : undefined;
      const target = own ?? sb;
      try {
        target.faults.clear();
        const { client, logger } = clientFor(target, row.client);
        if (row.warm !== false) await client.tokens.getToken();
        target.resetStats();
        for (const fault of row.faults ?? []) target.faults.add(fault);

        const ctx: Ctx = { sb: target, client, params, elapsed: 0 };
        const controller = new AbortController();
        const run = row.run ?? report;
        const started = performance.now();
        let value: unknown;
        let error: unknown;
        let timer: NodeJS.Timeout | undefined;
        if (row.abortAfterMs !== undefined) timer = setTimeout(() => controller.abort(), row.abortAfterMs);
        try {
          value = await (row.abortAfterMs !== undefined ? client.getCustomersHelped(params, controller.signal) : run(ctx));
        } catch (e) {
          error = e;
        } finally {
          clearTimeout(timer);
        }
        ctx.elapsed = performance.now() - started;
        texts.push(...logger.lines);
        if (error !== undefined) texts.push(...errorTexts(error));
        summary.push({ row: row.name, outcome: error instanceof HelpScoutError ? error.kind : error ? String(error) : 'ok', ms: Math.round(ctx.elapsed) });

        if (row.ok) {
          assert.equal(error, undefined, `expected success, got ${String(error)}`);
          row.ok(value, ctx);
        } else {
          assert.ok(error instanceof HelpScoutError, `expected a HelpScoutError, got ${error === undefined ? 'success' : String(error)}`);
          assert.equal(error.kind, row.kind, error.message);
          if (row.message) assert.match(error.message, row.message);
          row.check?.(error, ctx);
        }
        assert.ok(ctx.elapsed <= row.maxMs + LOAD_SLACK_MS, `took ${Math.round(ctx.elapsed)} ms, bound ${row.maxMs} ms (+${LOAD_SLACK_MS} ms slack)`);
        if (row.minMs !== undefined) assert.ok(ctx.elapsed >= row.minMs, `took ${Math.round(ctx.elapsed)} ms, expected at least ${row.minMs} ms`);
      } finally {
        target.faults.clear();
        await own?.close();
      }
    });
  }

  it(`tried all ${ROWS.length} faults`, () => {
    assert.equal(summary.length, ROWS.length);
    assert.ok(ROWS.length >= 30);
    console.log(`      fault matrix: ${ROWS.length} faults tried`);
    for (const s of summary) console.log(`        ${String(s.ms).padStart(5)} ms  ${s.outcome.padEnd(11)} ${s.row}`);
  });

  it('no unhandled rejection during the matrix', async () => {
    const seen = await watcher.stop();
    assert.deepEqual(seen.map(String), []);
  });

  it('secrets: no token, app secret or "Bearer " in any log line or error', () => {
    assert.ok(tokens.size >= ROWS.length / 2, `saw only ${tokens.size} tokens`);
    assert.ok(texts.length > 100, `only ${texts.length} texts scanned`);
    const markers = [...tokens, MARKER_SECRET, 'Bearer '];
    const leaks = texts.filter((t) => markers.some((m) => t.includes(m)));
    console.log(`      secrets scan: ${texts.length} texts, ${tokens.size} tokens + the app secret, ${leaks.length} leaks`);
    assert.deepEqual(leaks, []);
  });
});
