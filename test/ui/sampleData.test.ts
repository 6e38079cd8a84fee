// Issue 3 and issue 4 as a person meets them: a fresh profile, the Help Scout view's welcome,
// "Try with sample data", the example reports, one opened in the report panel; then what the
// panel shows (figures equal to the sandbox's own totals, a painted chart, one table row per
// bucket, Line/Bar, View by), the chart in dark and high-contrast themes, the webview's CSP, and
// the panel coming back after "Developer: Reload Window".
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import {
  clickActivityBarItem, editorTab, openFromTree, openWorkbench, reloadWindow, screenshot, setTheme, treeRows,
  welcomeButton, type Workbench,
} from './workbench';
import {
  calendarDayIn, clickPanelButton, daysFrom, findReportFrame, plusDays, possibleReports, readFigures, sampleMe,
  systemTimeZone, tableBodyRows, until, waitForPaintedChart, waitForPanelMode, type CanvasStats,
} from './reportPanel';

/**
 * Last 30 days through today, and the 30 days on the same weekdays before: 35 days earlier
 * (the fewest whole weeks that clear 30 days). Worked out here, not by the extension's resolver.
 */
function lastThirtyDays(): { current: string[]; previous: string[] } {
  const today = calendarDayIn(Date.now(), systemTimeZone);
  return { current: daysFrom(plusDays(today, -29), today), previous: daysFrom(plusDays(today, -64), plusDays(today, -35)) };
}

