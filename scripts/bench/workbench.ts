// In-workbench figures, in the real VS Code workbench (code-server + headless Chromium), with the
// extension installed as from a .vsix and the bench probe (scripts/bench/probe/) next to it.
//  • activation: 5 fresh windows (new user data, new code-server); in each the probe activates the
//    extension first and reads exports.testing.activationMs (activate()'s own wall time), times
//    ext.activate() from the host's side, and records any fs / network / server / child-process
//    call made from the extension's code while activating.
//  • command → chart painted: in window 1, "Try with Sample Data", then from the pointerdown on a
//    saved report's tree row (its command is Open Report) to the first animation frame in which
//    the webview's canvas is non-blank (a detector injected into every frame by Playwright).
//    Cold: its cached data forgotten first (fetch from the in-process sandbox). Warm: reopened
//    with the data cached. Baseline, interleaved with the warm runs: the probe's empty panel
//    (palette command), ending at the same detector.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../vscode/chromium';
import { repoRoot, startCodeServer, workbenchUrl, writeUserSettings, type RunningCodeServer } from '../vscode/codeServer';
import { buildExtension, extensionId, installExtension, manifest, testingExtensionDir } from '../vscode/extension';
import { clickActivityBarItem, runCommand, waitForTreeRow } from '../../test/ui/workbench';
import { drilldownFigure, measureDrilldown } from './drilldown';
import { median, notMeasured, summarize, type Figure } from './stats';

const PROBE_NAME = 'helpscout-bench-probe';

// Non-blank check + an animation-frame loop that records the first frame with a painted canvas.
// VS Code writes a webview's HTML into its frame with document.open/write, which drops pending
// animation-frame callbacks, so the poller below re-arms the loop whenever it has stopped.
const ARM = `(() => {
  const w = window;
  const painted = () => {
    const canvas = document.querySelector && document.querySelector('canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
    try {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4 * 29) if (data[i] !== 0) return true;
    } catch (e) { /* not a 2d canvas */ }
    return false;
  };
  if (!w.__benchPaintedAt && painted()) w.__benchPaintedAt = Date.now();
  if (w.__benchPaintedAt) return w.__benchPaintedAt;
  if (w.__benchLastTick && performance.now() - w.__benchLastTick < 100) return 0;
  const tick = () => {
    w.__benchLastTick = performance.now();
    if (w.__benchPaintedAt) return;
    if (painted()) { w.__benchPaintedAt = Date.now(); return; }
    requestAnimationFrame(tick);
  };
  w.__benchLastTick = performance.now();
  requestAnimationFrame(tick);
  return 0;
})()`;

// Runs in every frame before any page script (Playwright init script). Top frame: remembers the
// last pointerdown. Other frames: the canvas detector.
const DETECTOR = `(() => {
  if (window === window.top) {
    window.addEventListener('pointerdown', () => { window.__benchPointerDown = Date.now(); }, true);
    return;
  }
  ${ARM};
})();`;

async function installProbe(extensionsDir: string): Promise<void> {
  const dir = path.join(extensionsDir, `${manifest.publisher}.${PROBE_NAME}-0.0.1`);
  fs.mkdirSync(dir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'scripts', 'bench', 'probe', 'extension.ts')],
    outfile: path.join(dir, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: PROBE_NAME,
        displayName: 'Help Scout Bench Probe',
        publisher: manifest.publisher,
        version: '0.0.1',
        engines: { vscode: '^1.100.0' },
        main: './extension.js',
        activationEvents: ['onStartupFinished'],
        contributes: {
          commands: [
            { command: 'helpscoutBench.emptyPanel', title: 'Open Empty Panel', category: 'Help Scout Bench' },
            { command: 'helpscoutBench.forgetCache', title: 'Forget Cached Reports', category: 'Help Scout Bench' },
            { command: 'helpscoutBench.writeState', title: 'Write State', category: 'Help Scout Bench' },
          ],
        },
      },
      null,
      2,
    ),
  );
}

