// Issue 12 in the real workbench with sample data: the report panel's Metric switch. Replies and
// Resolutions must show figures equal to a naive recount written here, over the sandbox's raw
// conversations (each with its replies and closing), not through the sandbox's engines.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { ReportQuery } from '../../src/core/query';
import { activeConversationsOf } from '../../src/sandbox/activity';
import { DEFAULT_SEED, getDataset } from '../../src/sandbox/dataset';
import { clickActivityBarItem, openFromTree, openWorkbench, screenshot, treeRows, waitForTreeRow, welcomeButton, type Workbench } from './workbench';
import {
  calendarDayIn, clickPanelButton, createReportThroughQuickPick, daysFrom, findReportFrame, plusDays, readFigures, sampleMe, systemTimeZone,
  until, waitForPaintedChart, waitForPanelMode,
} from './reportPanel';

type Counted = 'replies' | 'resolutions';

/** The calendar days (in the zone the extension counts in) of a last-30-days report and its comparison, worked out by hand. */
function lastThirtyDays(previous: 'sameWeekdays' | 'justBefore'): { current: Set<string>; previous: Set<string> } {
  const today = calendarDayIn(Date.now(), systemTimeZone);
  // Same weekdays: 35 days earlier, the fewest whole weeks that clear 30 days; just before: 30 earlier.
  const back = previous === 'sameWeekdays' ? 35 : 30;
  return {
    current: new Set(daysFrom(plusDays(today, -29), today)),
    previous: new Set(daysFrom(plusDays(today, -29 - back), plusDays(today, -back))),
  };
}

const dayOf = (epochSeconds: number) => calendarDayIn(epochSeconds * 1000, systemTimeZone);

/** The naive count over some calendar days: replies sent on them, or conversations closed on them. */
function naive(what: Counted, userId: number, datasetNowMs: number, days: ReadonlySet<string>): number {
  let n = 0;
  for (const c of activeConversationsOf(getDataset(DEFAULT_SEED, datasetNowMs), userId)) {
    if (what === 'replies' && days.has(dayOf(c.epochSeconds))) n += c.replies;
    if (what === 'resolutions' && c.closedAt !== null && days.has(dayOf(c.closedAt))) n++;
  }
  return n;
}

/** Every (current, previous) the sandbox can have answered, started at some second in [fromMs, toMs]. */
function possible(what: Counted, userId: number, fromMs: number, toMs: number): Array<{ current: number; previous: number }> {
  const days = lastThirtyDays('sameWeekdays');
  const seen = new Map<string, { current: number; previous: number }>();
  for (let s = Math.floor(fromMs / 1000) * 1000; s <= toMs + 999; s += 1000) {
    const answer = { current: naive(what, userId, s, days.current), previous: naive(what, userId, s, days.previous) };
    seen.set(JSON.stringify(answer), answer);
  }
  return [...seen.values()];
}

/** Company customers helped, naively: per calendar day, the distinct customer emails across all users. */
function naiveCompany(datasetNowMs: number, days: ReadonlySet<string>): number {
  const dataset = getDataset(DEFAULT_SEED, datasetNowMs);
  const perDay = new Map<string, Set<string>>();
  for (const c of dataset.users.flatMap((u) => dataset.conversationsOf(u.id))) {
    const day = dayOf(c.epochSeconds);
    if (!days.has(day)) continue;
    if (!perDay.has(day)) perDay.set(day, new Set());
    perDay.get(day)!.add(c.customerEmail);
  }
  return [...perDay.values()].reduce((sum, emails) => sum + emails.size, 0);
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
    // The sample report (sampleQueries.ts): last 30 days by day against the same weekdays before.
    query = { metric: 'customersHelped', subject: { kind: 'user', userId: me.id, userName: me.name }, range: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousPeriodSameWeekdays' }, viewBy: 'day' };
    await openFromTree(page, reportName);
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
      const candidates = possible(what, query.subject.kind === 'user' ? query.subject.userId : -1, ...startedBetween);
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
    await waitForTreeRow(page, name);
    const description = (await treeRows(page)).find((r) => r.label === name)?.description ?? '';
    assert.match(description, /^Everyone \(whole company\) · /);
    await openFromTree(page, name);
    const companyFrame = await findReportFrame(page, name);
    await waitForPanelMode(companyFrame, 'data');
    const figures = await readFigures(companyFrame);
    // New Report's defaults: last 30 days against the 30 just before.
    const days = lastThirtyDays('justBefore');
    const seen = new Set<string>();
    for (let s = Math.floor(startedBetween[0] / 1000) * 1000; s <= startedBetween[1] + 999; s += 1000) {
      seen.add(`${naiveCompany(s, days.current)} / ${naiveCompany(s, days.previous)}`);
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
