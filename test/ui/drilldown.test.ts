// Issue 13 as a person meets it, in the real workbench with sample data: click the busiest day's
// point, and the conversations pane lists exactly as many distinct customers as the chart says
// for that day (all pages loaded with "Load more"); a conversation opens at Help Scout's web app
// (the browser's window.open stubbed, so the URL VS Code hands to the browser is what we check);
// Escape closes the pane with focus back on the chart. Then, against a sandbox whose subjects are
// hostile, every subject shows as text and nothing in it runs.
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { DEFAULT_SEED, getDataset } from '../../src/sandbox/dataset';
import { computeDrilldown } from '../../src/sandbox/drilldown';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import {
  clickActivityBarItem, editorTab, openWorkbench, reloadWindow, screenshot, setTheme, treeRows, waitForNotification, welcomeButton, type Workbench,
} from './workbench';
import { clickPanelButton, createReportThroughQuickPick, findReportFrame, parseCount, signInThroughUi, until, waitForPaintedChart, waitForPanelMode } from './reportPanel';

/** The table's rows as the panel shows them: the day's long label and its customers. */
function tableDays(frame: Frame): Promise<Array<{ label: string; customers: number }>> {
  return frame.evaluate(() =>
    Array.from(document.querySelectorAll('#app table.data-table tbody tr')).map((tr) => ({
      label: tr.querySelector('th')?.getAttribute('title') ?? tr.querySelector('th')?.textContent ?? '',
      customers: Number((tr.querySelector('td.num')?.textContent ?? '').replace(/[^\d]/g, '')),
    })),
  );
}

/**
 * Where the busiest bucket's point is: the topmost pixel of the current series' colour on the
 * canvas (the highest value is drawn highest), in page coordinates of the frame.
 */
function busiestPoint(frame: Frame): Promise<{ x: number; y: number } | null> {
  return frame.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.chart-card .chart-box canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return null;
    const probe = document.createElement('span');
    probe.style.color = getComputedStyle(document.body).getPropertyValue('--vscode-charts-blue').trim() || '#000';
    document.body.appendChild(probe);
    const [r, g, b] = (getComputedStyle(probe).color.match(/[\d.]+/g) ?? ['0', '0', '0']).map(Number) as [number, number, number];
    probe.remove();
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    // The legend is HTML outside the canvas, so the first pixel in the series colour is the line's top.
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (data[i + 3]! > 240 && Math.abs(data[i]! - r) <= 8 && Math.abs(data[i + 1]! - g) <= 8 && Math.abs(data[i + 2]! - b) <= 8) {
          const box = canvas.getBoundingClientRect();
          return { x: box.left + (x / width) * box.width, y: box.top + ((y + 3) / height) * box.height };
        }
      }
    }
    return null;
  });
}

interface PaneSeen {
  open: boolean;
  title: string;
  status: string;
  rows: number;
  emails: string[];
  numbers: string[];
  subjects: Array<{ text: string; title: string; tag: string }>;
  canLoadMore: boolean;
  role: string | null;
}

function paneSeen(frame: Frame): Promise<PaneSeen> {
  return frame.evaluate(() => {
    const pane = document.querySelector<HTMLElement>('.drill-pane');
    const more = document.querySelector<HTMLElement>('.drill-more');
    return {
      open: !!pane && !pane.hidden,
      title: pane?.querySelector('.drill-title')?.textContent ?? '',
      status: pane?.querySelector('.drill-status')?.textContent ?? '',
      rows: pane?.querySelectorAll('li.drill-item').length ?? 0,
      emails: Array.from(pane?.querySelectorAll('.c-customer bdi') ?? []).map((e) => e.getAttribute('data-email') ?? ''),
      numbers: Array.from(pane?.querySelectorAll('.c-number') ?? []).map((e) => e.textContent ?? ''),
      subjects: Array.from(pane?.querySelectorAll('.c-subject') ?? []).map((e) => ({ text: e.textContent ?? '', title: e.getAttribute('title') ?? '', tag: e.tagName })),
      canLoadMore: !!more && !more.hidden && !more.hasAttribute('disabled'),
      role: pane?.querySelector('.drill-list')?.getAttribute('role') ?? null,
    };
  });
}

/** Stubs the browser's window.open in the workbench page: VS Code's openExternal ends there in a web workbench. */
async function stubWindowOpen(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __opened: string[]; open: (url?: string | URL) => null };
    w.__opened = [];
    w.open = (url) => {
      w.__opened.push(String(url));
      return null;
    };
  });
}

