/**
 * Access tokens: where they are kept (TokenStore, backed by VS Code SecretStorage), how the user
 * signs in (Credentials), and TokenManager, which hands out a usable token, renews it a little
 * before it expires, and renews it at most once at a time however many callers need one.
 */
import { HelpScoutError } from './errors';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import { cancelledError, raceAbort, type Clock } from './cancellation';
import type { AuthProvider } from './requestPipeline';
import type { TokenGrant } from './tokenEndpoint';

export interface StoredToken {
  accessToken: string;
  /** Epoch milliseconds; undefined when unknown (a pasted token). */
  expiresAt?: number;
  /** Epoch milliseconds when it was issued, for tokens this extension obtained: with expiresAt, its lifetime. */
  issuedAt?: number;
  source: 'clientCredentials' | 'pasted';
}

/** Where the current token lives. The extension implements it with SecretStorage. */
export interface TokenStore {
  get(): Promise<StoredToken | undefined>;
  set(token: StoredToken): Promise<void>;
  clear(): Promise<void>;
}

export type Credentials = { kind: 'clientCredentials'; appId: string; appSecret: string } | { kind: 'pastedToken' };

export type ClientCredentials = Extract<Credentials, { kind: 'clientCredentials' }>;

/** A TokenStore in memory: for tests, the sandbox, and the browser. */
export class MemoryTokenStore implements TokenStore {
  constructor(private token?: StoredToken) {}
  async get(): Promise<StoredToken | undefined> {
    return this.token ? { ...this.token } : undefined;
  }
  async set(token: StoredToken): Promise<void> {
    this.token = { ...token };
  }
  async clear(): Promise<void> {
    this.token = undefined;
  }
}

export interface TokenManagerOptions {
  store: TokenStore;
  /** Read when a token must be fetched; undefined means "not signed in". */
  getCredentials: () => Promise<Credentials | undefined>;
  /** Fetches a token for App ID/Secret (requestClientCredentialsToken, wired by the client). */
  requestToken: (credentials: ClientCredentials) => Promise<TokenGrant>;
  clock?: Clock;
  /** Renew this long before expiry, at most half the token's lifetime. Default 60 s. */
  renewalMarginMs?: number;
  logger?: Logger;
}

export const NOT_SIGNED_IN_MESSAGE = 'Not signed in to Help Scout. Sign in with an App ID and App Secret, or paste a token.';

function authError(message: string): HelpScoutError {
  return new HelpScoutError({ kind: 'auth', message });
}

function isStoredToken(value: unknown): value is StoredToken {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' &&
    v.accessToken !== '' &&
    (v.source === 'clientCredentials' || v.source === 'pasted') &&
    (v.expiresAt === undefined || (typeof v.expiresAt === 'number' && Number.isFinite(v.expiresAt))) &&
    (v.issuedAt === undefined || (typeof v.issuedAt === 'number' && Number.isFinite(v.issuedAt)))
  );
}

export class TokenManager implements AuthProvider {
  private readonly clock: Clock;
  private readonly marginMs: number;
  private readonly logger: Logger;
  private current: StoredToken | undefined;
  private loaded = false;
  private inflight: Promise<StoredToken> | undefined;
  /** Store operations run one after another, in call order. */
  private storeChain: Promise<unknown> = Promise.resolve();
  /** Bumped by setToken/clear, so a renewal that was overtaken by a sign-out is discarded. */
  private generation = 0;
  private renewals = 0;

  constructor(private readonly options: TokenManagerOptions) {
    this.clock = options.clock ?? Date.now;
    this.marginMs = options.renewalMarginMs ?? 60_000;
    this.logger = options.logger ?? silentLogger;
  }

  /** How many token requests this manager has started (for tests and diagnostics). */
  get renewalCount(): number {
    return this.renewals;
  }

  /**
   * A token that is not within the renewal margin of its expiry. Concurrent callers share one
   * renewal; if it fails they all get its error, and the next call tries again.
   */
  async getToken(signal?: AbortSignal): Promise<StoredToken> {
    if (signal?.aborted) throw cancelledError();
    const cached = this.usableToken();
    if (cached) return cached;
    if (!this.inflight) {
      const flight = this.acquire().finally(() => {
        if (this.inflight === flight) this.inflight = undefined;
      });
      this.inflight = flight;
    }
    return raceAbort(this.inflight, signal, () => cancelledError());
  }

