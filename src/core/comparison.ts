import { bucketCoverage, type BucketCoverage, type DaySpan } from './buckets';
import type { ViewBy } from './query';
import type { CustomersHelpedReport, DataPoint } from './report';

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
  /** Set when the bucket covers only part of its week or month (known when the ranges are). */
  currentPartial?: BucketCoverage;
  previousPartial?: BucketCoverage;
}

/** The two ranges' lengths, and the change per day when they differ (31 days vs 30). */
export interface PeriodLengths {
  currentDays: number;
  previousDays: number;
  /** Customers per day on each side and their change; only when the lengths differ. */
  perDay?: { current: number; previous: number; change: Change };
}

export interface ReportComparison {
  rows: ComparisonRow[];
  hasPrevious: boolean;
  currentTotal: number;
  /** null when the report has no previous series. */
  previousTotal: number | null;
  change: Change | null;
  /** Set when the ranges are known and the report compares with a previous range. */
  lengths?: PeriodLengths;
}

/** What compareReport needs to know of the ranges: their days and the view (a ResolvedQuery fits). */
export interface ComparedPeriods {
  viewBy: ViewBy;
  current: DaySpan & { days: number };
  previous?: DaySpan & { days: number };
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
 * nulls on its side of the extra rows; totals cover every bucket each side has. With the
 * ranges, rows also say which buckets are partial and the comparison says how long each side is.
 */
export function compareReport(report: CustomersHelpedReport, periods?: ComparedPeriods): ReportComparison {
  const current = report.current;
  const previous = report.previous;
  const length = Math.max(current.length, previous?.length ?? 0);
  const coverage = (points: readonly DataPoint[] | undefined, span: DaySpan | undefined) =>
    points && span && periods ? bucketCoverage(points.map((p) => p.date), span, periods.viewBy) : [];
  const currentCoverage = coverage(current, periods?.current);
  const previousCoverage = coverage(previous, periods?.previous);
  const rows: ComparisonRow[] = [];
  for (let index = 0; index < length; index++) {
    const c = current[index];
    const p = previous?.[index];
    const row: ComparisonRow = {
      index,
      currentDate: c?.date ?? null,
      current: c?.value ?? null,
      previousDate: p?.date ?? null,
      previous: p?.value ?? null,
      change: c && p ? computeChange(c.value, p.value) : null,
    };
    const cp = currentCoverage[index];
    const pp = previousCoverage[index];
    if (cp) row.currentPartial = cp;
    if (pp) row.previousPartial = pp;
    rows.push(row);
  }
  const currentTotal = total(current);
  const previousTotal = previous ? total(previous) : null;
  const comparison: ReportComparison = {
    rows,
    hasPrevious: previous !== undefined,
    currentTotal,
    previousTotal,
    change: previousTotal === null ? null : computeChange(currentTotal, previousTotal),
  };
  if (periods?.previous && previousTotal !== null) {
    const lengths: PeriodLengths = { currentDays: periods.current.days, previousDays: periods.previous.days };
    if (lengths.currentDays !== lengths.previousDays && lengths.currentDays > 0 && lengths.previousDays > 0) {
      const perCurrent = currentTotal / lengths.currentDays;
      const perPrevious = previousTotal / lengths.previousDays;
      lengths.perDay = { current: perCurrent, previous: perPrevious, change: computeChange(perCurrent, perPrevious) };
    }
    comparison.lengths = lengths;
  }
  return comparison;
}
