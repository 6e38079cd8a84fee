import * as assert from 'node:assert/strict';
import { HelpScoutError } from '../../../src/core/errors';
import { TokenManager, MemoryTokenStore, type StoredToken } from '../../../src/core/tokens';
import { APP_SECRET, GOOD_REPORT, GOOD_REPORT_PARSED, REPORT_PARAMS, REPORT_URL, TOKEN_PREFIX, VirtualTime, harness, json, rejectionOf } from './fakes';

const ME = { id: 7, firstName: 'Anna', lastName: 'Berg', email: 'anna@example.com', role: 'owner', timezone: 'Europe/Berlin' };

describe('auth: 401 renewal and replay', () => {
  it('on 401 renews the token once and replays the identical request with the new token', async () => {
    const h = harness();
    h.server.script = [json(401, { message: 'Unauthorized' }), json(200, GOOD_REPORT)];
    assert.deepEqual(await h.client.getCustomersHelped(REPORT_PARAMS), GOOD_REPORT_PARSED);
    const [first, second] = h.server.apiCalls;
    assert.ok(first && second);
    assert.equal(first.url, REPORT_URL);
    assert.equal(second.url, REPORT_URL);
    assert.equal(second.method, first.method);
    assert.equal(first.headers.Authorization, `Bearer ${TOKEN_PREFIX}1`);
    assert.deepEqual(second.headers, { ...first.headers, Authorization: `Bearer ${TOKEN_PREFIX}2` });
    assert.equal(h.server.tokenCalls.length, 2);
    assert.equal((await h.store.get())?.accessToken, `${TOKEN_PREFIX}2`);
  });

  it('a second 401 after renewal fails with kind auth and a sign-in message', async () => {
    const h = harness();
    h.server.fallback = () => json(401, { message: 'Unauthorized', logRef: 'lr-401' });
    const error = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
    assert.ok(error instanceof HelpScoutError);
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.equal(error.message, 'Help Scout rejected the credentials (401). Sign in again. (logRef: lr-401)');
    assert.equal(h.server.apiCalls.length, 2);
    assert.equal(h.server.tokenCalls.length, 2);
  });

  for (const maxConcurrent of [20, 4]) {
    it(`20 concurrent requests that all get 401 cause exactly one renewal (${maxConcurrent} in flight)`, async () => {
      const stale = `${TOKEN_PREFIX}stale`;
      const h = harness({
        rateGate: { maxConcurrent },
        token: { accessToken: stale, source: 'clientCredentials', expiresAt: Date.UTC(2030, 0, 1) },
      });
      h.server.fallback = (req) => (req.headers.Authorization === `Bearer ${stale}` ? json(401, {}) : json(200, GOOD_REPORT));
      const results = await Promise.all(Array.from({ length: 20 }, () => h.client.getCustomersHelped(REPORT_PARAMS)));
      assert.equal(results.length, 20);
      assert.equal(h.server.tokenCalls.length, 1, 'one token request');
      const rejected = h.server.apiCalls.filter((c) => c.headers.Authorization === `Bearer ${stale}`);
      const replayed = h.server.apiCalls.filter((c) => c.headers.Authorization === `Bearer ${TOKEN_PREFIX}1`);
      assert.equal(h.server.apiCalls.length, rejected.length + replayed.length);
      assert.equal(replayed.length, 20);
      assert.ok(rejected.length >= 1 && rejected.length <= 20);
      assert.ok(h.server.apiCalls.every((c) => c.url === REPORT_URL));
      assert.ok(h.server.maxInFlight <= maxConcurrent);
    });
  }

  it('20 concurrent first requests share one token request', async () => {
    const h = harness({ rateGate: { maxConcurrent: 20 } });
    h.server.fallback = () => json(200, GOOD_REPORT);
    await Promise.all(Array.from({ length: 20 }, () => h.client.getCustomersHelped(REPORT_PARAMS)));
    assert.equal(h.server.tokenCalls.length, 1);
    assert.equal(h.server.apiCalls.length, 20);
    assert.equal(h.server.maxInFlight, 20);
  });

  it('a failed renewal rejects every waiter; the next call tries again', async () => {
    const h = harness({ rateGate: { maxConcurrent: 10 } });
    let fail = true;
    h.server.onToken = () => (fail ? json(401, { error: 'invalid_client', error_description: 'bad' }) : json(200, { access_token: `${TOKEN_PREFIX}ok`, expires_in: 60 * 60 }));
    const errors = await Promise.all(Array.from({ length: 10 }, () => rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS))));
    assert.equal(h.server.tokenCalls.length, 1);
    for (const error of errors) {
      assert.equal((error as HelpScoutError).kind, 'auth');
      assert.match(error.message, /App ID or App Secret was rejected/);
    }
    assert.equal(h.server.apiCalls.length, 0);
    fail = false;
    h.server.fallback = () => json(200, GOOD_REPORT);
    assert.deepEqual(await h.client.getCustomersHelped(REPORT_PARAMS), GOOD_REPORT_PARSED);
    assert.equal(h.server.tokenCalls.length, 2);
  });

  it('token endpoint: 400 invalid_client is auth; 400 invalid_request is mapped like any 400', async () => {
    const h = harness();
    h.server.onToken = () => json(400, { error: 'invalid_client', error_description: 'Client authentication failed' });
    const e1 = await rejectionOf(h.client.me());
    assert.equal((e1 as HelpScoutError).kind, 'auth');
    assert.match(e1.message, /App ID or App Secret was rejected/);
    h.server.onToken = () => json(400, { error: 'invalid_request', error_description: 'Missing grant_type' });
    const e2 = await rejectionOf(h.client.me());
    assert.equal((e2 as HelpScoutError).kind, 'validation');
    assert.match(e2.message, /Missing grant_type/);
  });

  it('a token response without access_token is badResponse', async () => {
    const h = harness();
    h.server.onToken = () => json(200, { token_type: 'bearer' });
    const error = await rejectionOf(h.client.me());
    assert.equal((error as HelpScoutError).kind, 'badResponse');
    assert.match(error.message, /access_token is missing/);
  });

  it('no credentials → auth "Not signed in", and no request', async () => {
    const h = harness({ credentials: undefined });
    const error = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
    assert.equal((error as HelpScoutError).kind, 'auth');
    assert.match(error.message, /^Not signed in/);
    assert.equal(h.server.calls.length, 0);
  });

  it('pasted token: sent as is; a 401 is auth "sign in again" with no renewal attempt', async () => {
    const h = harness({ credentials: { kind: 'pastedToken' }, token: { accessToken: 'SECRETTOKEN-pasted', source: 'pasted' } });
    h.server.script = [json(200, ME), json(401, {})];
    assert.equal((await h.client.me()).id, 7);
    assert.equal(h.server.apiCalls[0]?.headers.Authorization, 'Bearer SECRETTOKEN-pasted');
    const error = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
    assert.equal((error as HelpScoutError).kind, 'auth');
    assert.match(error.message, /pasted token.*Sign in again/);
    assert.equal(h.server.tokenCalls.length, 0);
    assert.equal(h.server.apiCalls.length, 2);
  });

  it('pasted token past its expiresAt → auth without a request', async () => {
    const time = new VirtualTime();
    const h = harness({
      credentials: { kind: 'pastedToken' },
      token: { accessToken: 'SECRETTOKEN-pasted', source: 'pasted', expiresAt: time.now - 1 },
    });
    const error = await rejectionOf(h.client.me());
    assert.equal((error as HelpScoutError).kind, 'auth');
    assert.match(error.message, /expired/);
    assert.equal(h.server.calls.length, 0);
  });

  it('signInWithClientCredentials fetches a token, verifies it with /users/me, then stores it', async () => {
    const h = harness({ credentials: undefined });
    h.server.script = [json(200, ME)];
    const user = await h.client.signInWithClientCredentials(' app-x ', APP_SECRET);
    assert.deepEqual(user, ME);
    assert.equal(h.server.tokenCalls[0]?.body, `grant_type=client_credentials&client_id=app-x&client_secret=${APP_SECRET}`);
    assert.equal(h.server.apiCalls[0]?.url, 'https://api.example.test/v2/users/me');
    assert.equal(h.server.apiCalls[0]?.headers.Authorization, `Bearer ${TOKEN_PREFIX}1`);
    assert.deepEqual(await h.store.get(), { accessToken: `${TOKEN_PREFIX}1`, source: 'clientCredentials', expiresAt: h.time.now + 7_200_000, issuedAt: h.time.now });
  });

  it('signInWithClientCredentials with rejected credentials stores nothing', async () => {
    const h = harness({ credentials: undefined });
    h.server.onToken = () => json(401, { error: 'invalid_client' });
    const error = await rejectionOf(h.client.signInWithClientCredentials('app', 'wrong-secret'));
    assert.equal((error as HelpScoutError).kind, 'auth');
    assert.equal(await h.store.get(), undefined);
  });

  it('signInWithToken verifies the pasted token (a 401 is auth) before storing it', async () => {
    const h = harness({ credentials: { kind: 'pastedToken' } });
    h.server.script = [json(401, {}), json(200, ME)];
    const error = await rejectionOf(h.client.signInWithToken('SECRETTOKEN-bad'));
    assert.equal((error as HelpScoutError).kind, 'auth');
    assert.equal(await h.store.get(), undefined);
    await h.client.signInWithToken('Bearer SECRETTOKEN-good');
    assert.deepEqual(await h.store.get(), { accessToken: 'SECRETTOKEN-good', source: 'pasted' });
    assert.equal(h.server.tokenCalls.length, 0);
  });

  it('signOut clears the store; the next request renews from credentials', async () => {
    const h = harness();
    h.server.fallback = () => json(200, GOOD_REPORT);
    await h.client.getCustomersHelped(REPORT_PARAMS);
    await h.client.signOut();
    assert.equal(await h.store.get(), undefined);
    await h.client.getCustomersHelped(REPORT_PARAMS);
    assert.equal(h.server.tokenCalls.length, 2);
  });
});