  /** The token getToken would return at once (loaded, not within the margin), else undefined. */
  usableToken(): StoredToken | undefined {
    const cached = this.current;
    return this.loaded && cached && this.isUsable(cached) ? cached : undefined;
  }

  /**
   * After a 401: forget `accessToken` if it is still the current token. A token that has
   * already been replaced is left alone, so N concurrent 401s cause one renewal, not N.
   * Pasted tokens cannot be renewed and are kept (the 401 is reported to the user instead).
   */
  async invalidate(accessToken: string): Promise<void> {
    const cur = this.current;
    if (!cur || cur.accessToken !== accessToken || cur.source === 'pasted') return;
    this.current = undefined;
    this.loaded = true;
    this.logger.debug('Help Scout token rejected; it will be renewed');
    await this.serial(() => this.options.store.clear()).catch((error: unknown) => this.storeFailed('clear', error));
  }

  /** Stores a token the caller obtained (sign-in). */
  async setToken(token: StoredToken): Promise<void> {
    this.generation++;
    this.current = { ...token };
    this.loaded = true;
    await this.serial(() => this.options.store.set({ ...token }));
  }

  /** Signs out: forgets and deletes the token. */
  async clear(): Promise<void> {
    this.generation++;
    this.current = undefined;
    this.loaded = true;
    await this.serial(() => this.options.store.clear());
  }

  /** Forget the in-memory copy so the next call reads the store again (another window signed in). */
  reload(): void {
    if (this.inflight) return;
    this.current = undefined;
    this.loaded = false;
  }

  private isUsable(token: StoredToken): boolean {
    if (token.expiresAt === undefined) return true;
    return token.expiresAt - this.renewalMargin(token) > this.clock();
  }

  /**
   * The configured margin, but never more than half the token's lifetime: a token that lives
   * less than the margin would otherwise count as expired on arrival and be renewed before
   * every request.
   */
  private renewalMargin(token: StoredToken): number {
    if (token.source === 'pasted') return 0;
    if (token.expiresAt === undefined || token.issuedAt === undefined) return this.marginMs;
    return Math.min(this.marginMs, Math.max(0, (token.expiresAt - token.issuedAt) / 2));
  }

  private async acquire(): Promise<StoredToken> {
    if (!this.loaded) {
      let stored: unknown;
      try {
        stored = await this.serial(() => this.options.store.get());
      } catch (error) {
        this.storeFailed('read', error);
        stored = undefined;
      }
      if (!this.loaded) {
        this.current = isStoredToken(stored) ? { ...stored } : undefined;
        this.loaded = true;
      }
    }
    const cur = this.current;
    if (cur && this.isUsable(cur)) return cur;
    if (cur?.source === 'pasted') {
      throw authError('The pasted Help Scout token has expired. Sign in again with a new token.');
    }

    const generation = this.generation;
    const credentials = await this.options.getCredentials();
    if (!credentials) throw authError(NOT_SIGNED_IN_MESSAGE);
    if (credentials.kind !== 'clientCredentials') {
      throw authError('No Help Scout token is stored. Sign in again and paste a new token.');
    }
    this.renewals++;
    this.logger.debug('Requesting a Help Scout access token');
    const grant = await this.options.requestToken(credentials);
    if (generation !== this.generation) {
      // Signed out or signed in differently while the request was out: don't resurrect a token.
      const now = this.current;
      if (now && this.isUsable(now)) return now;
      throw authError(NOT_SIGNED_IN_MESSAGE);
    }
    const token = grantToToken(grant, this.clock());
    this.current = token;
    this.loaded = true;
    await this.serial(() => this.options.store.set({ ...token })).catch((error: unknown) => this.storeFailed('save', error));
    return token;
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.storeChain.then(operation, operation);
    this.storeChain = next.catch(() => undefined);
    return next;
  }

  private storeFailed(what: string, error: unknown): void {
    const reason = error instanceof Error ? error.name : 'unknown error';
    this.logger.warn(`Could not ${what} the stored Help Scout token (${reason}); continuing without it`);
  }
}

/** The token a grant received at `now` stands for. */
export function grantToToken(grant: TokenGrant, now: number): StoredToken {
  const token: StoredToken = { accessToken: grant.accessToken, source: 'clientCredentials' };
  if (grant.expiresInSeconds !== undefined) {
    token.expiresAt = now + grant.expiresInSeconds * 1000;
    token.issuedAt = now;
  }
  return token;
}
