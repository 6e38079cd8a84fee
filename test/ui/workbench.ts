// Playwright helpers for UI tests against the real VS Code workbench (code-server + Debian Chromium).
// Runs on the node side (mocha via scripts/vscode/runUiTests.ts), never inside VS Code.
//
//   const wb = await openWorkbench({ theme: 'Default Light Modern' });
//   await clickActivityBarItem(wb.page, 'Help Scout');
//   await runCommand(wb.page, 'Help Scout: Try with Sample Data');
//   const rows = await treeRows(wb.page);
//   const frame = await findWebviewFrame(wb.page, (f) => f.locator('canvas').count().then((n) => n > 0));
//   await screenshot(wb.page, 'report-light');
//   await wb.close();
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/vscode/chromium';
import {
  remoteUri, repoRoot, startCodeServer, workbenchUrl, writeUserSettings, type RunningCodeServer,
} from '../../scripts/vscode/codeServer';
import { buildExtension, extensionId, installExtension } from '../../scripts/vscode/extension';

export { extensionId };

export type ThemeName =
  | 'Default Light Modern'
  | 'Default Dark Modern'
  | 'Default High Contrast'
  | 'Default High Contrast Light'
  | (string & {});

/** The `.monaco-workbench` class each built-in theme kind sets. */
const THEME_KIND: Record<string, string> = {
  'Default Light Modern': 'vs',
  'Default Light+': 'vs',
  'Default Dark Modern': 'vs-dark',
  'Default Dark+': 'vs-dark',
  'Default High Contrast': 'hc-black',
  'Default High Contrast Light': 'hc-light',
};

export interface OpenWorkbenchOptions {
  /** Color theme, written to settings.json before the workbench loads (default Dark Modern). */
  theme?: ThemeName;
  /** More user settings (merged over the harness defaults). */
  settings?: Record<string, unknown>;
  /** Added to code-server's environment, which the extension host inherits. */
  env?: Record<string, string | undefined>;
  /**
   * 'installed' (default): the built extension is copied into the extensions folder, as an
   * installed .vsix is; the window is a normal one. 'development': loaded through the
   * extensionDevelopmentPath payload (title shows "[Extension Development Host]"). 'preinstalled':
   * nothing is added; `extensionsDir` already holds what the test installed (e.g. a .vsix).
   */
  mode?: 'installed' | 'development' | 'preinstalled';
  /** The extensions folder to start with (default: a fresh one). */
  extensionsDir?: string;
  /** Browser viewport; default 1400×900. */
  viewport?: { width: number; height: number };
  /** Files (relative path → content) to create in the opened workspace folder. */
  files?: Record<string, string>;
  /** Reuse a user data folder (e.g. to test what persists across a reload); default: a fresh one. */
  userDataDir?: string;
  /** How long to wait for the workbench to appear (ms); default 60 s. */
  timeoutMs?: number;
}

export interface Workbench {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  server: RunningCodeServer;
  /** The URL the page opened (the same workbench can be reloaded with `page.goto(url)`). */
  url: string;
  workspaceDir: string;
  userDataDir: string;
  /** test-results/ui/<n>/: code-server.log, browser-console.log, logs/ (written on close). */
  artifactsDir: string;
  /** Every browser console message so far, as `[type] text`. */
  consoleMessages: string[];
  /** Closes the browser, stops code-server, keeps the logs, removes temp folders. */
  close(): Promise<void>;
}

/** Open workbenches, so the UI runner can screenshot them when a test fails. */
export const openWorkbenches = new Set<Workbench>();

const resultsDir = path.join(repoRoot, 'test-results');
let workbenchCount = 0;

