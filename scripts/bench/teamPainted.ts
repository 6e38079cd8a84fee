// A team report until everything is PAINTED (issue 12): 12 people, the last 30 days by day with
// the previous period, against the in-process sandbox with 100 ms latency, as a ratio to
// ceil(12/4) × latency.
//
// Each run: a sandbox and client of their own (team.ts's startTeamRun: signed in, one warm-up
// report), and a fresh webview page (render.ts's: the production bundle in the host's own HTML and
// CSP, headless Chromium) that has said `ready`. Then t0, and what the host runs for a team panel
// (ReportPanel.load): the extension's ReportService.fetch (its team path: panel/team.ts loadTeam,
// 4 at a time, the cache write), with buildSnapshot posting a COMPLETE snapshot to the page first
// (loading), at every progress step (loading with team.progress) and when the data is in (ready).
// Posts are not awaited, as webview.postMessage is not. The clock stops at the first painted frame
// of the ready snapshot (its `helpscout-rendered`, a requestAnimationFrame, a MessageChannel hop:
// render.ts's clock), which must show 12 legend entries and a non-blank canvas.
//
// The page's painted moment is read on its own clock (performance.timeOrigin + now) and brought to
// node's by an offset measured before t0 (the round trip with the smallest spread of a few), so no
// reporting hop is counted; the offset's uncertainty is in the details.
import type { Page } from 'playwright-core';
import { silentLogger } from '../../src/core/logger';
import type { SavedQuery } from '../../src/core/query';
import type { TeamProgress } from '../../src/core/teamReport';
import { buildSnapshot, type ReportData, type SnapshotContext } from '../../src/extension/snapshot';
import type { HostToWebview } from '../../src/protocol';
import { sampleReportService } from '../../test/support/sampleReportService';
import { launchChromium } from '../vscode/chromium';
import { benchTeamSnapshot, CANVAS_IS_BLANK, openReadyPage, post, serveWebview, VIEWPORT } from './render';
import { max, median, min, notMeasured, type Figure } from './stats';
import { startTeamRun } from './team';
import * as fs from 'node:fs';
import * as path from 'node:path';

const PEOPLE = 12;
const LATENCY_MS = 100;
const CONCURRENCY = 4;
const LEAST_MS = Math.ceil(PEOPLE / CONCURRENCY) * LATENCY_MS;
const ID = 'team.painted12';
const FIGURE = `team report: ${PEOPLE} people, last 30 days by day + previous, ${LATENCY_MS} ms latency (until painted / least)`;
const BUDGET = '≤ 1.3 × ceil(12/4) × latency (median)';

/** Epoch ms with sub-ms precision, on the same footing as the page's. */
const nodeNow = (): number => performance.timeOrigin + performance.now();

/**
 * In-page, armed before t0: resolves at the first painted frame after a render whose legend shows
 * `people` people (only the ready snapshot has people: the loading ones come before any data).
 */
const ARM_PAINTED = `(people) => {
  let renders = 0;
  const renderMs = [];
  window.__arrived = [];
  window.__teamPainted = new Promise((resolve) => {
    const timeout = setTimeout(() => resolve({ paintedAt: NaN, renderedAt: NaN, arrivedAt: NaN, renders, renderMs, legend: 0, blank: true, progressShown: true }), 15000);
    const onRendered = (event) => {
      renders++;
      renderMs.push(event.detail.renderedMs);
      const legend = document.querySelectorAll('[data-testid="team-legend"] button[data-user-id]').length;
      if (legend < people) return;
      document.removeEventListener('helpscout-rendered', onRendered);
      const rendersAtReady = renders;
      const renderedAt = performance.timeOrigin + performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const paintedAt = performance.timeOrigin + performance.now();
          clearTimeout(timeout);
          const progress = document.querySelector('[data-testid="team-progress"]');
          resolve({ paintedAt, renderedAt, arrivedAt: window.__arrived.at(-1), renders: rendersAtReady, renderMs, legend, blank: (${CANVAS_IS_BLANK})(), progressShown: !!progress && !progress.hidden });
        };
        channel.port2.postMessage(0);
      });
    };
    document.addEventListener('helpscout-rendered', onRendered);
  });
}`;

