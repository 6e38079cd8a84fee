/**
 * The client over real HTTP against the local sandbox (src/sandbox/server.ts), with its faults.
 * Time is virtual where waiting is involved (client sleep + clock, and the sandbox's clock for
 * token expiry and the rate-limit window), so nothing here waits for real seconds.
 */
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { HelpScoutClient, type HelpScoutClientOptions } from '../../../src/core/client';
import { HelpScoutError } from '../../../src/core/errors';
import type { FetchLike } from '../../../src/core/http';
import type { CustomersHelpedParams } from '../../../src/core/report';
import { MemoryTokenStore } from '../../../src/core/tokens';
import { RecordingLogger, VirtualTime, errorTexts, rejectionOf, tokenRecordingFetch } from './fakes';

const DATA_END = Date.UTC(2024, 5, 1, 0, 0, 0);

function wire(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const DAY = 86_400_000;

/** Tokens seen on the wire and all texts produced, for the secrets scan at the end. */
const seenTokens = new Set<string>();
const producedTexts: string[] = [];

const recordingFetch: FetchLike = tokenRecordingFetch(seenTokens);

interface Setup {
  client: HelpScoutClient;
  time: VirtualTime;
  logger: RecordingLogger;
  store: MemoryTokenStore;
}

function clientFor(sb: Sandbox, overrides: Partial<HelpScoutClientOptions> & { time?: VirtualTime } = {}): Setup {
  const time = overrides.time ?? new VirtualTime();
  const logger = new RecordingLogger();
  const store = new MemoryTokenStore();
  const client = new HelpScoutClient({
    baseUrl: `${sb.baseUrl}/`,
    fetch: recordingFetch,
    tokenStore: store,
    getCredentials: async () => ({ kind: 'clientCredentials', appId: sb.appId, appSecret: sb.appSecret }),
    logger,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    ...overrides,
  });
  return { client, time, logger, store };
}

async function capture(setup: Setup, run: Promise<unknown>): Promise<HelpScoutError> {
  const error = await rejectionOf(run);
  producedTexts.push(...errorTexts(error), ...setup.logger.messages);
  assert.ok(error instanceof HelpScoutError, String(error));
  return error;
}

describe('client against the sandbox over HTTP', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let userId: number;
  let params: CustomersHelpedParams;

  before(async () => {
    sb = await startSandbox({ port: 0, now: DATA_END, rateLimitPerMinute: 0 });
    const { client } = clientFor(sb);
    const users = await client.listUsers();
    assert.ok(users.length > 0);
    userId = users[0]!.id;
    params = {
      user: userId,
      start: wire(DATA_END - 30 * DAY),
      end: wire(DATA_END),
      previousStart: wire(DATA_END - 60 * DAY),
      previousEnd: wire(DATA_END - 30 * DAY),
      viewBy: 'day',
    };
    sb.resetStats();
  });
  after(() => sb.close());
  afterEach(() => {
    sb.faults.clear();
    sb.resetStats();
  });

  it('signs in, reads me, lists users/mailboxes/folders/tags, and fetches the report', async () => {
    const s = clientFor(sb);
    const me = await s.client.signInWithClientCredentials(sb.appId, sb.appSecret);
    assert.ok(Number.isInteger(me.id) && me.id > 0);
    assert.equal(typeof me.email, 'string');
    const [users, mailboxes, tags] = await Promise.all([s.client.listUsers(), s.client.listMailboxes(), s.client.listTags()]);
    assert.ok(users.length > 0 && mailboxes.length > 0 && tags.length > 0);
    assert.equal(new Set(users.map((u) => u.id)).size, users.length);
    const folders = await s.client.listFolders(mailboxes[0]!.id);
    assert.ok(folders.every((f) => Number.isInteger(f.id) && typeof f.name === 'string'));
    const report = await s.client.getCustomersHelped({ ...params, mailboxes: [mailboxes[0]!.id], types: ['email', 'chat'] });
    assert.ok(report.current.length >= 30 && report.current.length <= 31, String(report.current.length));
    assert.ok(report.previous && report.previous.length >= 30);
    assert.ok(report.current.every((p) => Number.isInteger(p.value) && p.value >= 0));
    assert.equal(sb.stats.tokenRequests, 1);
    assert.ok(s.logger.messages.some((m) => /^GET \/v2\/reports\/user\/customers-helped\?user=\d+&start=.* → 200 in \d+ ms$/.test(m)));
  });

  it('follows pagination to the end (page size 3)', async () => {
    const small = await startSandbox({ port: 0, now: DATA_END, rateLimitPerMinute: 0, pageSize: 3 });
    try {
      const all = await clientFor(sb).client.listUsers();
      const paged = await clientFor(small).client.listUsers();
      assert.deepEqual(paged.map((u) => u.id), all.map((u) => u.id));
      assert.ok(small.stats.requests >= Math.ceil(all.length / 3) + 1);
    } finally {
      await small.close();
    }
  });

  it('503 twice → retried with backoff, then succeeds; the replay is identical', async () => {
    const s = clientFor(sb);
    sb.faults.add({ kind: 'status', status: 503, times: 2, pathPrefix: '/v2/reports' });
    const report = await s.client.getCustomersHelped(params);
    assert.ok(report.current.length > 0);
    assert.equal(sb.stats.reportRequests, 3);
    assert.deepEqual(s.time.sleeps, [250, 500]);
  });

  it('500 always → server error carrying the sandbox logRef', async () => {
    const s = clientFor(sb);
    sb.faults.add({ kind: 'status', status: 500 });
    const error = await capture(s, s.client.getCustomersHelped(params));
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 500);
    assert.ok(error.logRef && error.message.includes(`logRef: ${error.logRef}`));
    assert.equal(sb.stats.reportRequests, 4);
  });

  it('429 with Retry-After → waits it out and retries', async () => {
    const s = clientFor(sb);
    sb.faults.add({ kind: 'status', status: 429, times: 2, retryAfterSeconds: 2 });
    await s.client.getCustomersHelped(params);
    assert.equal(sb.stats.rateLimited, 2);
    assert.deepEqual(s.time.sleeps.slice(0, 2), [2000, 2000]);
  });

  it('429 with a Retry-After beyond the cap → rateLimit with retryAfterSeconds', async () => {
    const s = clientFor(sb);
    sb.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 120 });
    const error = await capture(s, s.client.getCustomersHelped(params));
    assert.equal(error.kind, 'rateLimit');
    assert.equal(error.retryAfterSeconds, 120);
  });

  it('401 once → one renewal and an identical replay', async () => {
    const s = clientFor(sb);
    await s.client.me();
    sb.resetStats();
    sb.faults.add({ kind: 'status', status: 401, times: 1 });
    await s.client.getCustomersHelped(params);
    assert.equal(sb.stats.tokenRequests, 1);
    assert.equal(sb.stats.reportRequests, 2);
  });

  it('tokens expired early: 20 concurrent requests cause exactly one token request', async () => {
    const s = clientFor(sb, { rateGate: { maxConcurrent: 20 } });
    await s.client.me();
    sb.resetStats();
    sb.faults.add({ kind: 'expireTokensEarly', afterSeconds: 0 });
    const reports = await Promise.all(Array.from({ length: 20 }, () => s.client.getCustomersHelped(params)));
    assert.equal(reports.length, 20);
    assert.equal(sb.stats.tokenRequests, 1);
    assert.equal(sb.stats.reportRequests, 40);
  });

  it('wrong App Secret → auth "App ID or App Secret was rejected"', async () => {
    const s = clientFor(sb, { getCredentials: async () => ({ kind: 'clientCredentials', appId: sb.appId, appSecret: 'SECRET-wrong-value' }) });
    const error = await capture(s, s.client.me());
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /App ID or App Secret was rejected/);
    assert.equal(sb.stats.tokenRequests, 1);
  });

  it('token endpoint 503 then OK → the token POST is retried', async () => {
    const s = clientFor(sb);
    sb.faults.add({ kind: 'status', status: 503, times: 1, pathPrefix: '/v2/oauth2/token' });
    await s.client.me();
    assert.equal(sb.stats.tokenRequests, 2);
  });

  it('a dropped connection is retried; always dropped → network', async () => {
    const s = clientFor(sb);
    sb.faults.add({ kind: 'drop', times: 1, pathPrefix: '/v2/reports' });
    await s.client.getCustomersHelped(params);
    assert.equal(sb.stats.reportRequests, 2);
    sb.faults.add({ kind: 'drop', pathPrefix: '/v2/reports' });
    const error = await capture(s, s.client.getCustomersHelped(params));
    assert.equal(error.kind, 'network');
  });

  it('malformed JSON, HTML and wrong shapes with 200 → badResponse naming the problem', async () => {
    const s = clientFor(sb);
    const cases: Array<[Parameters<Sandbox['faults']['add']>[0], RegExp]> = [
      [{ kind: 'malformedJson' }, /not valid JSON/],
      [{ kind: 'htmlBody' }, /HTML page/],
      [{ kind: 'wrongShape', variant: 'missingCurrent' }, /current is missing/],
      [{ kind: 'wrongShape', variant: 'customersAsString' }, /current\[0\]\.customers is a string/],
      [{ kind: 'wrongShape', variant: 'badDates' }, /current\[0\]\.date is not a valid/],
    ];
    for (const [fault, reason] of cases) {
      sb.faults.clear();
      sb.faults.add({ ...fault, pathPrefix: '/v2/reports' });
      const error = await capture(s, s.client.getCustomersHelped(params));
      assert.equal(error.kind, 'badResponse', `${fault.kind}: ${error.message}`);
      assert.equal(error.status, 200);
      assert.match(error.message, reason);
    }
    sb.faults.clear();
    sb.faults.add({ kind: 'wrongShape', variant: 'customersAsString', pathPrefix: '/v2/tags' });
    assert.equal((await capture(s, s.client.listTags())).kind, 'badResponse');
  });

  it('a huge report: 10,000 buckets work; 20,001 → badResponse', async () => {
    const s = clientFor(sb);
    sb.faults.add({ kind: 'hugeResponse', times: 1, pathPrefix: '/v2/reports' });
    const report = await s.client.getCustomersHelped(params);
    assert.equal(report.current.length, 10_000);
    sb.faults.add({ kind: 'hugeResponse', buckets: 20_001, pathPrefix: '/v2/reports' });
    const error = await capture(s, s.client.getCustomersHelped(params));
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /more than 20000/);
  });

  it('a body that trickles slower than the timeout → timeout; a patient client gets it', async () => {
    const impatient = clientFor(sb, { timeoutMs: 150, retry: { maxTransientRetries: 1 } });
    sb.faults.add({ kind: 'slowBody', ms: 800, pathPrefix: '/v2/reports' });
    const error = await capture(impatient, impatient.client.getCustomersHelped(params));
    assert.equal(error.kind, 'timeout');
    sb.faults.clear();
    sb.faults.add({ kind: 'slowBody', ms: 100, times: 1, pathPrefix: '/v2/reports' });
    const patient = clientFor(sb, { timeoutMs: 5_000 });
    assert.ok((await patient.client.getCustomersHelped(params)).current.length > 0);
  });

  it('cancelling while the server is slow → cancelled at once', async () => {
    const s = clientFor(sb);
    sb.faults.add({ kind: 'latency', ms: 5_000, pathPrefix: '/v2/reports' });
    const controller = new AbortController();
    const started = Date.now();
    const pending = s.client.getCustomersHelped(params, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const error = await capture(s, pending);
    assert.equal(error.kind, 'cancelled');
    assert.ok(Date.now() - started < 2_000);
  });

  it('400 validation from the server: viewBy=day over 61 days, with field errors and logRef', async () => {
    const s = clientFor(sb);
    const error = await capture(s, s.client.getCustomersHelped({ user: userId, start: wire(DATA_END - 90 * DAY), end: wire(DATA_END), viewBy: 'day' }));
    assert.equal(error.kind, 'validation');
    assert.equal(error.fieldErrors[0]?.path, 'viewBy');
    assert.match(error.message, /^Help Scout rejected the request \(400\): viewBy — .*60 days.*\(logRef: .+\)$/);
  });

  it('unknown user → notFound; free plan → forbidden', async () => {
    const s = clientFor(sb);
    const notFound = await capture(s, s.client.getCustomersHelped({ ...params, user: 999_999_999 }));
    assert.equal(notFound.kind, 'notFound');
    const free = await startSandbox({ port: 0, now: DATA_END, plan: 'free' });
    try {
      const f = clientFor(free);
      const error = await capture(f, f.client.getCustomersHelped(params));
      assert.equal(error.kind, 'forbidden');
      assert.match(error.message, /Plus or Pro plan/);
    } finally {
      await free.close();
    }
  });

  it('refreshing 100 saved queries against 60 req/min: the client holds instead of running into 429s', async () => {
    const time = new VirtualTime();
    time.now = Date.UTC(2024, 5, 1, 0, 0, 30); // mid-window, like a real click
    const limited = await startSandbox({ port: 0, now: DATA_END, rateLimitPerMinute: 60, clock: time.clock });
    try {
      const s = clientFor(limited, { time });
      const started = time.now;
      const reports = await Promise.all(Array.from({ length: 100 }, () => s.client.getCustomersHelped(params)));
      assert.equal(reports.length, 100);
      assert.equal(limited.stats.rateLimited, 0);
      assert.equal(limited.stats.reportRequests, 100);
      assert.ok(time.now - started <= 150_000, `took ${time.now - started} ms virtual`);
      assert.equal(s.client.rateLimit().limitPerMinute, 60);
    } finally {
      await limited.close();
    }
  });

  it('no token or secret appears in any error or log line produced above', () => {
    assert.ok(seenTokens.size >= 3, `saw ${seenTokens.size} tokens`);
    assert.ok(producedTexts.length > 20);
    const secrets = [...seenTokens, sb.appSecret, 'SECRET-wrong-value'];
    const leaks = producedTexts.filter((t) => secrets.some((s) => t.includes(s)));
    assert.deepEqual(leaks, []);
  });
});
