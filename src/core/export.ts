/**
 * A report comparison as CSV (RFC 4180), JSON and a Markdown table. CSV and Markdown write each
 * bucket as the calendar date it stands for (`2026-11-02`, see buckets.ts); JSON keeps the API's
 * own strings next to those dates. A bucket that covers part of its week or month says so.
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

export function toCsv(comparison: ReportComparison, meta: ExportMeta): string {
  return tableCells(comparison, meta).map((cells) => `${csvLine(cells)}\r\n`).join('');
}

/**
 * Tab-separated values, which paste into a spreadsheet as columns. Cells are guarded against
 * formulas as in CSV; tabs and line breaks inside a cell become spaces.
 */
export function toTsv(comparison: ReportComparison, meta: ExportMeta): string {
  const cell = (value: Cell): string => (value === null ? '' : typeof value === 'number' ? String(value) : formulaSafe(value.replace(/[\t\r\n]+/g, ' ')));
  return tableCells(comparison, meta).map((cells) => `${cells.map(cell).join('\t')}\n`).join('');
}

/** The table both CSV and TSV write: a header, one row per bucket, the totals (and per day when the lengths differ). */
function tableCells(comparison: ReportComparison, meta: ExportMeta): Cell[][] {
  const sample = meta.sampleData ? ' (sample data)' : '';
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

export function toJson(comparison: ReportComparison, meta: ExportMeta): string {
  const doc = {
    format: JSON_EXPORT_FORMAT,
    title: meta.title,
    metric: metricOf(meta),
    generatedAt: meta.generatedAt,
    sampleData: meta.sampleData === true,
    viewBy: meta.viewBy,
    current: { label: meta.currentLabel, total: comparison.currentTotal },
    previous: comparison.hasPrevious ? { label: meta.previousLabel ?? null, total: comparison.previousTotal } : null,
    change: comparison.change,
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

export function toMarkdown(comparison: ReportComparison, meta: ExportMeta): string {
  const text = (v: string | null): string => (v === null ? '' : escapeMarkdown(v));
  const num = (v: number | null): string => (v === null ? '' : String(v));
  const lines = [`# ${escapeMarkdown(meta.title)}`, ''];
  if (meta.sampleData) lines.push('> Sample data from the built-in sandbox, not a real account.', '');
  const about = [...(meta.metric ? [escapeMarkdown(meta.metric)] : []), `Current: ${escapeMarkdown(meta.currentLabel)}`];
  if (meta.previousLabel) about.push(`Previous: ${escapeMarkdown(meta.previousLabel)}`);
  const lengths = lengthsText(comparison);
  if (lengths) about.push(lengths);
  about.push(`By ${meta.viewBy}`, `Generated ${escapeMarkdown(meta.generatedAt)}`);
  lines.push(about.join(' · '), '');
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
  const bold = (s: string): string => (s === '' ? '' : `**${s}**`);
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
