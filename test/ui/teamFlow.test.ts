// Issue 12 in the real workbench with sample data: "New Report" makes a five-person team through
// the real QuickPick (canSelectMany: the checkboxes, Enter to accept), the review says who in
// words with its own check icon, and the tree shows the team with its icon and count. The team
// report then shows one line per person (seen in the canvas's pixels, in each person's colour),
// and a ranking whose figures equal each person's own report, opened from its row.
import * as assert from 'node:assert/strict';
import { STAFF } from '../../src/sandbox/company';
import type { Frame } from 'playwright-core';
import { clickActivityBarItem, editorTab, openFromTree, openWorkbench, pickQuickItem, quickInput, quickPickRow, runCommand, screenshot, setTheme, treeRows, waitForTreeRow, welcomeButton, type Workbench } from './workbench';
import { enterWhenListed, findReportFrame, parseCount, readFigures, until, waitForPaintedChart, waitForPanelMode, waitForQuickPickStep } from './reportPanel';

const TEAM_NAME = '5 people · Last 30 days';

/** For each legend entry: the person, and how many chart pixels are drawn in their swatch's colour. */
function linesInTheChart(frame: Frame): Promise<Array<{ name: string; pressed: boolean; color: string; pixels: number }>> {
  // No named functions inside evaluate(): tsx's keepNames would reference a __name helper the page lacks.
  return frame.evaluate(() => {
    const chart = document.querySelector<HTMLCanvasElement>('.chart-card .chart-box canvas');
    const data = chart?.getContext('2d')?.getImageData(0, 0, chart.width, chart.height).data;
    return [...document.querySelectorAll<HTMLElement>('[data-testid="team-legend"] button[data-user-id]')].map((button) => {
      // The swatch's commonest opaque colour is the person's line colour.
      const swatch = button.querySelector<HTMLCanvasElement>('canvas');
      const counts = new Map<string, number>();
      const sw = swatch?.getContext('2d')?.getImageData(0, 0, swatch.width, swatch.height).data ?? new Uint8ClampedArray();
      for (let i = 0; i < sw.length; i += 4) if (sw[i + 3]! > 240) counts.set(`${sw[i]},${sw[i + 1]},${sw[i + 2]}`, (counts.get(`${sw[i]},${sw[i + 1]},${sw[i + 2]}`) ?? 0) + 1);
      const color = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
      const [r, g, b] = color.split(',').map(Number) as [number, number, number];
      let pixels = 0;
      if (data && color) {
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3]! > 240 && Math.abs(data[i]! - r) <= 6 && Math.abs(data[i + 1]! - g) <= 6 && Math.abs(data[i + 2]! - b) <= 6) pixels++;
        }
      }
      return { name: button.textContent?.trim() ?? '', pressed: button.getAttribute('aria-pressed') === 'true', color, pixels };
    });
  });
}

/** The ranking as a person reads it: name, current and previous of each row. */
function rankingRows(frame: Frame): Promise<Array<{ name: string; current: string; previous: string; failed: boolean }>> {
  return frame.evaluate(() =>
    [...document.querySelectorAll<HTMLTableRowElement>('table[data-testid="team-ranking"] tbody tr[data-user-id]')].map((row) => ({
      name: row.querySelector('th.person')?.textContent?.trim() ?? '',
      current: row.querySelector('td.col-current')?.textContent?.trim() ?? '',
      previous: row.querySelector('td.col-previous')?.textContent?.trim() ?? '',
      failed: row.classList.contains('failed'),
    })),
  );
}