describe('TokenManager', () => {
  function manager(opts: { store?: MemoryTokenStore; time?: VirtualTime; grants?: Array<() => Promise<{ accessToken: string; expiresInSeconds?: number }>> } = {}) {
    const time = opts.time ?? new VirtualTime();
    const store = opts.store ?? new MemoryTokenStore();
    let n = 0;
    const requests: number[] = [];
    const tm = new TokenManager({
      store,
      clock: time.clock,
      getCredentials: async () => ({ kind: 'clientCredentials', appId: 'a', appSecret: 's' }),
      requestToken: async () => {
        requests.push(time.now);
        const scripted = opts.grants?.[n];
        n++;
        return scripted ? scripted() : { accessToken: `t${n}`, expiresInSeconds: 3600 };
      },
    });
    return { tm, time, store, requests };
  }

  it('uses a stored token until 60 s before expiry, then renews and stores expiresAt = now + expires_in', async () => {
    const time = new VirtualTime();
    const stored: StoredToken = { accessToken: 'old', source: 'clientCredentials', expiresAt: time.now + 120_000 };
    const { tm, store, requests } = manager({ time, store: new MemoryTokenStore(stored) });
    assert.equal((await tm.getToken()).accessToken, 'old');
    time.now += 59_999; // 60.001 s left
    assert.equal((await tm.getToken()).accessToken, 'old');
    time.now += 2; // 59.999 s left: inside the margin
    const renewed = await tm.getToken();
    assert.equal(renewed.accessToken, 't1');
    assert.equal(renewed.expiresAt, time.now + 3_600_000);
    assert.equal(renewed.issuedAt, time.now);
    assert.deepEqual(await store.get(), renewed);
    assert.equal(requests.length, 1);
  });

  it('usableToken(): the token getToken would return at once; undefined when getToken has work to do', async () => {
    const time = new VirtualTime();
    const stored: StoredToken = { accessToken: 'old', source: 'clientCredentials', expiresAt: time.now + 120_000 };
    const { tm, requests } = manager({ time, store: new MemoryTokenStore(stored) });
    assert.equal(tm.usableToken(), undefined, 'the store has not been read yet');
    const first = await tm.getToken();
    assert.equal(tm.usableToken(), first);
    time.now += 60_001; // inside the renewal margin
    assert.equal(tm.usableToken(), undefined);
    const renewed = await tm.getToken();
    assert.equal(tm.usableToken(), renewed);
    await tm.invalidate(renewed.accessToken);
    assert.equal(tm.usableToken(), undefined);
    assert.equal(requests.length, 1, 'usableToken never renews');
  });

  it('invalidate() drops only the current token, so stale 401s do not renew again', async () => {
    const { tm, requests } = manager();
    const first = await tm.getToken();
    await tm.invalidate(first.accessToken);
    const second = await tm.getToken();
    assert.equal(second.accessToken, 't2');
    await tm.invalidate(first.accessToken); // a late 401 for the old token
    assert.equal((await tm.getToken()).accessToken, 't2');
    assert.equal(requests.length, 2);
  });

  it('concurrent invalidate + getToken for the same token: one renewal', async () => {
    const { tm, requests } = manager();
    const first = await tm.getToken();
    const tokens = await Promise.all(
      Array.from({ length: 10 }, async () => {
        await tm.invalidate(first.accessToken);
        return tm.getToken();
      }),
    );
    assert.ok(tokens.every((t) => t.accessToken === 't2'));
    assert.equal(requests.length, 2);
  });

  it('a sign-out during a renewal is not undone by the renewal finishing', async () => {
    let finish!: () => void;
    const { tm, store } = manager({
      grants: [() => new Promise((resolve) => (finish = () => resolve({ accessToken: 'late', expiresInSeconds: 3600 })))],
    });
    const pending = rejectionOf(tm.getToken());
    while (!finish) await new Promise((r) => setImmediate(r));
    await tm.clear();
    finish();
    assert.equal(((await pending) as HelpScoutError).kind, 'auth');
    assert.equal(await store.get(), undefined);
  });

  it('ignores a malformed stored token and renews', async () => {
    const store = new MemoryTokenStore({ accessToken: '', source: 'clientCredentials' });
    const { tm } = manager({ store });
    assert.equal((await tm.getToken()).accessToken, 't1');
  });
});

