// The in-process sample sandbox listens on 127.0.0.1. A web page on this machine can reach it by
// DNS rebinding (attacker.example resolving to 127.0.0.1), so it must refuse a foreign Host or
// Origin, and its per-path statistics must not grow with every path a page invents.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { DEMO_APP_ID, DEMO_APP_SECRET, startSandbox, type Sandbox } from '../../../src/sandbox/server';

interface Answer {
  status: number;
  body: string;
}

function raw(sandbox: Sandbox, path: string, headers: Record<string, string>, body?: string, agent?: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: sandbox.port, path, method: body === undefined ? 'GET' : 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const TOKEN_FORM = new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_APP_ID, client_secret: DEMO_APP_SECRET }).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('security: the sandbox answers only this machine\'s own requests', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 0 });
  });
  afterEach(() => sandbox.close());

  it('Host: attacker.example gets a 4xx and no token, whatever the credentials', async () => {
    const answer = await raw(sandbox, '/v2/oauth2/token', { ...FORM, Host: 'attacker.example' }, TOKEN_FORM);
    assert.equal(answer.status, 403, answer.body);
    assert.ok(!answer.body.includes('access_token'));
    assert.match(answer.body, /Host/);
    const me = await raw(sandbox, '/v2/users/me', { Host: `attacker.example:${sandbox.port}` });
    assert.equal(me.status, 403);
  });

  it('127.0.0.1:<port> and localhost:<port> are served', async () => {
    for (const host of [`127.0.0.1:${sandbox.port}`, `localhost:${sandbox.port}`]) {
      const answer = await raw(sandbox, '/v2/oauth2/token', { ...FORM, Host: host }, TOKEN_FORM);
      assert.equal(answer.status, 200, `${host}: ${answer.body}`);
    }
  });

  it('a request with a foreign Origin (a web page) is refused, even with the right Host', async () => {
    const answer = await raw(sandbox, '/v2/oauth2/token', { ...FORM, Host: `127.0.0.1:${sandbox.port}`, Origin: 'https://attacker.example' }, TOKEN_FORM);
    assert.equal(answer.status, 403, answer.body);
    assert.match(answer.body, /Origin/);
  });

  it('20,000 invented paths: the per-path statistics stay bounded (heap growth printed)', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const started = Date.now();
    for (let batch = 0; batch < 200; batch++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => raw(sandbox, `/v2/${batch}-${i}-${Math.random().toString(36).slice(2)}`, { Host: `127.0.0.1:${sandbox.port}` }, undefined, agent)));
    }
    agent.destroy();
    const grownMb = (process.memoryUsage().heapUsed - before) / (1024 * 1024);
    const keys = Object.keys(sandbox.stats.byPath).length;
    console.log(`      20,000 paths in ${Date.now() - started} ms: ${keys} keys in byPath, heap ${grownMb >= 0 ? '+' : ''}${grownMb.toFixed(1)} MB`);
    assert.ok(keys <= 257, `${keys} keys`);
    assert.equal(sandbox.stats.requests, 20_000, 'every request still counted');
  });
});
