// Signing in through the real prompts against a local sandbox whose users, inboxes and tags have
// hostile names (HTML, RTL override, 10,000 characters…), then New Report through the real
// QuickPick, and the report panel showing those names as plain text without breaking its layout.
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { toSafeLabel } from '../../src/core/savedQueryEntry';
import { MAX_TEXT_LENGTH } from '../../src/core/validate';
import { HOSTILE_NAMES } from '../../src/sandbox/hostileNames';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import {
  clickActivityBarItem, editorTab, openWorkbench, screenshot, treeRows, waitForNotification, type Workbench,
} from './workbench';
import {
  createReportThroughQuickPick, findReportFrame, signInThroughUi, until, waitForPaintedChart, waitForPanelMode,
} from './reportPanel';

const IMG_NAME = HOSTILE_NAMES[0]!; // '<img src=x onerror=alert(1)>'

interface HostileChecks {
  userName: string;
  bodyText: string;
  injectedImages: number;
  scripts: string[];
  scrollWidth: number;
  clientWidth: number;
  overflowing: string[];
}

/** What a careless renderer would get wrong: markup from names, and a page wider than the panel. */
function hostileChecks(frame: Frame): Promise<HostileChecks> {
  return frame.evaluate(() => {
    const root = document.documentElement;
    const overflowing: string[] = [];
    for (const node of Array.from(document.querySelectorAll<HTMLElement>('#app *'))) {
      const box = node.getBoundingClientRect();
      if (box.width > 0 && box.right > root.clientWidth + 1 && !node.closest('.table-scroll')) {
        overflowing.push(`${node.tagName.toLowerCase()}.${[...node.classList].join('.')} right=${Math.round(box.right)}`);
      }
    }
    return {
      userName: document.querySelector('#app .report-header .user-name')?.textContent ?? '',
      bodyText: document.body.innerText,
      injectedImages: document.querySelectorAll('img[src="x"], img[onerror]').length,
      scripts: Array.from(document.scripts).map((s) => s.src || `inline:${s.textContent?.slice(0, 40)}`),
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      overflowing: overflowing.slice(0, 10),
    };
  });
}

describe('sign-in and New Report against a sandbox with hostile names', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let wb: Workbench;
  let page: Page;
  let accountName = '';

  before(async () => {
    sandbox = await startSandbox({ port: 0, hostileNames: true, rateLimitPerMinute: 0 });
    wb = await openWorkbench({ theme: 'Default Light Modern', settings: { 'helpscout.apiBaseUrl': sandbox.baseUrl } });
    page = wb.page;
    const me = sandbox.dataset.me;
    accountName = toSafeLabel([me.firstName, me.lastName].filter(Boolean).join(' '), MAX_TEXT_LENGTH, `User ${me.id}`);
    assert.ok(accountName.includes(IMG_NAME), `the sandbox's own user carries the <img> name: ${accountName}`);
  });
  after(async () => {
    await wb?.close();
    await sandbox?.close();
  });

  it('signs in with App ID and App Secret typed into the real input boxes', async () => {
    await clickActivityBarItem(page, 'Help Scout');
    const { secretInputType } = await signInThroughUi(page, sandbox.appId, sandbox.appSecret);
    assert.equal(secretInputType, 'password', 'the App Secret box hides what is typed');
    const toast = await waitForNotification(page, 'signed in as', { timeoutMs: 30_000 });
    const text = (await toast.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(IMG_NAME), `the notification names the account literally: ${text}`);
    assert.equal(await toast.locator('img').count(), 0, 'no <img> element in the notification');
    assert.ok(!text.includes(sandbox.appSecret), 'the secret is not shown');
    // Signed in with no reports yet: the first row names the account, the next offers a new report.
    const rows = await until('the account row and the New report row', () => treeRows(page), (list) => list.length >= 2, { timeoutMs: 30_000 });
    assert.ok(rows[0]!.label.startsWith('Signed in as ') && rows[0]!.label.includes(IMG_NAME), `account row: ${rows[0]!.label}`);
    assert.equal(rows[1]!.label, 'New report…');
    await screenshot(page, 'signin-hostile-view');
  });

  it('creates a report for the <img>-named user through the New Report QuickPick and shows the name as text', async () => {
    const name = await createReportThroughQuickPick(page, { userText: IMG_NAME });
    assert.ok(name.includes(IMG_NAME), `suggested name: ${name}`);
    await editorTab(page, name).waitFor({ state: 'visible', timeout: 30_000 });
    const frame = await findReportFrame(page, name);
    await waitForPanelMode(frame, 'data');
    await waitForPaintedChart(frame);
    const seen = await hostileChecks(frame);
    assert.equal(seen.userName, accountName, 'the header shows the user name exactly, as text');
    assert.ok(seen.bodyText.includes(IMG_NAME), 'the text “<img src=x onerror=alert(1)>” is visible in the panel');
    assert.equal(seen.injectedImages, 0, 'no <img src="x"> (or any onerror attribute) exists in the webview');
    // VS Code's own inline acquireVsCodeApi shim and the extension's bundle; nothing from a name.
    assert.ok(seen.scripts.every((s) => !/alert|xss/i.test(s)), `no script came from a name: ${seen.scripts.join(', ')}`);
    assert.ok(seen.scrollWidth <= seen.clientWidth + 1, `no horizontal scrollbar: scrollWidth ${seen.scrollWidth} > clientWidth ${seen.clientWidth}; overflowing: ${seen.overflowing.join('; ')}`);

    // The view now names the account.
    await page.locator('.part.sidebar').getByText(`Signed in as ${accountName}`, { exact: false }).filter({ visible: true }).first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'hostile-img-report');
  });

  it('keeps the layout for the user with the 10,000-character name', async () => {
    const name = await createReportThroughQuickPick(page, { userText: /^\s*Long name — 名前/ });
    await editorTab(page, name).waitFor({ state: 'visible', timeout: 30_000 });
    const frame = await findReportFrame(page, name);
    await waitForPanelMode(frame, 'data');
    await waitForPaintedChart(frame);
    const seen = await hostileChecks(frame);
    assert.ok(seen.userName.startsWith('Long name — 名前'), `header: ${seen.userName.slice(0, 60)}…`);
    assert.ok(seen.scrollWidth <= seen.clientWidth + 1, `no horizontal scrollbar: scrollWidth ${seen.scrollWidth} > clientWidth ${seen.clientWidth}; overflowing: ${seen.overflowing.join('; ')}`);
    assert.deepEqual(seen.overflowing, [], 'nothing sticks out of the panel');
    await screenshot(page, 'hostile-long-name-report');
  });
});
