/**
 * The one place a request to Help Scout is sent from:
 *   URL + headers → rate gate → Authorization → per-attempt timeout → fetch →
 *   429: wait Retry-After (capped), retry · 5xx/network/timeout: backoff with full jitter, retry ·
 *   401: invalidate the token, renew once (single-flight), replay · anything else: HelpScoutError.
 * A retry resends exactly the same method, URL, headers and body; only a renewed token differs.
 * Every attempt is logged as "GET /v2/… → 200 in 12 ms (attempt 2)"; headers and bodies never are.
 */
import type { FetchLike, HttpRequestInit, HttpResponse } from './http';
import type { Logger } from './logger';
import { HelpScoutError } from './errors';
import { clipText } from './clipText';
import { badResponseError, errorForStatus, redact, sanitizeSnippet } from './apiError';
import { cancelledError, raceAbort, sleepOrCancel, type Clock, type Sleep } from './cancellation';
import { backoffDelay, rateLimitWaitMs, retryAfterMs, type RetryOptions } from './retryPolicy';
import type { RateGate, Release } from './rateGate';
import { readBoundedText } from './boundedBody';

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

/** The token a request is sent with. */
export interface AuthToken {
  accessToken: string;
  source: 'clientCredentials' | 'pasted';
}

/** Where the pipeline gets tokens; TokenManager implements it. */
export interface AuthProvider {
  getToken(signal?: AbortSignal): Promise<AuthToken>;
  /**
   * Optional fast path: the token getToken would hand out right now without waiting (no read
   * of the store, no renewal), or undefined when getToken has work to do.
   */
  usableToken?(): AuthToken | undefined;
  /** Called after a 401 with the token that was rejected. */
  invalidate(accessToken: string): Promise<void>;
}

export interface PipelineOptions {
  baseUrl: string;
  fetch: FetchLike;
  logger: Logger;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  retry: RetryOptions;
  gate: RateGate;
  /** Bodies longer than this (bytes while streaming, characters otherwise) are not handled: 'badResponse'. */
  maxBodyChars: number;
  auth?: AuthProvider;
}

export interface PipelineRequest {
  method: 'GET' | 'POST';
  /** "/v2/users/me"; joined to the base URL. */
  path: string;
  query?: QueryParams;
  body?: string;
  /** Extra headers (e.g. Content-Type). Accept and Authorization are set by the pipeline. */
  headers?: Readonly<Record<string, string>>;
  /**
   * 'provider' (default): a token from the AuthProvider, renewed once on 401.
   * 'none': no Authorization header (the token endpoint).
   * { bearer }: exactly this token, no renewal (verifying a token before storing it).
   */
  auth?: 'provider' | 'none' | { bearer: string };
  /** Safe to resend after a network failure, timeout or 5xx. Default: true for GET only. */
  idempotent?: boolean;
  /** Skip the rate gate (token requests: they must never wait behind requests awaiting a token). */
  bypassGate?: boolean;
  signal?: AbortSignal;
  /** Strings to redact from any error message (e.g. the app secret in a token request body). */
  secrets?: readonly string[];
  /** Lets a caller re-map a final non-2xx response (the token endpoint's invalid_client). */
  mapError?: (error: HelpScoutError, status: number, body: string) => HelpScoutError;
}

export interface PipelineResponse {
  status: number;
  headers: HttpResponse['headers'];
  body: string;
  /** Attempts made, including the successful one. */
  attempts: number;
  /** "GET /v2/users/me", for messages. */
  request: string;
}

type AttemptOutcome =
  | { kind: 'response'; status: number; headers: HttpResponse['headers']; body: string }
  | { kind: 'timeout' }
  | { kind: 'network'; detail: string };

/**
 * Whether encodeURIComponent leaves every character of `text` alone, ':' counted as such (it is
 * put back after encoding): A–Z a–z 0–9 - _ . ! ~ * ' ( ) and ':'. True for wire dates, ids and
 * the usual enum values, so they skip encodeURIComponent and the ':' replacement.
 */
function isQuerySafe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const alnum = (c >= 48 && c <= 58) /* 0-9 and ':' */ || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    // - . _ ~ ! * ' ( )
    if (!alnum && c !== 45 && c !== 46 && c !== 95 && c !== 126 && c !== 33 && c !== 42 && c !== 39 && c !== 40 && c !== 41) return false;
  }
  return true;
}

/** A query value, percent-encoded except for ':' (wire dates stay readable). */
function encodeValue(value: string | number | boolean): string {
  const text = String(value);
  if (isQuerySafe(text)) return text;
  const encoded = encodeURIComponent(text);
  // encodeURIComponent writes upper-case hex only, so '%3A' is the one spelling of an encoded ':'.
  return encoded.includes('%3A') ? encoded.replace(/%3A/g, ':') : encoded;
}

