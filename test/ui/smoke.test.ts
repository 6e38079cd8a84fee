// Smoke test: the real workbench loads in Chromium with the extension installed, and the helpers
// in workbench.ts work against it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  clickActivityBarItem, openWorkbench, runCommand, screenshot, setTheme, type Workbench,
} from './workbench';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  displayName: string;
  contributes?: { viewsContainers?: { activitybar?: Array<{ title: string }> } };
};

describe('workbench smoke', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench({ theme: 'Default Light Modern' });
  });
  after(async () => {
    await wb?.close();
  });

  it('loads the workbench with the theme from settings', async () => {
    const classes = await wb.page.locator('.monaco-workbench').getAttribute('class');
    assert.match(classes ?? '', /\bvs\b/, `light theme class on .monaco-workbench: ${classes}`);
  });

  it('shows the extension\'s view container in the activity bar', async () => {
    const title = manifest.contributes?.viewsContainers?.activitybar?.[0]?.title;
    assert.ok(title, 'package.json contributes an activity-bar view container with a title');
    await clickActivityBarItem(wb.page, title);
    const header = wb.page.locator('.part.sidebar .composite.title');
    await header.getByText(title, { exact: false }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(wb.page, 'smoke-light');
  });

  it('runs the extension in the extension host once its view is open', async () => {
    await runCommand(wb.page, 'Developer: Show Running Extensions');
    const row = wb.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: manifest.displayName });
    await row.first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('switches the color theme like a user', async () => {
    await setTheme(wb.page, 'Default Dark Modern');
    const classes = await wb.page.locator('.monaco-workbench').getAttribute('class');
    assert.match(classes ?? '', /\bvs-dark\b/, `dark theme class on .monaco-workbench: ${classes}`);
    await screenshot(wb.page, 'smoke-dark');
  });
});
