// Issue 12 in the real workbench with sample data: the report panel's Metric switch. Replies and
// Resolutions must show figures equal to a naive recount written here, over the sandbox's raw
// conversations (each with its replies and closing), not through the sandbox's engines.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { ReportQuery } from '../../src/core/query';
import { resolveQuery } from '../../src/core/resolve';
import { activeConversationsOf } from '../../src/sandbox/activity';
import { DEFAULT_SEED, getDataset } from '../../src/sandbox/dataset';
import { bucketStarts } from '../../src/sandbox/reportEngine';
import { clickActivityBarItem, editorTab, openWorkbench, screenshot, treeRows, waitForTreeRow, welcomeButton, type Workbench } from './workbench';
import { clickPanelButton, createReportThroughQuickPick, findReportFrame, readFigures, sampleMe, systemTimeZone, until, waitForPaintedChart, waitForPanelMode } from './reportPanel';

type Counted = 'replies' | 'resolutions';

/** Seconds since the epoch of a wire date, read by hand: yyyy-MM-ddTHH:mm:ssZ. */
function seconds(wire: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(wire);
  if (!m) throw new Error(`not a wire date: ${wire}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) / 1000;
}

/** The naive count over [start, end): replies sent then, or conversations closed then. */
function naive(what: Counted, userId: number, datasetNowMs: number, start: string, end: string): number {
  const from = seconds(start);
  const to = seconds(end);
  let n = 0;
  for (const c of activeConversationsOf(getDataset(DEFAULT_SEED, datasetNowMs), userId)) {
    if (what === 'replies' && c.epochSeconds >= from && c.epochSeconds < to) n += c.replies;
    if (what === 'resolutions' && c.closedAt !== null && c.closedAt >= from && c.closedAt < to) n++;
  }
  return n;
}

/** Every (current, previous) the sandbox can have answered, started at some second in [fromMs, toMs]. */
function possible(what: Counted, query: ReportQuery, nowMs: number, fromMs: number, toMs: number): Array<{ current: number; previous: number }> {
  const { params } = resolveQuery({ ...query, metric: what }, { now: nowMs, timeZone: systemTimeZone, weekStart: 'monday' });
  const userId = params.user!;
  const seen = new Map<string, { current: number; previous: number }>();
  for (let s = Math.floor(fromMs / 1000) * 1000; s <= toMs + 999; s += 1000) {
    const answer = { current: naive(what, userId, s, params.start, params.end), previous: naive(what, userId, s, params.previousStart!, params.previousEnd!) };
    seen.set(JSON.stringify(answer), answer);
  }
  return [...seen.values()];
}

/** Company customers helped, naively: per bucket, the distinct customer emails across all users. */
function naiveCompany(datasetNowMs: number, start: string, end: string): number {
  const dataset = getDataset(DEFAULT_SEED, datasetNowMs);
  const conversations = dataset.users.flatMap((u) => dataset.conversationsOf(u.id));
  const from = seconds(start);
  const to = seconds(end);
  const starts = bucketStarts(from, to, 'day', systemTimeZone);
  let total = 0;
  starts.forEach((s, i) => {
    const e = starts[i + 1] ?? to;
    total += new Set(conversations.filter((c) => c.epochSeconds >= s && c.epochSeconds < e).map((c) => c.customerEmail)).size;
  });
  return total;
}

describe('sample data: the metric switch', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let frame: Frame;
  let startedBetween: [number, number] = [0, 0];
  let query: ReportQuery;
  let reportName = '';
  /** The demo user's own customers-helped total, as their panel showed it. */
  let mine = 0;

  before(async () => {
    wb = await openWorkbench({ theme: 'Default Light Modern' });
  });
  after(async () => {
    await wb?.close();
  });

  it('opens the demo user\'s last 30 days, customers helped', async () => {
    const { page } = wb;
    await clickActivityBarItem(page, 'Help Scout');
    await welcomeButton(page, 'Try with sample data').waitFor({ state: 'visible', timeout: 30_000 });
    const clicked = Date.now();
    await welcomeButton(page, 'Try with sample data').click();
    const rows = await until('example reports', () => treeRows(page), (list) => list.length >= 4, { timeoutMs: 60_000 });
    startedBetween = [clicked - 1000, Date.now()];
    const me = sampleMe(startedBetween[0]);
    const mine = rows.find((row) => row.description.startsWith(`${me.name} · `) && /last 30 days/i.test(row.description) && /by day/i.test(row.description));
    assert.ok(mine, `the demo user's last 30 days: ${rows.map((r) => r.description).join(' | ')}`);
    reportName = mine.label;
    query = { metric: 'customersHelped', subject: { kind: 'user', userId: me.id, userName: me.name }, range: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousPeriodSameWeekdays' }, viewBy: 'day' }; // as sampleQueries.ts saves it
    await (await waitForTreeRow(page, reportName)).click();
    await editorTab(page, reportName).waitFor({ state: 'visible', timeout: 30_000 });
    frame = await findReportFrame(page, reportName);
    await waitForPanelMode(frame, 'data');
    await waitForPaintedChart(frame);
    const pressed = await frame.locator('#app vscode-button[aria-pressed="true"]', { hasText: 'Customers helped' }).count();
    assert.equal(pressed, 1, 'Customers helped is the pressed metric');
  });

  for (const [what, button, title, column] of [
    ['replies', 'Replies sent', 'Replies sent by day', 'Replies'],
    ['resolutions', 'Conversations resolved', 'Conversations resolved by day', 'Conversations'],
  ] as const) {
    it(`switching to ${button} shows it, with figures equal to a naive recount of the conversations`, async () => {
      await clickPanelButton(frame, button);
      await until(`the ${title} chart`, () => frame.locator('#app .chart-card .card-title').textContent(), (t) => t === title, { timeoutMs: 60_000 });
      await waitForPanelMode(frame, 'data');
      const figures = await readFigures(frame);
      const cardLabel = await frame.locator('#app .figures .figure.current .figure-label').textContent();
      assert.equal(cardLabel?.trim(), button);
      const header = await frame.locator('#app table.data-table thead th').nth(1).textContent();
      assert.ok((header ?? '').includes(column), `the table header names it: ${header}`);
      const candidates = possible(what, query, Date.now(), ...startedBetween);
      assert.ok(
        candidates.some((c) => c.current === figures.current && c.previous === figures.previous),
        `panel: ${figures.currentText} / ${figures.previousText}; naive recount: ${candidates.map((c) => `${c.current} / ${c.previous}`).join(' or ')}`,
      );
      assert.ok(figures.current > 0, 'the demo user has some in 30 days');
      await waitForPaintedChart(frame);
      await screenshot(wb.page, `metric-${what}`);
    });
  }

  it('switching back to Customers helped shows its cached figures at once', async () => {
    await clickPanelButton(frame, 'Customers helped');
    await until('the customers chart', () => frame.locator('#app .chart-card .card-title').textContent(), (t) => t === 'Customers helped by day', { timeoutMs: 30_000 });
    await waitForPanelMode(frame, 'data');
    mine = (await readFigures(frame)).current;
  });

  it('"Everyone (whole company)" is the first choice of the New Report flow and shows the company series', async () => {
    const { page } = wb;
    const name = await createReportThroughQuickPick(page, { userText: 'Everyone (whole company)' });
    assert.match(name, /^Everyone \(whole company\) · /);
    const row = await waitForTreeRow(page, name);
    const description = (await treeRows(page)).find((r) => r.label === name)?.description ?? '';
    assert.match(description, /^Everyone \(whole company\) · /);
    await row.click();
    await editorTab(page, name).waitFor({ state: 'visible', timeout: 30_000 });
    const companyFrame = await findReportFrame(page, name);
    await waitForPanelMode(companyFrame, 'data');
    const figures = await readFigures(companyFrame);
    // The flow's default comparison (createReportThroughQuickPick): the previous period.
    const company: ReportQuery = { ...query, subject: { kind: 'company' }, comparison: { kind: 'previousPeriod' } };
    const { params } = resolveQuery(company, { now: Date.now(), timeZone: systemTimeZone, weekStart: 'monday' });
    assert.equal(params.user, undefined, 'no user is sent for the company');
    const seen = new Set<string>();
    for (let s = Math.floor(startedBetween[0] / 1000) * 1000; s <= startedBetween[1] + 999; s += 1000) {
      seen.add(`${naiveCompany(s, params.start, params.end)} / ${naiveCompany(s, params.previousStart!, params.previousEnd!)}`);
    }
    assert.ok(seen.has(`${figures.current} / ${figures.previous}`), `panel: ${figures.currentText} / ${figures.previousText}; naive: ${[...seen].join(' or ')}`);
    const me = sampleMe(startedBetween[0]);
    assert.ok(figures.current > mine, `the company (${figures.current}) helped more than ${me.name} alone (${mine})`);
    // Only customers helped exists company-wide: no metric switch.
    assert.equal(await companyFrame.locator('#app vscode-button', { hasText: 'Replies sent' }).count(), 0);
    await waitForPaintedChart(companyFrame);
    await screenshot(page, 'metric-company');
  });
});
