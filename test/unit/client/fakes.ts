/**
 * Test doubles for the client tests: a scripted Help Scout (records every request exactly as
 * sent), virtual time (clock + sleep that records waits), and a logger that keeps every line.
 */
import type { FetchLike, HttpRequestInit, HttpResponse } from '../../../src/core/http';
import type { Logger } from '../../../src/core/logger';
import { HelpScoutClient, type HelpScoutClientOptions } from '../../../src/core/client';
import { HelpScoutError } from '../../../src/core/errors';
import { MemoryTokenStore, type Credentials, type StoredToken } from '../../../src/core/tokens';

export const APP_ID = 'app-id-123';
/** Marker strings: must never appear in any error message or log line. */
export const APP_SECRET = 'SECRET-app-9f8e7d6c5b';
export const TOKEN_PREFIX = 'SECRETTOKEN-';
export const BASE = 'https://api.example.test';

export interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { network: string }
  /** Never answers; `honourSignal` makes it reject when aborted, like real fetch. */
  | { hang: true; honourSignal?: boolean };

export type Handler = (req: Recorded, index: number) => Reply | Promise<Reply>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } };
}

function makeResponse(status: number, body: string, headers: Record<string, string>): HttpResponse {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, headers: { get: (name) => lower.get(name.toLowerCase()) ?? null }, text: async () => body };
}

/**
 * A fake Help Scout: token requests get `SECRETTOKEN-<n>` (expires_in 7200) unless `onToken`
 * says otherwise; API requests are answered from `script` in order, then by `fallback`.
 */
export class FakeHelpScout {
  readonly calls: Recorded[] = [];
  script: Reply[] = [];
  fallback: Handler = () => json(200, { current: [] });
  onToken: Handler = (_req, n) => json(200, { token_type: 'bearer', access_token: `${TOKEN_PREFIX}${n + 1}`, expires_in: 7200 });
  /** API requests (not token requests) being answered right now, and the most at once. */
  inFlight = 0;
  maxInFlight = 0;

  get tokenCalls(): Recorded[] {
    return this.calls.filter((c) => c.url.endsWith('/v2/oauth2/token'));
  }
  get apiCalls(): Recorded[] {
    return this.calls.filter((c) => !c.url.endsWith('/v2/oauth2/token'));
  }

  readonly fetch: FetchLike = async (url: string, init: HttpRequestInit) => {
    const req: Recorded = { url, method: init.method, headers: { ...init.headers }, body: init.body, signal: init.signal };
    this.calls.push(req);
    const isToken = url.endsWith('/v2/oauth2/token');
    const index = (isToken ? this.tokenCalls : this.apiCalls).length - 1;
    if (!isToken) this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const reply = isToken ? await this.onToken(req, index) : await (this.script.shift() ?? this.fallback(req, index));
      if ('network' in reply) {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error(reply.network), { code: reply.network }) });
      }
      if ('hang' in reply) {
        return await new Promise<HttpResponse>((_resolve, reject) => {
          if (reply.honourSignal) {
            init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }
        });
      }
      const body = typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
      return makeResponse(reply.status, body, reply.headers ?? {});
    } finally {
      if (!isToken) this.inFlight--;
    }
  };
}

/** Virtual time. `sleep` records the wait and moves the clock to its end on the next turn. */
export class VirtualTime {
  now = Date.UTC(2024, 4, 1, 12, 0, 0);
  readonly sleeps: number[] = [];
  readonly clock = (): number => this.now;
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    const wake = this.now + ms;
    await new Promise((resolve) => setImmediate(resolve));
    this.now = Math.max(this.now, wake);
  };
}

export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; message: string }> = [];
  trace = (m: string): void => void this.lines.push({ level: 'trace', message: m });
  debug = (m: string): void => void this.lines.push({ level: 'debug', message: m });
  info = (m: string): void => void this.lines.push({ level: 'info', message: m });
  warn = (m: string): void => void this.lines.push({ level: 'warn', message: m });
  error = (m: string): void => void this.lines.push({ level: 'error', message: m });
  get messages(): string[] {
    return this.lines.map((l) => l.message);
  }
}

