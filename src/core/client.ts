/**
 * HelpScoutClient: the typed calls the product makes (the time-series reports of
 * reportSeries.ts, and the lists a UI needs to show names instead of ids), over one
 * RequestPipeline and one TokenManager. Everything it touches from the outside world is injected.
 */
import type { FetchLike } from './http';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import type { CustomersHelpedParams, SeriesParams, SeriesReport } from './report';
import { REPORT_SERIES, type SeriesId } from './reportSeries';
import { HelpScoutError } from './errors';
import { badResponseError } from './apiError';
import { realSleep, type Clock, type Sleep } from './cancellation';
import { RateGate, type RateGateOptions, type RateLimitSnapshot } from './rateGate';
import { resolveRetryOptions, type RetryOptions } from './retryPolicy';
import { RequestPipeline, type PipelineRequest, type QueryParams } from './requestPipeline';
import { TokenManager, grantToToken, type Credentials, type TokenStore } from './tokens';
import { requestClientCredentialsToken } from './tokenEndpoint';
import { parseJsonBody, parseSeriesReport, shapeChecked } from './responseShape';
import { hasMorePages, parseHalPage } from './hal';
import { parseFolder, parseMailbox, parseTag, parseUser, type Folder, type HelpScoutUser, type Mailbox, type Tag } from './resources';

export type { HelpScoutUser, Mailbox, Folder, Tag } from './resources';

export const DEFAULT_BASE_URL = 'https://api.helpscout.net';
/**
 * The largest body read (4 MiB). The largest real one is a page of 50 users or a two-year daily
 * report with its previous period, well under 1 MB; the cap is what a hostile body can cost.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HelpScoutClientOptions {
  /** Default https://api.helpscout.net. Plain http is accepted only for loopback (the sandbox). */
  baseUrl?: string;
  fetch: FetchLike;
  tokenStore: TokenStore;
  getCredentials: () => Promise<Credentials | undefined>;
  logger?: Logger;
  /** Epoch ms. Default Date.now. */
  clock?: Clock;
  /** Default: a setTimeout that is cleared on abort. */
  sleep?: Sleep;
  /** In [0, 1). Default Math.random (only used for backoff jitter). */
  random?: () => number;
  /** Per attempt. Default 30 000 ms. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Options for a gate of this client's own, or a gate shared between clients. */
  rateGate?: Partial<Pick<RateGateOptions, 'maxConcurrent' | 'windowMs'>> | RateGate;
  /** Renew a token this long before it expires. Default 60 000 ms. */
  renewalMarginMs?: number;
  /** Larger bodies are refused as 'badResponse'. Default MAX_BODY_BYTES. */
  maxBodyChars?: number;
  /** List calls fail ('badResponse') when there are more pages than this. Default 100. */
  maxPages?: number;
}

export interface UserFilter {
  email?: string;
  mailbox?: number;
}

/** Tokens travel to the base URL: https only, plain http only to this machine (the sandbox). */
export function isAllowedBaseUrl(baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
}

function assertBaseUrl(baseUrl: string): void {
  if (!isAllowedBaseUrl(baseUrl)) {
    throw new RangeError('The Help Scout base URL must be a valid https URL (plain http only for a local sandbox).');
  }
}

