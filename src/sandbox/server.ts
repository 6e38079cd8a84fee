/**
 * A local stand-in for the Help Scout Mailbox API 2.0 on 127.0.0.1: OAuth client credentials,
 * the HAL lists a report UI needs, the customers-helped report, a per-account rate limit, and
 * switchable faults. Deterministic data (see dataset.ts) so tests and demos are repeatable.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SEED, getDataset, type Dataset } from './dataset';
import { replacementReply, transformReply } from './faultEffects';
import { FaultController } from './faults';
import { withHostileNames } from './hostileNames';
import { FixedWindowRateLimiter } from './rateLimit';
import { apiError, rateLimited, unauthorized, type Reply } from './reply';
import { isKnownZone } from './zone';
import { matchRoute, type HttpMethod, type Route, type RouteContext, type SandboxStats } from './router';
import { controlRoutes } from './routes/control';
import { mailboxRoutes } from './routes/mailboxes';
import { reportRoutes } from './routes/reports';
import { tagRoutes } from './routes/tags';
import { tokenRoutes } from './routes/token';
import { userRoutes } from './routes/users';
import { TokenStore } from './tokens';

export type { SandboxStats } from './router';

/** Obviously fake credentials of the sandbox's one app. */
export const DEMO_APP_ID = 'sandbox-demo-app';
export const DEMO_APP_SECRET = 'sandbox-demo-secret';

export interface SandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** End of the three years of data. Default: the clock's now. */
  now?: Date | number;
  /**
   * The company's IANA time zone, in which reports are bucketed by calendar day, week and month.
   * A function is asked on every report (sample mode follows the extension's setting). Default UTC.
   */
  timeZone?: string | (() => string);
  seed?: number;
  /** Requests per window for the whole account. Default 400; 0 disables the limit and its headers. */
  rateLimitPerMinute?: number;
  /** Window of the rate limit in ms. Default 60,000. */
  rateLimitWindowMs?: number;
  /** Delay before every answer. */
  latencyMs?: number;
  /** 'free' answers 403 on reports, like an account without Plus/Pro. */
  plan?: 'plus' | 'free';
  /** `expires_in` of issued tokens. Default 172,800 (48 h). */
  tokenLifetimeSeconds?: number;
  /** Items per HAL page. Default 50, as Help Scout. */
  pageSize?: number;
  /** Mounts /__sandbox/faults and /__sandbox/stats. Default false. */
  controlEndpoint?: boolean;
  /** Epoch ms; drives token expiry and the rate-limit window. Default Date.now. */
  clock?: () => number;
  appId?: string;
  appSecret?: string;
  /** Users, inboxes, folders and tags get hostile names (HTML, RTL, zero-width, emoji, 10,000 characters); see hostileNames.ts. */
  hostileNames?: boolean;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT, no trailing slash. */
  baseUrl: string;
  port: number;
  appId: string;
  appSecret: string;
  faults: FaultController;
  /** Live counters; `resetStats()` zeroes them in place. */
  stats: SandboxStats;
  resetStats(): void;
  /** The data served, read-only. */
  dataset: Dataset;
  close(): Promise<void>;
}

const ROUTES: readonly Route[] = [...tokenRoutes, ...userRoutes, ...mailboxRoutes, ...tagRoutes, ...reportRoutes, ...controlRoutes];
const MAX_BODY_BYTES = 1 << 20;
/** Distinct paths counted in stats.byPath; any further path is counted under OTHER_PATHS. */
const MAX_STATS_PATHS = 256;
const OTHER_PATHS = '(other paths)';
const SLOW_BODY_CHUNKS = 10;

function checkOptions(o: SandboxOptions): void {
  const int = (v: number | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
  };
  int(o.port, 'port', 0, 65535);
  int(o.seed, 'seed', -(2 ** 31), 2 ** 32);
  int(o.rateLimitPerMinute, 'rateLimitPerMinute', 0);
  int(o.rateLimitWindowMs, 'rateLimitWindowMs', 1);
  int(o.tokenLifetimeSeconds, 'tokenLifetimeSeconds', 1);
  int(o.pageSize, 'pageSize', 1, 1000);
  if (o.latencyMs !== undefined && !(o.latencyMs >= 0 && Number.isFinite(o.latencyMs))) throw new RangeError('latencyMs must be ≥ 0');
  if (o.plan !== undefined && o.plan !== 'plus' && o.plan !== 'free') throw new RangeError("plan must be 'plus' or 'free'");
  const now = o.now instanceof Date ? o.now.getTime() : o.now;
  if (now !== undefined && !Number.isFinite(now)) throw new RangeError('now must be a valid date');
  if (typeof o.timeZone === 'string' && !isKnownZone(o.timeZone)) throw new RangeError(`timeZone must be an IANA time zone such as Europe/Berlin, got "${o.timeZone}"`);
}

/** The company's zone for this request; an unknown zone from a function falls back to UTC. */
function companyZone(o: SandboxOptions): string {
  const zone = typeof o.timeZone === 'function' ? o.timeZone() : o.timeZone;
  return zone !== undefined && isKnownZone(zone) ? zone : 'UTC';
}

