/**
 * When and how long to wait before sending a request again: exponential backoff with full
 * jitter for 5xx/network/timeout, and the server's own Retry-After for 429.
 */

export interface RetryOptions {
  /** Retries after 5xx, network failures and timeouts (not counting the first attempt). */
  maxTransientRetries: number;
  /** Backoff base: the first retry waits up to this long. */
  baseDelayMs: number;
  /** Backoff cap: no single wait is longer. */
  maxDelayMs: number;
  /** Retries after 429, in total per request. */
  maxRateLimitRetries: number;
  /** A Retry-After longer than this is not waited out: the request fails with kind 'rateLimit'. */
  maxRetryAfterMs: number;
  /** Wait after a 429 that carries no Retry-After header. */
  defaultRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS: Readonly<RetryOptions> = Object.freeze({
  maxTransientRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRateLimitRetries: 5,
  maxRetryAfterMs: 60_000,
  defaultRetryAfterMs: 1_000,
});

export function resolveRetryOptions(partial?: Partial<RetryOptions>): RetryOptions {
  const merged = { ...DEFAULT_RETRY_OPTIONS, ...stripUndefined(partial ?? {}) };
  for (const [key, value] of Object.entries(merged)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`retry option ${key} must be a finite number >= 0`);
    }
  }
  return merged;
}

/**
 * Full jitter ("Exponential Backoff And Jitter", AWS architecture blog): a uniform wait in
 * [0, min(cap, base * 2^retryIndex)). `retryIndex` is 0 for the first retry.
 */
export function backoffDelay(retryIndex: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retryIndex));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  return Math.floor(unit * ceiling);
}

/**
 * How long a 429 asks to wait: its Retry-After, or `defaultRetryAfterMs` when it gives none.
 * The pipeline (its log line and its sleep) and the rate gate (its pause) both use this.
 */
export function rateLimitWaitMs(headers: { get(name: string): string | null }, now: number, options: Pick<RetryOptions, 'defaultRetryAfterMs'>): number {
  return retryAfterMs(headers, now) ?? options.defaultRetryAfterMs;
}

/**
 * Reads `X-RateLimit-Retry-After` (Help Scout) or `Retry-After` (seconds, or an HTTP-date) and
 * returns the wait in milliseconds, or undefined when neither is usable. Never negative.
 */
export function retryAfterMs(headers: { get(name: string): string | null }, now: number): number | undefined {
  for (const name of ['X-RateLimit-Retry-After', 'Retry-After']) {
    const parsed = parseRetryAfter(headers.get(name), now);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined;
  }
  // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT". Require a weekday/month word so that
  // junk like "-5" or "soon" is not read as a date.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