async function openedUrls(page: Page): Promise<string[]> {
  // VS Code may first ask whether to open an external website: say yes, as the user would.
  const open = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^\s*Open\s*$/ }).first();
  if (await open.isVisible().catch(() => false)) await open.click();
  return page.evaluate(() => (window as unknown as { __opened: string[] }).__opened ?? []);
}

async function clickBusiestPoint(page: Page, frame: Frame): Promise<void> {
  // A tooltip left by the pointer (its swatch is in the series colour) must not be taken for the line.
  await page.mouse.move(1, 1);
  await frame.locator('.chart-card').dispatchEvent('mouseout');
  await page.waitForTimeout(300);
  const point = await until('the busiest point on the chart', () => busiestPoint(frame), (p) => p !== null);
  const frameBox = await (await frame.frameElement()).boundingBox();
  assert.ok(frameBox && point);
  await page.mouse.click(frameBox.x + point.x, frameBox.y + point.y);
}

describe('drill-down: the conversations behind a number (sample data)', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let frame: Frame;
  let reportName = '';
  let person = { id: 0, firstName: '', lastName: '' };

  before(async () => {
    // The sandbox buckets in fixed 24-hour steps from `start`; the extension in local calendar days:
    // the same only without DST, so the periods are counted in UTC here, wherever the test runs.
    wb = await openWorkbench({ theme: 'Default Light Modern', settings: { 'helpscout.timeZone': 'UTC' } });
    const { page } = wb;
    await clickActivityBarItem(page, 'Help Scout');
    await welcomeButton(page, 'Try with sample data').click();
    await until('the example reports', () => treeRows(page), (rows) => rows.length >= 4, { timeoutMs: 60_000 });
    // The colleague with the busiest single day of the last 30 (counted here from the sandbox's
    // data), by day: that day has more than one page of conversations.
    const dataset = getDataset(DEFAULT_SEED, Date.now());
    const since = dataset.now - 29 * 86_400;
    const busiestDay = (userId: number) => {
      const perDay = new Map<string, number>();
      for (const c of dataset.conversationsOf(userId)) if (c.epochSeconds >= since) perDay.set(c.date.slice(0, 10), (perDay.get(c.date.slice(0, 10)) ?? 0) + 1);
      return Math.max(0, ...perDay.values());
    };
    person = dataset.users.reduce((best, user) => (busiestDay(user.id) > busiestDay(best.id) ? user : best));
    reportName = await createReportThroughQuickPick(page, { userText: new RegExp(`^\\s*${person.firstName} ${person.lastName}`) });
    await editorTab(page, reportName).waitFor({ state: 'visible', timeout: 30_000 });
    frame = await findReportFrame(page, reportName);
    await waitForPanelMode(frame, 'data');
    await waitForPaintedChart(frame);
  });
  after(async () => {
    await wb?.close();
  });

  /**
   * Clicks the highest point, then loads every page of the pane; returns what it listed and the
   * table row (bucket) the pane names, which must be one of the busiest.
   */
  async function drillBusiest(rowsExpected: number): Promise<{ seen: PaneSeen; bucket: { label: string; customers: number }; firstPage: PaneSeen }> {
    const { page } = wb;
    const buckets = await until('the table rows', () => tableDays(frame), (rows) => rows.length === rowsExpected, { timeoutMs: 60_000 });
    const most = Math.max(...buckets.map((d) => d.customers));
    await clickBusiestPoint(page, frame);
    const firstPage = await until('the first page of conversations', () => paneSeen(frame), (s) => s.open && s.rows > 0);
    // With ties, the highest point is one of the busiest buckets; the pane names which.
    const bucket = buckets.find((d) => d.customers === most && firstPage.title.includes(d.label));
    assert.ok(bucket, `the pane (${firstPage.title}) is for a busiest bucket: ${buckets.filter((d) => d.customers === most).map((d) => d.label).join(', ')}`);
    assert.equal(firstPage.role, 'list');
    assert.match(firstPage.status, /^\d[\d,.\s]* conversations?$/);
    const total = parseCount(firstPage.status);
    assert.equal(firstPage.rows, Math.min(25, total), 'the first page comes at once, up to 25 rows');
    let seen = firstPage;
    if (seen.rows < total) {
      // "Load more" (clicked where it is, without scrolling to it)…
      await frame.locator('.drill-more').dispatchEvent('click');
      seen = await until('the second page, from Load more', () => paneSeen(frame), (s) => s.rows > firstPage.rows);
    }
    while (seen.rows < total) {
      // …and scrolling to the end of the list loads the rest.
      const before = seen.rows;
      await frame.evaluate(() => document.querySelector('.drill-scroll')?.scrollTo({ top: 1e9 }));
      seen = await until('the next page, from scrolling', () => paneSeen(frame), (s) => s.rows > before);
    }
    assert.equal(seen.rows, total, `all ${total} conversations are listed`);
    assert.equal(new Set(seen.numbers).size, total, 'no conversation twice');
    return { seen, bucket, firstPage };
  }

  it("clicking the busiest day's point lists exactly as many distinct customers as the chart says", async () => {
    const { seen, bucket } = await drillBusiest(30);
    const customers = new Set(seen.emails.filter(Boolean));
    assert.equal(customers.size, bucket.customers, `distinct customers in the pane = the chart's ${bucket.customers} for ${bucket.label}`);
    await screenshot(wb.page, 'drilldown-busiest-day');
  });

  it('loads a second page: the busiest week of the same report, by week', async () => {
    await clickPanelButton(frame, 'Week');
    await until('the weekly chart', () => frame.locator('#app .chart-card .card-title').textContent(), (t) => t === 'Customers helped by week', { timeoutMs: 60_000 });
    assert.equal((await paneSeen(frame)).open, false, 'a new view of the report closes the pane');
    const weeks = await frame.locator('#app table.data-table tbody tr').count();
    const { seen, bucket, firstPage } = await drillBusiest(weeks);
    assert.ok(firstPage.canLoadMore && parseCount(firstPage.status) > 25, `the busiest week has more than one page (${firstPage.status})`);
    assert.ok(seen.rows > 25, `a second page was loaded (${seen.rows} rows)`);
    assert.equal(new Set(seen.emails.filter(Boolean)).size, bucket.customers, `distinct customers over all pages = the chart's ${bucket.customers} for ${bucket.label}`);
    await screenshot(wb.page, 'drilldown-all-pages');
  });

  it('Escape closes the pane and puts focus back on the chart', async () => {
    await frame.locator('li.drill-item').first().focus();
    await frame.locator('li.drill-item').first().press('ArrowDown');
    const focused = await frame.evaluate(() => document.activeElement?.className ?? '');
    assert.match(focused, /drill-item/, 'arrow keys move through the list');
    await frame.locator('li.drill-item').nth(1).press('Escape');
    const after = await until('the pane to close', () => paneSeen(frame), (s) => !s.open);
    assert.equal(after.open, false);
    const active = await frame.evaluate(() => ({ tag: document.activeElement?.tagName, inChart: !!document.activeElement?.closest('.chart-card') }));
    assert.deepEqual(active, { tag: 'CANVAS', inChart: true }, 'focus is on the chart again');
  });

  it('Enter on a table row drills into that row, and Escape returns focus to the row', async () => {
    const rows = frame.locator('#app table.data-table tbody tr');
    await rows.first().focus();
    await rows.first().press('ArrowDown');
    await rows.nth(1).press('ArrowDown');
    const label = (await rows.nth(2).locator('th').getAttribute('title')) ?? (await rows.nth(2).locator('th').innerText());
    await rows.nth(2).press('Enter');
    const seen = await until('the pane for that row', () => paneSeen(frame), (s) => s.open && s.status.endsWith('conversations'));
    assert.ok(seen.title.includes(label), `the pane (${seen.title}) is for the row ${label}`);
    await frame.locator('.drill-pane').press('Escape');
    await until('the pane to close', () => paneSeen(frame), (s) => !s.open);
    assert.equal(await frame.evaluate(() => document.activeElement?.closest('tr')?.rowIndex ?? -1), 3, 'focus is back on that row (header is row 0)');
  });

  it("opens a conversation at Help Scout's web app with the URL the host built from its ids", async () => {
    const { page } = wb;
    await stubWindowOpen(page);
    await clickBusiestPoint(page, frame);
    const seen = await until('the conversations again', () => paneSeen(frame), (s) => s.open && s.rows > 0);
    const number = Number(seen.numbers[0]!.replace('#', ''));
    await frame.locator('li.drill-item').first().press('Enter');
    const urls = await until('VS Code to open a URL in the browser', () => openedUrls(page), (list) => list.length > 0, { timeoutMs: 20_000 });
    const match = /^https:\/\/secure\.helpscout\.net\/conversation\/(\d+)\/(\d+)$/.exec(urls[0]!);
    assert.ok(match, `opened ${urls.join(', ')}`);
    assert.equal(Number(match[2]), number, 'the number of the row that was opened');
    // The id is not shown in the pane: it is the sandbox's id for that conversation number.
    const dataset = getDataset(DEFAULT_SEED, Date.now());
    const all = computeDrilldown(dataset, { userId: person.id, start: dataset.start, end: dataset.now + 1, page: 1, rows: 50_000 }).conversations.results;
    assert.equal(Number(match[1]), all.find((c) => c.number === number)?.id, 'the id of that conversation');
    await screenshot(page, 'drilldown-opened');
  });

  it('looks right in the dark theme', async () => {
    const { page } = wb;
    await setTheme(page, 'Default Dark Modern');
    const seen = await paneSeen(frame);
    assert.ok(seen.open && seen.rows > 0);
    await screenshot(page, 'drilldown-dark');
  });

  it('asks for the open bucket again after Developer: Reload Window (the rows are not kept)', async () => {
    const { page } = wb;
    const before = await paneSeen(frame);
    assert.ok(before.open);
    await reloadWindow(page);
    frame = await findReportFrame(page, reportName, { timeoutMs: 60_000 });
    await waitForPanelMode(frame, 'data');
    const after = await until('the pane again', () => paneSeen(frame), (s) => s.open && s.rows > 0, { timeoutMs: 60_000 });
    assert.equal(after.title, before.title, 'the same bucket');
    assert.equal(after.status, before.status);
  });
});

