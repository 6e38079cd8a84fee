// code-server: a real VS Code (server + web workbench) from npm, used to run the extension where no
// desktop VS Code can be downloaded. Installed on demand into the git-ignored `.cache/code-server/`,
// like @vscode/test-electron's `.vscode-test/`. See /work/shared/real-vscode-tests.md for the
// measured offline pitfalls this file works around.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLogged, tail } from './runLogged';

export { tail };

/** Newest code-server whose `engines` accepts node 20 (= VS Code 1.100.3). */
export const CODE_SERVER_VERSION = '4.100.3';

/** The repository root (this file lives in scripts/vscode/; load it as CommonJS, e.g. via tsx). */
export const repoRoot = path.resolve(__dirname, '..', '..');
if (!fs.existsSync(path.join(repoRoot, 'scripts', 'vscode', 'codeServer.ts'))) {
  throw new Error(`codeServer.ts: wrong repository root ${repoRoot} (loaded as ESM? __dirname=${__dirname})`);
}

/**
 * Where code-server is installed: `.cache/code-server/<version>` in the repo, or
 * `HELPSCOUT_CODE_SERVER_DIR`. Native addons do not compile under a path with spaces (node-gyp's
 * make fails), so a repo at such a path uses `~/.cache/helpscout-reports/code-server/<version>`.
 */
export const codeServerDir = process.env.HELPSCOUT_CODE_SERVER_DIR ?? (() => {
  const inRepo = path.join(repoRoot, '.cache', 'code-server', CODE_SERVER_VERSION);
  if (!/\s/.test(inRepo)) return inRepo;
  const base = /\s/.test(os.homedir()) ? os.tmpdir() : path.join(os.homedir(), '.cache');
  return path.join(base, 'helpscout-reports', 'code-server', CODE_SERVER_VERSION);
})();

const entryRelative = path.join('node_modules', 'code-server', 'out', 'node', 'entry.js');
const markerFile = path.join(codeServerDir, '.install-complete.json');

/**
 * Install scripts that must run, found with `npm install-scripts ls` in a scratch install and
 * verified by installing with `npm_config_strict_allow_scripts=true` (which turns any unreviewed
 * script into a hard error). npm 11.19 gates dependency install scripts on `allowScripts` in the
 * project's package.json (measured: 11.19.1 still runs unreviewed ones with a warning; only
 * `false` entries and strict mode block). `--allow-scripts` / `npm_config_allow_scripts` are
 * rejected (EALLOWSCRIPTS) in project-scoped installs, and an `allow-scripts=` line in an .npmrc is
 * re-exported by npm to lifecycle scripts as `npm_config_allow_scripts`, which then makes the
 * nested `npm install` inside code-server's postinstall fail with EALLOWSCRIPTS. Hence: every
 * project level gets its own package.json `allowScripts`.
 * Entries are name-only on purpose: a pinned `pkg@1.2.3` entry only matches when the lockfile
 * records the tarball's `resolved` URL, and with `omit-lockfile-registry-resolved=true` (set in
 * this machine's ~/.npmrc) npm refuses to match pins ("unverifiable version"), so they are
 * silently unreviewed. The versions are pinned by CODE_SERVER_VERSION and its shrinkwrap anyway.
 */
export const CODE_SERVER_ALLOW_SCRIPTS: Record<string, Record<string, boolean>> = {
  // The cache folder itself. code-server's postinstall runs `npm install` in lib/vscode and
  // lib/vscode/extensions; argon2 is loaded by code-server at startup.
  '.': {
    'code-server': true,
    'argon2': true,
  },
  // The VS Code server's own dependencies. node-pty (terminals), kerberos, spdlog (logging),
  // native-watchdog, deviceid, @parcel/watcher (file watching; its script only looks for the
  // prebuilt package) and ripgrep (search) are used on Linux. The two windows-* addons are only
  // loaded on Windows; they compile in seconds, so they stay allowed rather than risk a gap.
  'node_modules/code-server/lib/vscode': {
    'kerberos': true,
    'native-watchdog': true,
    'node-pty': true,
    '@parcel/watcher': true,
    '@vscode/deviceid': true,
    '@vscode/spdlog': true,
    '@vscode/windows-process-tree': true,
    '@vscode/windows-registry': true,
    '@vscode/ripgrep': true,
  },
  // The built-in extensions' dependencies: @parcel/watcher (as above) and esbuild (its postinstall
  // only checks the prebuilt binary).
  'node_modules/code-server/lib/vscode/extensions': {
    '@parcel/watcher': true,
    'esbuild': true,
  },
};

