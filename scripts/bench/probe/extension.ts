// A bench-only helper extension, installed next to Help Scout Reports in the benchmark's
// code-server (never shipped). It
//  1. measures the Help Scout extension's activation in a fresh window: it activates it itself
//     (onStartupFinished, before anything else asks for it), with node's fs / net / http / https /
//     fetch / child_process / server APIs wrapped so every call made from the extension's own code
//     during activate() is recorded (by stack: a frame in its dist/extension.js);
//  2. offers "Help Scout Bench: Open Empty Panel", the baseline: a webview panel whose only content
//     is a canvas filled by one inline script line, so it ends at the same "non-blank canvas"
//     detector as the report panel;
//  3. offers "Help Scout Bench: Forget Cached Reports" (through the extension's testing API), so a
//     report can be opened cold again, and "Help Scout Bench: Write State" (saved query names).
// Results go to JSON files in $HELPSCOUT_BENCH_DIR.
import * as childProcess from 'node:child_process';
import * as dns from 'node:dns';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';

const TARGET_ID = process.env.HELPSCOUT_BENCH_TARGET ?? 'helpscout-reports.helpscout-reports';

interface Recorded {
  api: string;
  arg?: string;
  ours: boolean;
}

type AnyFn = (...args: unknown[]) => unknown;

function out(name: string, value: unknown): void {
  const dir = process.env.HELPSCOUT_BENCH_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/** Wraps `owner[name]` so calls are recorded; returns the undo function. */
function wrap(owner: Record<string, unknown>, name: string, label: string, record: (r: Recorded) => void, ownFile: string): () => void {
  const original = owner[name];
  if (typeof original !== 'function') return () => undefined;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const stack = new Error().stack ?? '';
    const first = args[0];
    record({
      api: label,
      arg: typeof first === 'string' ? first : first instanceof URL ? first.href : typeof first === 'number' ? String(first) : undefined,
      ours: stack.includes(ownFile),
    });
    return (original as AnyFn).apply(this, args);
  };
  try {
    owner[name] = wrapped;
  } catch {
    return () => undefined;
  }
  return () => {
    owner[name] = original;
  };
}

async function measureActivation(): Promise<void> {
  const ext = vscode.extensions.getExtension(TARGET_ID);
  if (!ext) {
    out('activation.json', { error: `extension ${TARGET_ID} not found` });
    return;
  }
  const wasActive = ext.isActive;
  const ownFile = path.join(ext.extensionPath, 'dist', 'extension.js');
  const calls: Recorded[] = [];
  const record = (r: Recorded) => calls.push(r);
  const undo: Array<() => void> = [];
  const fsNames = ['readFile', 'readFileSync', 'open', 'openSync', 'readdir', 'readdirSync', 'stat', 'statSync', 'lstat', 'lstatSync', 'existsSync', 'access', 'accessSync', 'createReadStream', 'watch', 'watchFile'];
  for (const n of fsNames) undo.push(wrap(fs as unknown as Record<string, unknown>, n, `fs.${n}`, record, ownFile));
  for (const n of ['readFile', 'open', 'readdir', 'stat', 'access']) undo.push(wrap(fs.promises as unknown as Record<string, unknown>, n, `fs.promises.${n}`, record, ownFile));
  for (const n of ['request', 'get', 'createServer']) {
    undo.push(wrap(http as unknown as Record<string, unknown>, n, `http.${n}`, record, ownFile));
    undo.push(wrap(https as unknown as Record<string, unknown>, n, `https.${n}`, record, ownFile));
  }
  for (const n of ['connect', 'createConnection', 'createServer']) undo.push(wrap(net as unknown as Record<string, unknown>, n, `net.${n}`, record, ownFile));
  undo.push(wrap(net.Socket.prototype as unknown as Record<string, unknown>, 'connect', 'net.Socket#connect', record, ownFile));
  undo.push(wrap(net.Server.prototype as unknown as Record<string, unknown>, 'listen', 'net.Server#listen', record, ownFile));
  undo.push(wrap(dns as unknown as Record<string, unknown>, 'lookup', 'dns.lookup', record, ownFile));
  for (const n of ['spawn', 'exec', 'execFile', 'fork', 'spawnSync', 'execSync']) undo.push(wrap(childProcess as unknown as Record<string, unknown>, n, `child_process.${n}`, record, ownFile));
  undo.push(wrap(globalThis as unknown as Record<string, unknown>, 'fetch', 'fetch', record, ownFile));

  const started = performance.now();
  let api: { testing?: { activationMs?: number; session?: { sampleBaseUrl?: string; mode?: string } } } | undefined;
  let error: string | undefined;
  try {
    api = (await ext.activate()) as typeof api;
  } catch (e) {
    error = e instanceof Error ? e.stack ?? e.message : String(e);
  }
  const hostActivateMs = performance.now() - started;
  const duringActivation = calls.splice(0);
  // Anything the extension starts right after activate() returned (timers, promises): 1 s.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const afterActivation = calls.splice(0);
  for (const u of undo) u();
  const ours = (list: Recorded[]) => list.filter((c) => c.ours);
  out('activation.json', {
    wasActive,
    error,
    activationMs: api?.testing?.activationMs,
    hostActivateMs,
    sampleBaseUrl: api?.testing?.session?.sampleBaseUrl ?? null,
    mode: api?.testing?.session?.mode,
    ownCallsDuringActivation: ours(duringActivation),
    ownCallsInTheSecondAfter: ours(afterActivation),
    otherCallsDuringActivation: duringActivation.length - ours(duringActivation).length,
  });
}

function emptyPanelHtml(nonce: string, cspSource: string): string {
  return `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource}; script-src 'nonce-${nonce}'">
</head><body><canvas width="300" height="150"></canvas>
<script nonce="${nonce}">const c = document.querySelector('canvas').getContext('2d'); c.fillStyle = '#3794ff'; c.fillRect(0, 0, 300, 150);</script>
</body></html>`;
}

interface TestingApi {
  testing: {
    session: { mode: string };
    stores: { forMode(mode: string): { list(): Array<{ id: string; name: string }> } | undefined };
    reports: { forget(id: string): Promise<void> };
  };
}

async function targetApi(): Promise<TestingApi | undefined> {
  const ext = vscode.extensions.getExtension(TARGET_ID);
  return ext ? ((await ext.activate()) as TestingApi) : undefined;
}

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('helpscoutBench.emptyPanel', () => {
      const panel = vscode.window.createWebviewPanel('helpscoutBench.empty', 'Empty', vscode.ViewColumn.Active, { enableScripts: true });
      const nonce = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
      panel.webview.html = emptyPanelHtml(nonce, panel.webview.cspSource);
    }),
    vscode.commands.registerCommand('helpscoutBench.forgetCache', async () => {
      const api = await targetApi();
      if (!api) return;
      const store = api.testing.stores.forMode(api.testing.session.mode);
      for (const q of store?.list() ?? []) await api.testing.reports.forget(q.id);
      out('forgot.json', { at: Date.now(), count: store?.list().length ?? 0 });
    }),
    vscode.commands.registerCommand('helpscoutBench.writeState', async () => {
      const api = await targetApi();
      const mode = api?.testing.session.mode;
      out('state.json', { at: Date.now(), mode, queries: (mode && api?.testing.stores.forMode(mode)?.list()) ?? [] });
    }),
  );
  if (process.env.HELPSCOUT_BENCH_MEASURE_ACTIVATION === '1') void measureActivation();
}

export function deactivate(): void {}
