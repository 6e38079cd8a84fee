// An error as a person meets it: Help Scout (the local sandbox) answers 500 to every report
// request, the report opens into the panel's error state (status, logRef, Try again) and, as
// the panel is in view, no toast; once the server recovers, "Try again" draws the chart and no
// error notification remains. A later refresh that fails keeps the chart and says so in the
// banner, with the error's recovery buttons.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Sandbox } from '../../src/sandbox/server';
import { editorTab, notifications, quickInput, runCommand, screenshot, type Workbench } from './workbench';
import {
  clickPanelButton, createReportThroughQuickPick, findReportFrame, signedInWorkbench, waitForPaintedChart, waitForPanelMode, waitForQuickPickStep,
} from './reportPanel';

describe('report errors: a 500 from Help Scout, then Try again; a list that failed to load', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let wb: Workbench;
  let page: Page;

  before(async () => {
    ({ sandbox, wb, page } = await signedInWorkbench({ port: 0, rateLimitPerMinute: 0 }));
  });
  after(async () => {
    await wb?.close();
    await sandbox?.close();
  });

  it('shows the failure with status and logRef in the visible panel, not as a toast, and recovers on Try again', async () => {
    const fault = sandbox.faults.add({ kind: 'status', status: 500, pathPrefix: '/v2/reports' });
    const name = await createReportThroughQuickPick(page, { userText: '(you)' });
    await editorTab(page, name).waitFor({ state: 'visible', timeout: 30_000 });
    const frame = await findReportFrame(page, name);

    // The panel's error state: a title, the status, Help Scout's logRef, and the way out.
    await waitForPanelMode(frame, 'error', { timeoutMs: 60_000 });
    const state = frame.locator('#app .state-slot .error-state');
    await state.waitFor({ state: 'visible' });
    const stateText = (await state.innerText()).replace(/\s+/g, ' ');
    assert.match(stateText, /500/, `the panel shows the status: ${stateText}`);
    const logRef = ((await state.locator('.log-ref').textContent()) ?? '').trim();
    assert.ok(logRef.length > 0, `the panel shows a logRef: ${stateText}`);
    await state.locator('vscode-button', { hasText: /^\s*Try again\s*$/ }).waitFor({ state: 'visible' });
    assert.ok(sandbox.stats.reportRequests >= 1, 'the report was requested');

    // The visible panel shows it: no toast repeats it.
    await page.waitForTimeout(1_500);
    assert.deepEqual((await notifications(page)).filter((t) => /could not be loaded/.test(t)), [], 'no toast for an error the panel shows');
    await screenshot(page, 'report-error-500');

    // Help Scout recovers; Try again in the panel brings the chart.
    sandbox.faults.remove(fault);
    await clickPanelButton(frame, 'Try again');
    await waitForPanelMode(frame, 'data', { timeoutMs: 60_000 });
    await waitForPaintedChart(frame);
    assert.equal(await frame.locator('#app .state-slot .error-state').isVisible(), false, 'the error state is gone');
    assert.deepEqual((await notifications(page)).filter((t) => /could not|failed/i.test(t)), [], 'no error notification remains');
    await screenshot(page, 'report-error-recovered');

    // A refresh that fails over the data now shown: the chart stays, the banner says the refresh
    // failed and offers the error's way out; Try again there brings fresh data and no banner.
    const again = sandbox.faults.add({ kind: 'status', status: 500, pathPrefix: '/v2/reports' });
    await clickPanelButton(frame, 'Refresh');
    const banner = frame.locator('#app .banner.warning');
    await banner.waitFor({ state: 'visible', timeout: 60_000 });
    const bannerText = (await banner.innerText()).replace(/\s+/g, ' ');
    assert.match(bannerText, /Refresh failed: .*500.* Showing data from/, bannerText);
    assert.equal(await frame.locator('#app .state-slot .error-state').isVisible(), false, 'no error state over the data');
    await waitForPaintedChart(frame);
    const bannerButtons = (await banner.locator('.banner-actions button').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(bannerButtons, ['Try again', 'Open log']);
    await screenshot(page, 'report-error-stale-banner');
    sandbox.faults.remove(again);
    await banner.locator('.banner-actions button', { hasText: 'Try again' }).click();
    await frame.locator('#app .banner').waitFor({ state: 'hidden', timeout: 60_000 });

    // Help Scout rejects every token now: the banner offers Sign in and Open log, and each
    // button does what it says in the workbench.
    const rejected = sandbox.faults.add({ kind: 'status', status: 401, pathPrefix: '/v2/reports' });
    await clickPanelButton(frame, 'Refresh');
    await banner.waitFor({ state: 'visible', timeout: 60_000 });
    assert.deepEqual((await banner.locator('.banner-actions button').allInnerTexts()).map((t) => t.trim()), ['Sign in', 'Open log']);
    await banner.locator('.banner-actions button', { hasText: 'Open log' }).click();
    await page.locator('.part.panel .title-label, .part.panel .composite.title').getByText(/output/i).first().waitFor({ state: 'visible', timeout: 15_000 });
    await banner.locator('.banner-actions button', { hasText: 'Sign in' }).click();
    await quickInput(page).getByText('Sign in to Help Scout').first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'report-error-sign-in-from-banner');
    await page.keyboard.press('Escape');
    sandbox.faults.remove(rejected);
  });

  it('says why the users could not be listed, and Retry lists them without leaving the step', async () => {
    const fault = sandbox.faults.add({ kind: 'status', status: 500, pathPrefix: '/v2/users' });
    await runCommand(page, 'Help Scout: New Report');
    await waitForQuickPickStep(page, 'Could not load the list', 90_000);
    const retry = quickInput(page).locator('.monaco-list-row').filter({ hasText: /Retry/ }).first();
    await retry.waitFor({ state: 'visible' });
    assert.match(await retry.innerText(), /500/, 'the row says why');
    await screenshot(page, 'first-run-retry-light');
    sandbox.faults.remove(fault);
    await quickInput(page).locator('input.input').press('Enter');
    await waitForQuickPickStep(page, 'Whose customers?', 60_000);
    await quickInput(page).locator('.monaco-list-row', { hasText: '(you)' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.keyboard.press('Escape');
  });
});
