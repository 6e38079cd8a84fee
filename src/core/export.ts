/**
 * A report comparison as CSV (RFC 4180), JSON and a Markdown table. CSV and Markdown write each
 * bucket as the calendar date it stands for (`2026-11-02`, see buckets.ts); JSON keeps the API's
 * own strings next to those dates. A bucket that covers part of its week or month says so.
 * A team report exports the table the user is looking at instead: one column per person, or the
 * ranking (see TeamExport).
 */
import { bucketDay, type BucketCoverage } from './buckets';
import type { Change, ComparisonRow, ReportComparison } from './comparison';
import { roundPercent } from './percent';
import type { ViewBy } from './query';
import { escapeMarkdown } from './markdownText';

export interface ExportMeta {
  title: string;
  /** What the figures count, e.g. "Replies sent". Default: customers helped. */
  metric?: string;
  currentLabel: string;
  previousLabel?: string;
  viewBy: ViewBy;
  /** ISO time of generation. */
  generatedAt: string;
  sampleData?: boolean;
}

type Cell = string | number | null;

/** One person of a team report as its exports read them (the panel's TeamPersonView fits). */
export interface TeamExportPerson {
  id: number;
  /** Untrusted text. */
  name: string;
  /** Current figures by bucket, aligned with the comparison's rows; absent when the report failed. */
  current?: readonly number[];
  currentTotal: number | null;
  previousTotal: number | null;
  change: Change | null;
  /** Of the team's current total, in [0, 1]. */
  share: number | null;
  busiest: { date: string; value: number } | null;
  /** Why this person's report did not load; untrusted text. */
  error?: { message: string; status?: number; logRef?: string };
}

/** A team report's export: `comparison` is then the Team total. */
export interface TeamExport {
  table: 'people' | 'ranking';
  people: readonly TeamExportPerson[];
}

function metricOf(meta: ExportMeta): string {
  return meta.metric ?? 'Customers helped';
}

/** "Current", or "Replies sent, current" when the metric is named. */
function named(meta: ExportMeta, side: 'Current' | 'Previous'): string {
  return meta.metric ? `${meta.metric}, ${side.toLowerCase()}` : side;
}

function percentText(percent: number): string {
  return String(roundPercent(percent));
}

function signed(text: string): string {
  return text.startsWith('-') || text === '0' ? text : `+${text}`;
}

/** "current: 2 of 7 days; previous: 3 of 7 days", or "" when both buckets are whole. */
function partialNote(row: ComparisonRow): string {
  const part = (side: string, c: BucketCoverage | undefined) => (c ? [`${side}: ${c.days} of ${c.of} days`] : []);
  return [...part('current', row.currentPartial), ...part('previous', row.previousPartial)].join('; ');
}

/** Customers per day with one decimal (the exports show it when the two ranges' lengths differ). */
function perDayText(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}

function lengthsText(comparison: ReportComparison): string | undefined {
  const l = comparison.lengths;
  return l && l.currentDays !== l.previousDays ? `${l.currentDays} days vs ${l.previousDays}` : undefined;
}

// ---------------------------------------------------------------------------------------- CSV

/**
 * Text that a spreadsheet would run as a formula (= + - @, or a leading tab/CR that some
 * apps strip) gets a leading apostrophe (OWASP's CSV injection advice). Numbers we format
 * ourselves are left alone so negative changes stay numeric.
 */
