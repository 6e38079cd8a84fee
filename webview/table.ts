/**
 * The data table as plain values: columns, one row per bucket (sorted), and a totals row. The DOM
 * side (tableView.ts) only turns this into <table> elements.
 */
import type { ComparisonRow, ReportComparison } from '../src/core/comparison';
import type { ViewBy } from '../src/core/query';
import { bucketDay } from '../src/core/buckets';
import { clip, coverageText, type Direction, type Formatter } from './format';
import type { SortColumn, SortState } from './uiState';

export interface TableColumn {
  id: SortColumn;
  label: string;
  numeric: boolean;
}

export interface TableCell {
  text: string;
  /** Longer text for screen readers / title, when the cell abbreviates. */
  title?: string;
  /** "3 of 7 days" when the bucket covers only part of its week or month. */
  partial?: string;
}

export interface ChangeCell {
  absolute: string;
  glyph: string;
  words: string;
  direction: Direction;
}

export interface TableRow {
  key: number;
  date: TableCell;
  current: TableCell;
  previousDate: TableCell;
  previous: TableCell;
  change: ChangeCell;
}

export interface TableModel {
  caption: string;
  columns: TableColumn[];
  rows: TableRow[];
  totals: Omit<TableRow, 'key' | 'date' | 'previousDate'> & { label: string };
}

const UNIT: Record<ViewBy, string> = { day: 'Day', week: 'Week of', month: 'Month' };
const PREVIOUS_UNIT: Record<ViewBy, string> = { day: 'Previous day', week: 'Previous week', month: 'Previous month' };
const BY: Record<ViewBy, string> = { day: 'by day', week: 'by week', month: 'by month' };

/** `valueLabel`: the figure's column, "Customers", "Replies", "Conversations". */
export function tableColumns(viewBy: ViewBy, hasPrevious: boolean, valueLabel = 'Customers'): TableColumn[] {
  const columns: TableColumn[] = [
    { id: 'date', label: UNIT[viewBy], numeric: false },
    { id: 'current', label: valueLabel, numeric: true },
  ];
  if (hasPrevious) {
    columns.push(
      { id: 'previousDate', label: PREVIOUS_UNIT[viewBy], numeric: false },
      { id: 'previous', label: 'Previous', numeric: true },
      { id: 'change', label: 'Change', numeric: true },
    );
  }
  return columns;
}

function sortValue(row: ComparisonRow, column: SortColumn): number | null {
  switch (column) {
    case 'date':
    case 'previousDate':
      return row.index;
    case 'current':
      return row.current;
    case 'previous':
      return row.previous;
    case 'change':
      return row.change ? row.change.absolute : null;
  }
}

/**
 * Stable sort by one column. Missing values (a bucket with no counterpart) always go last, in either
 * direction; ties keep bucket order.
 */
export function sortRows(rows: readonly ComparisonRow[], sort: SortState): ComparisonRow[] {
  const factor = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, position) => ({ row, position, value: sortValue(row, sort.column) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.position - b.position;
        return a.value === null ? 1 : -1;
      }
      return (a.value - b.value) * factor || a.position - b.position;
    })
    .map((entry) => entry.row);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function countCell(value: number | null, f: Formatter): TableCell {
  return { text: value === null ? '—' : f.number(value) };
}

function dateCell(date: string | null, viewBy: ViewBy, f: Formatter, options: { withYear?: boolean; partial?: { days: number; of: number } } = {}): TableCell {
  const text = options.withYear ? f.bucketWithYear(date, viewBy) : f.bucket(date, viewBy);
  const long = f.bucketLong(date, viewBy);
  const cell: TableCell = long !== text && long !== '—' ? { text, title: long } : { text };
  if (options.partial) cell.partial = coverageText(options.partial);
  return cell;
}

/** Whether any row's previous bucket is in another year than the current side's: then the previous column shows years. */
export function yearsDiffer(rows: readonly ComparisonRow[]): boolean {
  const years = (pick: (r: ComparisonRow) => string | null) => new Set(rows.map((r) => bucketDay(pick(r))?.slice(0, 4)).filter((y) => y !== undefined));
  const current = years((r) => r.currentDate);
  return [...years((r) => r.previousDate)].some((y) => !current.has(y));
}

export function buildTable(
  comparison: ReportComparison,
  options: { viewBy: ViewBy; currentLabel: string; previousLabel?: string; sort: SortState; metric?: { label: string; unit: { other: string } } },
  f: Formatter,
): TableModel {
  const { viewBy, sort } = options;
  const hasPrevious = comparison.hasPrevious;
  // Sorting by a column that is not shown (no previous series) falls back to date order.
  const metric = options.metric ?? { label: 'Customers helped', unit: { other: 'customers' } };
  const columns = tableColumns(viewBy, hasPrevious, capitalize(metric.unit.other));
  const effective = columns.some((c) => c.id === sort.column) ? sort : { column: 'date' as const, direction: 'ascending' as const };
  const withYear = yearsDiffer(comparison.rows);
  const rows = sortRows(comparison.rows, effective).map((row) => {
    const change = f.change(row.change);
    return {
      key: row.index,
      date: dateCell(row.currentDate, viewBy, f, { partial: row.currentPartial }),
      current: countCell(row.current, f),
      previousDate: dateCell(row.previousDate, viewBy, f, { withYear, partial: row.previousPartial }),
      previous: countCell(row.previous, f),
      change: { absolute: change.absolute, glyph: change.glyph, words: change.words, direction: change.direction },
    };
  });
  const totalChange = f.change(comparison.change);
  const caption =
    `${metric.label} ${BY[viewBy]}, ${clip(options.currentLabel, 120)}` +
    (hasPrevious && options.previousLabel ? `, compared with ${clip(options.previousLabel, 120)}` : '');
  return {
    caption,
    columns,
    rows,
    totals: {
      label: 'Total',
      current: countCell(comparison.currentTotal, f),
      previous: countCell(comparison.previousTotal, f),
      change: {
        absolute: totalChange.absolute,
        glyph: totalChange.glyph,
        words: totalChange.words,
        direction: totalChange.direction,
      },
    },
  };
}
