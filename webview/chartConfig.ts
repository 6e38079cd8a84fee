/**
 * The Chart.js configuration for a snapshot, as a pure function of the data, the chart type, the
 * theme colours and reduced motion. The current period is solid, the previous one dashed (line) or
 * hollow (bar), so the two differ without colour.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { ComparisonRow, ReportComparison } from '../src/core/comparison';
import type { ChartType, ReportSnapshot } from '../src/protocol';
import { clip, coverageText, type Formatter } from './format';
import type { LegendEntry } from './legend';
import type { ThemeColors } from './theme';

export type ReportChartConfig = ChartConfiguration<ChartType, (number | null)[], string>;

export interface ChartInput {
  snapshot: Pick<ReportSnapshot, 'viewBy' | 'currentLabel' | 'previousLabel'>;
  comparison: ReportComparison;
  chartType: ChartType;
  theme: ThemeColors;
  reducedMotion: boolean;
  formatter: Formatter;
  /** The series switched off in the legend. */
  hidden?: readonly ReportSeries[];
}

export type ReportSeries = 'current' | 'previous';

export const PREVIOUS_DASH = [6, 4];
/** The dotted line into and out of a partial bucket. */
export const PARTIAL_DASH = [2, 3];

/** A series' name, in the legend and as its dataset's label. */
function seriesLabel(snapshot: Pick<ReportSnapshot, 'currentLabel' | 'previousLabel'>, series: ReportSeries): string {
  return series === 'current' ? `This period · ${clip(snapshot.currentLabel, 48)}` : `Previous · ${clip(snapshot.previousLabel ?? 'previous period', 48)}`;
}

/**
 * The legend of a single report: this period solid (a filled bar), the previous period dashed (a
 * hollow, dashed bar) when there is one; each toggles its series.
 */
export function reportLegend(
  input: Pick<ChartInput, 'snapshot' | 'comparison' | 'chartType' | 'theme' | 'hidden'>,
): LegendEntry<ReportSeries>[] {
  const { snapshot, theme, hidden = [] } = input;
  const bar = input.chartType === 'bar';
  const entries: LegendEntry<ReportSeries>[] = [
    {
      key: 'current',
      label: seriesLabel(snapshot, 'current'),
      swatch: bar ? { color: theme.current, dash: [], width: 0, fill: theme.current } : { color: theme.current, dash: [] },
      shown: !hidden.includes('current'),
      attrs: { 'data-testid': 'legend-current' },
    },
  ];
  if (input.comparison.hasPrevious) {
    entries.push({
      key: 'previous',
      label: seriesLabel(snapshot, 'previous'),
      swatch: bar ? { color: theme.previous, dash: PREVIOUS_DASH, width: 1.5, fill: theme.previousFill } : { color: theme.previous, dash: PREVIOUS_DASH },
      shown: !hidden.includes('previous'),
      attrs: { 'data-testid': 'legend-previous' },
    });
  }
  return entries;
}

export function chartLabels(rows: readonly ComparisonRow[], viewBy: ReportSnapshot['viewBy'], f: Formatter): string[] {
  return rows.map((row) => (row.currentDate === null ? '' : f.bucket(row.currentDate, viewBy)));
}

/** Tooltip text for one bucket: both dates, both values, the difference. Exported for tests. */
export function tooltipLines(
  row: ComparisonRow,
  viewBy: ReportSnapshot['viewBy'],
  f: Formatter,
): { title: string; current: string; previous: string | null; footer: string | null } {
  const title = row.currentDate !== null ? f.bucketLong(row.currentDate, viewBy) : f.bucketLong(row.previousDate, viewBy);
  const part = (c: ComparisonRow['currentPartial']) => (c ? ` (${coverageText(c)} only)` : '');
  const current = `This period: ${row.current === null ? 'no data' : f.number(row.current)}${part(row.currentPartial)}`;
  const previous =
    row.previousDate === null && row.previous === null
      ? null
      : `${f.bucketLong(row.previousDate, viewBy)}: ${row.previous === null ? 'no data' : f.number(row.previous)}${part(row.previousPartial)}`;
  let footer: string | null = null;
  if (row.change) {
    const change = f.change(row.change);
    footer = `Difference: ${change.absolute}` + (change.words !== '—' ? ` (${change.glyph} ${change.words})` : '');
  }
  return { title, current, previous, footer };
}

