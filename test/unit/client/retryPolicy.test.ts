import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { backoffDelay, DEFAULT_RETRY_OPTIONS, parseRetryAfter, resolveRetryOptions, retryAfterMs } from '../../../src/core/retryPolicy';

const NOW = Date.UTC(2024, 0, 1, 0, 0, 0);

describe('retry policy', () => {
  it('defaults: 3 transient retries, 500 ms base, 8 s cap, 5 rate-limit retries, 60 s Retry-After cap', () => {
    assert.deepEqual({ ...DEFAULT_RETRY_OPTIONS }, {
      maxTransientRetries: 3,
      baseDelayMs: 500,
      maxDelayMs: 8000,
      maxRateLimitRetries: 5,
      maxRetryAfterMs: 60_000,
      defaultRetryAfterMs: 1000,
    });
    assert.equal(resolveRetryOptions({ maxTransientRetries: 0, baseDelayMs: undefined }).baseDelayMs, 500);
    assert.throws(() => resolveRetryOptions({ maxDelayMs: -1 }), RangeError);
  });

  it('full jitter: every delay is within [0, min(cap, base·2^n)) (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const d = backoffDelay(n, DEFAULT_RETRY_OPTIONS, () => r);
        assert.ok(Number.isInteger(d) && d >= 0 && d < Math.min(8000, 500 * 2 ** n), `${n} ${r} → ${d}`);
      }),
    );
    assert.equal(backoffDelay(0, DEFAULT_RETRY_OPTIONS, () => NaN), 250); // a broken random still gives a sane wait
  });

  it('Retry-After: seconds, fractions, HTTP dates, and junk', () => {
    assert.equal(parseRetryAfter('7', NOW), 7000);
    assert.equal(parseRetryAfter(' 1.5 ', NOW), 1500);
    assert.equal(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW), 30_000);
    assert.equal(parseRetryAfter(new Date(NOW - 30_000).toUTCString(), NOW), 0);
    for (const junk of [null, '', '-5', 'soon', '12abc', '1e9']) assert.equal(parseRetryAfter(junk, NOW), undefined, String(junk));
  });

  it('prefers X-RateLimit-Retry-After, falls back to Retry-After', () => {
    const h = (o: Record<string, string>) => ({ get: (n: string) => o[n] ?? null });
    assert.equal(retryAfterMs(h({ 'X-RateLimit-Retry-After': '4', 'Retry-After': '9' }), NOW), 4000);
    assert.equal(retryAfterMs(h({ 'X-RateLimit-Retry-After': 'x', 'Retry-After': '9' }), NOW), 9000);
    assert.equal(retryAfterMs(h({}), NOW), undefined);
  });
});
