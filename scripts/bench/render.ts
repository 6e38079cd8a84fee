// Render: snapshot received → chart painted, in the real webview bundle (dist/webview) served with
// the host's own HTML (src/extension/webviewHtml.ts: same CSP, nonce, tags) in headless Chromium.
// Clock: performance.now() just before window.postMessage of the snapshot (so structured clone,
// dispatch and validation count) → the first requestAnimationFrame after the webview's
// `helpscout-rendered` event, then one more task (a MessageChannel hop, which runs after that
// frame is painted). The canvas must be non-blank then. The span covers the header, figures and
// chart; the data table is drawn by the webview right after that frame (its first task after the
// paint, queued behind this hop) and is not in the span.
// Two situations, 20 runs each: "first" = a fresh webview gets its first snapshot (the panel was
// just opened) and "update" = the chart exists and gets a new snapshot. The fresh webview has
// already said `ready` (the snapshot is posted after that, as the host does): whatever it does
// between `ready` and the snapshot (it sets its chart up then) is outside the span, so details
// also report a cold open — navigation → chart painted with a host that answers `ready` at once —
// where nothing done before the snapshot can hide. `helpscout:painted` is the webview's own mark
// after the same frame (a cross-check of the clock above).
// Reduced motion is on (body class vscode-reduce-motion), so the painted frame is the final chart.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { compareReport } from '../../src/core/comparison';
import { rankTeam, teamTotal, type TeamInput } from '../../src/core/teamRanking';
import type { CustomersHelpedReport, DataPoint } from '../../src/core/report';
import { renderWebviewHtml } from '../../src/extension/webviewHtml';
import type { ReportSnapshot } from '../../src/protocol';
import { launchChromium } from '../vscode/chromium';
import { median, notMeasured, summarize, type Figure } from './stats';

const DAY = 86_400_000;
const NONCE = 'YmVuY2hOb25jZTEyMzQ1Njc4OTA=';

const DARK_THEME: Record<string, string> = {
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': 'monospace',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-widget-border': '#313131',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-charts-foreground': '#cccccc',
  '--vscode-charts-lines': '#cccccc80',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-editorHoverWidget-background': '#202020',
  '--vscode-editorHoverWidget-foreground': '#cccccc',
  '--vscode-editorHoverWidget-border': '#454545',
};

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function bucketDates(startMs: number, count: number, viewBy: 'day' | 'week' | 'month'): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(startMs);
    const ms = viewBy === 'month' ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i, 1) : startMs + i * (viewBy === 'week' ? 7 : 1) * DAY;
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  });
}

function series(dates: string[], base: number, seed: number): DataPoint[] {
  const rnd = random(seed);
  return dates.map((date) => ({ date, value: Math.round(base * (0.6 + rnd() * 0.8)) }));
}

/** A complete ready snapshot with `count` buckets and the previous period, via core's compareReport. */
export function benchSnapshot(viewBy: 'day' | 'week' | 'month', count: number, seed = 1): ReportSnapshot {
  const end = Date.UTC(2026, 10, 1);
  const step = viewBy === 'day' ? DAY : viewBy === 'week' ? 7 * DAY : 0;
  const start = viewBy === 'month' ? Date.UTC(2026 - Math.ceil(count / 12), 10, 1) : end - count * step;
  const prevStart = viewBy === 'month' ? Date.UTC(2026 - 2 * Math.ceil(count / 12), 10, 1) : start - count * step;
  const base = viewBy === 'day' ? 40 : viewBy === 'week' ? 220 : 900;
  const report: CustomersHelpedReport = {
    current: series(bucketDates(start, count, viewBy), base, seed),
    previous: series(bucketDates(prevStart, count, viewBy), base, seed + 7),
  };
  return {
    queryId: `bench-${viewBy}-${count}`,
    title: `Bench · ${count} ${viewBy} buckets`,
    status: 'ready',
    stale: false,
    sampleData: true,
    user: { name: 'Anna Kowalski', email: 'anna@example.com' },
    metric: { id: 'customersHelped', label: 'Customers helped', unit: { one: 'customer', other: 'customers' }, verb: 'helped', counting: 'Unique customers, counted once per bucket.' },
    metrics: [
      { id: 'customersHelped', label: 'Customers helped' },
      { id: 'replies', label: 'Replies sent' },
      { id: 'resolutions', label: 'Conversations resolved' },
    ],
    currentLabel: 'current period',
    previousLabel: 'previous period',
    viewBy,
    allowedViewBy: [viewBy],
    filters: ['Inboxes: Billing', 'Types: email, chat'],
    types: ['email', 'chat'],
    fetchedAt: new Date().toISOString(),
    locale: 'en-GB',
    timeZone: 'UTC',
    comparison: compareReport(report),
  };
}

