/** The panel's view of partial buckets, unequal lengths and years (webview, no DOM). */
import * as assert from 'node:assert/strict';
import { compareReport } from '../../../src/core/comparison';
import type { ReportSnapshot } from '../../../src/protocol';
import { buildChartConfig, tooltipLines } from '../../../webview/chartConfig';
import { createFormatter } from '../../../webview/format';
import { validateHostMessage } from '../../../webview/messages';
import { buildHeadline, chartAriaLabel } from '../../../webview/summary';
import { buildTable } from '../../../webview/table';
import { readTheme } from '../../../webview/theme';
import { snapshot } from '../webview/fixtures';

const f = createFormatter('en-GB', 'UTC');
const noProps = { getPropertyValue: () => '' };
const FALLBACK_THEMES = { light: readTheme(noProps, ['vscode-light']), dark: readTheme(noProps, ['vscode-dark']) };
const noon = (day: string) => ({ date: `${day}T12:00:00Z` });

// "This month" on Thu 3 Dec 2026, by week, against the whole of November.
const thisMonth = compareReport(
  {
    current: [{ ...noon('2026-12-01'), value: 30 }],
    previous: ['2026-11-01', '2026-11-08', '2026-11-15', '2026-11-22', '2026-11-29'].map((d) => ({ ...noon(d), value: 70 })),
  },
  {
    viewBy: 'week',
    current: { firstDay: '2026-12-01', lastDay: '2026-12-03', days: 3 },
    previous: { firstDay: '2026-11-01', lastDay: '2026-11-30', days: 30 },
  },
);
const weekSnapshot: ReportSnapshot = snapshot({ viewBy: 'week', allowedViewBy: ['day', 'week'], comparison: thisMonth });

describe('panel: partial buckets, unequal lengths, years', () => {
  it('marks "this month" on the 3rd as 3 of 7 days, in the table, tooltips, chart and summary', () => {
    assert.deepEqual(thisMonth.rows[0]?.currentPartial, { days: 3, of: 7 });
    assert.deepEqual(thisMonth.rows[4]?.previousPartial, { days: 2, of: 7 }); // Nov 29–30
    assert.equal(thisMonth.rows[1]?.current, null, 'nothing opposite: a gap, never a shifted value');

    const table = buildTable(thisMonth, { viewBy: 'week', currentLabel: 'Dec', previousLabel: 'Nov', sort: { column: 'date', direction: 'ascending' } }, f);
    assert.equal(table.rows[0]?.date.partial, '3 of 7 days');
    assert.equal(table.rows[1]?.date.partial, undefined);
    assert.equal(table.rows[1]?.current.text, '—');
    assert.equal(table.rows[4]?.previousDate.partial, '2 of 7 days');

    assert.equal(tooltipLines(thisMonth.rows[0]!, 'week', f).current, 'This period: 30 (3 of 7 days only)');

    const config = buildChartConfig({ snapshot: weekSnapshot, comparison: thisMonth, chartType: 'bar', theme: FALLBACK_THEMES.light, reducedMotion: true, formatter: f });
    const bars = config.data.datasets[0]!;
    assert.deepEqual(bars.backgroundColor, [FALLBACK_THEMES.light.currentFill, FALLBACK_THEMES.light.current, FALLBACK_THEMES.light.current, FALLBACK_THEMES.light.current, FALLBACK_THEMES.light.current]);
    const lineConfig = buildChartConfig({ snapshot: weekSnapshot, comparison: thisMonth, chartType: 'line', theme: FALLBACK_THEMES.dark, reducedMotion: true, formatter: f });
    const points = lineConfig.data.datasets[0] as unknown as { pointBackgroundColor: string[]; pointRadius: number[] };
    assert.equal(points.pointBackgroundColor[0], FALLBACK_THEMES.dark.background, 'a hollow point');
    assert.equal(points.pointRadius[0], 4);
    const previousPoints = lineConfig.data.datasets[1] as unknown as { pointRadius: number[] };
    assert.deepEqual(previousPoints.pointRadius, [0, 0, 0, 0, 3.5], 'the partial previous week (Nov 29–30) is marked too');

    const headline = buildHeadline(weekSnapshot, thisMonth, f);
    assert.match(headline.note, /Week of 1 Dec 2026 covers 3 of 7 days \(drawn lighter\)\.$/);
    assert.match(chartAriaLabel(weekSnapshot, thisMonth, f), /covers 3 of 7 days/);
  });

  it('says "3 days vs 30" and the change per day next to the headline', () => {
    const headline = buildHeadline(weekSnapshot, thisMonth, f);
    // 30 in 3 days = 10 a day; 350 in 30 days ≈ 11.7 a day: down 14.3 %.
    assert.deepEqual(headline.lengths, { text: '3 days vs 30', perDay: 'Per day: 10 vs 11.7 (down 14.3%)' });
    const same = compareReport({ current: [{ ...noon('2026-10-01'), value: 1 }], previous: [{ ...noon('2026-09-01'), value: 1 }] }, {
      viewBy: 'day',
      current: { firstDay: '2026-10-01', lastDay: '2026-10-01', days: 1 },
      previous: { firstDay: '2026-09-01', lastDay: '2026-09-01', days: 1 },
    });
    assert.equal(buildHeadline(snapshot({ comparison: same }), same, f).lengths, null);
  });

  it('shows the year in the previous column when the two sides are in different years', () => {
    const lastYear = compareReport({ current: [{ ...noon('2026-09-03'), value: 1 }], previous: [{ ...noon('2025-09-04'), value: 2 }] });
    const table = buildTable(lastYear, { viewBy: 'day', currentLabel: 'a', previousLabel: 'b', sort: { column: 'date', direction: 'ascending' } }, f);
    assert.equal(table.rows[0]?.date.text, 'Thu 3 Sept');
    assert.equal(table.rows[0]?.previousDate.text, 'Thu, 4 Sept 2025');
    assert.match(tooltipLines(lastYear.rows[0]!, 'day', f).previous ?? '', /2025/);
    const sameYear = compareReport({ current: [{ ...noon('2026-09-03'), value: 1 }], previous: [{ ...noon('2026-08-03'), value: 2 }] });
    const t2 = buildTable(sameYear, { viewBy: 'day', currentLabel: 'a', previousLabel: 'b', sort: { column: 'date', direction: 'ascending' } }, f);
    assert.equal(t2.rows[0]?.previousDate.text, 'Mon 3 Aug');
  });

  it('the snapshot validator keeps partial buckets and lengths, and refuses a coverage over its length', () => {
    const message = { type: 'snapshot', snapshot: weekSnapshot };
    const ok = validateHostMessage(JSON.parse(JSON.stringify(message)));
    assert.ok(ok.ok);
    assert.ok(ok.value.type === 'snapshot');
    const got = (ok.value as { snapshot: ReportSnapshot }).snapshot.comparison;
    assert.deepEqual(got?.rows[0]?.currentPartial, { days: 3, of: 7 });
    assert.deepEqual(got?.lengths, thisMonth.lengths);
    const bad = JSON.parse(JSON.stringify(message));
    bad.snapshot.comparison.rows[0].currentPartial = { days: 8, of: 7 };
    const refused = validateHostMessage(bad);
    assert.ok(!refused.ok);
    assert.match(refused.reason, /currentPartial/);
  });
});