export function buildChartConfig(input: ChartInput): ReportChartConfig {
  const { snapshot, comparison, chartType, theme, reducedMotion, formatter: f, hidden = [] } = input;
  const rows = comparison.rows;
  const line = chartType === 'line';
  const dense = rows.length > 45;
  const font = { family: theme.fontFamily, size: Math.max(11, theme.fontSize - 1) };

  // A bucket that covers part of its week or month is drawn lighter: a hollow, larger point
  // reached by a dotted segment, or a light bar with an outline. It must not read as a drop.
  const partial = rows.map((row) => row.currentPartial !== undefined);
  const anyPartial = partial.includes(true);
  const previousPartial = rows.map((row) => row.previousPartial !== undefined);
  const currentDataset: ChartDataset<ChartType, (number | null)[]> = {
    label: seriesLabel(snapshot, 'current'),
    data: rows.map((row) => row.current),
    hidden: hidden.includes('current'),
    borderColor: theme.current,
    backgroundColor: line ? theme.currentFill : anyPartial ? partial.map((p) => (p ? theme.currentFill : theme.current)) : theme.current,
    borderWidth: line ? 2 : anyPartial ? partial.map((p) => (p ? 1.5 : 0)) : 0,
    order: 0,
    ...(line
      ? {
          fill: theme.currentFill === 'transparent' ? false : 'origin',
          pointRadius: anyPartial ? partial.map((p) => (p ? 4 : dense ? 0 : 2.5)) : dense ? 0 : 2.5,
          pointHoverRadius: 5,
          pointBackgroundColor: anyPartial ? partial.map((p) => (p ? theme.background : theme.current)) : theme.current,
          pointBorderColor: theme.current,
          pointBorderWidth: anyPartial ? partial.map((p) => (p ? 2 : 1)) : 1,
          cubicInterpolationMode: 'monotone',
          spanGaps: false,
          ...(anyPartial
            ? { segment: { borderDash: (ctx: { p0DataIndex: number; p1DataIndex: number }) => (partial[ctx.p0DataIndex] || partial[ctx.p1DataIndex] ? PARTIAL_DASH : undefined) } }
            : {}),
        }
      : { borderRadius: 2, maxBarThickness: 28, categoryPercentage: 0.8, barPercentage: 0.9 }),
  };

  const datasets: ChartDataset<ChartType, (number | null)[]>[] = [currentDataset];
  if (comparison.hasPrevious) {
    datasets.push({
      label: seriesLabel(snapshot, 'previous'),
      data: rows.map((row) => row.previous),
      hidden: hidden.includes('previous'),
      borderColor: theme.previous,
      backgroundColor: line ? theme.previous : theme.previousFill,
      borderWidth: line ? 1.75 : 1.5,
      borderDash: PREVIOUS_DASH,
      order: 1,
      ...(line
        ? {
            fill: false,
            // A partial previous bucket gets a hollow point too; the others none.
            pointRadius: previousPartial.includes(true) ? previousPartial.map((p) => (p ? 3.5 : 0)) : 0,
            pointHoverRadius: 4,
            pointBackgroundColor: previousPartial.includes(true) ? previousPartial.map((p) => (p ? theme.background : theme.previous)) : theme.previous,
            pointBorderColor: theme.previous,
            pointBorderWidth: 1.5,
            cubicInterpolationMode: 'monotone',
          }
        : {
            borderRadius: 2,
            maxBarThickness: 28,
            categoryPercentage: 0.8,
            barPercentage: 0.9,
            ...(previousPartial.includes(true) ? { backgroundColor: previousPartial.map((p) => (p ? 'transparent' : theme.previousFill)) } : {}),
          }),
    });
  }

  return {
    type: chartType,
    data: { labels: chartLabels(rows, snapshot.viewBy, f), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion ? false : { duration: 250 },
      interaction: { mode: 'index', intersect: false },
      layout: { padding: { top: 4, right: 8, bottom: 0, left: 0 } },
      color: theme.text,
      font,
      scales: {
        x: {
          grid: { display: false },
          border: { color: theme.axis },
          ticks: { color: theme.mutedText, font, maxRotation: 0, autoSkip: true, autoSkipPadding: 16 },
        },
        y: {
          beginAtZero: true,
          grid: { color: theme.grid },
          border: { display: false },
          ticks: {
            color: theme.mutedText,
            font,
            precision: 0,
            maxTicksLimit: 6,
            callback: (value) => (typeof value === 'number' ? f.number(value) : String(value)),
          },
        },
      },
      plugins: {
        tooltip: {
          enabled: true,
          backgroundColor: theme.tooltipBackground,
          titleColor: theme.tooltipForeground,
          bodyColor: theme.tooltipForeground,
          footerColor: theme.mutedText,
          borderColor: theme.tooltipBorder,
          borderWidth: 1,
          cornerRadius: 3,
          padding: 10,
          boxPadding: 4,
          titleFont: { ...font, weight: 'bold' },
          bodyFont: font,
          footerFont: { ...font, weight: 'normal' },
          usePointStyle: false,
          callbacks: {
            title: (items: TooltipItem<ChartType>[]) => {
              const row = rows[items[0]?.dataIndex ?? -1];
              return row ? tooltipLines(row, snapshot.viewBy, f).title : '';
            },
            label: (item: TooltipItem<ChartType>) => {
              const row = rows[item.dataIndex];
              if (!row) return '';
              const lines = tooltipLines(row, snapshot.viewBy, f);
              return item.datasetIndex === 0 ? lines.current : (lines.previous ?? '');
            },
            labelColor: (item: TooltipItem<ChartType>) => {
              const color = item.datasetIndex === 0 ? theme.current : theme.previous;
              return { borderColor: color, backgroundColor: color, borderWidth: 0 };
            },
            footer: (items: TooltipItem<ChartType>[]) => {
              const row = rows[items[0]?.dataIndex ?? -1];
              return row ? (tooltipLines(row, snapshot.viewBy, f).footer ?? '') : '';
            },
          },
        },
      },
    },
  };
}
