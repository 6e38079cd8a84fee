// An error as a person meets it: Help Scout (the local sandbox) answers 500 to every report
// request, the report opens into an error notification (status, logRef, Retry) and the panel's
// error state; once the server recovers, "Try again" in the panel draws the chart. A later
// refresh that fails keeps the chart and says so in the banner, with the error's recovery buttons.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { clickActivityBarItem, editorTab, openWorkbench, quickInput, screenshot, waitForNotification, type Workbench } from './workbench';
import {
  clickPanelButton, createReportThroughQuickPick, findReportFrame, signInThroughUi, waitForPaintedChart, waitForPanelMode,
} from './reportPanel';

describe('report errors: a 500 from Help Scout, then Try again', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let wb: Workbench;
  let page: Page;

  before(async () => {
    sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 0 });
    wb = await openWorkbench({ theme: 'Default Light Modern', settings: { 'helpscout.apiBaseUrl': sandbox.baseUrl } });
    page = wb.page;
    await clickActivityBarItem(page, 'Help Scout');
    await signInThroughUi(page, sandbox.appId, sandbox.appSecret);
    await waitForNotification(page, 'signed in as', { timeoutMs: 30_000 });
  });
  after(async () => {
    await wb?.close();
    await sandbox?.close();
  });

  it('shows the failure with status and logRef in a notification and in the panel, and recovers on Try again', async () => {
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

    // The notification says the same, with Retry.
    const toast = await waitForNotification(page, 'could not be loaded', { timeoutMs: 30_000 });
    const toastText = (await toast.locator('.notification-list-item-message').innerText()).replace(/\s+/g, ' ');
    assert.match(toastText, /500/, `the notification shows the status: ${toastText}`);
    assert.ok(toastText.includes(logRef), `the notification shows the logRef ${logRef}: ${toastText}`);
    const buttons = (await toast.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((t) => t.trim());
    assert.ok(buttons.includes('Retry'), `a Retry button: ${buttons.join(', ')}`);
    await screenshot(page, 'report-error-500');

    // Help Scout recovers; Try again in the panel brings the chart.
    sandbox.faults.remove(fault);
    await clickPanelButton(frame, 'Try again');
    await waitForPanelMode(frame, 'data', { timeoutMs: 60_000 });
    await waitForPaintedChart(frame);
    assert.equal(await frame.locator('#app .state-slot .error-state').isVisible(), false, 'the error state is gone');
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
});
