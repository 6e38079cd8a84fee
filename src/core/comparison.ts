import type { CustomersHelpedReport } from './report';

/**
 * Current against previous, bucket by bucket (by position), with totals and changes.
 * IMPLEMENTATION PENDING (foundation issue): compareReport.
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

export declare function compareReport(report: CustomersHelpedReport): ReportComparison;
