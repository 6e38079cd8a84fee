import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { DEMO_APP_ID, DEMO_APP_SECRET } from '../../../src/sandbox/server';
import { answer, get, manualClock, requestToken, start, token } from './helpers';

describe('sandbox: OAuth token endpoint and bearer auth', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await start();
  });
  after(() => sb.close());

  it('uses the obviously fake demo credentials by default', () => {
    assert.equal(sb.appId, DEMO_APP_ID);
    assert.equal(sb.appSecret, DEMO_APP_SECRET);
    assert.match(sb.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('issues a random bearer token for client credentials (form-encoded)', async () => {
    const a = await requestToken(sb);
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('content-type'), 'application/json;charset=UTF-8');
    assert.equal(a.headers.get('cache-control'), 'no-store');
    assert.equal(a.body.token_type, 'bearer');
    assert.equal(a.body.expires_in, 172800);
    assert.match(a.body.access_token, /^[A-Za-z0-9_-]{32}$/);
    const again = await requestToken(sb);
    assert.notEqual(again.body.access_token, a.body.access_token);
  });

  it('accepts a JSON body and HTTP Basic client authentication', async () => {
    const viaJson = await answer(
      await fetch(`${sb.baseUrl}/v2/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: sb.appId, client_secret: sb.appSecret }),
      }),
    );
    assert.equal(viaJson.status, 200);
    const viaBasic = await answer(
      await fetch(`${sb.baseUrl}/v2/oauth2/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${sb.appId}:${sb.appSecret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      }),
    );
    assert.equal(viaBasic.status, 200);
    const me = await get(sb, '/v2/users/me', viaBasic.body.access_token);
    assert.equal(me.status, 200);
  });

  it('rejects wrong credentials with 401 invalid_client, OAuth style', async () => {
    const cases: Record<string, string>[] = [{ client_secret: 'nope' }, { client_id: 'someone-else' }, { client_secret: '' }];
    for (const fields of cases) {
      const a = await requestToken(sb, fields);
      assert.equal(a.status, 401, JSON.stringify(fields));
      assert.equal(a.body.error, 'invalid_client');
      assert.equal(typeof a.body.error_description, 'string');
      assert.ok(!a.text.includes(sb.appSecret), 'the error must not echo the secret');
    }
  });

  it('rejects unsupported, missing and unusable grants with 400', async () => {
    const unsupported = await requestToken(sb, { grant_type: 'password' });
    assert.equal(unsupported.status, 400);
    assert.equal(unsupported.body.error, 'unsupported_grant_type');
    const refresh = await requestToken(sb, { grant_type: 'refresh_token', refresh_token: 'stale' });
    assert.equal(refresh.status, 400);
    assert.deepEqual(refresh.body, { error: 'invalid_request', error_description: 'Invalid refresh_token' });
    const missing = await answer(await fetch(`${sb.baseUrl}/v2/oauth2/token`, { method: 'POST', body: new URLSearchParams({ client_id: sb.appId }) }));
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'invalid_request');
    const badJson = await answer(
      await fetch(`${sb.baseUrl}/v2/oauth2/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' }),
    );
    assert.equal(badJson.status, 400);
  });

  it('answers 405 to GET on the token endpoint', async () => {
    const a = await get(sb, '/v2/oauth2/token');
    assert.equal(a.status, 405);
    assert.equal(a.headers.get('allow'), 'POST');
  });

  it('requires a valid bearer token on every API route', async () => {
    const access = await token(sb);
    const paths = ['/v2/users/me', '/v2/users', '/v2/mailboxes', '/v2/tags', `/v2/mailboxes/${sb.dataset.mailboxes[0]?.id}/folders`, '/v2/reports/user/customers-helped'];
    for (const path of paths) {
      const none = await get(sb, path);
      assert.equal(none.status, 401, path);
      assert.match(none.body.message, /Authorization: Bearer/);
      assert.equal(typeof none.body.logRef, 'string');
      assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
      const wrong = await get(sb, path, 'not-a-token');
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.message, 'Invalid access token');
      const lowercase = await get(sb, path, undefined, { headers: { authorization: `bearer ${access}` } });
      assert.notEqual(lowercase.status, 401, `${path} accepts the scheme case-insensitively`);
    }
  });

  it('expires tokens after their lifetime on the sandbox clock', async () => {
    const clock = manualClock();
    const short = await start({ clock: clock.now, tokenLifetimeSeconds: 60 });
    try {
      const t = await requestToken(short);
      assert.equal(t.body.expires_in, 60);
      assert.equal((await get(short, '/v2/users/me', t.body.access_token)).status, 200);
      clock.advance(59_999);
      assert.equal((await get(short, '/v2/users/me', t.body.access_token)).status, 200);
      clock.advance(1);
      const expired = await get(short, '/v2/users/me', t.body.access_token);
      assert.equal(expired.status, 401);
      assert.equal(expired.body.message, 'The access token expired');
      assert.equal((await get(short, '/v2/users/me', await token(short))).status, 200);
    } finally {
      await short.close();
    }
  });
});
