// The hostile Help Scout matrix in plain node, against the real client and real global fetch.
// Every case asserts three things: nothing secret reached another origin or the log or the
// error; memory and time stayed bounded (the figures are printed); the error names what went wrong.
import * as assert from 'node:assert/strict';
import { HelpScoutClient } from '../../../src/core/client';
import { HelpScoutError } from '../../../src/core/errors';
import { RecordingLogger } from '../client/fakes';
import { MemoryTokenStore } from '../../../src/core/tokens';
import { startHugeBodyProcess, startHostileServer, startRecorder, RETRY_AFTER_SECONDS, type HostileCase, type HostileServer, type RunningServer } from '../../support/hostileHelpScout';

interface Outcome {
  error: HelpScoutError;
  ms: number;
  rssMb: number;
}

async function sampleRss(work: Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await work;
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return (peak - before) / (1024 * 1024);
}

describe('security: a hostile Help Scout, in plain node (client + global fetch)', function () {
  this.timeout(60_000);
  let recorder: RunningServer;
  let hostile: HostileServer | undefined;
  let logger: RecordingLogger;

  before(async () => {
    // Global fetch loads undici on first use (≈ 20 MB): not what the memory figures are about.
    const warm = await startRecorder();
    await (await fetch(warm.baseUrl)).text();
    await warm.close();
  });
  beforeEach(async () => {
    recorder = await startRecorder();
    logger = new RecordingLogger();
  });
  afterEach(async () => {
    await hostile?.close();
    hostile = undefined;
    await recorder.close();
  });

  function client(server: HostileServer, options: { timeoutMs?: number } = {}): HelpScoutClient {
    return new HelpScoutClient({
      baseUrl: server.baseUrl,
      fetch: (url, init) => fetch(url, init),
      tokenStore: new MemoryTokenStore(),
      getCredentials: async () => ({ kind: 'clientCredentials', appId: server.appId, appSecret: server.appSecret }),
      logger,
      timeoutMs: options.timeoutMs ?? 5_000,
      retry: { maxTransientRetries: 1, baseDelayMs: 10, maxDelayMs: 20 },
    });
  }

  async function run(
    which: HostileCase,
    call: (c: HelpScoutClient, server: HostileServer) => Promise<unknown>,
    options: { timeoutMs?: number; ownProcess?: boolean } = {},
  ): Promise<Outcome> {
    const server = options.ownProcess ? await startHugeBodyProcess() : await startHostileServer(which, { target: recorder.baseUrl });
    hostile = server;
    const started = Date.now();
    let caught: unknown;
    const rssMb = await sampleRss(
      call(client(server, options), server).then(
        () => undefined,
        (error: unknown) => {
          caught = error;
        },
      ),
    );
    const ms = Date.now() - started;
    console.log(`      ${which}: failed in ${ms} ms, resident memory +${rssMb.toFixed(1)} MB, ${server.requests.length} request(s) to the API, ${recorder.requests.length} to the other origin`);
    assert.ok(caught instanceof HelpScoutError, `a HelpScoutError, got ${String(caught)}`);
    // Nothing secret left: not to another origin, not in the log, not in the error.
    assert.equal(recorder.requests.length, 0, `the other origin received ${JSON.stringify(recorder.requests.map((r) => `${r.method} ${r.url} ${r.body}`))}`);
    for (const text of [...logger.messages, caught.message, JSON.stringify(caught)]) {
      assert.ok(!text.includes(server.appSecret), `the App Secret in: ${text}`);
      assert.ok(!text.includes(server.token), `the token in: ${text}`);
    }
    return { error: caught, ms, rssMb };
  }

  it('3xx to another origin on the token POST: the other origin receives nothing; the error names the redirect and its target', async () => {
    const { error } = await run('redirect', (c) => c.me());
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /redirect/i);
    assert.ok(error.message.includes(recorder.baseUrl), error.message);
    assert.equal(hostile!.requests.length, 1, 'one token request, not retried');
  });

  it('3xx to another origin on an API call with a pasted token: the token goes nowhere else', async () => {
    const { error } = await run('redirect', (c) => c.signInWithToken('pasted-token-abcdef'));
    assert.match(error.message, /redirect \(307\) to http:\/\/127\.0\.0\.1:\d+\/v2\/users\/me/);
  });

  it('a 300 MB chunked body: resident memory grows < 32 MB, it stops early and fails as "bad response"', async () => {
    // The server runs in a child process: the memory figure is the client's alone.
    const { error, rssMb, ms } = await run('hugeBody', (c) => c.me(), { ownProcess: true });
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /too large/);
    assert.ok(rssMb < 32, `resident memory +${rssMb.toFixed(1)} MB`);
    assert.ok(ms < 15_000);
  });

  it('a body that trickles one byte a second: the per-attempt timeout ends it', async () => {
    const { error, ms } = await run('trickle', (c) => c.me(), { timeoutMs: 1_500 });
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /did not answer within 1\.5 s/);
    assert.ok(ms < 6_000, `${ms} ms`);
  });

  it('an endless page count: the list stops at the page cap with an error that says so', async () => {
    const { error, ms } = await run('endlessPages', (c) => c.listUsers());
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /more than 100 pages/);
    assert.ok(hostile!.requests.filter((r) => r.url.startsWith('/v2/users')).length <= 100);
    assert.ok(ms < 30_000);
  });

  it('Retry-After: 31536000: no year-long wait; a rate-limit error that says when', async () => {
    const { error, ms } = await run('retryAfterYear', (c) => c.me());
    assert.equal(error.kind, 'rateLimit');
    assert.match(error.message, /rate limit/);
    assert.equal(error.retryAfterSeconds, RETRY_AFTER_SECONDS);
    assert.ok(ms < 5_000, `${ms} ms`);
  });

  it('error messages and field errors with [x](command:…) and <img onerror>: kept as text in the error, never with a secret', async () => {
    const { error } = await run('linkInjection', (c) =>
      c.getCustomersHelped({ user: 1, start: '2026-01-01T00:00:00Z', end: '2026-01-31T00:00:00Z', viewBy: 'day' }),
    );
    assert.equal(error.kind, 'validation');
    assert.ok(error.fieldErrors.length > 0);
  });
});
