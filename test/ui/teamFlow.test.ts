// Issue 12 in the real workbench with sample data: "New Report" makes a team through the real
// QuickPick (canSelectMany: the checkboxes, Enter to accept), the review says who in words with
// its own check icon, and the tree shows the team with its icon and count.
import * as assert from 'node:assert/strict';
import { STAFF } from '../../src/sandbox/company';
import { clickActivityBarItem, openWorkbench, pickQuickItem, quickInput, quickPickRow, runCommand, screenshot, treeRows, waitForTreeRow, welcomeButton, type Workbench } from './workbench';
import { enterWhenListed, until, waitForQuickPickStep } from './reportPanel';

describe('a team report through the real New Report QuickPick', function () {
  this.timeout(180_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ theme: 'Default Light Modern' });
  });
  after(async () => {
    await wb?.close();
  });

  it('"Several people…", three checked, Enter, Last 30 days: the review says who and the tree shows a team', async () => {
    const { page } = wb;
    await clickActivityBarItem(page, 'Help Scout');
    await welcomeButton(page, 'Try with sample data').click();
    await until('the example reports', () => treeRows(page), (list) => list.length >= 4, { timeoutMs: 60_000 });
    // The sample account is the first of the staff; three colleagues make the team.
    const team = STAFF.slice(1, 4).map((s) => `${s.firstName} ${s.lastName}`);

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
    assert.deepEqual(checked.map((t) => t.trim()).sort(), [...team].sort(), 'the three rows are checked');
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
    assert.match(who, /^Who: 3 people: /);
    for (const name of team) assert.ok(who.includes(name), `${who} names ${name}`);
    await screenshot(page, 'team-review');
    await enterWhenListed(page, 'Press Enter to create');
    await quickInput(page).waitFor({ state: 'hidden', timeout: 20_000 });

    const row = await waitForTreeRow(page, '3 people · Last 30 days', { timeoutMs: 30_000 });
    assert.equal(await row.locator('.codicon-organization').count(), 1, 'the team has its own icon');
    assert.match((await row.locator('.label-description').innerText()).trim(), /^3 people · /);
    await screenshot(page, 'team-tree-row');
  });
});
