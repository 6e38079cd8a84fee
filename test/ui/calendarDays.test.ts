// Issue 9: buckets are calendar dates. A custom range of 2026-10-01..2026-10-31 by day, with
// helpscout.timeZone set to UTC+14 (Pacific/Kiritimati) and to UTC−11 (Pacific/Pago_Pago), shows 31
// buckets labelled Oct 1 … Oct 31 in sample mode, and each day's count equals a naive recount of
// the sandbox's raw conversations for that local day, done here.
import * as assert from 'node:assert/strict';
import { rawConversations } from '../../src/sandbox/rawData';
import { clickActivityBarItem, editorTab, openWorkbench, screenshot, treeRows, welcomeButton, type Workbench } from './workbench';
import { countByBuckets, createReportThroughQuickPick, daysFrom, findReportFrame, readFigures, sampleMe, until, waitForPaintedChart, waitForPanelMode } from './reportPanel';

const OCTOBER = daysFrom('2026-10-01', '2026-10-31');

for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
  describe(`calendar days in ${zone}: October 2026 by day`, function () {
    this.timeout(180_000);
    let wb: Workbench;

    before(async () => {
      wb = await openWorkbench({ theme: 'Default Light Modern', settings: { 'helpscout.timeZone': zone } });
    });
    after(async () => {
      await wb?.close();
    });

    it('shows 31 buckets labelled Oct 1 … Oct 31, each counted as that local day', async () => {
      const { page } = wb;
      await clickActivityBarItem(page, 'Help Scout');
      const started = Date.now();
      await welcomeButton(page, 'Try with sample data').click();
      await until('the example reports', () => treeRows(page), (list) => list.length >= 4, { timeoutMs: 60_000 });
      const me = sampleMe(started);

      const name = await createReportThroughQuickPick(page, {
        userText: '(you)',
        customRange: { start: '2026-10-01', end: '2026-10-31' },
        comparison: 'No comparison',
        viewBy: 'By day',
      });
      await editorTab(page, name).waitFor({ state: 'visible', timeout: 30_000 });
      const frame = await findReportFrame(page, name);
      await waitForPanelMode(frame, 'data', { timeoutMs: 60_000 });
      await waitForPaintedChart(frame);
      await frame.locator('#app table.data-table tbody tr').nth(30).waitFor({ state: 'attached', timeout: 30_000 });

      const rows = await frame.evaluate(() =>
        Array.from(document.querySelectorAll('#app table.data-table tbody tr')).map((tr) => ({
          day: tr.querySelector('th')?.textContent?.trim() ?? '',
          count: tr.querySelector('td')?.textContent?.trim() ?? '',
        })),
      );
      assert.equal(rows.length, 31, `31 rows: ${rows.map((r) => r.day).join(' | ')}`);
      rows.forEach((row, i) => {
        const n = i + 1;
        assert.match(row.day, new RegExp(`(Oct ${n}(\\D|$)|(^|\\D)${n} Oct)`), `row ${i} is Oct ${n}: ${row.day}`);
      });

      // October is long before the sandbox started, so its cut-off does not matter here.
      const expected = countByBuckets(rawConversations(me.id, started), OCTOBER, 1, zone);
      assert.deepEqual(rows.map((r) => Number(r.count.replace(/[^\d]/g, ''))), expected, 'each day counts the customers of that local day');
      console.log(`      ${zone}: ${rows[0]?.day} … ${rows[30]?.day}, ${expected.reduce((a, b) => a + b, 0)} customers counted per day`);
      await screenshot(page, `october-${zone.replace('/', '-')}`);
    });

    if (zone !== 'Pacific/Kiritimati') return;

    it('shows a drop to zero as the chart and −100 %, not as "no data"', async () => {
      const { page } = wb;
      // Oliver joined about 270 days before today: nobody in October 2025, customers in October 2026.
      const name = await createReportThroughQuickPick(page, {
        userText: /^\s*Oliver/,
        customRange: { start: '2025-10-01', end: '2025-10-31' },
        customComparison: { start: '2026-10-01', end: '2026-10-31' },
        viewBy: 'By week',
      });
      await editorTab(page, name).waitFor({ state: 'visible', timeout: 30_000 });
      const frame = await findReportFrame(page, name);
      await waitForPanelMode(frame, 'data', { timeoutMs: 60_000 });
      const chart = await waitForPaintedChart(frame);
      assert.ok(chart.inked > 0, 'the chart is painted');
      const figures = await readFigures(frame);
      assert.equal(figures.current, 0);
      assert.ok((figures.previous ?? 0) > 0, `previous ${figures.previousText}`);
      const change = (await frame.locator('#app .figures .figure.change').innerText()).replace(/\s+/g, ' ');
      assert.match(change, /100%/, change);
      assert.match(change, /down 100%/, change);
      const exportButton = frame.locator('#app vscode-button', { hasText: /Export/ }).first();
      assert.equal(await exportButton.getAttribute('disabled'), null, 'export is offered');
      await screenshot(page, 'drop-to-zero');
    });
  });
}
