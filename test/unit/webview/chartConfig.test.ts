import assert from 'node:assert/strict';
import { buildChartConfig, chartLabels, PREVIOUS_DASH, reportLegend, tooltipLines, type ChartInput } from '../../../webview/chartConfig';
import { createFormatter } from '../../../webview/format';
import { readTheme, type ThemeColors } from '../../../webview/theme';
import { comparison, snapshot } from './fixtures';

const theme: ThemeColors = readTheme(
  { getPropertyValue: (name) => ({ '--vscode-charts-blue': '#3794ff', '--vscode-charts-foreground': '#cccccc', '--vscode-font-family': 'Test Sans' })[name] ?? '' },
  ['vscode-dark'],
);
const f = createFormatter('en-GB', 'UTC');

function input(overrides: Partial<ChartInput> = {}): ChartInput {
  const s = snapshot();
  return { snapshot: s, comparison: s.comparison!, chartType: 'line', theme, reducedMotion: false, formatter: f, ...overrides };
}

describe('webview/chartConfig', () => {
  it('has one label per row, formatted for the viewBy', () => {
    const config = buildChartConfig(input());
    assert.deepEqual(config.data.labels, ['Thu 1 Oct', 'Fri 2 Oct', 'Sat 3 Oct']);
    const weekly = buildChartConfig(input({ snapshot: { ...snapshot(), viewBy: 'week' } }));
    assert.deepEqual(weekly.data.labels, ['1 Oct', '2 Oct', '3 Oct']);
    assert.equal(chartLabels(comparison([1, 2]).rows, 'month', f)[0], 'Oct 2026');
  });

  it('draws the current period solid and the previous one dashed, in theme colours', () => {
    const config = buildChartConfig(input());
    const [current, previous] = config.data.datasets;
    assert.equal(current!.borderColor, '#3794ff');
    assert.equal((current as { borderDash?: number[] }).borderDash, undefined);
    assert.deepEqual((previous as { borderDash?: number[] }).borderDash, PREVIOUS_DASH);
    assert.equal(previous!.borderColor, theme.previous);
    assert.deepEqual(current!.data, [10, 20, 30]);
    assert.deepEqual(previous!.data, [10, 10, 10]);
    assert.equal(config.options?.scales?.x?.ticks?.color, theme.mutedText);
    assert.equal((config.options?.font as { family: string }).family, 'Test Sans');
  });

  it('registers no canvas legend: the legend is HTML outside the chart', () => {
    assert.equal(buildChartConfig(input()).options?.plugins?.legend, undefined);
  });

  it('the legend names both periods: this period solid, the previous dashed, each shown until switched off', () => {
    const s = snapshot({ currentLabel: '1–3 Oct 2026', previousLabel: '1–3 Sept 2026' });
    const entries = reportLegend(input({ snapshot: s }));
    assert.deepEqual(entries.map((e) => [e.key, e.label, e.shown]), [
      ['current', 'This period · 1–3 Oct 2026', true],
      ['previous', 'Previous · 1–3 Sept 2026', true],
    ]);
    assert.deepEqual(entries[0]!.swatch, { color: theme.current, dash: [] });
    assert.deepEqual(entries[1]!.swatch, { color: theme.previous, dash: PREVIOUS_DASH });
    // The legend says what each dataset is called, so a tooltip and the legend agree.
    const config = buildChartConfig(input({ snapshot: s }));
    assert.deepEqual(config.data.datasets.map((d) => d.label), entries.map((e) => e.label));
  });

  it('as bars, the legend shows a filled box for this period and a hollow dashed one for the previous', () => {
    const [current, previous] = reportLegend(input({ chartType: 'bar' }));
    assert.equal(current!.swatch.fill, theme.current);
    assert.equal(previous!.swatch.fill, theme.previousFill);
    assert.equal(previous!.swatch.color, theme.previous);
    assert.deepEqual(previous!.swatch.dash, PREVIOUS_DASH);
  });

  it('without a previous period the legend has this period only', () => {
    const entries = reportLegend(input({ comparison: comparison([1, 2, 3]) }));
    assert.deepEqual(entries.map((e) => e.key), ['current']);
  });

  it('a series switched off in the legend is hidden in the chart and unpressed in the legend', () => {
    const hidden = ['previous'] as const;
    assert.deepEqual(buildChartConfig(input({ hidden })).data.datasets.map((d) => d.hidden), [false, true]);
    assert.deepEqual(reportLegend(input({ hidden })).map((e) => e.shown), [true, false]);
    assert.deepEqual(buildChartConfig(input({ hidden: ['current'] })).data.datasets.map((d) => d.hidden), [true, false]);
    assert.deepEqual(buildChartConfig(input()).data.datasets.map((d) => d.hidden), [false, false]);
  });

  it('keeps gaps as null where a side has no bucket', () => {
    const c = comparison([1, 2], [3, 4, 5]);
    const config = buildChartConfig(input({ comparison: c }));
    assert.equal(config.data.labels?.length, 3);
    assert.deepEqual(config.data.datasets[0]!.data, [1, 2, null]);
    assert.equal(config.data.labels?.[2], '');
  });

  it('has a single dataset without a previous period', () => {
    const config = buildChartConfig(input({ comparison: comparison([1, 2, 3]) }));
    assert.equal(config.data.datasets.length, 1);
  });

  it('switches between line and bar; previous bars are hollow', () => {
    const bar = buildChartConfig(input({ chartType: 'bar' }));
    assert.equal(bar.type, 'bar');
    assert.equal(bar.data.datasets[0]!.backgroundColor, theme.current);
    assert.equal(bar.data.datasets[1]!.backgroundColor, theme.previousFill);
    assert.equal(buildChartConfig(input()).type, 'line');
  });

  it('turns animation off under reduced motion', () => {
    assert.equal(buildChartConfig(input({ reducedMotion: true })).options?.animation, false);
    assert.notEqual(buildChartConfig(input({ reducedMotion: false })).options?.animation, false);
  });

  it('tooltips show both dates, both values and the difference', () => {
    const row = comparison([12], [10]).rows[0]!;
    const lines = tooltipLines(row, 'day', f);
    assert.equal(lines.title, 'Thu, 1 Oct 2026');
    assert.equal(lines.current, 'This period: 12');
    assert.equal(lines.previous, 'Tue, 1 Sept 2026: 10');
    assert.equal(lines.footer, 'Difference: +2 (▲ up 20%)');
    const config = buildChartConfig(input());
    const callbacks = config.options!.plugins!.tooltip!.callbacks!;
    const item = { dataIndex: 2, datasetIndex: 1 } as never;
    assert.equal((callbacks.label as (i: never) => string)(item), 'Thu, 3 Sept 2026: 10');
    assert.equal((callbacks.footer as (i: never[]) => string)([item]), 'Difference: +20 (▲ up 200%)');
  });

  it('says "new" when the previous bucket was zero', () => {
    const row = comparison([5], [0]).rows[0]!;
    assert.equal(tooltipLines(row, 'day', f).footer, 'Difference: +5 (★ new)');
  });

  it('builds the empty chart the webview sets up before the first snapshot', () => {
    for (const chartType of ['line', 'bar'] as const) {
      const config = buildChartConfig(
        input({ chartType, snapshot: { viewBy: 'day', currentLabel: '', previousLabel: '' }, comparison: { rows: [], hasPrevious: true, currentTotal: 0, previousTotal: 0, change: null } }),
      );
      assert.equal(config.type, chartType);
      assert.deepEqual(config.data.labels, []);
      assert.deepEqual(
        config.data.datasets.map((d) => d.data),
        [[], []],
      );
    }
  });
});