describe('a team report through the real New Report QuickPick', function () {
  this.timeout(180_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ theme: 'Default Light Modern' });
  });
  after(async () => {
    await wb?.close();
  });

  // The sample account is the first of the staff; five colleagues make the team.
  const team = STAFF.slice(1, 6).map((s) => `${s.firstName} ${s.lastName}`);
  let frame: Frame;

  it('"Several people…", five checked, Enter, Last 30 days: the review says who and the tree shows a team', async () => {
    const { page } = wb;
    await clickActivityBarItem(page, 'Help Scout');
    await welcomeButton(page, 'Try with sample data').click();
    await until('the example reports', () => treeRows(page), (list) => list.length >= 4, { timeoutMs: 60_000 });

    await runCommand(page, 'Help Scout: New Report');
    await waitForQuickPickStep(page, 'Whose customers?');
    await pickQuickItem(page, 'Several people…', { timeoutMs: 30_000 });
    await waitForQuickPickStep(page, 'Pick 2 to 50 people');
    for (const name of team) {
      const row = quickPickRow(page, name).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      await row.click();
    }
    const checked = await quickInput(page).locator('.monaco-list-row[aria-checked="true"] .label-name').allInnerTexts();
    assert.deepEqual(checked.map((t) => t.trim()).sort(), [...team].sort(), 'the five rows are checked');
    await screenshot(page, 'team-multi-select');
    await quickInput(page).locator('input.input').press('Enter');

    await waitForQuickPickStep(page, 'Which period?');
    await pickQuickItem(page, 'Last 30 days');
    await waitForQuickPickStep(page, 'Press Enter to create');
    const first = quickInput(page).locator('.monaco-list-row').first();
    await first.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal((await first.locator('.label-name').innerText()).trim(), 'Create report', 'no "$ (check)" text');
    assert.equal(await first.locator('.codicon-check').count(), 1, 'the check is an icon');
    const who = (await quickInput(page).locator('.monaco-list-row .label-name', { hasText: /^\s*Who: / }).first().innerText()).trim();
    // Some names, then "and N more": the line stays readable, and nobody is left uncounted.
    const more = Number(/^Who: 5 people: .+ and (\d) more$/.exec(who)?.[1]);
    assert.ok(more >= 1, `${who} ends with "and N more"`);
    assert.equal(team.filter((name) => who.includes(name)).length + more, 5, `${who}: the names shown and the rest make five`);
    await screenshot(page, 'team-review');
    await enterWhenListed(page, 'Press Enter to create');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 20_000 });

    const row = await waitForTreeRow(page, TEAM_NAME, { timeoutMs: 30_000 });
    assert.equal(await row.locator('.codicon-organization').count(), 1, 'the team has its own icon');
    assert.match((await row.locator('.label-description').innerText()).trim(), /^5 people · /);
    await screenshot(page, 'team-tree-row');
  });

  it('the team report shows five lines, one per person in their own colour, and the legend takes one away', async () => {
    const { page } = wb;
    await openFromTree(page, TEAM_NAME);
    frame = await findReportFrame(page, TEAM_NAME);
    await waitForPanelMode(frame, 'data', { timeoutMs: 90_000 });
    await waitForPaintedChart(frame);
    const lines = await linesInTheChart(frame);
    assert.deepEqual(lines.map((l) => l.name).sort(), [...team].sort(), 'one legend entry per person');
    assert.equal(new Set(lines.map((l) => l.color)).size, 5, `five colours: ${lines.map((l) => l.color).join(' | ')}`);
    for (const line of lines) {
      assert.ok(line.pressed, `${line.name} is shown`);
      assert.ok(line.pixels > 40, `${line.name}'s line is drawn in ${line.color}: ${line.pixels} pixels`);
    }
    assert.equal((await frame.locator('#app .avatar.initials').textContent())?.trim(), '5', 'the avatar says how many people');
    await screenshot(page, 'team-report-light');

    const hidden = lines[0]!;
    await frame.locator('[data-testid="team-legend"] button[data-user-id]', { hasText: hidden.name }).click();
    const after = await until('the line to go', () => linesInTheChart(frame), (now) => now.find((l) => l.name === hidden.name)?.pressed === false && (now.find((l) => l.name === hidden.name)?.pixels ?? 1) < hidden.pixels * 0.1, { timeoutMs: 20_000 });
    for (const line of after.filter((l) => l.name !== hidden.name)) assert.ok(line.pixels > 40, `${line.name} is still drawn`);
    await frame.locator('[data-testid="team-legend"] button[data-user-id]', { hasText: hidden.name }).click();
    await until('the line to come back', () => linesInTheChart(frame), (now) => (now.find((l) => l.name === hidden.name)?.pixels ?? 0) > 40, { timeoutMs: 20_000 });
    await setTheme(page, 'Default Dark Modern');
    await waitForPaintedChart(frame, { bodyKind: 'vscode-dark' });
    await screenshot(page, 'team-report-dark');
    await setTheme(page, 'Default Light Modern');
  });

  it('the ranking\'s figures are each person\'s own report (opened from its row), and add up to the Team total card', async () => {
    const { page } = wb;
    const ranking = await rankingRows(frame);
    assert.deepEqual(ranking.map((r) => r.name).sort(), [...team].sort(), 'one ranking row per person');
    assert.ok(ranking.every((r) => !r.failed), 'everyone loaded');
    const currents = ranking.map((r) => parseCount(r.current));
    assert.deepEqual(currents, [...currents].sort((a, b) => b - a), 'ranked by current, highest first');
    const total = await readFigures(frame);
    assert.equal(total.current, currents.reduce((a, b) => a + b, 0), 'the Team total card is the sum of the ranking');

    for (const row of ranking) {
      // A hidden webview is not kept: back on the team's tab, its panel is a new frame.
      await editorTab(page, TEAM_NAME).click();
      frame = await findReportFrame(page, TEAM_NAME);
      await waitForPanelMode(frame, 'data');
      await frame.locator('table[data-testid="team-ranking"] tbody tr', { hasText: row.name }).locator('button.person-link').click();
      const title = `${row.name} · ${TEAM_NAME}`;
      await editorTab(page, title).waitFor({ state: 'visible', timeout: 30_000 });
      const own = await findReportFrame(page, title);
      await waitForPanelMode(own, 'data');
      const figures = await readFigures(own);
      assert.equal(figures.current, parseCount(row.current), `${row.name}: ranking ${row.current}, own report ${figures.currentText}`);
      assert.equal(figures.previous, parseCount(row.previous), `${row.name}: ranking ${row.previous}, own report ${figures.previousText}`);
    }
    await screenshot(page, 'team-person-report');
  });
});