/** `value`, when it is a positive safe integer; a RangeError naming `what` otherwise. */
export function positiveInt(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${what} must be a positive integer`);
  return value;
}

export class HelpScoutClient {
  readonly tokens: TokenManager;
  private readonly pipeline: RequestPipeline;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly maxPages: number;

  constructor(options: HelpScoutClientOptions) {
    const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    assertBaseUrl(baseUrl);
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? Date.now;
    const sleep = options.sleep ?? realSleep;
    this.maxPages = options.maxPages ?? 100;
    const retry = resolveRetryOptions(options.retry);
    // The gate pauses no longer than the pipeline would wait, with the pipeline's default wait.
    const gate =
      options.rateGate instanceof RateGate
        ? options.rateGate
        : new RateGate({
            ...options.rateGate,
            clock: this.clock,
            sleep,
            maxPauseMs: retry.maxRetryAfterMs,
            defaultRetryAfterMs: retry.defaultRetryAfterMs,
          });
    this.pipeline = new RequestPipeline({
      baseUrl,
      fetch: options.fetch,
      logger: this.logger,
      clock: this.clock,
      sleep,
      random: options.random ?? Math.random,
      timeoutMs: options.timeoutMs ?? 30_000,
      retry,
      gate,
      maxBodyChars: options.maxBodyChars ?? MAX_BODY_BYTES,
    });
    this.tokens = new TokenManager({
      store: options.tokenStore,
      getCredentials: options.getCredentials,
      // Renewal is shared by all waiters, so no single caller's signal may cancel it; the
      // pipeline's per-attempt timeout and bounded retries keep it finite.
      requestToken: (credentials) => requestClientCredentialsToken(this.pipeline, credentials.appId, credentials.appSecret),
      clock: this.clock,
      renewalMarginMs: options.renewalMarginMs,
      logger: this.logger,
    });
    this.pipeline.auth = this.tokens;
  }

  /**
   * GET one time-series report (REPORT_SERIES), shape-checked. `user` is sent when the report is
   * about a user and refused when it is a company report, before anything goes on the wire.
   */
  async getSeries(series: SeriesId, params: SeriesParams, signal?: AbortSignal): Promise<SeriesReport> {
    const descriptor = REPORT_SERIES[series];
    if (descriptor.needsUser) positiveInt(params.user ?? NaN, 'user');
    else if (params.user !== undefined) throw new RangeError(`${descriptor.path} takes no user`);
    const query: QueryParams = {
      user: params.user,
      start: params.start,
      end: params.end,
      previousStart: params.previousStart,
      previousEnd: params.previousEnd,
      mailboxes: params.mailboxes,
      tags: params.tags,
      types: params.types,
      folders: params.folders,
      viewBy: params.viewBy,
    };
    return this.getReport(descriptor.path, query, (json, request) => parseSeriesReport(json, request, descriptor.pointKey), signal);
  }

  /** GET /v2/reports/user/customers-helped. */
  getCustomersHelped(params: CustomersHelpedParams, signal?: AbortSignal): Promise<SeriesReport> {
    return this.getSeries('customersHelped', params, signal);
  }

  /** The user the token belongs to. */
  me(signal?: AbortSignal): Promise<HelpScoutUser> {
    return this.getOne('/v2/users/me', parseUser, signal);
  }

  async listUsers(filter: UserFilter = {}, signal?: AbortSignal): Promise<HelpScoutUser[]> {
    const query: QueryParams = { email: filter.email, mailbox: filter.mailbox === undefined ? undefined : positiveInt(filter.mailbox, 'mailbox') };
    return this.listAll('/v2/users', 'users', query, parseUser, signal);
  }

  listMailboxes(signal?: AbortSignal): Promise<Mailbox[]> {
    return this.listAll('/v2/mailboxes', 'mailboxes', {}, parseMailbox, signal);
  }

  async listFolders(mailboxId: number, signal?: AbortSignal): Promise<Folder[]> {
    return this.listAll(`/v2/mailboxes/${positiveInt(mailboxId, 'mailboxId')}/folders`, 'folders', {}, parseFolder, signal);
  }

  listTags(signal?: AbortSignal): Promise<Tag[]> {
    return this.listAll('/v2/tags', 'tags', {}, parseTag, signal);
  }

  /**
   * Verifies App ID + App Secret: fetches a token, then asks who it belongs to; only then is the
   * token stored. The caller persists the credentials themselves (getCredentials reads them).
   */
  async signInWithClientCredentials(appId: string, appSecret: string, signal?: AbortSignal): Promise<HelpScoutUser> {
    if (appId.trim() === '' || appSecret.trim() === '') {
      throw new HelpScoutError({ kind: 'auth', message: 'Enter both the App ID and the App Secret.' });
    }
    const grant = await requestClientCredentialsToken(this.pipeline, appId.trim(), appSecret.trim(), signal);
    const token = grantToToken(grant, this.clock());
    const user = await this.getOne('/v2/users/me', parseUser, signal, { bearer: grant.accessToken });
    await this.tokens.setToken(token);
    return user;
  }

  /** Verifies a pasted token with /v2/users/me, then stores it. */
  async signInWithToken(accessToken: string, signal?: AbortSignal): Promise<HelpScoutUser> {
    const token = accessToken.trim().replace(/^bearer\s+/i, '');
    if (token === '') throw new HelpScoutError({ kind: 'auth', message: 'Paste a Help Scout access token.' });
    const user = await this.getOne('/v2/users/me', parseUser, signal, { bearer: token });
    await this.tokens.setToken({ accessToken: token, source: 'pasted' });
    return user;
  }

  /** Forgets and deletes the stored token. */
  signOut(): Promise<void> {
    return this.tokens.clear();
  }

  /** What the latest responses said about the account's rate limit. */
  rateLimit(): RateLimitSnapshot {
    return this.pipeline.gate.snapshot();
  }

  /**
   * Any report endpoint: GET with query, JSON, then `parse` (which throws the 'badResponse' error
   * for a body of the wrong shape). The drill-down (core/drilldown.ts getDrilldown) is read this
   * way from its own chunk.
   */
  async getReport<T>(
    path: string,
    query: QueryParams,
    parse: (json: unknown, request: string) => T,
    signal?: AbortSignal,
  ): Promise<T> {
    const response = await this.pipeline.send({ method: 'GET', path, query, signal });
    return parse(parseJsonBody(response.body, response.request, response.status), response.request);
  }

  private async getOne<T>(
    path: string,
    parseItem: (value: unknown, path: string) => T,
    signal?: AbortSignal,
    auth?: PipelineRequest['auth'],
  ): Promise<T> {
    const response = await this.pipeline.send({ method: 'GET', path, signal, auth });
    const json = parseJsonBody(response.body, response.request, response.status);
    return shapeChecked(() => parseItem(json, 'body'), response.request);
  }

  /**
   * Every page of a HAL list, asked for by `page` number (never by following `_links.next`, so
   * the token is only ever sent to the configured base URL). Items seen twice (the list moved
   * while paging) are kept once.
   */
  private async listAll<T extends { id: number }>(
    path: string,
    key: string,
    query: QueryParams,
    parseItem: (value: unknown, path: string) => T,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const byId = new Map<number, T>();
    for (let pageNumber = 1; ; pageNumber++) {
      const response = await this.pipeline.send({
        method: 'GET',
        path,
        query: { ...query, page: pageNumber > 1 ? pageNumber : undefined },
        signal,
      });
      const json = parseJsonBody(response.body, response.request, response.status);
      const page = shapeChecked(() => parseHalPage(json, key, parseItem), response.request);
      for (const item of page.items) if (!byId.has(item.id)) byId.set(item.id, item);
      if (!hasMorePages(page, pageNumber) || (page.items.length === 0 && pageNumber > 1)) break;
      if (pageNumber >= this.maxPages) {
        // An endless page count (broken or hostile) must not become an endless loop or a list
        // that is silently cut short.
        this.logger.warn(`GET ${path}: stopped after ${this.maxPages} pages (${byId.size} items)`);
        throw badResponseError(`it reports more than ${this.maxPages} pages of ${key}; stopped there`, response.request);
      }
    }
    return [...byId.values()];
  }
}
