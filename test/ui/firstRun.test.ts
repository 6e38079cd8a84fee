// Issue 14 as a new user meets it, in the real workbench against a sandbox account with 57 users
// and an inbox without folders: three Enters to a first report, the steps that have nothing to
// offer, names in natural order, the report panel by keyboard, and at 640 and 340 px.
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { INBOX_WITHOUT_FOLDERS } from '../../src/sandbox/largeCompany';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/server';
import { naiveNaturalSort } from '../support/naturalSort';
import { clickActivityBarItem, editorTab, pickQuickItem, quickInput, runCommand, screenshot, setTheme, type Workbench } from './workbench';
import { enterWhenListed, findReportFrame, signedInWorkbench, until, waitForPaintedChart, waitForPanelMode, waitForQuickPickStep } from './reportPanel';

/** Every row label of the open QuickPick, read while paging through its virtualised list. */
async function allQuickPickLabels(page: Page): Promise<string[]> {
  const input = quickInput(page).locator('input.input');
  const seen = new Map<number, string>();
  let unchanged = 0;
  for (let round = 0; round < 40 && unchanged < 3; round++) {
    const before = seen.size;
    for (const row of await quickInput(page).locator('.monaco-list-row').all()) {
      const index = Number(await row.getAttribute('data-index'));
      const label = ((await row.locator('.label-name').first().innerText()) ?? '').trim();
      if (Number.isFinite(index)) seen.set(index, label);
    }
    unchanged = seen.size === before ? unchanged + 1 : 0;
    await input.press('PageDown');
    await page.waitForTimeout(150);
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, label]) => label);
}


async function activeElementText(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active && active !== document.body ? `${active.tagName.toLowerCase()}:${(active.textContent ?? '').trim()}` : 'body';
  });
}

/** Elements whose text is cut off: wider or taller inside than the box they are drawn in. */
function clippedText(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const out: string[] = [];
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth + 1) out.push(`page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth}`);
    const selectors = ['.summary-sentence', '.figure', '.data-table caption', '.data-table th', '.data-table td', '.table-scroll'];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selectors.join(',')))) {
      if (element.offsetParent === null) continue; // not displayed (a dropped column)
      if (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1) {
        out.push(`${element.tagName.toLowerCase()}.${element.className}: ${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight} “${(element.textContent ?? '').slice(0, 40)}”`);
      }
    }
    const table = document.querySelector('.data-table');
    const card = document.querySelector('.table-card');
    if (table && card && table.getBoundingClientRect().right > card.getBoundingClientRect().right + 1) out.push('the table is wider than its card');
    return out;
  });
}