describe('sample data: first run, report panel, themes, CSP, reload', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let frame: Frame;
  /** When "Try with sample data" was clicked and when its reports were listed: the sandbox started in between. */
  let sandboxStartedBetween: [number, number] = [0, 0];
  let reportName = '';
  let userId = 0;
  const pictures: Record<string, CanvasStats> = {};

  before(async () => {
    wb = await openWorkbench({ theme: 'Default Light Modern' });
  });
  after(async () => {
    await wb?.close();
  });

  it('offers sign-in and sample data in the welcome view, then lists the example reports', async () => {
    const { page } = wb;
    await clickActivityBarItem(page, 'Help Scout');
    const welcome = page.locator('.part.sidebar .welcome-view-content');
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    await welcomeButton(page, 'Sign in to Help Scout').waitFor({ state: 'visible' });
    await welcomeButton(page, 'Try with sample data').waitFor({ state: 'visible' });
    await screenshot(page, 'sample-welcome');

    const clicked = Date.now();
    await welcomeButton(page, 'Try with sample data').click();
    // The first row is the account row ("Sample data"); the example reports follow it.
    const allRows = await until('three example reports in Saved Reports', () => treeRows(page), (list) => list.length >= 4, { timeoutMs: 60_000 });
    assert.equal(allRows[0]?.label, 'Sample data', 'the first row says it is sample data');
    const rows = allRows.slice(1);
    sandboxStartedBetween = [clicked - 1000, Date.now()];

    for (const row of rows) {
      assert.ok(row.label.length > 0, 'each row has a name');
      assert.ok(row.description.length > 0, `“${row.label}” has a description`);
      assert.match(row.ariaLabel, /sample data/, `“${row.label}” is announced as sample data`);
    }
    // The view says it is sample data. (The view's description "Sample data" sits in the pane
    // header, which VS Code hides while the container has a single view; the visible wording is
    // the view message above the tree.)
    const sidebar = page.locator('.part.sidebar');
    await sidebar.getByText(/Sample data/).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await welcome.isVisible(), false, 'the welcome content is gone once reports are listed');

    // The demo user's last 30 days by day, against the previous period on the same weekdays (see
    // sampleQueries.ts); found by what its row says rather than by its name, which may change.
    const me = sampleMe(sandboxStartedBetween[0]);
    const mine = rows.find((row) => row.description.startsWith(`${me.name} · `) && /last 30 days/i.test(row.description) && /previous period/i.test(row.description) && /by day/i.test(row.description));
    assert.ok(mine, `an example of ${me.name}'s last 30 days by day is listed: ${rows.map((r) => `${r.label} — ${r.description}`).join(' | ')}`);
    assert.match(mine.description, /same weekdays/, 'the 30 days are compared with the 30 on the same weekdays');
    reportName = mine.label;
    userId = me.id;
    await screenshot(page, 'sample-reports');
  });

  it('opens a report from the tree in an editor tab named after it, with a painted chart', async () => {
    const { page } = wb;
    assert.ok(reportName, 'the previous test found the report');
    await openFromTree(page, reportName);
    frame = await findReportFrame(page, reportName);
    await waitForPanelMode(frame, 'data');
    pictures.light = await waitForPaintedChart(frame, { bodyKind: 'vscode-light' });
    await screenshot(page, 'sample-report-opened');
  });

  it('shows headline figures equal to the sandbox totals and one table row per day', async () => {
    const figures = await readFigures(frame);
    const candidates = possibleReports(userId, lastThirtyDays(), 1, systemTimeZone, sandboxStartedBetween);
    const match = candidates.find((c) => c.current === figures.current && c.previous === figures.previous);
    assert.ok(
      match,
      `panel shows current ${figures.currentText} / previous ${figures.previousText}; the sandbox computes ${candidates.map((c) => `${c.current} / ${c.previous}`).join(' or ')}`,
    );
    assert.equal(match.buckets, 30, 'last 30 days by day has 30 buckets');
    assert.equal(await tableBodyRows(frame), match.buckets, 'the table has one row per bucket');
    const footer = (await frame.locator('#app table.data-table tfoot').innerText()).replace(/\s+/g, ' ');
    assert.ok(footer.includes(figures.currentText), `the totals row (${footer}) repeats ${figures.currentText}`);
    assert.ok(figures.sentence.includes(figures.currentText), `the summary sentence states the total: ${figures.sentence}`);
  });

  it('switches Line/Bar and View by week, re-rendering chart and table', async () => {
    const { page } = wb;
    const line = await waitForPaintedChart(frame);
    await clickPanelButton(frame, 'Bar');
    await until('the Bar button pressed', () => frame.locator('#app vscode-button', { hasText: /^\s*Bar\s*$/ }).getAttribute('aria-pressed'), (v) => v === 'true');
    const bar = await waitForPaintedChart(frame, { notEqualTo: line.dataUrl });
    assert.notEqual(bar.dataUrl, line.dataUrl, 'the bar chart is a different picture');
    await screenshot(page, 'sample-report-bar');
    await clickPanelButton(frame, 'Line');
    await waitForPaintedChart(frame, { notEqualTo: bar.dataUrl });

    const days = await tableBodyRows(frame);
    await clickPanelButton(frame, 'Week');
    const weekly = possibleReports(userId, lastThirtyDays(), 7, systemTimeZone, sandboxStartedBetween);
    await until('the weekly table', async () => ({
      rows: await tableBodyRows(frame),
      title: await frame.locator('#app .chart-card .card-title').textContent(),
    }), (v) => v.title === 'Customers helped by week' && v.rows === weekly[0]!.buckets, { timeoutMs: 60_000 });
    assert.ok(weekly[0]!.buckets < days, `fewer rows by week (${weekly[0]!.buckets}) than by day (${days})`);
    await waitForPanelMode(frame, 'data');
    const figures = await readFigures(frame);
    assert.ok(weekly.some((c) => c.current === figures.current && c.previous === figures.previous),
      `weekly figures ${figures.currentText} / ${figures.previousText} match the sandbox: ${weekly.map((c) => `${c.current} / ${c.previous}`).join(' or ')}`);
    pictures.light = await waitForPaintedChart(frame, { bodyKind: 'vscode-light' });
    await screenshot(page, 'panel-light');
  });

  it('repaints the chart in the dark and high-contrast themes', async () => {
    const { page } = wb;
    await setTheme(page, 'Default Dark Modern');
    pictures.dark = await waitForPaintedChart(frame, { bodyKind: 'vscode-dark', notEqualTo: pictures.light!.dataUrl });
    await screenshot(page, 'panel-dark');
    await setTheme(page, 'Default High Contrast');
    pictures.hc = await waitForPaintedChart(frame, { bodyKind: 'vscode-high-contrast', notEqualTo: pictures.dark.dataUrl });
    await screenshot(page, 'panel-hc');

    const light = pictures.light!;
    const { dark, hc } = pictures;
    assert.notEqual(light.seriesColor, dark.seriesColor, 'the current series uses the dark theme\'s blue');
    for (const [name, stats] of Object.entries({ light, dark, hc })) {
      assert.ok(stats.currentSeries >= 30, `${name}: the current series is drawn in ${stats.seriesColor} (${stats.currentSeries} px)`);
    }
    console.log(`      series colours: light ${light.seriesColor}, dark ${dark.seriesColor}, hc ${hc.seriesColor}`);
  });

  it('blocks an inline script injected into the report webview, and its CSP allows no unsafe-*', async () => {
    const result = await frame.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      w.__helpscoutInjected = false;
      w.__helpscoutHandler = false;
      const violations: string[] = [];
      const violated = new Promise<void>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => {
          violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
          resolve();
        });
      });
      const script = document.createElement('script');
      script.textContent = 'window.__helpscoutInjected = true;';
      document.body.appendChild(script);
      const img = document.createElement('img');
      img.setAttribute('src', 'data:,not-an-image');
      img.setAttribute('onerror', 'window.__helpscoutHandler = true');
      document.body.appendChild(img);
      const timedOut = await Promise.race([violated.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5000))]);
      // Give the inline handler (which would run on the image's error event) its chance.
      await new Promise<void>((resolve) => {
        if (img.complete) resolve();
        else img.addEventListener('error', () => resolve(), { once: true });
        setTimeout(resolve, 2000);
      });
      script.remove();
      img.remove();
      const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null;
      return { injected: w.__helpscoutInjected, handler: w.__helpscoutHandler, violations, timedOut, meta };
    });
    assert.equal(result.injected, false, 'the injected inline script did not run');
    assert.equal(result.handler, false, 'the inline onerror handler did not run');
    assert.equal(result.timedOut, false, 'a securitypolicyviolation event fired');
    assert.ok(result.violations.some((v) => v.startsWith('script-src')), `violations: ${result.violations.join('; ')}`);
    assert.ok(result.meta, 'the document has a CSP meta tag');
    assert.doesNotMatch(result.meta, /unsafe-inline|unsafe-eval/, `CSP: ${result.meta}`);
    assert.match(result.meta, /default-src 'none'/, `CSP: ${result.meta}`);
    assert.match(result.meta, /script-src 'nonce-[^']+'/, `CSP: ${result.meta}`);
  });

  it('brings the report panel back after Developer: Reload Window', async () => {
    const { page } = wb;
    await reloadWindow(page);
    await editorTab(page, reportName).waitFor({ state: 'visible', timeout: 60_000 });
    frame = await findReportFrame(page, reportName, { timeoutMs: 60_000 });
    await waitForPanelMode(frame, 'data');
    const stats = await waitForPaintedChart(frame);
    assert.ok(stats.currentSeries >= 30);
    await screenshot(page, 'sample-after-reload');
  });
});
