import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseCli } from '../../../src/sandbox/cliOptions';

const ROOT = resolve(__dirname, '../../..');
const CLI = ['--import', 'tsx', 'src/sandbox/cli.ts'];

describe('sandbox: CLI', () => {
  it('parses the documented options', () => {
    const parsed = parseCli([
      '--port', '4011', '--now', '2026-03-15T12:00:00Z', '--seed', '7', '--rate-limit', '200', '--latency', '50',
      '--plan', 'free', '--page-size', '10', '--token-lifetime', '7200', '--control',
      '--fault', '429:3', '--fault', '500:always', '--fault', 'drop:1', '--fault', 'slow-body:2000',
    ]);
    assert.equal(parsed.kind, 'run');
    if (parsed.kind !== 'run') return;
    assert.deepEqual(parsed.options, {
      port: 4011,
      now: Date.UTC(2026, 2, 15, 12),
      seed: 7,
      rateLimitPerMinute: 200,
      latencyMs: 50,
      plan: 'free',
      pageSize: 10,
      tokenLifetimeSeconds: 7200,
      controlEndpoint: true,
    });
    assert.deepEqual(parsed.faults.map((f) => f.kind), ['status', 'status', 'drop', 'slowBody']);
    assert.deepEqual(parseCli([]), { kind: 'run', options: { port: 4010 }, faults: [] });
    assert.deepEqual(parseCli(['-h']), { kind: 'help' });
  });

  it('explains invalid options', () => {
    const cases: [string[], RegExp][] = [
      [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
      [['--now', 'yesterday'], /--now must be an ISO 8601 date/],
      [['--plan', 'enterprise'], /--plan must be plus or free/],
      [['--rate-limit', '-1'], /--rate-limit/],
      [['--fault', '418'], /Invalid fault "418"/],
      [['--colour', 'red'], /Unknown option '--colour'/],
      [['serve'], /Unexpected argument: serve/],
    ];
    for (const [argv, message] of cases) {
      const parsed = parseCli(argv);
      assert.equal(parsed.kind, 'error', argv.join(' '));
      if (parsed.kind === 'error') assert.match(parsed.message, message);
    }
  });

  it('exits 2 with a message on invalid options, 0 on --help', () => {
    const bad = spawnSync(process.execPath, [...CLI, '--plan', 'gold'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--plan must be plus or free/);
    const help = spawnSync(process.execPath, [...CLI, '--help'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--fault <spec>/);
  });

  it('serves, prints how to connect, and shuts down cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [...CLI, '--port', '0', '--now', '2026-03-15', '--fault', '503:1'], { cwd: ROOT });
    let out = '';
    try {
      await new Promise<void>((ok, fail) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Ctrl+C to stop.')) ok();
        });
        child.once('exit', (code) => fail(new Error(`exited early with ${code}: ${out}`)));
      });
      const baseUrl = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      assert.ok(baseUrl, out);
      assert.match(out, /App ID: +sandbox-demo-app/);
      assert.match(out, /App Secret: +sandbox-demo-secret/);
      assert.match(out, /curl -s -H "Authorization: Bearer \$TOKEN"/);
      const tokenResponse = await fetch(`${baseUrl}/v2/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-demo-app', client_secret: 'sandbox-demo-secret' }),
      });
      const { access_token } = (await tokenResponse.json()) as { access_token: string };
      const headers = { Authorization: `Bearer ${access_token}` };
      assert.equal((await fetch(`${baseUrl}/v2/users/me`, { headers })).status, 503, 'the --fault rule is active');
      assert.equal((await fetch(`${baseUrl}/v2/users/me`, { headers })).status, 200);
    } finally {
      const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});