/**
 * A team snapshot as the host sends it: `people` people over `count` daily buckets with the
 * previous period; the comparison is the Team total, each person's figures from core's ranking.
 */
export function benchTeamSnapshot(people: number, count: number): ReportSnapshot {
  const single = benchSnapshot('day', count);
  const end = Date.UTC(2026, 10, 1);
  const start = end - count * DAY;
  const members: TeamInput[] = Array.from({ length: people }, (_, i) => ({
    id: 1000 + i,
    name: `Person ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''} Example`,
    report: { current: series(bucketDates(start, count, 'day'), 5 + i * 2, 31 + i), previous: series(bucketDates(start - count * DAY, count, 'day'), 6 + i, 71 + i) },
  }));
  const ranking = rankTeam(members);
  return {
    ...single,
    queryId: `bench-team-${people}x${count}`,
    title: `Bench · ${people} people × ${count} daily buckets`,
    user: { name: 'Bench team' },
    comparison: compareReport(teamTotal(members)),
    team: {
      omitted: 0,
      people: ranking.map((row, i) => ({
        id: row.id,
        name: row.name,
        current: members[i]!.report!.current.map((p) => p.value),
        previous: members[i]!.report!.previous!.map((p) => p.value),
        currentTotal: row.current,
        previousTotal: row.previous,
        change: row.change,
        share: row.share,
        busiest: row.busiest,
      })),
    },
  };
}

function bootstrap(coldSnapshot?: ReportSnapshot): string {
  // Cold open: a host that answers `ready` with the snapshot at once (a task later), and the
  // painted frame found the same way as in POST_AND_WAIT.
  const cold = coldSnapshot
    ? `
window.__cold = {};
const coldSnapshot = ${JSON.stringify(coldSnapshot).replace(/</g, '\\u003c')};
document.addEventListener('helpscout-rendered', () => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => { window.__cold.painted = performance.now(); };
  channel.port2.postMessage(0);
}), { once: true });
`
    : '';
  return `
window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => {
  window.__posted.push(m);
  if (window.__cold && m.type === 'ready') {
    window.__cold.ready = performance.now();
    setTimeout(() => { window.__cold.posted = performance.now(); window.postMessage({ type: 'snapshot', snapshot: coldSnapshot }, '*'); }, 0);
  }
}, getState: () => undefined, setState: () => undefined });
for (const [k, v] of Object.entries(${JSON.stringify(DARK_THEME)})) document.documentElement.style.setProperty(k, v);
document.body.className = 'vscode-dark vscode-reduce-motion';
${cold}`;
}

function serve(root: string, pageHtml: (url: URL) => string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(pageHtml(url));
      return;
    }
    const file = path.join(root, 'dist', 'webview', path.basename(url.pathname));
    if (!url.pathname.startsWith('/dist/webview/') || !fs.existsSync(file)) return void res.writeHead(404).end();
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export const VIEWPORT = { width: 1200, height: 900 };

/**
 * The production webview bundle in the host's own HTML (same CSP, nonce and tags) on 127.0.0.1,
 * with the bench's bootstrap (a stand-in `acquireVsCodeApi`, the dark theme, reduced motion).
 * `coldSnapshot` picks, by URL, a snapshot the page answers its own `ready` with.
 */
