/**
 * Access tokens the sandbox has issued: random, opaque, each with an expiry on the sandbox's
 * clock. Supports the "expire early" fault: the server forgets tokens before `expires_in` says.
 */
import { randomBytes } from 'node:crypto';

export type TokenCheck = 'valid' | 'expired' | 'unknown';

export class TokenStore {
  private readonly expiries = new Map<string, number>();
  /** While set, new tokens die this many ms after issue whatever `expires_in` says. */
  private earlyLifetimeMs: number | undefined;

  constructor(
    private readonly lifetimeSeconds: number,
    private readonly clock: () => number,
  ) {}

  issue(): { accessToken: string; expiresIn: number } {
    const now = this.clock();
    this.sweep(now);
    const accessToken = randomBytes(24).toString('base64url');
    const lifetimeMs = Math.min(this.lifetimeSeconds * 1000, this.earlyLifetimeMs ?? Infinity);
    this.expiries.set(accessToken, now + lifetimeMs);
    return { accessToken, expiresIn: this.lifetimeSeconds };
  }

  check(token: string): TokenCheck {
    const expiry = this.expiries.get(token);
    if (expiry === undefined) return 'unknown';
    return this.clock() < expiry ? 'valid' : 'expired';
  }

  /**
   * Tokens issued so far die `afterSeconds` from now (0: at once). With afterSeconds > 0, tokens
   * issued from now on also live only that long, until `restoreLifetime()`.
   */
  expireEarly(afterSeconds: number): void {
    const deadline = this.clock() + afterSeconds * 1000;
    for (const [token, expiry] of this.expiries) this.expiries.set(token, Math.min(expiry, deadline));
    this.earlyLifetimeMs = afterSeconds > 0 ? afterSeconds * 1000 : undefined;
  }

  restoreLifetime(): void {
    this.earlyLifetimeMs = undefined;
  }

  get size(): number {
    return this.expiries.size;
  }

  private sweep(now: number): void {
    // Keep expired tokens for a day so a late request still gets "expired", not "unknown".
    for (const [token, expiry] of this.expiries) if (expiry + 86_400_000 < now) this.expiries.delete(token);
  }
}
