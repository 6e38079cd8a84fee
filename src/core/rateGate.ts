/**
 * A client-side gate in front of the Help Scout API: at most `maxConcurrent` requests in flight,
 * and, once `X-RateLimit-Remaining-Minute` says the account's per-minute budget is used up,
 * further requests wait for the window to reset instead of running into 429s. A 429 pauses
 * everyone for its Retry-After, not just the request that got it. No pause is longer than
 * `maxPauseMs`, the longest wait the pipeline accepts: a request that was told to wait longer
 * has already failed fast, and the next one should find out whether the server has recovered.
 *
 * Budget bookkeeping is conservative: after a response reports `remaining`, the requests still
 * in flight are assumed to spend from it too.
 */
import { raceAbort, realSleep, cancelledError, type Clock, type Sleep } from './cancellation';
import { DEFAULT_RETRY_OPTIONS, rateLimitWaitMs, retryAfterMs } from './retryPolicy';

export interface RateGateOptions {
  /** Requests in flight at once. Default 4. */
  maxConcurrent: number;
  /** How long to hold when the budget is spent and the server gave no Retry-After. Default 60 s. */
  windowMs: number;
  /** No pause lasts longer. Default: the pipeline's default maxRetryAfterMs (60 s). */
  maxPauseMs: number;
  /** The pause after a 429 that gave no Retry-After. Default: the pipeline's (1 s). */
  defaultRetryAfterMs: number;
  clock: Clock;
  sleep: Sleep;
}

export interface RateLimitSnapshot {
  /** From X-RateLimit-Limit-Minute, when seen. */
  limitPerMinute?: number;
  /** From X-RateLimit-Remaining-Minute on the latest response, when seen. */
  remainingPerMinute?: number;
  /** Epoch ms until which new requests are held; undefined when not holding. */
  pausedUntil?: number;
  inFlight: number;
  waiting: number;
}

export type Release = () => void;

export class RateGate {
  private readonly options: RateGateOptions;
  private inFlight = 0;
  private readonly slotWaiters: Array<() => void> = [];
  private waiting = 0;
  private pausedUntil = 0;
  /** Requests we may still start in the current window; undefined = unknown, don't limit. */
  private budget: number | undefined;
  private limitPerMinute: number | undefined;
  private remainingPerMinute: number | undefined;

  constructor(options: Partial<RateGateOptions> = {}) {
    const maxConcurrent = options.maxConcurrent ?? 4;
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new RangeError('maxConcurrent must be an integer >= 1');
    this.options = {
      maxConcurrent,
      windowMs: options.windowMs ?? 60_000,
      maxPauseMs: options.maxPauseMs ?? DEFAULT_RETRY_OPTIONS.maxRetryAfterMs,
      defaultRetryAfterMs: options.defaultRetryAfterMs ?? DEFAULT_RETRY_OPTIONS.defaultRetryAfterMs,
      clock: options.clock ?? Date.now,
      sleep: options.sleep ?? realSleep,
    };
  }

  /**
   * Waits for a slot (and for a pause to end), then returns the function that frees the slot.
   * Rejects with kind 'cancelled' as soon as `signal` aborts.
   */
  async acquire(signal?: AbortSignal, request?: string): Promise<Release> {
    this.waiting++;
    try {
      for (;;) {
        if (signal?.aborted) throw cancelledError(request);
        const now = this.options.clock();
        if (this.pausedUntil > now) {
          await raceAbort(this.options.sleep(this.pausedUntil - now, signal), signal, () => cancelledError(request));
          continue;
        }
        const release = this.takeSlot(now);
        if (release) return release;
        if (this.budget !== undefined && this.budget <= 0) {
          this.pause(this.options.windowMs);
          continue;
        }
        await this.waitForSlot(signal, request);
      }
    } catch (error) {
      // A waiter that was woken for a free slot and then cancelled passes the wake-up on.
      if (this.inFlight < this.options.maxConcurrent) this.slotWaiters.shift()?.();
      throw error;
    } finally {
      this.waiting--;
    }
  }

  /**
   * acquire()'s fast path, synchronously: the Release when a slot is free right now (not paused,
   * budget left, fewer than maxConcurrent in flight), else undefined and nothing changed but a
   * reset of a pause that has ended (as acquire would). Then call acquire() to wait. Checking
   * the caller's signal is the caller's business.
   */
  tryAcquire(): Release | undefined {
    const now = this.options.clock();
    return this.pausedUntil > now ? undefined : this.takeSlot(now);
  }

  /** Feed every response's headers in (before releasing its slot). */
  observe(headers: { get(name: string): string | null }, status: number): void {
    const limit = intHeader(headers.get('X-RateLimit-Limit-Minute'));
    if (limit !== undefined) this.limitPerMinute = limit;
    const remaining = intHeader(headers.get('X-RateLimit-Remaining-Minute'));
    // Retry-After only matters when pausing: read it then (most responses don't pause).
    if (status === 429) {
      this.pause(rateLimitWaitMs(headers, this.options.clock(), this.options));
      this.budget = 0;
      this.remainingPerMinute = 0;
      return;
    }
    if (remaining === undefined) return;
    this.remainingPerMinute = remaining;
    const othersInFlight = Math.max(0, this.inFlight - 1);
    this.budget = Math.max(0, remaining - othersInFlight);
    if (remaining <= 0) this.pause(retryAfterMs(headers, this.options.clock()) ?? this.options.windowMs);
  }

  /** Hold new requests for `ms`, at most maxPauseMs (extends, never shortens, a current pause). */
  pause(ms: number): void {
    const until = this.options.clock() + Math.min(Math.max(0, ms), this.options.maxPauseMs);
    if (until > this.pausedUntil) this.pausedUntil = until;
  }

  snapshot(): RateLimitSnapshot {
    const now = this.options.clock();
    return {
      limitPerMinute: this.limitPerMinute,
      remainingPerMinute: this.remainingPerMinute,
      pausedUntil: this.pausedUntil > now ? this.pausedUntil : undefined,
      inFlight: this.inFlight,
      waiting: this.waiting,
    };
  }

  /**
   * Takes a slot when one may be taken at `now` (the caller has checked that no pause is in
   * force); undefined when the budget is spent or maxConcurrent are in flight.
   */
  private takeSlot(now: number): Release | undefined {
    if (this.pausedUntil !== 0 && this.pausedUntil <= now) {
      // The window has reset: what we knew about the budget is stale.
      this.pausedUntil = 0;
      this.budget = undefined;
    }
    if (this.budget !== undefined && this.budget <= 0) return undefined;
    if (this.inFlight >= this.options.maxConcurrent) return undefined;
    this.inFlight++;
    if (this.budget !== undefined) this.budget--;
    return this.releaser();
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.slotWaiters.shift()?.();
    };
  }

  private waitForSlot(signal: AbortSignal | undefined, request: string | undefined): Promise<void> {
    let wake!: () => void;
    const slot = new Promise<void>((resolve) => {
      wake = resolve;
    });
    this.slotWaiters.push(wake);
    return raceAbort(slot, signal, () => {
      const index = this.slotWaiters.indexOf(wake);
      if (index >= 0) this.slotWaiters.splice(index, 1);
      return cancelledError(request);
    });
  }
}

function intHeader(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}
