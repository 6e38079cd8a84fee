// `npm run bench` — every performance figure of issue 5, printed as one table and written to
// bench-results/latest.json. Figures are measured, never asserted in tests; a row fails when its
// figure is over budget, and a row that could not be measured says why (never a pass).
//
//   npm run bench                      full run (≈ 6–8 min: 5 fresh VS Code windows, a 60 s rate-limit window)
//   npm run bench -- --quick           ≈ 2–3 min: refresh-all window 6 s (informational only),
//                                      2 fresh windows × 5 runs in the workbench, 10 render runs
//   npm run bench -- --only=sizes,vsix,client,sandbox,render,workbench,refresh,team
//   npm run bench -- --strict          exit 1 when a figure is over budget or not measured
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureClientOverhead } from './clientOverhead';
import { measureRefreshAll } from './refreshAll';
import { measureRender } from './render';
import { measureSandboxReport } from './sandboxReport';
import { measureTeamLoading } from './team';
import { measureTeamPainted } from './teamPainted';
import { measureBundleSizes, measureVsix } from './sizes';
import { fmt, notMeasured, type Figure } from './stats';

const root = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const strict = args.includes('--strict');
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const ALL = ['sizes', 'vsix', 'client', 'sandbox', 'render', 'workbench', 'refresh', 'team'] as const;
type Group = (typeof ALL)[number];
const only = new Set<Group>((onlyArg ? onlyArg.split(',') : ALL) as Group[]);
for (const g of only) if (!ALL.includes(g)) throw new Error(`unknown group ${g}; one of ${ALL.join(', ')}`);

function log(line: string): void {
  console.error(`bench: ${line}`);
}