interface BenchWindow {
  page: Page;
  browser: Browser;
  server: RunningCodeServer;
  benchDir: string;
  close(): Promise<void>;
}

export async function openBenchWindow(index: number): Promise<BenchWindow> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscout-bench-'));
  const userDataDir = path.join(temp, 'user');
  const extensionsDir = path.join(temp, 'extensions');
  const workspace = path.join(temp, 'workspace');
  const benchDir = path.join(temp, 'bench');
  fs.mkdirSync(workspace, { recursive: true });
  writeUserSettings(userDataDir);
  // The probe reads the internals (activation time, sample mode, cache) through the test-only build.
  installExtension(extensionsDir, testingExtensionDir);
  await installProbe(extensionsDir);
  const logDir = path.join(repoRoot, 'bench-results', 'workbench', String(index));
  fs.mkdirSync(logDir, { recursive: true });
  const server = await startCodeServer({
    userDataDir,
    extensionsDir,
    env: {
      HELPSCOUT_BENCH_DIR: benchDir,
      HELPSCOUT_BENCH_MEASURE_ACTIVATION: '1',
      HELPSCOUT_BENCH_TARGET: extensionId,
      HELPSCOUT_SAMPLE_DATA: undefined,
    },
    logFile: path.join(logDir, 'code-server.log'),
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(DETECTOR);
    const page = await context.newPage();
    await page.goto(workbenchUrl(server, workspace, [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']]));
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 90_000 });
    const b = browser;
    return {
      page,
      browser: b,
      server,
      benchDir,
      async close() {
        await b.close().catch(() => undefined);
        await server.stop();
        fs.rmSync(temp, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

async function waitForJson<T>(file: string, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = JSON.parse(fs.readFileSync(file, 'utf8')) as T;
      if (accept(value)) return value;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path.basename(file)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Epoch ms at which some webview frame first showed a non-blank canvas after `after`. */
async function waitForPaintedCanvas(page: Page, after: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || frame.isDetached()) continue;
      const at = (await frame.evaluate(ARM).catch(() => 0)) as number;
      if (at > after) return at;
    }
    if (Date.now() > deadline) throw new Error('no webview canvas was painted in time');
    await new Promise((r) => setTimeout(r, 15));
  }
}

async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  // Until no webview frame with a painted canvas is left.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    let left = 0;
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || frame.isDetached()) continue;
      if (((await frame.evaluate('window.__benchPaintedAt || 0').catch(() => 0)) as number) > 0) left++;
    }
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.waitForTimeout(300); // let the workbench settle between runs
}

async function pointerDownAt(page: Page): Promise<number> {
  return (await page.evaluate('window.__benchPointerDown || 0')) as number;
}

interface ActivationRun {
  wasActive: boolean;
  error?: string;
  activationMs?: number;
  hostActivateMs: number;
  sampleBaseUrl: string | null;
  ownCallsDuringActivation: Array<{ api: string; arg?: string }>;
  ownCallsInTheSecondAfter: Array<{ api: string; arg?: string }>;
  otherCallsDuringActivation: number;
}

async function commandToChart(win: BenchWindow, runs: number): Promise<{ cold: number[]; warm: number[]; baseline: number[]; queries: string[] }> {
  const { page } = win;
  await clickActivityBarItem(page, 'Help Scout');
  await runCommand(page, 'Help Scout: Try with Sample Data');
  let state: { mode?: string; queries: Array<{ id: string; name: string }> } = { queries: [] };
  const stateFile = path.join(win.benchDir, 'state.json');
  const deadline = Date.now() + 60_000;
  while (state.mode !== 'sample' || state.queries.length === 0) {
    if (Date.now() > deadline) throw new Error(`sample mode did not start (state ${JSON.stringify(state)})`);
    const since = Date.now();
    await runCommand(page, 'Help Scout Bench: Write State');
    state = await waitForJson(stateFile, (s: { at: number; mode?: string; queries: Array<{ id: string; name: string }> }) => s.at >= since, 10_000);
    if (state.mode !== 'sample' || state.queries.length === 0) await page.waitForTimeout(500);
  }
  const names = state.queries.map((q) => q.name);
  await waitForTreeRow(page, names[0]!, { timeoutMs: 30_000 });

  const openReport = async (name: string) => {
    const row = await waitForTreeRow(page, name, { timeoutMs: 15_000 });
    await page.evaluate('window.__benchPointerDown = 0');
    await row.click();
    const t0 = await pointerDownAt(page);
    const painted = await waitForPaintedCanvas(page, t0);
    await closeAllEditors(page);
    return painted - t0;
  };
  const openBaseline = async () => {
    await page.evaluate('window.__benchPointerDown = 0');
    await runCommand(page, 'Help Scout Bench: Open Empty Panel');
    const t0 = await pointerDownAt(page);
    const painted = await waitForPaintedCanvas(page, t0);
    await closeAllEditors(page);
    return painted - t0;
  };
  const forget = async () => {
    const since = Date.now();
    await runCommand(page, 'Help Scout Bench: Forget Cached Reports');
    await waitForJson(path.join(win.benchDir, 'forgot.json'), (f: { at: number }) => f.at >= since, 10_000);
  };

  // Warm-up: the window's first webview pays one-time costs (service worker, frame scripts).
  await openBaseline();
  const cold: number[] = [];
  for (let i = 0; i < runs; i++) {
    await forget();
    cold.push(await openReport(names[i % names.length]!));
  }
  const warm: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate the order so drift falls on both.
    if (i % 2) {
      warm.push(await openReport(names[0]!));
      baseline.push(await openBaseline());
    } else {
      baseline.push(await openBaseline());
      warm.push(await openReport(names[0]!));
    }
  }
  return { cold, warm, baseline, queries: names };
}

