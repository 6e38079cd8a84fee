import type { DataPoint, SeriesReport } from './report';

/**
 * Current against previous, bucket by bucket (by position), with totals and changes.
 * Percentages keep full precision; rounding is the formatter's job.
 */

/** A change from `previous` to `current`. `percent` is null when it cannot be a number. */
export interface Change {
  absolute: number;
  /** e.g. 12.5 for +12.5 %. null when previous is 0 (see `isNew`) or a side is missing. */
  percent: number | null;
  /** previous was 0 and current is above 0: "new", never Infinity. */
  isNew: boolean;
}

export interface ComparisonRow {
  index: number;
  /** null where the current series has fewer buckets than the previous one. */
  currentDate: string | null;
  current: number | null;
  previousDate: string | null;
  previous: number | null;
  /** null when either side is missing. */
  change: Change | null;
}

export interface ReportComparison {
  rows: ComparisonRow[];
  hasPrevious: boolean;
  currentTotal: number;
  /** null when the report has no previous series. */
  previousTotal: number | null;
  change: Change | null;
}

/** The change from `previous` to `current`; never NaN or Infinity for finite inputs. */
export function computeChange(current: number, previous: number): Change {
  const absolute = current - previous;
  if (previous === 0) return { absolute, percent: current === 0 ? 0 : null, isNew: current > 0 };
  return { absolute, percent: (absolute / Math.abs(previous)) * 100, isNew: false };
}

function total(points: readonly DataPoint[]): number {
  return points.reduce((sum, p) => sum + p.value, 0);
}

/**
 * Pairs bucket i of current with bucket i of previous. A series with fewer buckets leaves
 * nulls on its side of the extra rows; totals cover every bucket each side has.
 */
export function compareReport(report: SeriesReport): ReportComparison {
  const current = report.current;
  const previous = report.previous;
  const length = Math.max(current.length, previous?.length ?? 0);
  const rows: ComparisonRow[] = [];
  for (let index = 0; index < length; index++) {
    const c = current[index];
    const p = previous?.[index];
    rows.push({
      index,
      currentDate: c?.date ?? null,
      current: c?.value ?? null,
      previousDate: p?.date ?? null,
      previous: p?.value ?? null,
      change: c && p ? computeChange(c.value, p.value) : null,
    });
  }
  const currentTotal = total(current);
  const previousTotal = previous ? total(previous) : null;
  return {
    rows,
    hasPrevious: previous !== undefined,
    currentTotal,
    previousTotal,
    change: previousTotal === null ? null : computeChange(currentTotal, previousTotal),
  };
}