export async function serveWebview(root: string, coldSnapshot: (url: URL) => ReportSnapshot | undefined = () => undefined): Promise<{ origin: string; close: () => void }> {
  let origin = '';
  const server = await serve(root, (url) => {
    const html = renderWebviewHtml({
      cspSource: origin,
      nonce: NONCE,
      scriptUri: `${origin}/dist/webview/main.js`,
      styleUri: `${origin}/dist/webview/main.css`,
      title: 'render bench',
    });
    return html.replace('<script type="module"', `<script nonce="${NONCE}">${bootstrap(coldSnapshot(url))}</script>\n    <script type="module"`);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => void server.close() };
}

/** A fresh webview page that has said `ready` (what the host waits for before it posts). */
export async function openReadyPage(context: BrowserContext, origin: string, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction("window.__posted.some((m) => m.type === 'ready')");
  return page;
}

// In-page code is a string: tsx (esbuild keepNames) would wrap named functions in `__name(...)`,
// which does not exist in the page.
/** In-page: true when the first canvas is missing, empty or has no opaque pixel (every 13th sampled). */
export const CANVAS_IS_BLANK = `() => {
  const canvas = document.querySelector('canvas');
  if (!canvas || canvas.width === 0 || canvas.height === 0) return true;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < data.length; i += 4 * 13) if (data[i] !== 0) return false;
  return true;
}`;

const POST_AND_WAIT = `(snap) => new Promise((resolve) => {
  const timeout = setTimeout(() => resolve({ ms: NaN, handlerMs: NaN, blank: true, markMs: NaN }), 5000);
  let start = 0;
  document.addEventListener('helpscout-rendered', (event) => {
    const handlerMs = event.detail.renderedMs;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const ms = performance.now() - start;
        clearTimeout(timeout);
        const blank = (${CANVAS_IS_BLANK})();
        // The webview's own mark comes in its task after this one; wait for it (up to 100 ms).
        const since = performance.now();
        const readMark = () => {
          const mark = performance.getEntriesByName('helpscout:painted').find((m) => m.startTime > start);
          if (mark || performance.now() - since > 100) resolve({ ms, handlerMs, blank, markMs: mark ? mark.startTime - start : NaN });
          else setTimeout(readMark, 5);
        };
        readMark();
      };
      channel.port2.postMessage(0);
    });
  }, { once: true });
  start = performance.now();
  window.postMessage({ type: 'snapshot', snapshot: snap }, '*');
})`;

/** Baseline: from now to the next painted frame with nothing to render (frame scheduling + paint). */
const FRAME_ONLY = `new Promise((resolve) => {
  const start = performance.now();
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now() - start);
    channel.port2.postMessage(0);
  });
})`;

interface Posted {
  ms: number;
  handlerMs: number;
  blank: boolean;
  /** The webview's `helpscout:painted` mark, ms after the post; NaN without one. */
  markMs: number;
}

/** Posts a snapshot; resolves with ms from post to the painted frame, NaN if no chart appeared. */
export function post(page: Page, snapshot: ReportSnapshot): Promise<Posted> {
  return page.evaluate(`(${POST_AND_WAIT})(${JSON.stringify(snapshot)})`) as Promise<Posted>;
}

export async function measureRender(root: string, options: { runs?: number } = {}): Promise<Figure[]> {
  const runs = options.runs ?? 20;
  const cases = [
    { id: 'render.daily60', label: '60 daily + previous', snapshot: benchSnapshot('day', 60), budgetMs: 50 },
    { id: 'render.weekly52', label: '52 weekly + previous', snapshot: benchSnapshot('week', 52), budgetMs: 50 },
    { id: 'render.monthly120', label: '120 monthly + previous', snapshot: benchSnapshot('month', 120), budgetMs: 50 },
    // A line per person, the legend, the Team total cards; the ranking comes a frame later, as the table does.
    { id: 'render.team12x60', label: '12 people × 60 buckets', snapshot: benchTeamSnapshot(12, 60), budgetMs: 60 },
  ];
  if (!fs.existsSync(path.join(root, 'dist', 'webview', 'main.js'))) {
    return cases.map((c) => notMeasured(c.id, `render ${c.label}`, `median ≤ ${c.budgetMs} ms`, 'dist/webview/main.js missing: run the build'));
  }
  const server = await serveWebview(root, (url) => cases.find((c) => c.id === url.searchParams.get('cold'))?.snapshot);
  const { origin } = server;
  const browser = await launchChromium({ headless: true });
  const errors: string[] = [];
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const open = () => openReadyPage(context, origin, errors);
    // Warm-up: the browser's caches and code compilation of the bundle.
    const warm = await open();
    for (const c of cases) await post(warm, c.snapshot);
    await warm.close();

    const figures: Figure[] = [];
    const small = benchSnapshot('week', 13, 99);
    for (const c of cases) {
      const first: number[] = [];
      const firstHandler: number[] = [];
      const firstMark: number[] = [];
      const update: number[] = [];
      const frame: number[] = [];
      const updateHandler: number[] = [];
      const updateMark: number[] = [];
      const coldReady: number[] = [];
      const coldPainted: number[] = [];
      const coldSpan: number[] = [];
      let blanks = 0;
      for (let i = 0; i < runs; i++) {
        const page = await open();
        const r = await post(page, c.snapshot);
        first.push(r.ms);
        firstHandler.push(r.handlerMs);
        firstMark.push(r.markMs);
        if (r.blank) blanks++;
        await page.close();
      }
      for (let i = 0; i < Math.ceil(runs / 2); i++) {
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${origin}/?cold=${c.id}`);
        // Polled from here: waitForFunction's in-page polling evaluates strings, which the CSP forbids.
        let t: { ready?: number; posted?: number; painted?: number } = {};
        for (const until = Date.now() + 10_000; t.painted === undefined && Date.now() < until; ) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          t = (await page.evaluate('window.__cold')) as typeof t;
        }
        if (t.painted === undefined || t.posted === undefined || t.ready === undefined) {
          errors.push(`cold open ${c.id}: no chart painted within 10 s`);
          await page.close();
          continue;
        }
        coldReady.push(t.ready);
        coldPainted.push(t.painted);
        coldSpan.push(t.painted - t.posted);
        await page.close();
      }
      const page = await open();
      for (let i = 0; i < runs; i++) {
        await post(page, small); // every measured post is a real change of the chart
        const r = await post(page, c.snapshot);
        update.push(r.ms);
        updateHandler.push(r.handlerMs);
        updateMark.push(r.markMs);
        frame.push((await page.evaluate(FRAME_ONLY)) as number);
        if (r.blank) blanks++;
      }
      await page.close();
      const f = summarize(first);
      const u = summarize(update);
      // The machine may be loaded: the ratio to the single report's 60-day row, measured in the same run.
      const single = figures.find((g) => g.id === 'render.daily60');
      const ratio = c.id !== 'render.team12x60' || !single?.value ? undefined : f.median / single.value;
      figures.push({
        id: c.id,
        figure: `render ${c.label}: snapshot → chart painted (fresh webview; update)`,
        unit: 'ms',
        value: f.median,
        valueLabel: `${f.median.toFixed(1)} ms (update ${u.median.toFixed(1)} ms${ratio === undefined ? '' : `; ${ratio.toFixed(2)}× the 60-daily row`})`,
        range: [f.min, f.max],
        budget: `median ≤ ${c.budgetMs} ms`,
        pass: blanks === 0 && f.n === runs && u.n === runs && f.median <= c.budgetMs && u.median <= c.budgetMs,
        details: {
          ...(ratio === undefined ? {} : { ratioToDaily60FirstRender: ratio }),
          runs,
          firstRender: f,
          firstRenderHandlerMedianMs: median(firstHandler),
          firstRenderPaintedMarkMedianMs: median(firstMark),
          update: u,
          updateHandlerMedianMs: median(updateHandler),
          updatePaintedMarkMedianMs: median(updateMark),
          coldOpen: {
            runs: coldPainted.length,
            what: 'navigation → chart painted, the host answering ready at once (ms since navigation)',
            readyMedianMs: median(coldReady),
            paintedMedianMs: median(coldPainted),
            snapshotToPaintedMedianMs: median(coldSpan),
          },
          emptyFrameBaselineMedianMs: median(frame),
          blankCanvases: blanks,
          reducedMotion: true,
          viewport: '1200×900 @1x',
        },
      });
    }
    if (errors.length) for (const f of figures) f.details = { ...f.details, pageErrors: errors.slice(0, 5) };
    return figures;
  } finally {
    await browser.close();
    server.close();
  }
}
