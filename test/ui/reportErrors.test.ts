// An error as a person meets it: Help Scout (the local sandbox) answers 500 to every report
// request, the report opens into the panel's error state (status, logRef, Try again) and, as
// the panel is in view, no toast; once the server recovers, "Try again" draws the chart and no
// error notification remains.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Sandbox } from '../../src/sandbox/server';
import { editorTab, notifications, screenshot, type Workbench } from './workbench';
import {
  clickPanelButton, createReportThroughQuickPick, findReportFrame, signedInWorkbench, waitForPaintedChart, waitForPanelMode,
} from './reportPanel';

describe('report errors: a 500 from Help Scout, then Try again', function () {
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
  });
});
