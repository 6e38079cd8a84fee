import * as assert from 'node:assert/strict';
import { HelpScoutError } from '../../../src/core/errors';
import { redact } from '../../../src/core/apiError';
import { APP_SECRET, REPORT_PARAMS, TOKEN_PREFIX, errorTexts, harness, json, type Harness, type Reply } from './fakes';

/**
 * Runs every fault scenario, some with servers that echo the token or the secret back, and
 * scans every error and every log line for the marker strings.
 */
describe('secrets never reach an error message or a log line', () => {
  const texts: string[] = [];
  const errors: unknown[] = [];

  async function scenario(setup: (h: Harness) => void, run: (h: Harness) => Promise<unknown>, opts: Parameters<typeof harness>[0] = {}) {
    const h = harness({ timeoutMs: 20, ...opts });
    setup(h);
    try {
      await run(h);
    } catch (error) {
      errors.push(error);
      texts.push(...errorTexts(error));
      if (error instanceof HelpScoutError) {
        for (const f of error.fieldErrors) texts.push(JSON.stringify(f));
      }
    }
    texts.push(...h.logger.messages);
  }

  const echoToken: Reply = json(401, { message: `Token ${TOKEN_PREFIX}1 is invalid`, logRef: `${TOKEN_PREFIX}1` });
  const report = (h: Harness) => h.client.getCustomersHelped(REPORT_PARAMS);

  before(async () => {
    // 401 twice, the server echoing the token it got.
    await scenario((h) => (h.server.fallback = () => echoToken), report);
    // Token endpoint rejects, echoing the secret.
    await scenario(
      (h) => (h.server.onToken = () => json(401, { error: 'invalid_client', error_description: `client_secret ${APP_SECRET} is wrong` })),
      report,
    );
    // Token endpoint 5xx with an HTML page echoing the form body.
    await scenario(
      (h) => (h.server.onToken = () => ({ status: 500, body: `<html><pre>client_secret=${APP_SECRET}</pre></html>` })),
      report,
    );
    // HTML 502s echoing the Authorization header.
    await scenario((h) => (h.server.fallback = (req) => ({ status: 502, body: `<h1>Bad gateway</h1>${req.headers.Authorization ?? ''}` })), report);
    // 400 vnd.error with the token as rejectedValue and in the field message.
    await scenario(
      (h) =>
        (h.server.fallback = (req) =>
          json(400, { message: 'Bad request', _embedded: { errors: [{ path: 'user', message: `bad ${req.headers.Authorization}`, rejectedValue: `${TOKEN_PREFIX}1` }] } })),
      report,
    );
    // 429 beyond the cap, 403, 404 echoing the token.
    await scenario((h) => (h.server.fallback = () => json(429, { message: `${TOKEN_PREFIX}1` }, { 'Retry-After': '999' })), report);
    await scenario((h) => (h.server.fallback = () => json(403, { message: `no ${TOKEN_PREFIX}1` })), report);
    await scenario((h) => (h.server.fallback = () => json(404, { message: `no ${TOKEN_PREFIX}1`, status: 404 })), report);
    // Network errors whose text carries the token; timeouts.
    await scenario((h) => (h.server.fallback = () => ({ network: `ECONNRESET ${TOKEN_PREFIX}1` })), report);
    await scenario((h) => (h.server.fallback = () => ({ hang: true })), report, { retry: { maxTransientRetries: 1 } });
    // 200s with junk echoing the token.
    await scenario((h) => (h.server.fallback = () => ({ status: 200, body: `<html>${TOKEN_PREFIX}1</html>` })), report);
    await scenario((h) => (h.server.fallback = () => json(200, { current: [{ date: `${TOKEN_PREFIX}1`, customers: 1 }] })), report);
    // Pasted token rejected; sign-in with a wrong secret; sign-in with a rejected pasted token.
    await scenario((h) => (h.server.fallback = () => echoToken), report, {
      credentials: { kind: 'pastedToken' },
      token: { accessToken: `${TOKEN_PREFIX}pasted`, source: 'pasted' },
    });
    await scenario(
      (h) => (h.server.onToken = (req) => json(401, { error: 'invalid_client', error_description: req.body ?? '' })),
      (h) => h.client.signInWithClientCredentials('app', `${APP_SECRET}-wrong`),
      { credentials: undefined },
    );
    await scenario(
      (h) => (h.server.fallback = (req) => json(401, { message: `${req.headers.Authorization}` })),
      (h) => h.client.signInWithToken(`${TOKEN_PREFIX}typed`),
      { credentials: undefined },
    );
    // A successful run logs too.
    await scenario((h) => (h.server.fallback = () => json(200, { current: [] })), report);
  });

  it('ran the fault scenarios and collected errors and log lines', () => {
    assert.ok(errors.length >= 15, `only ${errors.length} errors`);
    assert.ok(errors.every((e) => e instanceof HelpScoutError), errors.map(String).join('\n'));
    assert.ok(texts.length > 40);
  });

  it('no error text or log line contains the token or the secret', () => {
    const leaks = texts.filter((t) => t.includes(APP_SECRET) || t.includes(TOKEN_PREFIX));
    assert.deepEqual(leaks, []);
  });

  it('no "Bearer <value>" other than redacted appears anywhere', () => {
    const leaks = texts.filter((t) => /bearer\s+(?!\[redacted\])\S/i.test(t));
    assert.deepEqual(leaks, []);
  });

  it('log lines are one per attempt, method + path (+ query), never headers or bodies', () => {
    const h = harness();
    return h.client.getCustomersHelped(REPORT_PARAMS).then(() => {
      const lines = h.logger.messages;
      assert.ok(lines.some((l) => /^POST \/v2\/oauth2\/token → 200 in \d+ ms$/.test(l)), lines.join('\n'));
      assert.ok(lines.some((l) => /^GET \/v2\/reports\/user\/customers-helped\?user=447723&.*viewBy=day → 200 in \d+ ms$/.test(l)), lines.join('\n'));
      assert.ok(lines.every((l) => !/client_secret|Authorization|grant_type/.test(l)));
    });
  });

  it('redact() removes every occurrence of each secret and bearer values', () => {
    assert.equal(redact('a SECRET b SECRET', ['SECRET']), 'a [redacted] b [redacted]');
    assert.equal(redact('Authorization: Bearer abcdefgh1234', []), 'Authorization: Bearer [redacted]');
    assert.equal(redact('short ab', ['ab']), 'short ab'); // too short to be a secret
  });
});