describe('drill-down: hostile subjects show as text', function () {
  this.timeout(240_000);
  let sandbox: Sandbox;
  let wb: Workbench;

  before(async () => {
    sandbox = await startSandbox({ port: 0, hostileNames: true, rateLimitPerMinute: 0 });
    wb = await openWorkbench({ theme: 'Default Light Modern', settings: { 'helpscout.apiBaseUrl': sandbox.baseUrl } });
  });
  after(async () => {
    await wb?.close();
    await sandbox?.close();
  });

  it('lists <img onerror>, a [x](command:…) link and an RTL override as the characters they are, isolated', async () => {
    const { page } = wb;
    await clickActivityBarItem(page, 'Help Scout');
    await signInThroughUi(page, sandbox.appId, sandbox.appSecret);
    await waitForNotification(page, 'signed in as', { timeoutMs: 30_000 });
    const name = await createReportThroughQuickPick(page, { userText: /Billing|Support/ });
    await editorTab(page, name).waitFor({ state: 'visible', timeout: 30_000 });
    const frame = await findReportFrame(page, name);
    await waitForPanelMode(frame, 'data');
    await waitForPaintedChart(frame);
    await clickBusiestPoint(page, frame);
    let seen = await until('conversations', () => paneSeen(frame), (s) => s.open && s.rows > 0);
    const total = parseCount(seen.status);
    while (seen.rows < total && seen.canLoadMore) {
      const before = seen.rows;
      await frame.locator('.drill-more').click();
      seen = await until('the next page', () => paneSeen(frame), (s) => s.rows > before);
    }
    const texts = seen.subjects.map((s) => s.title || s.text);
    assert.ok(texts.some((t) => t === '<img src=x onerror=alert(1)>'), `an <img onerror> subject is listed as text: ${texts.slice(0, 5).join(' | ')}`);
    assert.ok(texts.some((t) => t.startsWith('[Click me](command:')), 'a Markdown command link is listed as text');
    assert.ok(texts.some((t) => t.includes('\u202E')), 'the RTL override subject is listed');
    assert.ok(seen.subjects.every((s) => s.tag === 'BDI'), 'every subject is isolated in <bdi>');
    const dom = await frame.evaluate(() => ({
      images: document.querySelectorAll('img, [onerror]').length,
      links: document.querySelectorAll('.drill-pane a').length,
      long: Math.max(...Array.from(document.querySelectorAll('.c-subject')).map((e) => e.textContent?.length ?? 0)),
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.equal(dom.images, 0, 'no element was made from a subject');
    assert.equal(dom.links, 0, 'no link was made from a subject');
    assert.ok(dom.long <= 160, `a 10,000-character subject is clipped in the list (${dom.long})`);
    assert.ok(dom.scrollWidth <= dom.clientWidth + 1, 'no horizontal scroll');
    await screenshot(page, 'drilldown-hostile');
  });
});
