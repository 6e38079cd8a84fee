import assert from 'node:assert/strict';
import { FixedWindowRateLimiter } from '../../../src/sandbox/rateLimit';
import { get, manualClock, requestToken, start, token } from './helpers';

describe('sandbox: rate limit', () => {
  it('counts requests in fixed windows aligned to the clock', () => {
    const clock = manualClock(600_000 + 45_000);
    const limiter = new FixedWindowRateLimiter(2, 60_000, clock.now);
    assert.deepEqual(limiter.take(), { allowed: true, limit: 2, remaining: 1, retryAfterSeconds: 15 });
    assert.equal(limiter.take().remaining, 0);
    const denied = limiter.take();
    assert.equal(denied.allowed, false);
    assert.equal(denied.retryAfterSeconds, 15);
    clock.advance(14_500);
    assert.equal(limiter.take().retryAfterSeconds, 1);
    clock.advance(500);
    assert.deepEqual(limiter.take(), { allowed: true, limit: 2, remaining: 1, retryAfterSeconds: 60 });
  });

  it('sends the headers on authenticated answers, 429 with both retry headers over the limit, resets with the window', async () => {
    const clock = manualClock(Date.UTC(2026, 2, 15, 10, 0, 50));
    const sb = await start({ rateLimitPerMinute: 3, clock: clock.now });
    try {
      const t = await token(sb);
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const a = await get(sb, i === 2 ? '/v2/reports/user/customers-helped?user=x' : '/v2/users/me', t);
        assert.equal(a.headers.get('x-ratelimit-limit-minute'), '3');
        remaining.push(a.headers.get('x-ratelimit-remaining-minute') ?? '');
      }
      assert.deepEqual(remaining, ['2', '1', '0'], 'error answers (the 400) count and carry headers too');
      const limited = await get(sb, '/v2/tags', t);
      assert.equal(limited.status, 429);
      assert.deepEqual(limited.body, { message: 'API rate limit exceeded' });
      assert.equal(limited.headers.get('x-ratelimit-retry-after'), '10');
      assert.equal(limited.headers.get('retry-after'), '10');
      assert.equal(limited.headers.get('x-ratelimit-remaining-minute'), '0');
      assert.equal(sb.stats.rateLimited, 1);

      // The token endpoint and unauthenticated requests are not counted against the account.
      assert.equal((await requestToken(sb)).status, 200);
      const anonymous = await get(sb, '/v2/users/me');
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.headers.get('x-ratelimit-limit-minute'), null);

      clock.advance(10_000);
      const next = await get(sb, '/v2/users/me', t);
      assert.equal(next.status, 200);
      assert.equal(next.headers.get('x-ratelimit-remaining-minute'), '2');
    } finally {
      await sb.close();
    }
  });

  it('shares one budget across tokens, and honours a custom window', async () => {
    const clock = manualClock(0);
    const sb = await start({ rateLimitPerMinute: 2, rateLimitWindowMs: 5_000, clock: clock.now });
    try {
      const [a, b] = [await token(sb), await token(sb)];
      assert.equal((await get(sb, '/v2/tags', a)).status, 200);
      assert.equal((await get(sb, '/v2/tags', b)).status, 200);
      const limited = await get(sb, '/v2/tags', a);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '5');
      clock.advance(5_000);
      assert.equal((await get(sb, '/v2/tags', b)).status, 200);
    } finally {
      await sb.close();
    }
  });

  it('can be switched off (no limit, no headers)', async () => {
    const sb = await start({ rateLimitPerMinute: 0 });
    try {
      const t = await token(sb);
      for (let i = 0; i < 5; i++) {
        const a = await get(sb, '/v2/users/me', t);
        assert.equal(a.status, 200);
        assert.equal(a.headers.get('x-ratelimit-limit-minute'), null);
      }
    } finally {
      await sb.close();
    }
  });

  it('defaults to 400 a minute', async () => {
    const sb = await start();
    try {
      const a = await get(sb, '/v2/users/me', await token(sb));
      assert.equal(a.headers.get('x-ratelimit-limit-minute'), '400');
      assert.equal(a.headers.get('x-ratelimit-remaining-minute'), '399');
    } finally {
      await sb.close();
    }
  });
});