function csvCell(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : formulaSafe(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function formulaSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvLine(cells: Cell[]): string {
  return cells.map(csvCell).join(',');
}

function csvPercent(change: Change | null): Cell {
  if (!change) return null;
  if (change.isNew) return 'new';
  return change.percent === null ? null : roundPercent(change.percent);
}

export function toCsv(comparison: ReportComparison, meta: ExportMeta, team?: TeamExport): string {
  return cellsFor(comparison, meta, team).map((cells) => `${csvLine(cells)}\r\n`).join('');
}

/**
 * Tab-separated values, which paste into a spreadsheet as columns. Cells are guarded against
 * formulas as in CSV; tabs and line breaks inside a cell become spaces.
 */
export function toTsv(comparison: ReportComparison, meta: ExportMeta, team?: TeamExport): string {
  const cell = (value: Cell): string => (value === null ? '' : typeof value === 'number' ? String(value) : formulaSafe(value.replace(/[\t\r\n]+/g, ' ')));
  return cellsFor(comparison, meta, team).map((cells) => `${cells.map(cell).join('\t')}\n`).join('');
}

function cellsFor(comparison: ReportComparison, meta: ExportMeta, team: TeamExport | undefined): Cell[][] {
  if (!team) return tableCells(comparison, meta);
  return team.table === 'people' ? peopleCells(comparison, meta, team.people) : rankingCells(comparison, meta, team.people);
}

function sampleNote(meta: ExportMeta): string {
  return meta.sampleData ? ' (sample data)' : '';
}

/** The current period's buckets: the comparison rows that have one (a longer previous period adds rows without). */
function currentRows(comparison: ReportComparison): ComparisonRow[] {
  return comparison.rows.filter((r) => r.currentDate !== null);
}

/** One column per person and the Team total, one row per bucket of the current period, then the totals. */
function peopleCells(comparison: ReportComparison, meta: ExportMeta, people: readonly TeamExportPerson[]): Cell[][] {
  const rows: Cell[][] = [
    [`Date (${metricOf(meta)}, ${meta.currentLabel}${sampleNote(meta)})`, ...people.map((p) => p.name), 'Team total'],
    ...currentRows(comparison).map((r): Cell[] => [bucketDay(r.currentDate), ...people.map((p) => p.current?.[r.index] ?? null), r.current]),
    ['Total', ...people.map((p) => p.currentTotal), comparison.currentTotal],
  ];
  if (people.some((p) => p.error)) rows.push(['Not loaded', ...people.map((p) => p.error?.message ?? null), null]);
  return rows;
}

function sharePercent(share: number | null): number | null {
  return share === null ? null : roundPercent(share * 100);
}

/** Person, current, previous, change %, share %, busiest bucket, and why a report did not load. */
function rankingCells(comparison: ReportComparison, meta: ExportMeta, people: readonly TeamExportPerson[]): Cell[][] {
  return [
    [
      'Person',
      `${named(meta, 'Current')}: ${meta.currentLabel}${sampleNote(meta)}`,
      meta.previousLabel ? `${named(meta, 'Previous')}: ${meta.previousLabel}${sampleNote(meta)}` : 'Previous',
      'Change %',
      'Share %',
      'Busiest bucket',
      'Not loaded',
    ],
    ...people.map((p): Cell[] => [p.name, p.currentTotal, p.previousTotal, csvPercent(p.change), sharePercent(p.share), bucketDay(p.busiest?.date), p.error?.message ?? null]),
    ['Team total', comparison.currentTotal, comparison.previousTotal, csvPercent(comparison.change), null, null, null],
  ];
}

/** The table both CSV and TSV write: a header, one row per bucket, the totals (and per day when the lengths differ). */
function tableCells(comparison: ReportComparison, meta: ExportMeta): Cell[][] {
  const sample = sampleNote(meta);
  const rows: Cell[][] = [
    [
      'Date',
      `${named(meta, 'Current')}: ${meta.currentLabel}${sample}`,
      'Previous date',
      meta.previousLabel ? `${named(meta, 'Previous')}: ${meta.previousLabel}${sample}` : 'Previous',
      'Change',
      'Change %',
      'Partial bucket',
    ],
    ...comparison.rows.map((r): Cell[] => [
      bucketDay(r.currentDate),
      r.current,
      bucketDay(r.previousDate),
      r.previous,
      r.change?.absolute ?? null,
      csvPercent(r.change),
      partialNote(r) || null,
    ]),
    [
      'Total',
      comparison.currentTotal,
      null,
      comparison.previousTotal,
      comparison.change?.absolute ?? null,
      csvPercent(comparison.change),
      lengthsText(comparison) ?? null,
    ],
  ];
  const perDay = comparison.lengths?.perDay;
  if (perDay) {
    rows.push(['Per day', perDayText(perDay.current), null, perDayText(perDay.previous), perDayText(perDay.change.absolute), csvPercent(perDay.change), null]);
  }
  return rows;
}

// --------------------------------------------------------------------------------------- JSON

export const JSON_EXPORT_FORMAT = 'helpscout-reports/customers-helped@1';

export const TEAM_JSON_EXPORT_FORMAT = 'helpscout-reports/team@1';

/** What every JSON export starts with: what it is, what it counts, and the totals. */
function jsonHead(format: string, comparison: ReportComparison, meta: ExportMeta) {
  return {
    format,
    title: meta.title,
    metric: metricOf(meta),
    generatedAt: meta.generatedAt,
    sampleData: meta.sampleData === true,
    viewBy: meta.viewBy,
    current: { label: meta.currentLabel, total: comparison.currentTotal },
    previous: comparison.hasPrevious ? { label: meta.previousLabel ?? null, total: comparison.previousTotal } : null,
    change: comparison.change,
  };
}

export function toJson(comparison: ReportComparison, meta: ExportMeta, team?: TeamExport): string {
  if (team) return `${JSON.stringify(teamJson(comparison, meta, team), null, 2)}\n`;
  const doc = {
    ...jsonHead(JSON_EXPORT_FORMAT, comparison, meta),
    lengths: comparison.lengths ?? null,
    rows: comparison.rows.map((r: ComparisonRow) => ({
      currentDay: bucketDay(r.currentDate),
      currentDate: r.currentDate,
      current: r.current,
      currentPartial: r.currentPartial ?? null,
      previousDay: bucketDay(r.previousDate),
      previousDate: r.previousDate,
      previous: r.previous,
      previousPartial: r.previousPartial ?? null,
      change: r.change,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The people (with their errors), then the table the user looked at: buckets × people, or the ranking. */
function teamJson(comparison: ReportComparison, meta: ExportMeta, team: TeamExport): Record<string, unknown> {
  const people = team.people;
  const head = { ...jsonHead(TEAM_JSON_EXPORT_FORMAT, comparison, meta), table: team.table };
  if (team.table === 'people') {
    return {
      ...head,
      people: people.map((p) => ({ id: p.id, name: p.name, total: p.currentTotal, error: p.error ?? null })),
      rows: currentRows(comparison).map((r) => ({
        currentDay: bucketDay(r.currentDate),
        currentDate: r.currentDate,
        people: people.map((p) => p.current?.[r.index] ?? null),
        teamTotal: r.current,
      })),
    };
  }
  return {
    ...head,
    rows: people.map((p) => ({
      id: p.id,
      name: p.name,
      current: p.currentTotal,
      previous: p.previousTotal,
      change: p.change,
      share: p.share,
      busiest: p.busiest && { day: bucketDay(p.busiest.date), date: p.busiest.date, value: p.busiest.value },
      error: p.error ?? null,
    })),
  };
}

// ----------------------------------------------------------------------------------- Markdown

function mdChange(change: Change | null): [string, string] {
  if (!change) return ['', ''];
  const absolute = signed(String(change.absolute));
  if (change.isNew) return [absolute, 'new'];
  return [absolute, change.percent === null ? '' : `${signed(percentText(change.percent))} %`];
}

function mdRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

const mdText = (v: string | null): string => (v === null ? '' : escapeMarkdown(v));
const mdNum = (v: number | null): string => (v === null ? '' : String(v));
const mdBold = (s: string): string => (s === '' ? '' : `**${s}**`);

/** The title, the sample-data warning and the line that says what the figures are. */
function mdPreamble(comparison: ReportComparison, meta: ExportMeta): string[] {
  const lines = [`# ${escapeMarkdown(meta.title)}`, ''];
  if (meta.sampleData) lines.push('> Sample data from the built-in sandbox, not a real account.', '');
  const about = [...(meta.metric ? [escapeMarkdown(meta.metric)] : []), `Current: ${escapeMarkdown(meta.currentLabel)}`];
  if (meta.previousLabel) about.push(`Previous: ${escapeMarkdown(meta.previousLabel)}`);
  const lengths = lengthsText(comparison);
  if (lengths) about.push(lengths);
  about.push(`By ${meta.viewBy}`, `Generated ${escapeMarkdown(meta.generatedAt)}`);
  lines.push(about.join(' · '), '');
  return lines;
}

function mdPercent(percent: number | null): string {
  return percent === null ? '' : `${percentText(percent)} %`;
}

function teamMarkdown(comparison: ReportComparison, meta: ExportMeta, team: TeamExport): string {
  const lines = mdPreamble(comparison, meta);
  const people = team.people;
  if (team.table === 'people') {
    lines.push(mdRow(['Date', ...people.map((p) => escapeMarkdown(p.name)), 'Team total']));
    lines.push(mdRow(['---', ...people.map(() => '---:'), '---:']));
    for (const r of currentRows(comparison)) {
      lines.push(mdRow([mdText(bucketDay(r.currentDate)), ...people.map((p) => mdNum(p.current?.[r.index] ?? null)), mdNum(r.current)]));
    }
    lines.push(mdRow(['**Total**', ...people.map((p) => mdBold(mdNum(p.currentTotal))), mdBold(mdNum(comparison.currentTotal))]));
  } else {
    lines.push(mdRow(['Person', 'Current', 'Previous', 'Change %', 'Share %', 'Busiest bucket']));
    lines.push('| --- | ---: | ---: | ---: | ---: | --- |');
    for (const p of people) {
      lines.push(mdRow([escapeMarkdown(p.name), mdNum(p.currentTotal), mdNum(p.previousTotal), mdChange(p.change)[1], mdPercent(sharePercent(p.share)), mdText(bucketDay(p.busiest?.date))]));
    }
    const [, totalPercent] = mdChange(comparison.change);
    lines.push(mdRow(['**Team total**', mdBold(mdNum(comparison.currentTotal)), mdBold(mdNum(comparison.previousTotal)), mdBold(totalPercent), '', '']));
  }
  const failed = people.filter((p) => p.error);
  if (failed.length > 0) {
    lines.push('', 'Not loaded:', ...failed.map((p) => `- ${escapeMarkdown(p.name)}: ${escapeMarkdown(p.error!.message)}`));
  }
  return `${lines.join('\n')}\n`;
}

export function toMarkdown(comparison: ReportComparison, meta: ExportMeta, team?: TeamExport): string {
  if (team) return teamMarkdown(comparison, meta, team);
  const text = mdText;
  const num = mdNum;
  const lines = mdPreamble(comparison, meta);
  const partial = comparison.rows.some((r) => r.currentPartial || r.previousPartial);
  const header = ['Date', 'Current', 'Previous date', 'Previous', 'Change', 'Change %'];
  lines.push(mdRow(partial ? [...header, 'Partial bucket'] : header));
  lines.push(partial ? '| --- | ---: | --- | ---: | ---: | ---: | --- |' : '| --- | ---: | --- | ---: | ---: | ---: |');
  const cells = (row: string[], note: string): string => mdRow(partial ? [...row, note] : row);
  for (const r of comparison.rows) {
    lines.push(
      cells([text(bucketDay(r.currentDate)), num(r.current), text(bucketDay(r.previousDate)), num(r.previous), ...mdChange(r.change)], partialNote(r)),
    );
  }
  const [totalChange, totalPercent] = mdChange(comparison.change);
  const bold = mdBold;
  lines.push(
    cells(['**Total**', bold(num(comparison.currentTotal)), '', bold(num(comparison.previousTotal)), bold(totalChange), bold(totalPercent)], ''),
  );
  const perDay = comparison.lengths?.perDay;
  if (perDay) {
    const [, perDayPercent] = mdChange(perDay.change);
    lines.push(
      cells(['Per day', perDayText(perDay.current), '', perDayText(perDay.previous), signed(perDayText(perDay.change.absolute)), perDayPercent], ''),
    );
  }
  return `${lines.join('\n')}\n`;
}
