/**
 * The account's request budget: a fixed window (one minute by default) shared by every token,
 * as Help Scout counts per account. Windows are aligned to the clock (minute boundaries).
 */

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets, at least 1. */
  retryAfterSeconds: number;
}

export class FixedWindowRateLimiter {
  private windowStart = -Infinity;
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number,
  ) {}

  take(): RateDecision {
    const now = this.clock();
    const windowStart = Math.floor(now / this.windowMs) * this.windowMs;
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart;
      this.used = 0;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + this.windowMs - now) / 1000));
    if (this.used >= this.limit) return { allowed: false, limit: this.limit, remaining: 0, retryAfterSeconds };
    this.used++;
    return { allowed: true, limit: this.limit, remaining: this.limit - this.used, retryAfterSeconds };
  }

  headers(decision: RateDecision): Record<string, string> {
    return {
      'X-RateLimit-Limit-Minute': String(decision.limit),
      'X-RateLimit-Remaining-Minute': String(decision.remaining),
    };
  }
}