export interface Harness {
  server: FakeHelpScout;
  time: VirtualTime;
  logger: RecordingLogger;
  store: MemoryTokenStore;
  client: HelpScoutClient;
}

export function harness(
  overrides: Partial<HelpScoutClientOptions> & { credentials?: Credentials | undefined; token?: StoredToken } = {},
): Harness {
  const server = new FakeHelpScout();
  const time = new VirtualTime();
  const logger = new RecordingLogger();
  const store = new MemoryTokenStore(overrides.token);
  const credentials: Credentials | undefined =
    'credentials' in overrides ? overrides.credentials : { kind: 'clientCredentials', appId: APP_ID, appSecret: APP_SECRET };
  const client = new HelpScoutClient({
    baseUrl: BASE,
    fetch: server.fetch,
    tokenStore: store,
    getCredentials: async () => credentials,
    logger,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    ...overrides,
  });
  return { server, time, logger, store, client };
}

/** The HelpScoutError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function rejectionOf(promise: Promise<unknown>): Promise<HelpScoutError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HelpScoutError) return error;
    throw new Error(`expected a HelpScoutError, got ${String(error)}`);
  }
  throw new Error('expected a rejection');
}

/** Every string in an error worth scanning: message, api message, field errors, logRef. */
export function errorTexts(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  return [error.message, String(error), JSON.stringify(error), JSON.stringify({ ...error })];
}

export function findSecrets(texts: readonly string[], extra: readonly string[] = []): string[] {
  const markers = [APP_SECRET, TOKEN_PREFIX, 'Bearer ', 'Authorization', ...extra];
  return texts.filter((t) => markers.some((m) => t.includes(m)));
}

export const REPORT_PARAMS = {
  user: 447723,
  start: '2019-05-02T12:00:00Z',
  end: '2019-06-02T12:00:00Z',
  previousStart: '2019-04-02T12:00:00Z',
  previousEnd: '2019-05-02T12:00:00Z',
  mailboxes: [123, 456],
  tags: [99787],
  types: ['email', 'chat'] as Array<'email' | 'chat'>,
  folders: [991],
  viewBy: 'day' as const,
};

export const REPORT_URL =
  `${BASE}/v2/reports/user/customers-helped?user=447723&start=2019-05-02T12:00:00Z&end=2019-06-02T12:00:00Z` +
  '&previousStart=2019-04-02T12:00:00Z&previousEnd=2019-05-02T12:00:00Z&mailboxes=123,456&tags=99787&types=email,chat&folders=991&viewBy=day';

export const GOOD_REPORT = {
  current: [
    { date: '2019-05-02T12:00:00Z', customers: 29 },
    { date: '2019-05-03T12:00:00Z', customers: 33 },
  ],
  previous: [
    { date: '2019-04-02T12:00:00Z', customers: 20 },
    { date: '2019-04-03T12:00:00Z', customers: 0 },
  ],
};

/** GOOD_REPORT as the client returns it: each point's figure under `value`. */
export const GOOD_REPORT_PARSED = {
  current: [
    { date: '2019-05-02T12:00:00Z', value: 29 },
    { date: '2019-05-03T12:00:00Z', value: 33 },
  ],
  previous: [
    { date: '2019-04-02T12:00:00Z', value: 20 },
    { date: '2019-04-03T12:00:00Z', value: 0 },
  ],
};

/** Wraps global fetch; every bearer token sent and every access_token received lands in `tokens`. */
export function tokenRecordingFetch(tokens: Set<string>): FetchLike {
  return async (url: string, init: HttpRequestInit): Promise<HttpResponse> => {
    const auth = init.headers.Authorization;
    if (auth) tokens.add(auth.replace(/^Bearer /, ''));
    const response = await fetch(url, init);
    return {
      status: response.status,
      headers: response.headers,
      text: async () => {
        const text = await response.text();
        const token = /"access_token"\s*:\s*"([^"]+)"/.exec(text)?.[1];
        if (token) tokens.add(token);
        return text;
      },
    };
  };
}
