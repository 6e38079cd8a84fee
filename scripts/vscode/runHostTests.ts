// Host integration tests: test/host/**/*.test.ts run by mocha INSIDE a real VS Code extension host,
// next to the real extension.
//   desktop VS Code (VSCODE_EXECUTABLE, or `code` on PATH)  → @vscode/test-electron runTests()
//   otherwise                                               → code-server + headless Chromium
// Usage: tsx scripts/vscode/runHostTests.ts [--grep <regexp>] [--runner code-server|electron]
// Env: HELPSCOUT_TEST_GREP, HELPSCOUT_HOST_RUNNER, HELPSCOUT_HOST_TIMEOUT_MS (overall, default 10 min),
//      HELPSCOUT_SKIP_BUILD=1, HELPSCOUT_KEEP_TEMP=1.
// Prints mocha's spec report, then a last line `host: N passed, N failed[, N skipped]`.
// Exit 1 on a failed test, a crash, a timeout, or when no test ran.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchChromium } from './chromium';
import {
  ensureCodeServer, remoteUri, repoRoot, startCodeServer, tail, which, workbenchUrl, writeUserSettings,
} from './codeServer';
import { buildExtension, testingExtensionDir } from './extension';

const resultsDir = path.join(repoRoot, 'test-results', 'host');
const outRoot = path.join(repoRoot, 'out', 'test', 'host');
// Per run, so two runs in one checkout (two terminals, two agents) never delete each other's bundle.
const outDir = path.join(outRoot, `run-${process.pid}`);
const testsDir = path.join(repoRoot, 'test', 'host');
let reportFile = path.join(resultsDir, 'report.txt'); // set per run in main()

interface Summary { tests: number; passes: number; failures: number; pending: number }

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index >= 0) return process.argv[index + 1];
  const prefixed = process.argv.find((arg) => arg.startsWith(`${name}=`));
  return prefixed?.slice(name.length + 1);
}

/** test/host/index.ts + every test/host/**\/*.test.ts → out/test/host/ (CJS, vscode + mocha external). */
export async function bundleHostTests(): Promise<string> {
  // Remove bundles of finished runs (their pid is gone).
  for (const entry of fs.existsSync(outRoot) ? fs.readdirSync(outRoot) : []) {
    const pid = /^run-(\d+)$/.exec(entry)?.[1];
    let alive = false;
    if (pid) {
      try { process.kill(Number(pid), 0); alive = true; } catch { /* gone */ }
    }
    if (!alive) fs.rmSync(path.join(outRoot, entry), { recursive: true, force: true });
  }
  const entryPoints: Record<string, string> = { index: path.join(testsDir, 'index.ts') };
  for (const file of fs.readdirSync(testsDir, { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.test.ts')) entryPoints[file.slice(0, -'.ts'.length)] = path.join(testsDir, file);
  }
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    external: ['vscode', 'mocha'], // mocha resolves from the repo's node_modules at run time
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}

/** The Electron binary behind VSCODE_EXECUTABLE or a `code` launcher on PATH, if any. */
function findDesktopVSCode(): string | undefined {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  const launcher = which('code');
  if (!launcher) return undefined;
  const bin = path.dirname(fs.realpathSync(launcher)); // …/bin/code is a shell script
  const candidates = [
    path.resolve(bin, '..', 'code'), // Linux: /usr/share/code/code
    path.resolve(bin, '..', '..', '..', 'MacOS', 'Electron'), // macOS app bundle
    path.resolve(bin, '..', '..', '..', 'MacOS', 'Code'),
    path.resolve(bin, '..', 'Code.exe'),
  ];
  return candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runInDesktop(executable: string | undefined, testsPath: string, env: Record<string, string>, temp: string): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const workspace = path.join(temp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const userDataDir = path.join(temp, 'user');
  writeUserSettings(userDataDir);
  console.log(`host: running in desktop VS Code ${executable ?? '(downloaded by @vscode/test-electron)'}`);
  try {
    return await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: testingExtensionDir,
      extensionTestsPath: testsPath,
      extensionTestsEnv: env,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
        '--skip-release-notes', '--user-data-dir', userDataDir, '--extensions-dir', path.join(temp, 'extensions')],
    });
  } catch (error) {
    // runTests rejects with "Test run failed with code N".
    const match = /code (\d+)/.exec(String(error));
    if (match) return Number(match[1]);
    throw error;
  }
}

