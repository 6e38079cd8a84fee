// Helpers for the report-panel UI suites: find the report's webview, read what it shows (figures,
// table, canvas pixels), compute what the sandbox should have answered, and drive the real
// sign-in and New Report prompts. Node side only (Playwright); nothing here runs inside VS Code.
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { rawConversations, rawUsers, type RawConversation } from '../../src/sandbox/rawData';
import { localDate as calendarDayIn, plusDays } from '../unit/numbers/oracle';
import { findWebviewFrame, pickQuickItem, quickInput, runCommand, typeInQuickInput } from './workbench';

/** The time zone the extension counts periods in when `helpscout.timeZone` is empty. */
export const systemTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Polls `probe` until it returns a value for which `ok` holds; fails with the last value. */
export async function until<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError && last === undefined ? `error ${String(lastError)}` : JSON.stringify(last)?.slice(0, 600);
      throw new Error(`timed out waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}

/** The report webview whose document title is `title` (the saved report's name). */
export function findReportFrame(page: Page, title: string, options: { timeoutMs?: number } = {}): Promise<Frame> {
  return findWebviewFrame(
    page,
    async (frame) => (await frame.title()) === title && (await frame.locator('#app').count()) > 0,
    { timeoutMs: options.timeoutMs ?? 45_000 },
  );
}

export type PanelMode = 'loading' | 'error' | 'empty' | 'data';

/** The state the panel shows now (the class of its state slot, or data when the figures show). */
export function panelMode(frame: Frame): Promise<PanelMode | 'none'> {
  return frame.evaluate(() => {
    const figures = document.querySelector<HTMLElement>('#app .figures');
    if (figures && !figures.hidden && figures.querySelector('.figure')) return 'data';
    const slot = document.querySelector<HTMLElement>('#app .state-slot');
    if (!slot || slot.hidden) return 'none';
    for (const mode of ['error', 'empty', 'loading'] as const) if (slot.classList.contains(mode)) return mode;
    return 'none';
  });
}

export function waitForPanelMode(frame: Frame, mode: PanelMode, options: { timeoutMs?: number } = {}): Promise<PanelMode | 'none'> {
  return until(`the report panel to show its ${mode} state`, () => panelMode(frame), (m) => m === mode, { timeoutMs: options.timeoutMs ?? 60_000 });
}

export interface CanvasStats {
  width: number;
  height: number;
  /** Pixels with any alpha (the canvas background is transparent). */
  inked: number;
  /** Opaque pixels within ±8 per channel of the theme's `--vscode-charts-blue` (the current series). */
  currentSeries: number;
  /** `--vscode-charts-blue` as the webview resolves it. */
  seriesColor: string;
  /** The theme kind class on <body>. */
  bodyKind: string;
  dataUrl: string;
}

/** Reads the chart canvas's pixels (getImageData) and the theme colour it should be drawn in. */
export function chartStats(frame: Frame): Promise<CanvasStats | null> {
  return frame.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.chart-card .chart-box canvas');
    const card = document.querySelector<HTMLElement>('.chart-card');
    if (!canvas || !card || card.hidden || canvas.width === 0 || canvas.height === 0) return null;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    const probe = document.createElement('span');
    probe.style.color = getComputedStyle(document.body).getPropertyValue('--vscode-charts-blue').trim() || '#000';
    document.body.appendChild(probe);
    const seriesColor = getComputedStyle(probe).color;
    probe.remove();
    const [r, g, b] = (seriesColor.match(/[\d.]+/g) ?? ['0', '0', '0']).map(Number) as [number, number, number];
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    let currentSeries = 0;
    for (let i = 0; i < data.length; i += 4) {
      const a = data[i + 3]!;
      if (a === 0) continue;
      inked++;
      if (a > 240 && Math.abs(data[i]! - r) <= 8 && Math.abs(data[i + 1]! - g) <= 8 && Math.abs(data[i + 2]! - b) <= 8) currentSeries++;
    }
    const bodyKind = [...document.body.classList].find((c) => /^vscode-(light|dark|high-contrast(-light)?)$/.test(c)) ?? '';
    return { width: canvas.width, height: canvas.height, inked, currentSeries, seriesColor, bodyKind, dataUrl: canvas.toDataURL('image/png') };
  });
}

/**
 * Waits until the chart is painted — a real share of the canvas inked, the current series drawn
 * in the theme's colour — and has stopped changing (the entry animation is over). `notEqualTo`
 * waits for a repaint that differs from an earlier picture.
 */
export async function waitForPaintedChart(
  frame: Frame,
  options: { notEqualTo?: string; bodyKind?: string; timeoutMs?: number } = {},
): Promise<CanvasStats> {
  let previous: string | undefined;
  return until(
    'a painted, settled chart',
    () => chartStats(frame),
    (stats) => {
      if (!stats) return false;
      const settled = stats.dataUrl === previous;
      previous = stats.dataUrl;
      return (
        settled &&
        stats.inked > stats.width * stats.height * 0.005 &&
        stats.currentSeries >= 30 &&
        (options.notEqualTo === undefined || stats.dataUrl !== options.notEqualTo) &&
        (options.bodyKind === undefined || stats.bodyKind === options.bodyKind)
      );
    },
    { timeoutMs: options.timeoutMs ?? 45_000, intervalMs: 300 },
  ) as Promise<CanvasStats>;
}

export interface PanelFigures {
  current: number;
  previous: number | null;
  currentText: string;
  previousText: string | null;
  changeText: string | null;
  sentence: string;
}

/** Digits of a formatted whole number ("1,234", "1 234", "1.234") as a number. */
export function parseCount(text: string): number {
  const digits = text.replace(/[^\d]/g, '');
  assert.ok(digits.length > 0, `no number in “${text}”`);
  return Number(digits);
}

/** The headline cards as a person reads them. */
export async function readFigures(frame: Frame): Promise<PanelFigures> {
  // No named functions inside evaluate(): tsx's keepNames would reference a __name helper the page lacks.
  const raw = await frame.evaluate(() => ({
    current: document.querySelector('#app .figures .figure.current .figure-value')?.textContent?.trim() ?? null,
    previous: document.querySelector('#app .figures .figure.previous .figure-value')?.textContent?.trim() ?? null,
    change: document.querySelector('#app .figures .figure.change .figure-value')?.textContent?.trim() ?? null,
    sentence: document.querySelector('#app .summary-sentence')?.textContent ?? '',
  }));
  assert.ok(raw.current, 'the “Customers helped” card shows a value');
  return {
    current: parseCount(raw.current),
    previous: raw.previous === null ? null : parseCount(raw.previous),
    currentText: raw.current,
    previousText: raw.previous,
    changeText: raw.change,
    sentence: raw.sentence,
  };
}

/** Rows of the data table's body (one per bucket). */
export function tableBodyRows(frame: Frame): Promise<number> {
  return frame.locator('#app table.data-table tbody tr').count();
}

/** Clicks a toolbar button (a vscode-button) by its visible label, e.g. "Bar", "Week". */
export async function clickPanelButton(frame: Frame, label: string): Promise<void> {
  const button = frame.locator('#app vscode-button').filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).first();
  await button.waitFor({ state: 'visible', timeout: 20_000 });
  await button.click();
}

export interface ExpectedReport {
  current: number;
  previous: number | null;
  buckets: number;
}

// --- an independent recount ----------------------------------------------------------------------
// Written here on purpose, with Date and Intl only: the expected figures must not come from the
// code under test (src/core's resolver, the sandbox's engine). The sandbox's raw conversations are
// read as data (src/sandbox/rawData.ts) and counted with a naive loop.

/** The calendar day (yyyy-MM-dd) an instant falls on in a zone; `day` moved by n days (the tests' naive oracle). */
export { localDate as calendarDayIn, plusDays } from '../unit/numbers/oracle';

/** Every calendar day from `first` through `last`. */
export function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let d = first; d <= last; d = plusDays(d, 1)) days.push(d);
  return days;
}

/**
 * Unique customers per bucket of `size` consecutive days (1 = by day, 7 = by week from the first
 * day), counting the user's conversations up to `cutoffSeconds` whose local day in `zone` is in
 * the bucket.
 */
export function countByBuckets(conversations: readonly RawConversation[], days: readonly string[], size: 1 | 7, zone: string, cutoffSeconds = Infinity): number[] {
  const bucketOf = new Map<string, number>(days.map((d, i) => [d, Math.floor(i / size)]));
  const customers: Set<string>[] = Array.from({ length: Math.ceil(days.length / size) }, () => new Set<string>());
  for (const c of conversations) {
    if (c.epochSeconds > cutoffSeconds) continue;
    const bucket = bucketOf.get(calendarDayIn(c.epochSeconds * 1000, zone));
    if (bucket !== undefined) customers[bucket]!.add(c.customerEmail);
  }
  return customers.map((set) => set.size);
}

/**
 * Every answer the sample sandbox can have given for these days when it was started at some
 * second within [fromMs, toMs]: it keeps only conversations up to its start, so today's counts
 * grow with it.
 */
export function possibleReports(
  userId: number,
  days: { current: readonly string[]; previous?: readonly string[] },
  size: 1 | 7,
  zone: string,
  [fromMs, toMs]: [number, number],
): ExpectedReport[] {
  const conversations = rawConversations(userId, toMs);
  const from = Math.floor(fromMs / 1000);
  const cutoffs = [from, ...conversations.map((c) => c.epochSeconds).filter((t) => t > from && t <= toMs / 1000)];
  const seen = new Map<string, ExpectedReport>();
  for (const cutoff of cutoffs) {
    const sum = (list: readonly string[]) => countByBuckets(conversations, list, size, zone, cutoff).reduce((a, b) => a + b, 0);
    const report: ExpectedReport = {
      current: sum(days.current),
      previous: days.previous ? sum(days.previous) : null,
      buckets: Math.ceil(days.current.length / size),
    };
    seen.set(JSON.stringify(report), report);
  }
  return [...seen.values()];
}

/** The sandbox's demo user ("me") as the extension names it in sample queries. */
export function sampleMe(nowMs: number): { id: number; name: string } {
  const me = rawUsers(nowMs).find((u) => u.isMe)!;
  return { id: me.id, name: [me.firstName, me.lastName].filter(Boolean).join(' ') };
}

// --- the real prompts ----------------------------------------------------------------------------

/** Waits for the open quick input to show a prompt/message containing `text`. */
export async function waitForQuickInputMessage(page: Page, text: string | RegExp, timeoutMs = 20_000): Promise<void> {
  await quickInput(page).locator('.quick-input-message', { hasText: text }).first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Waits for the open QuickPick to show a placeholder starting with `text` (one step of a flow). */
export async function waitForQuickPickStep(page: Page, placeholderStart: string, timeoutMs = 30_000): Promise<void> {
  const escaped = placeholderStart.replace(/"/g, '\\"');
  await quickInput(page).locator(`input.input[placeholder^="${escaped}"]`).waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * "Help Scout: Sign In" through the real InputBoxes: App ID, then App Secret. Returns the secret
 * box's input type (it must be "password").
 */
export async function signInThroughUi(page: Page, appId: string, appSecret: string): Promise<{ secretInputType: string | null }> {
  await runCommand(page, 'Help Scout: Sign In');
  await waitForQuickInputMessage(page, 'App ID');
  await typeInQuickInput(page, appId, { submit: true });
  await waitForQuickInputMessage(page, 'App Secret');
  const input = quickInput(page).locator('input.input');
  const secretInputType = await input.getAttribute('type');
  await typeInQuickInput(page, appSecret, { submit: true });
  return { secretInputType };
}

/** Enter in a multi-select step, once its items are listed (Enter is ignored while it loads). */
async function acceptManyStep(page: Page, placeholderStart: string): Promise<void> {
  await waitForQuickPickStep(page, placeholderStart);
  await quickInput(page).locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
  await quickInput(page).locator('input.input').press('Enter');
}

/** The two date boxes of a custom range ("First day of the period", "Last day of …"). */
async function typeDateRange(page: Page, noun: string, range: { start: string; end: string }): Promise<void> {
  await waitForQuickInputMessage(page, `First day of ${noun}`);
  await typeInQuickInput(page, range.start, { submit: true });
  await waitForQuickInputMessage(page, `Last day of ${noun}`);
  await typeInQuickInput(page, range.end, { submit: true });
}

/**
 * "Help Scout: New Report" through the real QuickPick: the user whose label contains (or matches) `userText`,
 * then `period`, `comparison`, `viewBy` by label, no inbox/tag/type filters, and the suggested
 * name. Returns the name that was accepted.
 */
export async function createReportThroughQuickPick(
  page: Page,
  choice: {
    userText: string | RegExp;
    period?: string;
    customRange?: { start: string; end: string };
    comparison?: string;
    customComparison?: { start: string; end: string };
    viewBy?: string;
  },
): Promise<string> {
  // A flow left open by an earlier failure would swallow the palette.
  for (let i = 0; i < 5 && (await quickInput(page).isVisible()); i++) await page.keyboard.press('Escape');
  await runCommand(page, 'Help Scout: New Report');
  await waitForQuickPickStep(page, 'Whose customers?');
  const userRow = quickInput(page).locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: choice.userText }) }).first();
  await userRow.waitFor({ state: 'visible', timeout: 30_000 });
  await userRow.click();
  await waitForQuickPickStep(page, 'Which period?');
  if (choice.customRange) {
    await pickQuickItem(page, 'Custom range…');
    await typeDateRange(page, 'the period', choice.customRange);
  } else {
    await pickQuickItem(page, choice.period ?? 'Last 30 days');
  }
  await waitForQuickPickStep(page, 'Compare against?');
  if (choice.customComparison) {
    await pickQuickItem(page, 'Against a custom range…');
    await typeDateRange(page, 'the comparison period', choice.customComparison);
  } else {
    await pickQuickItem(page, choice.comparison ?? 'Compared with the previous period');
  }
  await waitForQuickPickStep(page, 'Show customers helped per');
  await pickQuickItem(page, choice.viewBy ?? 'By day');
  await acceptManyStep(page, 'Only some inboxes?');
  await acceptManyStep(page, 'Only conversations with some tags?');
  await acceptManyStep(page, 'Only some conversation types?');
  await waitForQuickInputMessage(page, 'Name this report');
  const input = quickInput(page).locator('input.input');
  const name = (await input.inputValue()).trim();
  assert.ok(name.length > 0, 'a name is suggested');
  await input.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden', timeout: 20_000 });
  return name;
}