describe('first run: three Enters to a report, honest steps, keyboard and narrow widths', function () {
  this.timeout(300_000);
  let sandbox: Sandbox;
  // The sandbox reads its plan on every request: 'free' later turns reports into 403s.
  const sandboxOptions: SandboxOptions = { port: 0, rateLimitPerMinute: 0, largeCompany: true, plan: 'plus' };
  let wb: Workbench;
  let page: Page;
  let reportName = '';
  let frame: Frame;

  before(async () => {
    ({ sandbox, wb, page } = await signedInWorkbench(sandboxOptions));
  });
  after(async () => {
    await wb?.close();
    await sandbox?.close();
  });
  afterEach(async () => {
    // A prompt left open by a failed test would swallow the next one's palette.
    for (let i = 0; i < 5 && (await quickInput(page).isVisible()); i++) await page.keyboard.press('Escape');
  });

  it('lists the 57 users in natural order, "(you)" first', async () => {
    await runCommand(page, 'Help Scout: New Report');
    await waitForQuickPickStep(page, 'Whose customers?');
    await quickInput(page).locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'first-run-users-light');
    // The whole company comes first (issue 12), then the two team rows, then the 57 users.
    const [company, several, inbox, ...labels] = await allQuickPickLabels(page);
    assert.deepEqual([company, several, inbox], ['Everyone (whole company)', 'Several people…', 'Everyone in an inbox…']);
    assert.equal(labels.length, 57, labels.join(' | '));
    const me = sandbox.dataset.me;
    assert.equal(labels[0], `${me.firstName} ${me.lastName} (you)`);
    assert.deepEqual(labels.slice(1), naiveNaturalSort(labels.slice(1)));
    assert.ok(labels.indexOf('Tester6 Sample') < labels.indexOf('Tester12 Sample'));
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('"Help Scout: New Report", Enter, Enter, Enter creates "me, last 30 days vs previous period" and opens it', async () => {
    await runCommand(page, 'Help Scout: New Report');
    await enterWhenListed(page, 'Whose customers?');
    await enterWhenListed(page, 'Which period?');
    await waitForQuickPickStep(page, 'Press Enter to create');
    const review = (await quickInput(page).locator('.monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
    for (const line of ['Comparison: Compared with the previous period', 'Inboxes: All inboxes', 'Tags: All tags', 'Types: All types']) {
      assert.ok(review.includes(line), `the review lists "${line}": ${review.join(' | ')}`);
    }
    const step = ((await quickInput(page).locator('.quick-input-title').innerText()) ?? '').trim();
    assert.match(step, /3\/3/, `the counter says the last step: ${step}`);
    await screenshot(page, 'first-run-review-light');
    await quickInput(page).locator('input.input').press('Enter');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 20_000 });

    const me = sandbox.dataset.me;
    reportName = `${me.firstName} ${me.lastName} · Last 30 days`;
    await editorTab(page, reportName).waitFor({ state: 'visible', timeout: 30_000 });
    frame = await findReportFrame(page, reportName);
    await waitForPanelMode(frame, 'data', { timeoutMs: 60_000 });
    await waitForPaintedChart(frame);
    await screenshot(page, 'first-run-report-light');
  });

  it('Enter on Export opens its menu and focuses the first item, without exporting', async () => {
    await frame.locator('#export-button').focus();
    await page.keyboard.press('Enter');
    await frame.locator('.menu[role="menu"]').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await activeElementText(frame), 'button:CSV (spreadsheet)');
    const menuLeft = await frame.locator('.menu[role="menu"]').evaluate((menu) => menu.getBoundingClientRect().left);
    assert.ok(menuLeft >= 0, `the menu is inside the panel (left ${menuLeft})`);
    await page.waitForTimeout(1_000);
    assert.equal(await quickInput(page).isVisible(), false, 'no save dialog opened');
    await page.keyboard.press('Escape');
    await frame.locator('.menu[role="menu"]').waitFor({ state: 'hidden', timeout: 5_000 });
    assert.match(await activeElementText(frame), /^vscode-button:Export/);
  });

  it('focus stays on the pressed control after View by, chart type and sort; View by says it saved', async () => {
    const week = frame.locator('#app .segmented vscode-button', { hasText: /^\s*Week\s*$/ });
    await week.focus();
    await page.keyboard.press('Enter');
    await until('the weekly report', () => frame.locator('.chart-card .card-title').innerText(), (t) => /by week/.test(t), { timeoutMs: 60_000 });
    await waitForPanelMode(frame, 'data', { timeoutMs: 60_000 });
    assert.equal(await activeElementText(frame), 'vscode-button:Week');
    await until('the saved note', () => frame.locator('.toolbar-status').innerText(), (t) => t.trim() === 'Saved: by week');

    await frame.locator('#app vscode-button', { hasText: /^\s*Bar\s*$/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(await activeElementText(frame), 'vscode-button:Bar');

    const sortButton = frame.locator('.data-table thead button.sort').nth(1);
    await sortButton.focus();
    const column = await sortButton.getAttribute('data-column');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.column ?? 'none'), column);
  });

  it('at 640 px and 340 px no text of the summary or the table is clipped, in light and dark', async () => {
    await runCommand(page, 'View: Close Primary Side Bar');
    for (const theme of ['Default Light Modern', 'Default Dark Modern'] as const) {
      if (theme !== 'Default Light Modern') await setTheme(page, theme);
      for (const width of [640, 340]) {
        // The webview is the editor area: widen the window until its document is `width` wide.
        let viewport = width + 60;
        for (let i = 0; i < 4; i++) {
          await page.setViewportSize({ width: viewport, height: 900 });
          await page.waitForTimeout(400);
          const inner = await frame.evaluate(() => document.documentElement.clientWidth);
          if (Math.abs(inner - width) <= 2) break;
          viewport += width - inner;
        }
        const inner = await frame.evaluate(() => document.documentElement.clientWidth);
        assert.ok(Math.abs(inner - width) <= 2, `the panel is ${inner} px wide, not ${width}`);
        await waitForPanelMode(frame, 'data', { timeoutMs: 30_000 });
        const clipped = await clippedText(frame);
        await screenshot(page, `first-run-${width}px-${theme.includes('Dark') ? 'dark' : 'light'}`);
        assert.deepEqual(clipped, [], `at ${width} px (${theme})`);
        // The header row stays in sight while the table scrolls by.
        const sticky = await frame.evaluate(() => getComputedStyle(document.querySelector('.data-table thead th')!).position);
        assert.equal(sticky, 'sticky');
      }
    }
    await page.setViewportSize({ width: 1400, height: 900 });
    await setTheme(page, 'Default Light Modern');
    await clickActivityBarItem(page, 'Help Scout');
  });

  it('an inbox without folders never shows a blank step', async () => {
    await setTheme(page, 'Default Dark Modern');
    await runCommand(page, 'Help Scout: New Report');
    await enterWhenListed(page, 'Whose customers?');
    await enterWhenListed(page, 'Which period?');
    await waitForQuickPickStep(page, 'Press Enter to create');
    await screenshot(page, 'first-run-review-dark');
    await quickInput(page).locator('.monaco-list-row').filter({ hasText: /Add filters/ }).first().click();
    await waitForQuickPickStep(page, 'Only some inboxes?');
    const partners = quickInput(page).locator('.monaco-list-row').filter({ hasText: INBOX_WITHOUT_FOLDERS }).first();
    await partners.waitFor({ state: 'visible', timeout: 30_000 });
    await partners.click();
    await quickInput(page).locator('input.input').press('Enter');
    await waitForQuickPickStep(page, 'Only some folders?');
    const rows = await until('the folder step rows', async () => (await quickInput(page).locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()), (list) => list.length > 0);
    assert.equal(rows.length, 1, `one row: ${rows.join(' | ')}`);
    assert.match(rows[0]!, /^This inbox has no folders/);
    const step = ((await quickInput(page).locator('.quick-input-title').innerText()) ?? '').trim();
    assert.match(step, /2\/4/, `the folder step keeps its place: ${step}`);
    await screenshot(page, 'first-run-no-folders-dark');
    await quickInput(page).locator('input.input').press('Enter');
    await waitForQuickPickStep(page, 'Only conversations with some tags?');
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
    await setTheme(page, 'Default Light Modern');
  });

  it('a 403 shows the plan state with its two actions; "Try with sample data" works from it, and no toast repeats it', async () => {
    sandboxOptions.plan = 'free';
    // A new report, so no cached data stands in front of the error.
    await runCommand(page, 'Help Scout: New Report');
    await enterWhenListed(page, 'Whose customers?');
    await waitForQuickPickStep(page, 'Which period?');
    await pickQuickItem(page, 'Last 7 days');
    await waitForQuickPickStep(page, 'Press Enter to create');
    await quickInput(page).locator('input.input').press('Enter');
    const me = sandbox.dataset.me;
    const name = `${me.firstName} ${me.lastName} · Last 7 days`;
    await editorTab(page, name).waitFor({ state: 'visible', timeout: 30_000 });
    const frame = await findReportFrame(page, name);
    const state = frame.locator('#app .state-slot .error-state');
    await state.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal((await state.locator('h2').innerText()).trim(), 'Reports need Help Scout’s Plus or Pro plan');
    await state.locator('button.link-button', { hasText: 'Compare plans' }).waitFor({ state: 'visible' });
    const tryButton = state.locator('vscode-button', { hasText: /^\s*Try with sample data\s*$/ });
    await tryButton.waitFor({ state: 'visible' });
    await screenshot(page, 'first-run-plan-403-light');
    await page.waitForTimeout(1_000);
    const toasts = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
    assert.deepEqual(toasts.filter((t) => /could not be loaded/.test(t)), [], 'the visible panel shows it; no toast repeats it');
    await tryButton.click();
    await until('the sample data row', () => page.locator('.part.sidebar .monaco-list-row').allInnerTexts(), (rows) => rows.some((r) => /Sample data/.test(r)), { timeoutMs: 60_000 });
  });
});