function machine(): Record<string, unknown> {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  let commit: string | undefined;
  let dirty: boolean | undefined;
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    dirty = execSync('git status --porcelain', { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    /* not a git checkout */
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpu,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    commit,
    dirty,
  };
}

async function group(name: Group, fn: () => Promise<Figure[]> | Figure[], figures: Figure[], fallback: Figure[]): Promise<void> {
  if (!only.has(name)) return;
  const started = Date.now();
  const load = os.loadavg()[0]!;
  log(`${name}… (load average ${load.toFixed(1)})`);
  try {
    const result = await fn();
    for (const f of result) f.details = { ...f.details, loadAverageAtStart: load };
    figures.push(...result);
  } catch (error) {
    const why = `crashed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    log(`${name} ${why}`);
    figures.push(...fallback.map((f) => ({ ...f, notMeasured: why })));
  }
  log(`${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => {
    const value = f.notMeasured ? 'not measured' : f.valueLabel ?? fmt(f.value, f.unit);
    const range = f.range ? `${fmt(f.range[0], f.unit)} – ${fmt(f.range[1], f.unit)}` : '';
    const result = f.notMeasured ? 'NOT MEASURED' : f.pass === null ? 'info' : f.pass ? 'pass' : 'FAIL';
    return [f.figure, value, range, f.budget, result];
  });
  const header = ['figure', 'median / value', 'min – max', 'budget', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  for (const f of figures) if (f.notMeasured) console.log(`  not measured — ${f.figure}: ${f.notMeasured}`);
}

async function main(): Promise<number> {
  const started = new Date();
  const figures: Figure[] = [];
  const loadBefore = os.loadavg();

  await group('sizes', () => measureBundleSizes(root), figures, [
    notMeasured('size.extension', 'dist/extension.js size', '≤ 110 KB min', ''),
    notMeasured('size.webview', 'dist/webview/main.js + main.css size', '≤ 300 KB min', ''),
  ]);
  await group('vsix', () => [measureVsix(root)], figures, [notMeasured('size.vsix', '.vsix size', '≤ 500 KB', '')]);
  await group('client', () => measureClientOverhead({ requests: 500, concurrency: 8 }), figures, [
    notMeasured('client.sequential', 'client overhead, 500 sequential', '≤ 1.10×', ''),
    notMeasured('client.concurrent', 'client overhead, 500 at 8-way', '≤ 1.10×', ''),
  ]);
  await group('sandbox', () => measureSandboxReport({ runs: 500 }), figures, [
    notMeasured('sandbox.monthly2y', 'sandbox report, 2-year monthly', 'p99 ≤ 10 ms', ''),
    notMeasured('sandbox.daily60', 'sandbox report, 60-day daily', 'p99 ≤ 10 ms', ''),
  ]);
  await group('render', () => measureRender(root, { runs: quick ? 10 : 20 }), figures, [
    notMeasured('render.daily60', 'render 60 daily + previous', 'median ≤ 50 ms', ''),
    notMeasured('render.weekly52', 'render 52 weekly + previous', 'median ≤ 50 ms', ''),
    notMeasured('render.monthly120', 'render 120 monthly + previous', 'median ≤ 50 ms', ''),
    notMeasured('render.team12x60', 'render 12 people × 60 buckets', 'median ≤ 60 ms', ''),
  ]);
  await group('workbench', async () => {
    const { measureWorkbench } = await import('./workbench');
    return measureWorkbench({ windows: quick ? 2 : 5, runs: quick ? 5 : 10, log });
  }, figures, [
    notMeasured('activation', 'activation: activate() wall time, fresh window', 'median ≤ 20 ms; no network, no sandbox, no file reads', ''),
    notMeasured('chart.warm', 'command → chart painted, warm, vs empty panel', 'warm ≤ 1.5× empty panel', ''),
    notMeasured('chart.cold', 'command → chart painted, cold', '— (absolute, reported)', ''),
    notMeasured('drilldown.rows', 'drill-down: click → first rows painted, warm sandbox', '≤ 150 ms + the request’s own latency', ''),
  ]);
  await group('refresh', async () => [await measureRefreshAll({ windowMs: quick ? 6_000 : 60_000 })], figures, [
    notMeasured('refresh.all', 'refresh all: 100 queries, 60/min, 100 ms latency', 'no 429 reaches the user; ≤ 1.3× least', ''),
  ]);

  // The data-in rows, then the same team until the webview has painted it (Chromium; needs dist/webview).
  await group('team', async () => [...(await measureTeamLoading({ runs: quick ? 5 : 10 })), await measureTeamPainted(root, { runs: quick ? 5 : 10 })], figures, [
    notMeasured('team.12', 'team report: 12 people, 100 ms latency', '≤ 1.3 × ceil(12/4) × latency', ''),
    notMeasured('team.50', 'team report: 50 people, 60/min, 100 ms latency', 'no 429 reaches the user; ≤ 1.3× least', ''),
    notMeasured('team.painted12', 'team report: 12 people, 100 ms latency, until painted', '≤ 1.3 × ceil(12/4) × latency', ''),
  ]);

  console.log(`\nHelp Scout Reports — benchmarks (${quick ? 'quick' : 'full'} run, ${started.toISOString()})\n`);
  printTable(figures);
  const failed = figures.filter((f) => f.pass === false);
  const missing = figures.filter((f) => f.notMeasured);
  const passed = figures.filter((f) => f.pass === true);
  console.log(`\n${passed.length} pass, ${failed.length} over budget, ${missing.length} not measured, ${figures.length - passed.length - failed.length - missing.length} informational`);

  const results = {
    date: started.toISOString(),
    mode: quick ? 'quick' : 'full',
    only: onlyArg ?? null,
    machine: machine(),
    loadAverage: { before: loadBefore, after: os.loadavg() },
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    figures,
  };
  const outDir = path.join(root, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  // A partial run (--only) never replaces the last complete results.
  const outFile = path.join(outDir, onlyArg ? 'partial.json' : 'latest.json');
  fs.writeFileSync(outFile, JSON.stringify(results, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  console.log(`results: ${path.relative(root, outFile)}`);
  return strict && (failed.length > 0 || missing.length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