interface Painted {
  /** Page clock (epoch ms): the ready snapshot's post reached the page; its render ended; its frame was painted. */
  arrivedAt: number;
  renderedAt: number;
  paintedAt: number;
  renders: number;
  /** Each snapshot's render (the webview's handler, `helpscout-rendered` detail), in order. */
  renderMs: number[];
  legend: number;
  blank: boolean;
  progressShown: boolean;
}

interface Run {
  /** t0 → the ready snapshot's first painted frame. */
  paintedMs: number;
  /** t0 → ReportService.fetch resolved (every person's data in). */
  dataInMs: number;
  /** t0 → the ready snapshot built and handed to the page. */
  readyPostedMs: number;
  /** t0 → the ready snapshot's post reached the page; → its render (the webview's handler) ended. */
  readyArrivedMs: number;
  readyRenderedMs: number;
  posted: number;
  /** This process's CPU time (user + system) from t0 to data in: sandbox, client, snapshots, Playwright. */
  cpuToDataInMs: number;
  painted: Painted;
  clockSpreadMs: number;
  roundTripsMs: number[];
  failed: number;
  rateLimitedSent: number;
}

/** page clock − node clock, from the quickest of a few round trips; and half that round trip. */
async function clockOffset(page: Page): Promise<{ offset: number; spread: number }> {
  let best = { offset: 0, spread: Infinity };
  for (let i = 0; i < 7; i++) {
    const before = nodeNow();
    const inPage = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const after = nodeNow();
    if ((after - before) / 2 < best.spread) best = { offset: inPage - (before + after) / 2, spread: (after - before) / 2 };
  }
  return best;
}

async function runOnce(openPage: () => Promise<Page>): Promise<Run> {
  const setup = await startTeamRun({ people: PEOPLE, latencyMs: LATENCY_MS });
  const page = await openPage();
  try {
    // The extension's ReportService, in sample mode, with an in-memory globalState.
    const reports = sampleReportService(setup.client, silentLogger, setup.context);
    const now = new Date().toISOString();
    const saved: SavedQuery = { id: 'bench-team-painted', name: `Bench · ${PEOPLE} people`, query: setup.query, createdAt: now, updatedAt: now };
    const context: SnapshotContext = { locale: 'en', timeZone: 'UTC', sampleData: true };
    const posts: Promise<unknown>[] = [];
    // ReportPanel.post(): a complete snapshot each time, handed over without waiting.
    const postSnapshot = (s: { data?: ReportData; loading: boolean; progress?: TeamProgress }): void => {
      const message: HostToWebview = { type: 'snapshot', snapshot: buildSnapshot(saved, context, { ...s, resolved: s.data?.resolved ?? reports.resolve(saved) }) };
      posts.push(page.evaluate(`window.__arrived.push(performance.timeOrigin + performance.now()); window.postMessage(${JSON.stringify(message)}, '*')`));
    };

    const { offset, spread } = await clockOffset(page);
    await page.evaluate(`(${ARM_PAINTED})(${PEOPLE})`);
    setup.begin();
    const cpu = process.cpuUsage();
    const t0 = nodeNow();
    postSnapshot({ loading: true });
    const data = await reports.fetch(saved, undefined, (progress) => postSnapshot({ loading: true, progress }));
    const dataIn = nodeNow();
    const used = process.cpuUsage(cpu);
    postSnapshot({ data, loading: false });
    const readyPosted = nodeNow();
    await Promise.all(posts);
    const painted = (await page.evaluate('window.__teamPainted')) as Painted;
    return {
      paintedMs: painted.paintedAt - offset - t0,
      dataInMs: dataIn - t0,
      readyPostedMs: readyPosted - t0,
      readyArrivedMs: painted.arrivedAt - offset - t0,
      readyRenderedMs: painted.renderedAt - offset - t0,
      posted: posts.length,
      cpuToDataInMs: (used.user + used.system) / 1000,
      painted,
      clockSpreadMs: spread,
      roundTripsMs: setup.roundTripsMs,
      failed: data.team?.people.filter((p) => p.error !== undefined).length ?? PEOPLE,
      rateLimitedSent: setup.sandbox.stats.rateLimited,
    };
  } finally {
    await page.close();
    await setup.sandbox.close();
  }
}