// @vscode/ripgrep's postinstall downloads from GitHub unless this tarball is already cached.
const RIPGREP_CACHE = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

type Log = (line: string) => void;
const defaultLog: Log = (line) => console.log(`[code-server] ${line}`);

export function codeServerEntry(): string {
  return path.join(codeServerDir, entryRelative);
}

/** A complete install for this code-server version and this node's ABI is in the cache. */
export function isCodeServerInstalled(): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as { version?: string; modules?: string };
    // Native addons are tied to node's ABI: a different node major needs a fresh install.
    return marker.version === CODE_SERVER_VERSION && marker.modules === process.versions.modules
      && fs.existsSync(codeServerEntry());
  } catch {
    return false;
  }
}

export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch { /* not here */ }
  }
  return undefined;
}


function seedRipgrepCache(log: Log): void {
  const tarball = path.join(RIPGREP_CACHE, RIPGREP_TARBALL);
  if (fs.existsSync(tarball)) return;
  const rg = which('rg');
  if (!rg) {
    log('warning: no `rg` on PATH (apt-get install ripgrep); @vscode/ripgrep will try to download from GitHub');
    return;
  }
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-staging-'));
  try {
    fs.copyFileSync(rg, path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    fs.mkdirSync(RIPGREP_CACHE, { recursive: true });
    const partial = `${tarball}.${process.pid}.partial`;
    const result = spawnSync('tar', ['-C', staging, '-czf', partial, 'rg'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`tar failed packing ${rg}`);
    fs.renameSync(partial, tarball);
    log(`seeded ${tarball} from ${rg}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A cross-process lock (a directory created atomically) so two runs never install at once. */
async function withInstallLock<T>(log: Log, fn: () => Promise<T>): Promise<T> {
  const lock = `${codeServerDir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner && !pidAlive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!announced) log(`waiting for another install (pid ${owner || '?'}) to finish…`);
      announced = true;
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Installs code-server into `.cache/code-server/<version>` unless a complete install is there.
 * Idempotent: a marker file is written last; anything without it is wiped and redone.
 * Returns the path of code-server's `entry.js` (run it with the current node).
 */
export async function ensureCodeServer(options: { log?: Log } = {}): Promise<string> {
  const log = options.log ?? defaultLog;
  if (isCodeServerInstalled()) return codeServerEntry();
  return withInstallLock(log, async () => {
    if (isCodeServerInstalled()) return codeServerEntry(); // another process finished while we waited
    const started = Date.now();
    log(`installing code-server@${CODE_SERVER_VERSION} into ${path.relative(repoRoot, codeServerDir) || codeServerDir} (≈ 2 min, ≈ 300 MB)…`);
    fs.rmSync(codeServerDir, { recursive: true, force: true });
    fs.mkdirSync(codeServerDir, { recursive: true });
    fs.writeFileSync(path.join(codeServerDir, 'package.json'), JSON.stringify({
      name: 'helpscout-reports-code-server-cache',
      private: true,
      description: 'Installed on demand by scripts/vscode/codeServer.ts; safe to delete.',
      dependencies: { 'code-server': CODE_SERVER_VERSION },
      allowScripts: CODE_SERVER_ALLOW_SCRIPTS['.'],
    }, null, 2) + '\n');
    seedRipgrepCache(log);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which needs yes without a TTY
      npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root without it
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    // Build native addons against the machine's node headers instead of downloading them.
    if (fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
    // Never inherit the calling project's npm_* lifecycle settings (e.g. when run via `npm test`).
    for (const key of Object.keys(env)) {
      if (/^npm_(package|lifecycle)_/i.test(key)) delete env[key];
    }

    // 1) fetch and unpack everything without running any script; 2) give each nested project its
    // allowScripts; 3) `npm rebuild` runs the allowed scripts (code-server's postinstall then runs
    // the nested installs, which read their own package.json's allowScripts).
    let code = await runNpm(['install', '--ignore-scripts', '--no-audit', '--no-fund'], env, log,
      'downloading code-server and its dependencies (about 300 MB)…');
    if (code === 0) {
      for (const [dir, allowScripts] of Object.entries(CODE_SERVER_ALLOW_SCRIPTS)) {
        if (dir === '.') continue;
        const manifest = path.join(codeServerDir, dir, 'package.json');
        const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, unknown>;
        pkg.allowScripts = allowScripts;
        fs.writeFileSync(manifest, JSON.stringify(pkg, null, 2) + '\n');
      }
      code = await runNpm(['rebuild', '--foreground-scripts'], env, log,
        "building code-server's native modules (about 1 min)…");
    }
    if (code !== 0 || !fs.existsSync(codeServerEntry())) {
      throw new Error(`code-server install failed (npm exit ${code}); see ${path.join(codeServerDir, 'install.log')}`);
    }
    verifyNativeAddons();
    fs.writeFileSync(markerFile, JSON.stringify({
      version: CODE_SERVER_VERSION,
      node: process.version,
      modules: process.versions.modules,
      installedAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
    }, null, 2) + '\n');
    log(`installed in ${Math.round((Date.now() - started) / 1000)}s`);
    return codeServerEntry();
  });
}

/**
 * Runs one npm step in the cache folder with one line on the console; npm's own output goes to
 * install.log only (native addons first try a prebuilt download, fail offline with `ERR!` lines,
 * then build locally: expected, and noise unless the step really fails).
 */
async function runNpm(args: string[], env: NodeJS.ProcessEnv, log: Log, what: string): Promise<number> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const logPath = path.join(codeServerDir, 'install.log');
  const started = Date.now();
  log(what);
  const status = await runLogged([npm, ...args], { logFile: logPath, cwd: codeServerDir, env });
  if (status === 0) log(`  done in ${Math.round((Date.now() - started) / 1000)} s`);
  else log(`  \`npm ${args.join(' ')}\` failed (exit ${status}); the end of ${logPath}:\n${tail(logPath, 40)}`);
  return status;
}

/** Fails early (with a clear message) when an install script was skipped and an addon is missing. */
function verifyNativeAddons(): void {
  const vscodeModules = path.join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  const required = [
    path.join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg'),
  ];
  for (const file of required) {
    if (!fs.existsSync(file)) {
      throw new Error(`code-server install is incomplete: ${file} is missing (an install script did not run?)`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Running

/** Settings every harness-started workbench gets (quiet, offline, no trust prompt, no welcome). */
export const DEFAULT_USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'github.copilot.enable': false,
};

/** Writes `<userDataDir>/User/settings.json` (defaults merged with `settings`). */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}): string {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...settings }, null, 2) + '\n');
  return file;
}

/**
 * Settings given on a command line (`npm start -- --settings f.json`) for one run: written to the
 * server's Machine settings, which override User settings in a remote window (code-server's are)
 * and are where VS Code reads machine-scoped settings such as helpscout.apiBaseUrl from there.
 * What an earlier run applied is remembered beside the file and taken back first, unless the user
 * has changed that value since, so a run without `--settings` runs without them.
 * Returns the keys now applied. Throws (changing nothing) when the file is not plain JSON.
 */
export function applyCommandLineSettings(userDataDir: string, settings: Record<string, unknown> | undefined): string[] {
  const file = path.join(userDataDir, 'Machine', 'settings.json');
  const ledger = path.join(userDataDir, 'Machine', '.from-command-line.json');
  const readJson = (target: string): Record<string, unknown> | undefined => {
    if (!fs.existsSync(target)) return undefined;
    try {
      const value: unknown = JSON.parse(fs.readFileSync(target, 'utf8'));
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch { /* below */ }
    throw new Error(`${target} is not a plain JSON object (comments?): edit it by hand or start with --fresh`);
  };
  const current = readJson(file) ?? {};
  const applied = readJson(ledger) ?? {};
  for (const [key, value] of Object.entries(applied)) {
    if (JSON.stringify(current[key]) === JSON.stringify(value)) delete current[key];
  }
  const next = { ...current, ...settings };
  if (fs.existsSync(file) || Object.keys(next).length > 0) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(next, null, 2) + '\n');
  }
  if (settings && Object.keys(settings).length > 0) fs.writeFileSync(ledger, JSON.stringify(settings, null, 2) + '\n');
  else fs.rmSync(ledger, { force: true });
  return Object.keys(settings ?? {});
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True if something accepts connections on host:port. */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export interface StartCodeServerOptions {
  /** Defaults to a free port. */
  port?: number;
  /** Defaults to 127.0.0.1 (never exposed beyond this machine: `--auth none`). */
  host?: string;
  userDataDir: string;
  extensionsDir: string;
  /** Added to code-server's environment, which the extension host inherits. */
  env?: Record<string, string | undefined>;
  /** Folder to open when the browser visits `url` without a `?folder=`. */
  folder?: string;
  /** Where code-server's stdout/stderr go; defaults to `<userDataDir>/code-server.log`. */
  logFile?: string;
  /** Extra code-server arguments. */
  args?: string[];
  /** How long to wait until it listens (ms); default 60 s. */
  timeoutMs?: number;
}

export interface RunningCodeServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  host: string;
  port: number;
  process: ChildProcess;
  logFile: string;
  /** Stops code-server and every process it started. Safe to call twice. */
  stop(): Promise<void>;
}

/** Running code-server process groups → their private TMPDIR. */
const liveGroups = new Map<number, string>();
let exitHookInstalled = false;
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch { /* already gone */ }
}
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Never leave a code-server (and its extension hosts) behind, even on an unexpected exit.
  process.on('exit', () => {
    for (const [pid, tmpDir] of liveGroups) {
      killGroup(pid, 'SIGKILL');
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
  });
}

/** Starts `code-server` from the cache and resolves once it answers HTTP. */
export async function startCodeServer(options: StartCodeServerOptions): Promise<RunningCodeServer> {
  const entry = await ensureCodeServer();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? await freePort(host);
  const logFile = options.logFile ?? path.join(options.userDataDir, 'code-server.log');
  fs.mkdirSync(options.userDataDir, { recursive: true });
  fs.mkdirSync(options.extensionsDir, { recursive: true });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const settingsFile = path.join(options.userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) writeUserSettings(options.userDataDir);

  const args = [
    entry,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--config', path.join(options.userDataDir, 'code-server.yaml'), // keep ~/.config untouched
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    ...(options.args ?? []),
    ...(options.folder ? [options.folder] : []),
  ];
  // A private TMPDIR, removed on stop: the extension hosts leave vscode-ipc-*.sock files there.
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-code-server-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmpDir, TMP: tmpDir, TEMP: tmpDir };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  // Don't let a surrounding `npm run` leak its config into the server (and its terminals).
  for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];

  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    env,
    stdio: ['ignore', out, out],
    detached: true, // its own process group, so stop() reaches the extension hosts too
  });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start code-server');
  installExitHook();
  liveGroups.set(pid, tmpDir);

  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      if (!exited) {
        killGroup(pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(timer);
      }
      killGroup(pid, 'SIGKILL'); // stragglers in the group (extension hosts, terminals)
      liveGroups.delete(pid);
      fs.rmSync(tmpDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const url = `http://${host}:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60000);
  for (;;) {
    if (exited) {
      throw new Error(`code-server exited before listening; log: ${logFile}\n${tail(logFile, 30)}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not listen on ${url} in time; log: ${logFile}\n${tail(logFile, 30)}`);
    }
    await sleep(200);
  }
  return { url, host, port, process: child, logFile, stop };
}

/**
 * `code-server --install-extension <vsix>`, as a user installs a packaged build: unpacks it into
 * `extensionsDir` and exits. Throws with code-server's output when it fails.
 */
export async function installVsix(vsix: string, options: { extensionsDir: string; userDataDir: string }): Promise<string> {
  const entry = await ensureCodeServer();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
  const result = spawnSync(process.execPath, [
    entry,
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    '--install-extension', vsix,
  ], { encoding: 'utf8', env, timeout: 120_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status}):\n${output}`);
  return output;
}

/** `vscode-remote://host:port/abs/path` as the workbench expects in a payload (percent-encoded). */
export function remoteUri(server: Pick<RunningCodeServer, 'host' | 'port'>, absPath: string): string {
  const encoded = absPath.split('/').map(encodeURIComponent).join('/');
  return `vscode-remote://${server.host}:${server.port}${encoded}`;
}

/** The workbench URL for `folder`, with an optional payload (`[name, value]` pairs). */
export function workbenchUrl(server: Pick<RunningCodeServer, 'url'>, folder: string, payload?: [string, string][]): string {
  const params = new URLSearchParams({ folder });
  if (payload) params.set('payload', JSON.stringify(payload));
  return `${server.url}/?${params.toString()}`;
}
