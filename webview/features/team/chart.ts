/**
 * The team chart: one line per person over the current period, each in its own colour, dash and
 * point shape, plus an optional, thicker Team total. Built on the single report's configuration
 * (axes, fonts, tooltip look) with the datasets, legend and tooltip texts replaced. Pure.
 */
import type { ChartDataset, TooltipItem } from 'chart.js';
import type { ChartType, ReportSnapshot } from '../../../src/protocol';
import type { TeamView } from '../../../src/protocol/team';
import { buildChartConfig, type ChartInput, type ReportChartConfig } from '../../chartConfig';
import { clip, type Formatter } from '../../format';
import { LABEL_MAX, metricTitle } from '../../summary';
import { personName, personStyle, type PersonStyle } from './view';
import type { TeamUiState } from './state';
import type { ThemeColors } from '../../theme';
import type { LegendEntry } from '../../legend';

const TOTAL_DASH: number[] = [];

export interface TeamChart {
  config: ReportChartConfig;
  /** Whose line each dataset is: a user id, or null for the Team total (which does not drill). */
  datasetPeople: (number | null)[];
}

/** The people with a series, each with their style (by position in the team, so colours stay put). */
function chartPeople(team: TeamView, palette: readonly string[]): Array<{ id: number; name: string; current: number[]; style: PersonStyle }> {
  return team.people.flatMap((person, i) => (person.current && !person.error ? [{ id: person.id, name: personName(person), current: person.current, style: personStyle(i, palette) }] : []));
}

export function buildTeamChartConfig(input: Omit<ChartInput, 'hidden'>, team: TeamView, ui: Pick<TeamUiState, 'hidden' | 'showTotal'>): TeamChart {
  const base = buildChartConfig(input);
  const { comparison, theme, chartType } = input;
  const rows = comparison.rows;
  const line = chartType === 'line';
  const dense = rows.length > 45;
  const people = chartPeople(team, theme.palette);
  const datasets: ChartDataset<ChartType, (number | null)[]>[] = people.map((p) => ({
    label: p.name,
    data: rows.map((row) => (row.currentDate === null ? null : (p.current[row.index] ?? null))),
    hidden: ui.hidden.includes(p.id),
    borderColor: p.style.color,
    backgroundColor: p.style.color,
    borderWidth: line ? 1.75 : 0,
    ...(line
      ? {
          fill: false,
          borderDash: p.style.dash,
          pointStyle: p.style.pointStyle,
          // One radius for every point: Chart.js then shares one options object across them
          // (an array per point made the 12 × 60 render markedly slower).
          pointRadius: dense ? 2 : 3,
          pointHoverRadius: 5,
          pointBackgroundColor: p.style.color,
          pointBorderColor: p.style.color,
          spanGaps: false,
        }
      : { stack: 'people', borderRadius: 0, maxBarThickness: 28, categoryPercentage: 0.8, barPercentage: 0.9 }),
  }));
  const datasetPeople: (number | null)[] = people.map((p) => p.id);
  if (ui.showTotal) {
    // Over stacked bars, the total is the top of each stack; it is still drawn as a line, on top.
    datasets.push({
      type: 'line',
      label: 'Team total',
      data: rows.map((row) => row.current),
      borderColor: theme.text,
      backgroundColor: theme.text,
      borderWidth: 3.5,
      borderDash: TOTAL_DASH,
      fill: false,
      pointRadius: 0,
      pointHoverRadius: 5,
      order: -1,
    } as ChartDataset<ChartType, (number | null)[]>);
    datasetPeople.push(null);
  }
  const options = base.options ?? {};
  const scales = options.scales ?? {};
  const tooltip = options.plugins?.tooltip ?? {};
  const f = input.formatter;
  const viewBy = input.snapshot.viewBy;
  return {
    datasetPeople,
    config: {
      ...base,
      data: { labels: base.data.labels, datasets },
      options: {
        ...options,
        scales: line ? scales : { x: { ...scales.x, stacked: true }, y: { ...scales.y, stacked: true } },
        plugins: {
          ...options.plugins,
          tooltip: {
            ...tooltip,
            mode: 'index',
            itemSort: (a: TooltipItem<ChartType>, b: TooltipItem<ChartType>) => (b.parsed.y ?? 0) - (a.parsed.y ?? 0),
            callbacks: {
              title: (items: TooltipItem<ChartType>[]) => {
                const row = rows[items[0]?.dataIndex ?? -1];
                return row ? f.bucketLong(row.currentDate, viewBy) : '';
              },
              label: (item: TooltipItem<ChartType>) => `${item.dataset.label ?? ''}: ${item.parsed.y === null ? 'no data' : f.number(item.parsed.y)}`,
              labelColor: (item: TooltipItem<ChartType>) => {
                const color = String(item.dataset.borderColor ?? theme.text);
                return { borderColor: color, backgroundColor: color, borderWidth: 0 };
              },
              footer: () => '',
            },
          },
        },
      },
    },
  };
}

/** "Customers helped by day, 1–31 Oct 2026, 5 people: Team total 1,234; highest Anna Kowalski with 400." */
export function teamChartAriaLabel(snapshot: ReportSnapshot, team: TeamView, totalShown: boolean, f: Formatter): string {
  const loaded = team.people.filter((p) => !p.error && p.currentTotal !== null);
  const top = [...loaded].sort((a, b) => (b.currentTotal ?? 0) - (a.currentTotal ?? 0))[0];
  let text = `${metricTitle(snapshot)}, ${clip(snapshot.currentLabel, LABEL_MAX)}, one line per person for ${f.number(loaded.length)} ${loaded.length === 1 ? 'person' : 'people'}`;
  if (totalShown) text += ' and the Team total';
  if (snapshot.comparison) text += `. Team total ${f.number(snapshot.comparison.currentTotal)}`;
  if (top) text += `; highest ${personName(top)} with ${f.number(top.currentTotal ?? 0)}`;
  return `${text}. The ranking table below has every figure.`;
}

/**
 * The legend: one toggle per person who has a line (as bars, a box in their colour), then the Team
 * total, which is a line either way (off by default).
 */
export function teamLegend(
  team: TeamView,
  ui: Pick<TeamUiState, 'hidden' | 'showTotal'>,
  theme: Pick<ThemeColors, 'palette' | 'text'>,
  chartType: ChartType,
): LegendEntry<number | 'total'>[] {
  const people = chartPeople(team, theme.palette).map((p): LegendEntry<number | 'total'> => ({
    key: p.id,
    label: p.name,
    attrs: { title: p.name, 'data-user-id': String(p.id) },
    swatch: chartType === 'bar' ? { color: p.style.color, dash: [], width: 0, fill: p.style.color } : p.style,
    shown: !ui.hidden.includes(p.id),
  }));
  return [
    ...people,
    {
      key: 'total',
      label: 'Team total',
      swatch: { color: theme.text, dash: TOTAL_DASH, width: 3.5 },
      shown: ui.showTotal,
      className: 'team-total-toggle',
      attrs: { 'data-testid': 'team-total-toggle', title: 'The sum of everyone’s line. It does not open conversations: click a person’s line for theirs.' },
    },
  ];
}