/** Builds the extension (once per process), starts code-server with it, and loads the workbench. */
export async function openWorkbench(options: OpenWorkbenchOptions = {}): Promise<Workbench> {
  buildExtension();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscout-ui-'));
  const userDataDir = options.userDataDir ?? path.join(temp, 'user');
  const extensionsDir = options.extensionsDir ?? path.join(temp, 'extensions');
  const workspaceDir = path.join(temp, 'workspace');
  const artifactsDir = path.join(resultsDir, 'ui', String(++workbenchCount));
  fs.mkdirSync(workspaceDir, { recursive: true });
  fs.mkdirSync(artifactsDir, { recursive: true });
  for (const [file, content] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspaceDir, file)), { recursive: true });
    fs.writeFileSync(path.join(workspaceDir, file), content);
  }
  if (!options.userDataDir || !fs.existsSync(path.join(userDataDir, 'User', 'settings.json'))) {
    writeUserSettings(userDataDir, {
      ...(options.theme ? { 'workbench.colorTheme': options.theme } : {}),
      ...options.settings,
    });
  }
  const mode = options.mode ?? 'installed';
  if (mode === 'installed') installExtension(extensionsDir);

  const server = await startCodeServer({
    userDataDir,
    extensionsDir,
    // No extension gallery: nothing tries to reach open-vsx.org from these offline machines.
    env: { EXTENSIONS_GALLERY: '{}', ...options.env },
    logFile: path.join(artifactsDir, 'code-server.log'),
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    const page = await context.newPage();
    const consoleMessages: string[] = [];
    page.on('console', (message) => consoleMessages.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => consoleMessages.push(`[pageerror] ${error.stack ?? error.message}`));
    const payload: [string, string][] = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
    if (mode === 'development') payload.push(['extensionDevelopmentPath', remoteUri(server, repoRoot)]);
    const url = workbenchUrl(server, workspaceDir, payload);
    await page.goto(url);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: options.timeoutMs ?? 60000 });

    let closed = false;
    const workbench: Workbench = {
      page, context, browser, server, url, workspaceDir, userDataDir, artifactsDir, consoleMessages,
      async close() {
        if (closed) return;
        closed = true;
        openWorkbenches.delete(workbench);
        await browser?.close().catch(() => undefined);
        await server.stop();
        fs.writeFileSync(path.join(artifactsDir, 'browser-console.log'), consoleMessages.join('\n') + '\n');
        const logs = path.join(userDataDir, 'logs');
        if (fs.existsSync(logs)) fs.cpSync(logs, path.join(artifactsDir, 'logs'), { recursive: true });
        if (process.env.HELPSCOUT_KEEP_TEMP !== '1') fs.rmSync(temp, { recursive: true, force: true });
      },
    };
    openWorkbenches.add(workbench);
    return workbench;
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regexp matching exactly `text` (surrounding whitespace allowed). */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

/** The open quick input (command palette, QuickPick, InputBox). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** The quick input's row whose label is exactly `label`. */
export function quickPickRow(page: Page, label: string): Locator {
  return quickInput(page).locator('.monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: exactly(label) }),
  });
}

/**
 * Runs a command from the palette by its full title ("Help Scout: Sign In"): F1, type, and click
 * the row only once exactly that row is listed (Enter too early runs whatever is first).
 */
export async function runCommand(page: Page, title: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const input = quickInput(page).locator('input.input');
  if (!(await input.isVisible())) {
    await page.locator('.monaco-workbench').focus().catch(() => undefined);
    await page.keyboard.press('F1');
  }
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  const row = quickPickRow(page, title).first();
  await row.waitFor({ state: 'visible', timeout: options.timeoutMs ?? 15000 });
  await row.click();
}

/** Clicks the row labelled exactly `label` in the open QuickPick (waits for it to be listed). */
export async function pickQuickItem(page: Page, label: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const row = quickPickRow(page, label).first();
  await row.waitFor({ state: 'visible', timeout: options.timeoutMs ?? 15000 });
  await row.click();
}

/** Types into the open quick input (replacing its value); `submit` presses Enter afterwards. */
export async function typeInQuickInput(page: Page, text: string, options: { submit?: boolean } = {}): Promise<void> {
  const input = quickInput(page).locator('input.input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(text);
  if (options.submit) await input.press('Enter');
}

/** The activity bar entry whose accessible name is `label` (keybinding suffixes allowed). */
export function activityBarItem(page: Page, label: string): Locator {
  const escaped = label.replace(/"/g, '\\"');
  return page.locator(`.activitybar .action-item:has(> a[aria-label="${escaped}"]), .activitybar .action-item:has(> a[aria-label^="${escaped} ("])`).first();
}

/** Opens the view container `label` ("Help Scout") in the side bar; never toggles it closed. */
export async function clickActivityBarItem(page: Page, label: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const item = activityBarItem(page, label);
  await item.waitFor({ state: 'visible', timeout: options.timeoutMs ?? 30000 });
  const active = (await item.getAttribute('class'))?.split(/\s+/).includes('checked');
  if (!active) await item.click();
  await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: 10000 });
}

export interface TreeRow {
  label: string;
  description: string;
  ariaLabel: string;
  /** 1 for top-level items. */
  level: number;
  /** undefined for leaves. */
  expanded: boolean | undefined;
  locator: Locator;
}

/** The side bar's tree/list rows as they are rendered now (only the visible ones exist). */
export async function treeRows(page: Page, scope: Locator = page.locator('.part.sidebar')): Promise<TreeRow[]> {
  const rows = scope.locator('.monaco-list-row');
  const result: TreeRow[] = [];
  for (let i = 0, n = await rows.count(); i < n; i++) {
    const row = rows.nth(i);
    const expanded = await row.getAttribute('aria-expanded');
    result.push({
      label: (await row.locator('.label-name').first().textContent().catch(() => null))?.trim()
        ?? (await row.innerText()).trim(),
      description: (await row.locator('.label-description').first().textContent({ timeout: 100 }).catch(() => null))?.trim() ?? '',
      ariaLabel: (await row.getAttribute('aria-label')) ?? '',
      level: Number((await row.getAttribute('aria-level')) ?? 1),
      expanded: expanded === null ? undefined : expanded === 'true',
      locator: row,
    });
  }
  return result;
}

