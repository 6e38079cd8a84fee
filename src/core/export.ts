/**
 * A report comparison as CSV (RFC 4180), JSON and a Markdown table. Bucket dates are the API's
 * strings, untouched: the exports carry no time zone to relabel them in.
 */
import type { Change, ComparisonRow, ReportComparison } from './comparison';
import type { ViewBy } from './query';

export interface ExportMeta {
  title: string;
  currentLabel: string;
  previousLabel?: string;
  viewBy: ViewBy;
  /** ISO time of generation. */
  generatedAt: string;
  sampleData?: boolean;
}

type Cell = string | number | null;

/** One decimal, no "-0.0". */
function percentText(percent: number): string {
  const text = (Math.round(percent * 10) / 10).toFixed(1);
  return text === '-0.0' ? '0.0' : text;
}

function signed(text: string): string {
  return text.startsWith('-') || /^0(\.0)?$/.test(text) ? text : `+${text}`;
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
  return change.percent === null ? null : Number(percentText(change.percent));
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

/** The table both CSV and TSV write: a header, one row per bucket, the totals. */
function tableCells(comparison: ReportComparison, meta: ExportMeta): Cell[][] {
  const sample = meta.sampleData ? ' (sample data)' : '';
  return [
    [
      'Date',
      `Current: ${meta.currentLabel}${sample}`,
      'Previous date',
      meta.previousLabel ? `Previous: ${meta.previousLabel}${sample}` : 'Previous',
      'Change',
      'Change %',
    ],
    ...comparison.rows.map((r): Cell[] => [r.currentDate, r.current, r.previousDate, r.previous, r.change?.absolute ?? null, csvPercent(r.change)]),
    [
      'Total',
      comparison.currentTotal,
      null,
      comparison.previousTotal,
      comparison.change?.absolute ?? null,
      csvPercent(comparison.change),
    ],
  ];
}

// --------------------------------------------------------------------------------------- JSON

export const JSON_EXPORT_FORMAT = 'helpscout-reports/customers-helped@1';

export function toJson(comparison: ReportComparison, meta: ExportMeta): string {
  const doc = {
    format: JSON_EXPORT_FORMAT,
    title: meta.title,
    generatedAt: meta.generatedAt,
    sampleData: meta.sampleData === true,
    viewBy: meta.viewBy,
    current: { label: meta.currentLabel, total: comparison.currentTotal },
    previous: comparison.hasPrevious ? { label: meta.previousLabel ?? null, total: comparison.previousTotal } : null,
    change: comparison.change,
    rows: comparison.rows.map((r: ComparisonRow) => ({
      currentDate: r.currentDate,
      current: r.current,
      previousDate: r.previousDate,
      previous: r.previous,
      change: r.change,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// ----------------------------------------------------------------------------------- Markdown

/** Text safe inside a table cell or a heading: no pipes, no line breaks, no raw HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\n]+/g, ' ');
}

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
  const about = [`Current: ${escapeMarkdown(meta.currentLabel)}`];
  if (meta.previousLabel) about.push(`Previous: ${escapeMarkdown(meta.previousLabel)}`);
  about.push(`By ${meta.viewBy}`, `Generated ${escapeMarkdown(meta.generatedAt)}`);
  lines.push(about.join(' · '), '');
  lines.push(mdRow(['Date', 'Current', 'Previous date', 'Previous', 'Change', 'Change %']));
  lines.push('| --- | ---: | --- | ---: | ---: | ---: |');
  for (const r of comparison.rows) {
    lines.push(mdRow([text(r.currentDate), num(r.current), text(r.previousDate), num(r.previous), ...mdChange(r.change)]));
  }
  const [totalChange, totalPercent] = mdChange(comparison.change);
  const bold = (s: string): string => (s === '' ? '' : `**${s}**`);
  lines.push(
    mdRow([
      '**Total**',
      bold(num(comparison.currentTotal)),
      '',
      bold(num(comparison.previousTotal)),
      bold(totalChange),
      bold(totalPercent),
    ]),
  );
  return `${lines.join('\n')}\n`;
}