/** Encodes query parameters: undefined and empty arrays are left out, arrays are comma-joined. */
export function encodeQuery(query: QueryParams | undefined): string {
  if (!query) return '';
  let out = '';
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    let encoded: string;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      encoded = value.map(encodeValue).join(',');
    } else {
      encoded = encodeValue(value as string | number | boolean);
    }
    out += `${out === '' ? '' : '&'}${encodeURIComponent(key)}=${encoded}`;
  }
  return out;
}

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** Trimmed base URL + path + an encoded query string. */
function joinUrl(base: string, path: string, qs: string): string {
  const rel = path.startsWith('/') ? path : `/${path}`;
  return `${base}${rel}${qs ? `?${qs}` : ''}`;
}

/** Base URL (with or without trailing slashes) + path + query. */
export function buildUrl(baseUrl: string, path: string, query?: QueryParams): string {
  return joinUrl(trimBase(baseUrl), path, encodeQuery(query));
}

function isRetryableStatus(status: number): boolean {
  return status >= 500 && status !== 501 && status !== 505;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Accept, the request's own headers, then Authorization: a new object for every attempt. */
function requestHeaders(base: Record<string, string> | undefined, token: AuthToken | undefined): Record<string, string> {
  if (base) return token ? { ...base, Authorization: `Bearer ${token.accessToken}` } : { ...base };
  return token ? { Accept: 'application/json', Authorization: `Bearer ${token.accessToken}` } : { Accept: 'application/json' };
}

/** Every token the request was sent with, and the caller's own secrets: what its errors must not contain. */
function secretsOf(usedTokens: ReadonlySet<string>, request: PipelineRequest): string[] {
  return [...usedTokens, ...(request.secrets ?? [])];
}

export class RequestPipeline {
  /** The base URL without trailing slashes, computed once. */
  private readonly base: string;

  constructor(private readonly options: PipelineOptions) {
    this.base = trimBase(options.baseUrl);
  }

  /** Set after construction: the TokenManager itself sends through this pipeline. */
  set auth(provider: AuthProvider | undefined) {
    this.options.auth = provider;
  }

  get gate(): RateGate {
    return this.options.gate;
  }

  async send(request: PipelineRequest): Promise<PipelineResponse> {
    const o = this.options;
    const signal = request.signal;
    const qs = encodeQuery(request.query);
    const url = joinUrl(this.base, request.path, qs);
    const requestName = `${request.method} ${request.path}`;
    const label = qs ? `${requestName}?${qs}` : requestName;
    const idempotent = request.idempotent ?? request.method === 'GET';
    const authMode = request.auth ?? 'provider';
    // Object spread is slow next to a literal; most requests have no extra headers.
    const baseHeaders: Record<string, string> | undefined = request.headers ? { Accept: 'application/json', ...request.headers } : undefined;

    let attempt = 0;
    let transientRetries = 0;
    let rateLimitRetries = 0;
    let renewed = false;
    /** Every token this request was sent with: all are redacted from what it reports. */
    const usedTokens = new Set<string>();

    for (;;) {
      if (signal?.aborted) throw cancelledError(requestName);
      attempt++;

      let token: AuthToken | undefined;
      if (authMode === 'provider') {
        if (!o.auth) throw new HelpScoutError({ kind: 'auth', message: 'Not signed in to Help Scout.', request: requestName });
        // A usable token in hand needs no promise; otherwise wait (store read, shared renewal).
        token = o.auth.usableToken?.() ?? (await raceAbort(o.auth.getToken(signal), signal, () => cancelledError(requestName)));
      } else if (authMode !== 'none') {
        token = { accessToken: authMode.bearer, source: 'pasted' };
      }
      if (token) usedTokens.add(token.accessToken);
      const headers = requestHeaders(baseHeaders, token);
      // Never follow a redirect: it would re-send the token or the App Secret to wherever it points.
      const init: HttpRequestInit = { method: request.method, headers, redirect: 'manual' };
      if (request.body !== undefined) init.body = request.body;

      let release: Release | undefined;
      if (!request.bypassGate) {
        // A free slot is taken synchronously; waiting (and a cancelled signal) goes through acquire.
        release = (signal?.aborted ? undefined : o.gate.tryAcquire()) ?? (await o.gate.acquire(signal, requestName));
      }
      const started = o.clock();
      let outcome: AttemptOutcome;
      try {
        outcome = await this.attempt(url, init, signal, requestName, !request.bypassGate);
      } finally {
        release?.();
      }
      const elapsed = Math.max(0, Math.round(o.clock() - started));
      const attemptNote = attempt > 1 ? ` (attempt ${attempt})` : '';

      if (outcome.kind !== 'response') {
        const secrets = secretsOf(usedTokens, request);
        const what = outcome.kind === 'timeout' ? `timed out after ${seconds(o.timeoutMs)}` : `network error: ${redact(outcome.detail, secrets)}`;
        if (idempotent && transientRetries < o.retry.maxTransientRetries) {
          const delay = backoffDelay(transientRetries, o.retry, o.random);
          transientRetries++;
          o.logger.warn(`${label} → ${what} in ${elapsed} ms${attemptNote}; retrying in ${delay} ms`);
          await sleepOrCancel(o.sleep, delay, signal, requestName);
          continue;
        }
        o.logger.warn(`${label} → ${what} in ${elapsed} ms${attemptNote}`);
        throw outcome.kind === 'timeout'
          ? new HelpScoutError({
              kind: 'timeout',
              message: `Help Scout did not answer within ${seconds(o.timeoutMs)} (${requestName}). Try again later.`,
              request: requestName,
            })
          : new HelpScoutError({
              kind: 'network',
              message: `Could not reach ${hostOf(url)} (${redact(outcome.detail, secrets)}). Check the network or proxy settings.`,
              request: requestName,
            });
      }

      const { status, body } = outcome;
      if (status >= 200 && status < 300) {
        o.logger.info(`${label} → ${status} in ${elapsed} ms${attemptNote}`);
        return { status, headers: outcome.headers, body, attempts: attempt, request: requestName };
      }

      if (status === 401 && token && authMode === 'provider' && o.auth) {
        if (token.source === 'pasted') {
          o.logger.warn(`${label} → 401 in ${elapsed} ms${attemptNote}; the pasted token was rejected`);
          throw new HelpScoutError({
            kind: 'auth',
            status,
            message: 'Help Scout rejected the pasted token (401): it may have expired or been revoked. Sign in again.',
            request: requestName,
          });
        }
        if (!renewed) {
          renewed = true;
          o.logger.info(`${label} → 401 in ${elapsed} ms${attemptNote}; renewing the token and replaying`);
          await o.auth.invalidate(token.accessToken);
          continue;
        }
      }

      if (status === 429) {
        const wait = rateLimitWaitMs(outcome.headers, o.clock(), o.retry);
        const retryAfterSeconds = Math.ceil(wait / 1000);
        if (wait <= o.retry.maxRetryAfterMs && rateLimitRetries < o.retry.maxRateLimitRetries) {
          rateLimitRetries++;
          o.logger.warn(`${label} → 429 in ${elapsed} ms${attemptNote}; waiting ${wait} ms (rate limit)`);
          await sleepOrCancel(o.sleep, wait, signal, requestName);
          continue;
        }
        o.logger.warn(`${label} → 429 in ${elapsed} ms${attemptNote}; giving up (retry after ${retryAfterSeconds} s)`);
        throw this.finalError(request, status, body, requestName, secretsOf(usedTokens, request), retryAfterSeconds);
      }

      if (isRetryableStatus(status) && idempotent && transientRetries < o.retry.maxTransientRetries) {
        const hinted = retryAfterMs(outcome.headers, o.clock());
        const delay = hinted !== undefined && hinted <= o.retry.maxDelayMs ? hinted : backoffDelay(transientRetries, o.retry, o.random);
        transientRetries++;
        o.logger.warn(`${label} → ${status} in ${elapsed} ms${attemptNote}; retrying in ${delay} ms`);
        await sleepOrCancel(o.sleep, delay, signal, requestName);
        continue;
      }

      o.logger.warn(`${label} → ${status} in ${elapsed} ms${attemptNote}`);
      throw this.finalError(request, status, body, requestName, secretsOf(usedTokens, request));
    }
  }

  private finalError(
    request: PipelineRequest,
    status: number,
    body: string,
    requestName: string,
    secrets: readonly (string | undefined)[],
    retryAfterSeconds?: number,
  ): HelpScoutError {
    const error = errorForStatus({ status, body, request: requestName, secrets, retryAfterSeconds });
    return request.mapError ? request.mapError(error, status, body) : error;
  }

  /** One fetch with its own timeout; the caller's signal aborts it too. */
  private async attempt(
    url: string,
    init: HttpRequestInit,
    signal: AbortSignal | undefined,
    requestName: string,
    observe: boolean,
  ): Promise<AttemptOutcome> {
    const o = this.options;
    const guard = new AttemptGuard(signal, o.timeoutMs, requestName);
    init.signal = guard.controller.signal;
    try {
      const response = await guard.race(o.fetch(url, init));
      if (observe) o.gate.observe(response.headers, response.status);
      if ((response.status >= 300 && response.status < 400) || response.status === 0) {
        void response.body?.getReader().cancel().catch(() => undefined);
        throw redirectError(response, requestName);
      }
      const ok = response.status >= 200 && response.status < 300;
      const declared = Number(response.headers.get('Content-Length') ?? NaN);
      if (Number.isFinite(declared) && declared > o.maxBodyChars) {
        void response.body?.getReader().cancel().catch(() => undefined);
        if (ok) throw badResponseError(`the body is too large to handle (${declared} bytes)`, requestName, response.status);
        return { kind: 'response', status: response.status, headers: response.headers, body: '' };
      }
      const read = response.body
        ? await guard.race(readBoundedText(response.body, o.maxBodyChars))
        : await guard.race(response.text()).then((text) => ({ text, complete: text.length <= o.maxBodyChars }));
      if (!read.complete) {
        if (ok) throw badResponseError(`the body is too large to handle (over ${o.maxBodyChars} bytes)`, requestName, response.status);
        return { kind: 'response', status: response.status, headers: response.headers, body: read.text.slice(0, 4_000) };
      }
      return { kind: 'response', status: response.status, headers: response.headers, body: read.text };
    } catch (error) {
      if (signal?.aborted) throw cancelledError(requestName);
      if (error instanceof HelpScoutError) throw error;
      if (guard.timedOut || error instanceof AttemptTimeout) return { kind: 'timeout' };
      return { kind: 'network', detail: describeNetworkError(error) };
    } finally {
      guard.dispose();
    }
  }
}

/**
 * One attempt's abort wiring: its own AbortController (the fetch's signal), aborted by the
 * per-attempt timeout or by the caller's signal; and a race that stops waiting the moment that
 * happens, even for a fetch or body read that ignores its signal. The same as racing against
 * the controller's signal with raceAbort, without adding and removing an abort listener (and
 * two closures) for each of the two awaits of every attempt.
 */
class AttemptGuard {
  readonly controller = new AbortController();
  timedOut = false;
  /** Rejects the race in progress, if any. */
  private rejectPending: ((error: Error) => void) | undefined;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCallerAbort: (() => void) | undefined;

  constructor(
    private readonly signal: AbortSignal | undefined,
    timeoutMs: number,
    private readonly requestName: string,
  ) {
    if (signal) {
      this.onCallerAbort = () => this.abort();
      signal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.abort();
    }, timeoutMs);
  }

  /** Settles with `promise`, or rejects as soon as the attempt is aborted, whichever is first. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.controller.signal.aborted) {
      promise.catch(() => undefined); // the loser must not become an unhandled rejection
      return Promise.reject(this.stopReason());
    }
    return new Promise<T>((resolve, reject) => {
      this.rejectPending = reject;
      promise.then(
        (value) => {
          this.rejectPending = undefined;
          resolve(value);
        },
        (error: unknown) => {
          this.rejectPending = undefined;
          reject(error);
        },
      );
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    if (this.onCallerAbort) this.signal?.removeEventListener('abort', this.onCallerAbort);
  }

  private abort(): void {
    // The fetch's own abort listeners run first (inside abort()), then the pending race stops.
    this.controller.abort();
    const reject = this.rejectPending;
    this.rejectPending = undefined;
    reject?.(this.stopReason());
  }

  private stopReason(): Error {
    return this.signal?.aborted ? cancelledError(this.requestName) : new AttemptTimeout();
  }
}

class AttemptTimeout extends Error {}

/** A 3xx (or an opaque redirect): refused, naming where it pointed; nothing was sent there. */
function redirectError(response: HttpResponse, requestName: string): HelpScoutError {
  const target = sanitizeSnippet(response.headers.get('Location') ?? '') ?? 'an unnamed address';
  return new HelpScoutError({
    kind: 'badResponse',
    status: response.status,
    message:
      `Help Scout answered ${requestName} with a redirect (${response.status}) to ${target}. ` +
      'Redirects are not followed, so nothing was sent there; check the helpscout.apiBaseUrl setting.',
    request: requestName,
  });
}

function describeNetworkError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current; depth++) {
    if (current instanceof Error) {
      const code = (current as Error & { code?: unknown }).code;
      parts.push(typeof code === 'string' ? code : current.message);
      current = (current as Error & { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  const text = parts.filter((p) => p && p !== 'fetch failed').join(': ') || 'fetch failed';
  return clipText(text, 120);
}

/** "127.0.0.1:4010", "api.helpscout.net": where a request went, for a person to check. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || 'Help Scout';
  } catch {
    return 'Help Scout';
  }
}