/** The side-bar row labelled exactly `label`, once it is rendered. */
export async function waitForTreeRow(page: Page, label: string, options: { timeoutMs?: number } = {}): Promise<Locator> {
  const row = page.locator('.part.sidebar .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: exactly(label) }),
  }).first();
  await row.waitFor({ state: 'visible', timeout: options.timeoutMs ?? 15000 });
  return row;
}

/**
 * A webview's content frame. Webviews are nested iframes: the workbench's `iframe.webview` hosts
 * VS Code's wrapper page, whose `#active-frame` holds the extension's HTML. Polls until some
 * content frame satisfies `predicate` (default: any).
 */
export async function findWebviewFrame(
  page: Page,
  predicate: (frame: Frame) => boolean | Promise<boolean> = () => true,
  options: { timeoutMs?: number } = {},
): Promise<Frame> {
  const deadline = Date.now() + (options.timeoutMs ?? 20000);
  for (;;) {
    for (const frame of page.frames()) {
      // VS Code creates the content frame as `pending-frame` and renames it (id and name) to
      // `active-frame` once loaded; Playwright keeps reporting the name it first saw, so ask
      // the frame element for its current id.
      if (!['active-frame', 'pending-frame'].includes(frame.name()) || frame.isDetached()) continue;
      try {
        const element = await frame.frameElement();
        const id = await element.getAttribute('id');
        await element.dispose();
        if (id !== 'active-frame') continue;
        if (await predicate(frame)) return frame;
      } catch { /* frame navigating or detached: try again */ }
    }
    if (Date.now() > deadline) {
      const names = page.frames().map((frame) => `${frame.name() || '(main)'} ${frame.url().slice(0, 80)}`);
      throw new Error(`no webview frame matched within ${options.timeoutMs ?? 20000} ms; frames:\n  ${names.join('\n  ')}`);
    }
    await page.waitForTimeout(200);
  }
}

/**
 * Switches the color theme through "Preferences: Color Theme", as a user would. `name` is the
 * theme's settings id ("Default Light Modern"); the picker shows it as the row's description
 * next to a shorter label ("Light Modern"), so either matches.
 */
export async function setTheme(page: Page, name: ThemeName): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  await typeInQuickInput(page, name);
  const row = quickInput(page).locator('.monaco-list-row').filter({
    has: page.locator('.label-name, .label-description', { hasText: exactly(name) }),
  }).first();
  await row.waitFor({ state: 'visible', timeout: 15000 });
  await row.click();
  const kind = THEME_KIND[name];
  if (kind) {
    await page.waitForFunction(
      (cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls) ?? false,
      kind,
      { timeout: 10000 },
    );
  }
  await quickInput(page).waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined);
}

/** Notification toasts currently shown, as their message text. */
export async function notifications(page: Page): Promise<string[]> {
  return (await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((t) => t.trim());
}

/** Waits for a notification toast whose message contains `text`; returns its toast. */
export async function waitForNotification(page: Page, text: string | RegExp, options: { timeoutMs?: number } = {}): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-list-item').filter({
    has: page.locator('.notification-list-item-message', { hasText: text }),
  }).first();
  await toast.waitFor({ state: 'visible', timeout: options.timeoutMs ?? 15000 });
  return toast;
}

/** Saves a PNG into test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const file = path.join(resultsDir, 'screenshots', `${name.replace(/[^\w.-]+/g, '-')}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}

// --- added for the report-panel UI suites (sampleData, signIn, reportErrors) -------------------

/** The welcome view's button (a viewsWelcome command link) labelled exactly `label`. */
export function welcomeButton(page: Page, label: string): Locator {
  return page.locator('.part.sidebar .welcome-view-content .monaco-button').filter({ hasText: exactly(label) }).first();
}

/**
 * Clicks the tree row labelled `label` and waits for the report's editor tab. A row that the tree
 * re-rendered under the pointer (the sample data's examples arrive one by one) can swallow a
 * click, as it would a person's: then it is clicked once more, and the retry is printed.
 */
export async function openFromTree(page: Page, label: string, options: { timeoutMs?: number } = {}): Promise<void> {
  await (await waitForTreeRow(page, label)).click();
  try {
    await editorTab(page, label).waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    console.log(`      (the click on “${label}” opened nothing in 10 s: clicked again)`);
    await (await waitForTreeRow(page, label)).click();
    await editorTab(page, label).waitFor({ state: 'visible', timeout: options.timeoutMs ?? 30_000 });
  }
}

/** The editor tab whose label is exactly `title`. */
export function editorTab(page: Page, title: string): Locator {
  return page.locator('.part.editor .tabs-container .tab').filter({
    has: page.locator('.label-name', { hasText: exactly(title) }),
  }).first();
}

/**
 * Runs "Developer: Reload Window" and waits until the reloaded workbench shows its activity bar
 * again (the page navigates; frames of the old window are detached).
 */
export async function reloadWindow(page: Page, options: { timeoutMs?: number } = {}): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: options.timeoutMs ?? 60000 });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await page.waitForLoadState('domcontentloaded', { timeout: options.timeoutMs ?? 60000 });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: options.timeoutMs ?? 60000 });
}
