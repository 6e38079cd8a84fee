// Loads the SHIPPED dist/extension.js the way VS Code does (require, then activate(context)) with
// a stub `vscode` module, signs it in against a local sandbox whose App Secret is a marker, puts
// the token in memory (a report refresh), and then walks everything reachable from the module's
// exports and from what activate() returned. Any other extension sees exactly these through
// `vscode.extensions.getExtension(…).exports`. It must reach no secret, no token, no `session`
// and no `setUserInterface`.
// Usage: npx tsx scripts/security/checkShippedExports.ts [path/to/extension.js]   (exit 1 on a finding)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox } from '../../src/sandbox/server';
import { createVscodeStub } from '../../test/support/vscodeStub';

const FORBIDDEN_KEYS = new Set(['session', 'setUserInterface', 'getCredentials', 'secrets', 'tokens', 'commands', 'log']);

export interface ExportsCheck {
  /** What the module exports, and what activate() returned: key paths. */
  exportedKeys: string[];
  /** Objects and functions visited. */
  visited: number;
  /** Paths where a forbidden key or a secret value was found. */
  findings: string[];
  /** Whether the token really was in memory during the walk (the check would be empty otherwise). */
  tokenIssued: boolean;
}

/** Breadth-first over own properties (getters read), prototypes, Map/Set entries and arrays. */
export function walkReachable(roots: Record<string, unknown>, secrets: readonly string[], limit = 200_000): { findings: string[]; visited: number; keys: string[] } {
  const findings: string[] = [];
  const keys: string[] = [];
  const seen = new Set<unknown>();
  const queue: Array<{ value: unknown; at: string }> = [];
  const skip = new Set<unknown>([Object.prototype, Function.prototype, Array.prototype, Map.prototype, Set.prototype, Promise.prototype]);
  const check = (value: unknown, at: string) => {
    if (typeof value === 'string') {
      for (const secret of secrets) if (value.includes(secret)) findings.push(`${at}: a secret value`);
    } else if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      if (!seen.has(value) && !skip.has(value)) queue.push({ value, at });
    }
  };
  for (const [at, value] of Object.entries(roots)) check(value, at);
  while (queue.length > 0 && seen.size < limit) {
    const { value, at } = queue.shift()!;
    if (seen.has(value)) continue;
    seen.add(value);
    const target = value as Record<PropertyKey, unknown>;
    for (const key of Reflect.ownKeys(target)) {
      const name = String(key);
      const where = `${at}.${name}`;
      if (at.split('.').length <= 3) keys.push(where);
      if (FORBIDDEN_KEYS.has(name)) findings.push(`${where}: a forbidden key`);
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
      if (!descriptor) continue;
      let child: unknown = descriptor.value;
      if (descriptor.get) {
        try {
          child = descriptor.get.call(value);
        } catch {
          child = undefined;
        }
      }
      check(child, where);
    }
    if (value instanceof Map) {
      for (const [k, v] of value) {
        check(k, `${at}<key>`);
        check(v, `${at}<value>`);
      }
    }
    if (value instanceof Set) for (const v of value) check(v, `${at}<item>`);
    check(Object.getPrototypeOf(value), `${at}.__proto__`);
  }
  return { findings, visited: seen.size, keys };
}

export async function checkShippedExports(bundle: string): Promise<ExportsCheck> {
  const appSecret = `marker-app-secret-${Math.random().toString(36).slice(2)}`;
  const sandbox = await startSandbox({ port: 0, appId: 'marker-app-id', appSecret });
  const extensionPath = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscout-exports-'));
  const stub = createVscodeStub(extensionPath);
  const uninstall = stub.install();
  // The tokens the extension sends are what the walk must not find.
  const sentTokens = new Set<string>();
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const auth = new Headers(init?.headers).get('authorization');
    const token = auth && /^Bearer\s+(\S+)/i.exec(auth)?.[1];
    if (token) sentTokens.add(token);
    return realFetch(input, init);
  };
  try {
    stub.settings.set('helpscout.apiBaseUrl', sandbox.baseUrl);
    const me = sandbox.dataset.users[0]!;
    stub.secrets.set('helpscout.appId', sandbox.appId);
    stub.secrets.set('helpscout.appSecret', appSecret);
    stub.secrets.set('helpscout.account', JSON.stringify({ id: me.id, name: 'Marker', email: me.email }));

    const resolved = path.resolve(bundle);
    delete require.cache[resolved];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(resolved) as { activate(context: unknown): unknown };
    const context = stub.newContext();
    const returned = await loaded.activate(context);

    // A saved report and a refresh: the session reads the App Secret and gets a token.
    await stub.commands.get('helpscout.newReport')?.({
      name: 'Exports check',
      query: { metric: 'customersHelped', subject: { kind: 'user', userId: me.id }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'previousPeriod' }, viewBy: 'day' },
    });
    await stub.commands.get('helpscout.refreshAll')?.();
    const tokens = [...sentTokens];
    const tokenIssued = sandbox.stats.tokenRequests > 0 && tokens.length > 0;

    const walk = walkReachable({ exports: loaded, activateReturned: returned }, [appSecret, ...tokens]);
    for (const disposable of context.subscriptions) disposable.dispose();
    return { exportedKeys: walk.keys, visited: walk.visited, findings: walk.findings, tokenIssued };
  } finally {
    globalThis.fetch = realFetch;
    uninstall();
    await sandbox.close();
    fs.rmSync(extensionPath, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const bundle = process.argv[2] ?? path.join(__dirname, '..', '..', 'dist', 'extension.js');
  void checkShippedExports(bundle).then((result) => {
    console.log(`exports check of ${path.relative(process.cwd(), bundle)}: ${result.visited} objects visited, token in memory: ${result.tokenIssued}`);
    console.log(`reachable keys: ${result.exportedKeys.slice(0, 20).join(', ')}${result.exportedKeys.length > 20 ? ' …' : ''}`);
    for (const finding of result.findings.slice(0, 50)) console.log(`FOUND ${finding}`);
    console.log(result.findings.length === 0 && result.tokenIssued ? 'ok: nothing secret is reachable' : `${result.findings.length} finding(s)`);
    process.exitCode = result.findings.length === 0 && result.tokenIssued ? 0 : 1;
  });
}