export async function measureTeamPainted(root: string, options: { runs: number }): Promise<Figure> {
  if (!fs.existsSync(path.join(root, 'dist', 'webview', 'main.js'))) return notMeasured(ID, FIGURE, BUDGET, 'dist/webview/main.js missing: run the build');
  const server = await serveWebview(root);
  const browser = await launchChromium({ headless: true });
  const errors: string[] = [];
  try {
    const browserContext = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const openPage = () => openReadyPage(browserContext, server.origin, errors);
    // Warm-up: the browser's caches and code compilation of the bundle (as render.ts does).
    const warm = await openPage();
    await post(warm, benchTeamSnapshot(PEOPLE, 30));
    await warm.close();

    const runs: Run[] = [];
    for (let i = 0; i < options.runs; i++) runs.push(await runOnce(openPage));
    const ratios = runs.map((r) => r.paintedMs / LEAST_MS);
    const ratio = median(ratios);
    const paintedMs = median(runs.map((r) => r.paintedMs));
    const dataInMs = median(runs.map((r) => r.dataInMs));
    const afterData = runs.map((r) => r.paintedMs - r.dataInMs);
    const complete = runs.every((r) => Number.isFinite(r.paintedMs) && !r.painted.blank && r.painted.legend === PEOPLE && !r.painted.progressShown && r.painted.renders === r.posted);
    const failed = runs.reduce((n, r) => n + r.failed, 0);
    const rateLimited = runs.reduce((n, r) => n + r.rateLimitedSent, 0);
    const roundTrips = runs.flatMap((r) => r.roundTripsMs);
    return {
      id: ID,
      figure: FIGURE,
      unit: '×',
      value: ratio,
      range: [min(ratios), max(ratios)],
      valueLabel: `${ratio.toFixed(3)}× (${paintedMs.toFixed(0)} ms / ${LEAST_MS} ms; data in ${dataInMs.toFixed(0)} ms, painting +${median(afterData).toFixed(0)} ms; median of ${runs.length}, first run ${ratios[0]!.toFixed(3)}×; people failed ${failed})`,
      budget: BUDGET,
      pass: complete && failed === 0 && ratio <= 1.3,
      details: {
        leastMs: LEAST_MS,
        ratios,
        paintedMs: runs.map((r) => r.paintedMs),
        dataInMs: runs.map((r) => r.dataInMs),
        // Data in → painted, step by step: the ready snapshot built (buildSnapshot) and handed to
        // Playwright; its post reached the page (CDP, the JSON parsed); the webview rendered it
        // (message dispatch + handler); its frame painted.
        readyPostedAfterDataMs: runs.map((r) => r.readyPostedMs - r.dataInMs),
        readyArrivedAfterPostMs: runs.map((r) => r.readyArrivedMs - r.readyPostedMs),
        readyRenderedAfterArrivalMs: runs.map((r) => r.readyRenderedMs - r.readyArrivedMs),
        paintedAfterRenderMs: runs.map((r) => r.paintedMs - r.readyRenderedMs),
        // Data in → painted: building and posting the ready snapshot, the page's render, its frame.
        paintedAfterDataMs: afterData,
        paintedAfterDataMedianMs: median(afterData),
        // The page's main thread: rendering the loading snapshots (while the data comes in), then the ready one.
        loadingRendersMs: runs.map((r) => r.painted.renderMs.slice(0, -1).reduce((a, b) => a + b, 0)),
        readyRenderMs: runs.map((r) => r.painted.renderMs.at(-1) ?? NaN),
        snapshotsPosted: runs.map((r) => r.posted),
        snapshotsRendered: runs.map((r) => r.painted.renders),
        legendEntries: runs.map((r) => r.painted.legend),
        blankCanvases: runs.filter((r) => r.painted.blank).length,
        progressStillShown: runs.filter((r) => r.painted.progressShown).length,
        clockOffsetSpreadMs: runs.map((r) => r.clockSpreadMs),
        nodeCpuToDataInMedianMs: median(runs.map((r) => r.cpuToDataInMs)),
        roundTripMedianMs: median(roundTrips),
        roundTripMaxMs: max(roundTrips),
        rateLimitedSentBySandbox: rateLimited,
        peopleFailed: failed,
        ...(errors.length ? { pageErrors: errors.slice(0, 5) } : {}),
        reducedMotion: true,
        viewport: '1200×900 @1x',
      },
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (require.main === module) {
  void measureTeamPainted(path.resolve(__dirname, '..', '..'), { runs: 5 }).then((f) => {
    console.log(`${f.figure}: ${f.valueLabel} — ${f.pass ? 'pass' : 'FAIL'}`);
    console.log(JSON.stringify(f.details, null, 1));
  });
}