export async function measureWorkbench(options: { windows?: number; runs?: number; log?: (line: string) => void } = {}): Promise<Figure[]> {
  const windows = options.windows ?? 5;
  const runs = options.runs ?? 10;
  const log = options.log ?? (() => undefined);
  // The test-only build may be missing when only the workbench figures are asked for.
  buildExtension();
  const activationBudget = 'median ≤ 20 ms; no network, no sandbox, no file reads';
  const chartBudget = 'warm ≤ 1.5× empty panel';
  const activations: ActivationRun[] = [];
  let chart: Awaited<ReturnType<typeof commandToChart>> | undefined;
  let chartError: string | undefined;
  let drill: Awaited<ReturnType<typeof measureDrilldown>> | undefined;
  let drillError: string | undefined;
  let activationError: string | undefined;
  for (let w = 1; w <= windows; w++) {
    let win: BenchWindow | undefined;
    try {
      log(`window ${w}/${windows}: starting code-server…`);
      win = await openBenchWindow(w);
      const run = await waitForJson<ActivationRun>(path.join(win.benchDir, 'activation.json'), () => true, 60_000);
      activations.push(run);
      log(`window ${w}: activate() ${run.activationMs?.toFixed(2)} ms (host ext.activate() ${run.hostActivateMs.toFixed(1)} ms)`);
      if (w === 1) {
        try {
          chart = await commandToChart(win, runs);
          log(`window 1: command → chart cold ${median(chart.cold).toFixed(0)} ms, warm ${median(chart.warm).toFixed(0)} ms, empty panel ${median(chart.baseline).toFixed(0)} ms`);
          drill = await measureDrilldown(win.page, chart.queries[0]!, runs).catch((error: unknown) => {
            drillError = error instanceof Error ? error.message.split('\n')[0] : String(error);
            return undefined;
          });
          log(`window 1: drill-down click → rows ${drill ? `${median(drill.map((d) => d.total)).toFixed(0)} ms` : `failed: ${drillError}`}`);
        } catch (error) {
          chartError = error instanceof Error ? error.message.split('\n')[0] : String(error);
          await win.page.screenshot({ path: path.join(repoRoot, 'bench-results', 'workbench', 'command-to-chart-failure.png') }).catch(() => undefined);
          log(`window 1: command → chart failed: ${chartError}`);
        }
      }
    } catch (error) {
      activationError = error instanceof Error ? error.message.split('\n')[0] : String(error);
      log(`window ${w}: ${activationError}`);
    } finally {
      await win?.close();
    }
  }

  const figures: Figure[] = [];
  const valid = activations.filter((a) => !a.error && !a.wasActive && typeof a.activationMs === 'number');
  if (valid.length === 0) {
    figures.push(notMeasured('activation', 'activation: activate() wall time, fresh window', activationBudget, activationError ?? `no valid run (${JSON.stringify(activations[0] ?? {}).slice(0, 200)})`));
  } else {
    const a = summarize(valid.map((r) => r.activationMs!));
    const host = summarize(valid.map((r) => r.hostActivateMs));
    const ownIo = valid.flatMap((r) => r.ownCallsDuringActivation);
    const sandboxStarted = valid.some((r) => r.sampleBaseUrl);
    const ioOk = ownIo.length === 0 && !sandboxStarted;
    figures.push({
      id: 'activation',
      figure: `activation: activate() wall time in the extension host, ${valid.length} fresh windows`,
      unit: 'ms',
      value: a.median,
      valueLabel: `${a.median.toFixed(2)} ms (host ext.activate() incl. loading: ${host.median.toFixed(1)} ms; I/O calls: ${ownIo.length})`,
      range: [a.min, a.max],
      budget: activationBudget,
      pass: valid.length === windows && a.median <= 20 && ioOk,
      details: {
        runs: activations,
        activationMs: a,
        hostExtActivateMs: host,
        ownIoDuringActivation: ownIo,
        ownIoInTheSecondAfter: valid.flatMap((r) => r.ownCallsInTheSecondAfter),
        sandboxStartedDuringActivation: sandboxStarted,
        limits:
          'fs/net/http/https/dns/fetch/child_process/server calls are attributed to the extension by a stack frame in its dist/extension.js; SecretStorage and globalState are RPC/in-memory and not observable this way',
      },
    });
  }
  if (!chart) {
    figures.push(notMeasured('chart.warm', 'command → chart painted, warm (cached), vs empty panel', chartBudget, chartError ?? activationError ?? 'window 1 did not open'));
  } else {
    const cold = summarize(chart.cold);
    const warm = summarize(chart.warm);
    const base = summarize(chart.baseline);
    const ratio = warm.median / base.median;
    const pairRatios = chart.warm.map((w, i) => w / (chart!.baseline[i] ?? NaN));
    figures.push({
      id: 'chart.warm',
      figure: `command → chart painted, warm (cached), ${runs} runs / empty webview panel`,
      unit: '×',
      value: ratio,
      valueLabel: `${ratio.toFixed(2)}× (warm ${warm.median.toFixed(0)} ms, empty panel ${base.median.toFixed(0)} ms)`,
      range: [Math.min(...pairRatios), Math.max(...pairRatios)],
      budget: chartBudget,
      pass: warm.n === runs && base.n === runs && ratio <= 1.5,
      details: { warm, baseline: base, pairRatios, samplesWarm: chart.warm, samplesBaseline: chart.baseline, queries: chart.queries },
    });
    figures.push({
      id: 'chart.cold',
      figure: `command → chart painted, cold (fetch from the sample sandbox), ${runs} runs`,
      unit: 'ms',
      value: cold.median,
      valueLabel: `${cold.median.toFixed(0)} ms (${(cold.median / base.median).toFixed(2)}× empty panel)`,
      range: [cold.min, cold.max],
      budget: '— (absolute, reported)',
      pass: null,
      details: { cold, samples: chart.cold, ratioToEmptyPanel: cold.median / base.median },
    });
  }
  figures.push(drilldownFigure(drill, drillError ?? chartError));
  return figures;
}