async function runInCodeServer(testsPath: string, env: Record<string, string>, temp: string, timeoutMs: number): Promise<number> {
  await ensureCodeServer();
  const userDataDir = path.join(temp, 'user');
  const workspace = path.join(temp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  writeUserSettings(userDataDir);
  const started = Date.now();
  const server = await startCodeServer({
    userDataDir,
    extensionsDir: path.join(temp, 'extensions'),
    env,
    logFile: path.join(resultsDir, 'code-server.log'),
  });
  console.log(`host: code-server listening at ${server.url} after ${Date.now() - started} ms (log: ${path.relative(repoRoot, server.logFile)})`);
  const browser = await launchChromium();
  const consoleLog = fs.createWriteStream(path.join(resultsDir, 'browser-console.log'));
  let page: import('playwright-core').Page | undefined;
  let failed = true;
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.stack ?? error.message}\n`));
    const exitCode = new Promise<number>((resolve) => {
      void page!.exposeFunction('codeAutomationExit', (code: number) => resolve(Number(code)));
    });
    const serverExit = new Promise<never>((_, reject) => {
      server.process.once('exit', (code) => reject(new Error(`code-server exited (${code}) during the run:\n${tail(server.logFile, 20)}`)));
    });
    const url = workbenchUrl(server, workspace, [
      ['extensionDevelopmentPath', remoteUri(server, testingExtensionDir)],
      ['extensionTestsPath', remoteUri(server, testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
    await page.goto(url);
    const code = await withTimeout(Promise.race([exitCode, serverExit]), timeoutMs, 'the host test run');
    console.log(`host: extension host finished with exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    failed = code !== 0;
    return code;
  } finally {
    if (failed && page) {
      const shot = path.join(resultsDir, 'failure.png');
      await page.screenshot({ path: shot, timeout: 10000 }).then(
        () => console.log(`host: screenshot ${path.relative(repoRoot, shot)}`),
        () => undefined,
      );
    }
    await browser.close().catch(() => undefined);
    await server.stop();
    consoleLog.end();
    // Keep the workbench/extension-host logs (exthost.log holds the extension's console).
    const logs = path.join(userDataDir, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(resultsDir, 'logs'), { recursive: true });
  }
}

function readSummary(): Summary | undefined {
  try {
    return JSON.parse(fs.readFileSync(`${reportFile}.json`, 'utf8')) as Summary;
  } catch {
    return undefined;
  }
}

export function summaryLine(label: string, summary: Summary | undefined): string {
  const s = summary ?? { passes: 0, failures: 0, pending: 0, tests: 0 };
  return `${label}: ${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ''}`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const grep = argValue('--grep') ?? process.env.HELPSCOUT_TEST_GREP;
  const runner = argValue('--runner') ?? process.env.HELPSCOUT_HOST_RUNNER;
  const timeoutMs = Number(process.env.HELPSCOUT_HOST_TIMEOUT_MS || 10 * 60 * 1000);
  // Whole-run cap, whatever hangs (install, build, browser): never block CI forever.
  const cap = setTimeout(() => {
    console.error(`host: overall timeout (${Math.round(timeoutMs / 1000)} s + 5 min for setup) — aborting`);
    process.exit(1);
  }, timeoutMs + 5 * 60 * 1000);
  cap.unref();

  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscout-host-'));
  reportFile = path.join(temp, 'report.txt');
  buildExtension();
  const testsPath = await bundleHostTests();
  const env: Record<string, string> = {
    HELPSCOUT_TEST_REPORT: reportFile,
    HELPSCOUT_TEST_ARTIFACTS: resultsDir,
    EXTENSIONS_GALLERY: '{}', // code-server: no gallery, so nothing tries to reach open-vsx.org
    ...(grep ? { HELPSCOUT_TEST_GREP: grep } : {}),
  };
  let exitCode: number;
  let error: unknown;
  try {
    const desktop = runner === 'code-server' ? undefined : findDesktopVSCode();
    exitCode = desktop || runner === 'electron'
      ? await withTimeout(runInDesktop(desktop, testsPath, env, temp), timeoutMs, 'the host test run')
      : await runInCodeServer(testsPath, env, temp, timeoutMs);
  } catch (caught) {
    error = caught;
    exitCode = 1;
  }

  const report = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '';
  process.stdout.write(report);
  fs.writeFileSync(path.join(resultsDir, 'report.txt'), report);
  const summary = readSummary();
  fs.rmSync(outDir, { recursive: true, force: true });
  if (process.env.HELPSCOUT_KEEP_TEMP === '1') console.log(`host: kept ${temp}`);
  else fs.rmSync(temp, { recursive: true, force: true });
  if (error) console.error(`host: ERROR ${error instanceof Error ? error.message : String(error)}`);
  if (!summary && !error) console.error('host: ERROR the suite reported no results (crashed while loading?) — see test-results/host/');
  if (summary && summary.tests === 0) console.error(`host: ERROR no test ran${grep ? ` (grep: ${grep})` : ''}`);
  console.log(`host: took ${((Date.now() - started) / 1000).toFixed(1)} s; artifacts in ${path.relative(repoRoot, resultsDir)}/`);
  console.log(summaryLine('host', summary));
  const ok = !error && exitCode === 0 && summary !== undefined && summary.failures === 0 && summary.tests > 0;
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('host: 0 passed, 0 failed');
    process.exit(1);
  },
);
