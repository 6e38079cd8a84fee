// The walkthrough as a new user meets it: "Get started" in the Help Scout view opens it, its
// first button starts the sample data. It also takes the walkthrough's pictures, light and dark,
// from this extension running in the real workbench; `npm run walkthrough-images` copies them
// into media/walkthrough/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { clickActivityBarItem, editorTab, openWorkbench, quickInput, runCommand, screenshot, setTheme, treeRows, welcomeButton, type Workbench } from './workbench';
import { enterWhenListed, findReportFrame, until, waitForPaintedChart, waitForPanelMode, waitForQuickPickStep } from './reportPanel';

const PICTURES = path.join(__dirname, '..', '..', 'test-results', 'screenshots', 'walkthrough');
const THEMES = [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const;

/**
 * Tries `step` (a palette command) up to three times: while the walkthrough page or a freshly
 * opened webview takes the focus, the palette can close again before it is typed into.
 */
async function withPalette(page: Page, step: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
      await page.locator('.part.sidebar').click();
    }
  }
}

async function picture(target: Locator, name: string): Promise<void> {
  fs.mkdirSync(PICTURES, { recursive: true });
  await target.screenshot({ path: path.join(PICTURES, `${name}.jpg`), type: 'jpeg', quality: 60 });
}


describe('walkthrough: Get started, its first button, and its pictures', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let page: Page;

  before(async () => {
    wb = await openWorkbench({ theme: 'Default Light Modern', viewport: { width: 1000, height: 640 } });
    page = wb.page;
  });
  after(async () => {
    await wb?.close();
  });

  it('opens from the welcome view, and its first button starts the sample data', async () => {
    await clickActivityBarItem(page, 'Help Scout');
    const sidebar = page.locator('.part.sidebar');
    await welcomeButton(page, 'Get started').waitFor({ state: 'visible', timeout: 30_000 });
    for (const [name, theme] of THEMES) {
      await withPalette(page, () => setTheme(page, theme));
      await picture(sidebar, `sign-in-${name}`);
    }
    await withPalette(page, () => setTheme(page, 'Default Light Modern'));

    await welcomeButton(page, 'Get started').click();
    const walkthrough = page.locator('.part.editor .gettingStartedContainer');
    await walkthrough.getByText('Your first Help Scout report').first().waitFor({ state: 'visible', timeout: 30_000 });
    await walkthrough.getByText('Sign in, or try sample data').first().waitFor({ state: 'visible' });
    await screenshot(page, 'walkthrough-opened');
    const start = walkthrough.locator('.button-link, .monaco-button, a').filter({ hasText: /^\s*Try with sample data\s*$/ }).first();
    await start.waitFor({ state: 'visible', timeout: 15_000 });
    await start.click();
    const rows = await until('the sample reports in the tree', () => treeRows(page), (list) => list.length >= 4 && list[0]?.label === 'Sample data', { timeoutMs: 60_000 });
    assert.equal(rows[0]?.label, 'Sample data');
    // The step is done: the walkthrough may move on to the next one and take the focus while it does.
    await page.waitForTimeout(2_000);
  });

  it('"Help Scout: Get Started" opens it too', async () => {
    const walkthrough = page.locator('.part.editor .gettingStartedContainer');
    // While the walkthrough page has the keyboard, F1 may not reach the palette: close it with its
    // tab's close button, and open the palette from the sidebar (once more if F1 was taken).
    await page.locator('.part.editor .tabs-container .tab.active .tab-actions .action-label').first().click();
    await walkthrough.waitFor({ state: 'hidden', timeout: 15_000 });
    await page.locator('.part.sidebar').click();
    await withPalette(page, () => runCommand(page, 'Help Scout: Get Started'));
    await walkthrough.getByText('Your first Help Scout report').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.part.editor .tabs-container .tab.active .tab-actions .action-label').first().click();
    await walkthrough.waitFor({ state: 'hidden', timeout: 15_000 });
  });

  it('pictures the review step, a report and its Export menu in light and dark', async () => {
    const rows = await treeRows(page);
    const report = rows.find((row) => /last 30 days/i.test(row.description));
    assert.ok(report, rows.map((r) => r.description).join(' | '));
    await page.locator('.part.sidebar .monaco-list-row').filter({ hasText: report.label }).first().click();
    await editorTab(page, report.label).waitFor({ state: 'visible', timeout: 30_000 });
    const frame = await findReportFrame(page, report.label);
    await waitForPanelMode(frame, 'data', { timeoutMs: 60_000 });
    const editor = page.locator('.part.editor');
    for (const [name, theme] of THEMES) {
      await withPalette(page, () => setTheme(page, theme));
      await waitForPaintedChart(frame);
      await page.waitForTimeout(500);
      await picture(editor, `read-${name}`);
      await frame.locator('#export-button').click();
      await frame.locator('.menu[role="menu"]').waitFor({ state: 'visible' });
      // Here the Export button starts a wrapped toolbar row: its menu must still open inside the panel.
      const menuLeft = await frame.locator('.menu[role="menu"]').evaluate((menu) => menu.getBoundingClientRect().left);
      assert.ok(menuLeft >= 0, `the Export menu is inside the panel (left ${menuLeft})`);
      await picture(editor, `export-${name}`);
      await page.keyboard.press('Escape');

      await withPalette(page, () => runCommand(page, 'Help Scout: New Report'));
      await enterWhenListed(page, 'Whose customers?');
      await enterWhenListed(page, 'Which period?');
      await waitForQuickPickStep(page, 'Press Enter to create');
      await page.waitForTimeout(300);
      await picture(quickInput(page), `create-${name}`);
      await page.keyboard.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
    }
    await withPalette(page, () => setTheme(page, 'Default Light Modern'));
    const taken = fs.readdirSync(PICTURES).filter((f) => f.endsWith('.jpg')).sort();
    assert.deepEqual(taken, ['create-dark.jpg', 'create-light.jpg', 'export-dark.jpg', 'export-light.jpg', 'read-dark.jpg', 'read-light.jpg', 'sign-in-dark.jpg', 'sign-in-light.jpg']);
  });
});