describe('short-lived tokens (issue 9, defect 5)', () => {
  it('a token with expires_in below the 60 s margin is used, not renewed before every request: five reports → one token request', async () => {
    const h = harness();
    h.server.onToken = (_req, n) => json(200, { token_type: 'bearer', access_token: `${TOKEN_PREFIX}${n + 1}`, expires_in: 30 });
    for (let i = 0; i < 5; i++) {
      await h.client.getCustomersHelped(REPORT_PARAMS);
      h.time.now += 1_000;
    }
    assert.equal(h.server.tokenCalls.length, 1);
    assert.ok(h.server.apiCalls.every((c) => c.headers.Authorization === `Bearer ${TOKEN_PREFIX}1`));
  });

  it('the margin is clamped to half the lifetime: a 30 s token is renewed once 15 s of it are left', async () => {
    const h = harness();
    h.server.onToken = (_req, n) => json(200, { token_type: 'bearer', access_token: `${TOKEN_PREFIX}${n + 1}`, expires_in: 30 });
    await h.client.getCustomersHelped(REPORT_PARAMS);
    h.time.now += 14_999; // 15.001 s left
    await h.client.getCustomersHelped(REPORT_PARAMS);
    assert.equal(h.server.tokenCalls.length, 1);
    h.time.now += 2; // 14.999 s left
    await h.client.getCustomersHelped(REPORT_PARAMS);
    assert.equal(h.server.tokenCalls.length, 2);
  });

  it('a stored short-lived token keeps its lifetime across a reload of the store', async () => {
    const time = new VirtualTime();
    const store = new MemoryTokenStore();
    let requests = 0;
    const make = (): TokenManager =>
      new TokenManager({
        store,
        clock: time.clock,
        getCredentials: async () => ({ kind: 'clientCredentials', appId: 'a', appSecret: 's' }),
        requestToken: async () => ({ accessToken: `t${++requests}`, expiresInSeconds: 20 }),
      });
    await make().getToken();
    time.now += 5_000; // 15 s left of 20: outside half the lifetime
    assert.equal((await make().getToken()).accessToken, 't1');
    assert.equal(requests, 1);
  });
});