function emptyStats(): SandboxStats {
  return { requests: 0, tokenRequests: 0, reportRequests: 0, rateLimited: 0, byPath: {} };
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Why a request is not from this machine's own client (Host, Origin), or undefined. */
function foreignRequest(headers: IncomingMessage['headers'], port: number): string | undefined {
  const host = (headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    return `Host ${JSON.stringify(host.slice(0, 100))} is not served: the sandbox answers only 127.0.0.1:${port} and localhost:${port}`;
  }
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
    return `Origin ${JSON.stringify(origin.slice(0, 100))} is refused: the sandbox answers no web page`;
  }
  return undefined;
}

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  checkOptions(options);
  const clock = options.clock ?? Date.now;
  const nowMs = options.now instanceof Date ? options.now.getTime() : options.now ?? clock();
  const baseDataset = getDataset(options.seed ?? DEFAULT_SEED, nowMs);
  const dataset = options.hostileNames ? withHostileNames(baseDataset) : baseDataset;
  const appId = options.appId ?? DEMO_APP_ID;
  const appSecret = options.appSecret ?? DEMO_APP_SECRET;
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 172_800, clock);
  const faults = new FaultController(tokens);
  const rateLimit = options.rateLimitPerMinute ?? 400;
  const limiter = rateLimit > 0 ? new FixedWindowRateLimiter(rateLimit, options.rateLimitWindowMs ?? 60_000, clock) : undefined;
  const stats = emptyStats();
  const resetStats = () => Object.assign(stats, emptyStats());
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';
  let port = 0;

  const sleep = (ms: number) =>
    ms > 0
      ? new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        })
      : Promise.resolve();

  function send(res: ServerResponse, reply: Reply, slowMs = 0): void {
    if (res.destroyed || res.headersSent) return;
    if (reply.status === 429) stats.rateLimited++;
    const payload = Buffer.from(reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)), 'utf8');
    res.writeHead(reply.status, {
      ...reply.headers,
      'Content-Type': reply.contentType,
      'Content-Length': String(payload.length),
    });
    if (slowMs <= 0 || payload.length === 0) {
      res.end(payload);
      return;
    }
    const chunkSize = Math.ceil(payload.length / SLOW_BODY_CHUNKS);
    let offset = 0;
    const next = () => {
      if (res.destroyed) return;
      const chunk = payload.subarray(offset, offset + chunkSize);
      offset += chunkSize;
      if (offset >= payload.length) res.end(chunk);
      else {
        res.write(chunk);
        void sleep(slowMs / SLOW_BODY_CHUNKS).then(next);
      }
    };
    void sleep(slowMs / SLOW_BODY_CHUNKS).then(next);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A web page can reach 127.0.0.1 by DNS rebinding (its own name resolving here): such a request
    // carries the page's Host and Origin. Only this machine's own clients are answered.
    const refusal = foreignRequest(req.headers, port);
    if (refusal) {
      req.resume();
      return send(res, apiError(403, refusal));
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    let match = matchRoute(ROUTES, path);
    if (match?.route.kind === 'control' && !options.controlEndpoint) match = undefined;
    const kind = match?.route.kind;

    if (kind !== 'control') {
      stats.requests++;
      const key = path in stats.byPath || Object.keys(stats.byPath).length < MAX_STATS_PATHS ? path : OTHER_PATHS;
      stats.byPath[key] = (stats.byPath[key] ?? 0) + 1;
      if (kind === 'token') stats.tokenRequests++;
      if (path.startsWith('/v2/reports/')) stats.reportRequests++;
    }
    const body = await readBody(req);
    const handler = match?.route.methods[req.method as HttpMethod];
    const ctx: RouteContext = {
      method: req.method ?? 'GET',
      url,
      params: match?.params ?? [],
      headers: req.headers,
      body: body ?? '',
      baseUrl,
      dataset,
      pageSize: options.pageSize ?? 50,
      timeZone: companyZone(options),
      plan: options.plan ?? 'plus',
      appId,
      appSecret,
      tokens,
      faults,
      stats,
      resetStats,
    };
    if (kind === 'control' && handler) return send(res, await handler(ctx));

    const found = match && handler ? faults.match(path, kind === 'token') : { latencyMs: 0 };
    await sleep((options.latencyMs ?? 0) + found.latencyMs);
    if (!match) return send(res, apiError(404, `No route for ${req.method ?? 'GET'} ${path}`));
    if (!handler) {
      return send(res, { ...apiError(405, `Method ${req.method ?? ''} not allowed`), headers: { Allow: Object.keys(match.route.methods).join(', ') } });
    }
    if (body === undefined) return send(res, apiError(413, 'Request body too large'));

    const fault = found.fault;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const replacement = fault && replacementReply(fault);
    if (replacement) return send(res, replacement);

    let reply: Reply;
    if (kind === 'token') {
      reply = await handler(ctx);
    } else {
      const token = bearer(req);
      const check = token === undefined ? 'missing' : tokens.check(token);
      if (check !== 'valid') {
        const message =
          check === 'missing'
            ? 'Authentication required: send an Authorization: Bearer <access token> header'
            : check === 'expired'
              ? 'The access token expired'
              : 'Invalid access token';
        return send(res, unauthorized(message));
      }
      const decision = limiter?.take();
      const limitHeaders = decision && limiter ? limiter.headers(decision) : {};
      if (decision && !decision.allowed) return send(res, rateLimited(decision.retryAfterSeconds, limitHeaders));
      reply = await handler(ctx);
      reply = { ...reply, headers: { ...limitHeaders, ...reply.headers } };
    }
    if (fault) reply = transformReply(reply, fault);
    send(res, reply, fault?.kind === 'slowBody' ? fault.ms : 0);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, apiError(500, `Sandbox error: ${(error as Error).message}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    port,
    appId,
    appSecret,
    faults,
    stats,
    resetStats,
    dataset,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
