import type { Metric } from './reportSeries';
import type { ReportSubject } from './subject';

/**
 * What a saved report query is: everything a user chooses, before it is resolved against a
 * clock and a time zone into wire parameters (see period.ts / resolve.ts).
 */

export const CONVERSATION_TYPES = ['email', 'chat', 'phone'] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

/** Finest first: the order matters for "pick the finest allowed". */
export const VIEW_BYS = ['day', 'week', 'month'] as const;
export type ViewBy = (typeof VIEW_BYS)[number];

export const RANGE_PRESETS = [
  'last7Days',
  'last30Days',
  'last90Days',
  'thisWeek',
  'lastWeek',
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'lastQuarter',
  'thisYear',
  'lastYear',
  'yearToDate',
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** A calendar date, `yyyy-MM-dd`, in the query's time zone. */
export type CalendarDate = string;

/** Absolute ranges are whole days, both ends inclusive, in the query's time zone. */
export type DateRange =
  | { kind: 'preset'; preset: RangePreset }
  | { kind: 'absolute'; start: CalendarDate; end: CalendarDate };

/** The comparisons that need no dates of their own, in the order the picker offers them. */
export const COMPARISON_KINDS = [
  'previousPeriod',
  'previousPeriodSameWeekdays',
  'previousCalendarPeriod',
  'previousYear',
  'sameWeekdaysLastYear',
  'none',
] as const;

export type Comparison =
  | { kind: 'none' }
  /** The period of equal length that ends where the current one starts. */
  | { kind: 'previousPeriod' }
  /** Equal length, moved back by the fewest whole weeks that clear the current period. */
  | { kind: 'previousPeriodSameWeekdays' }
  /** The calendar week, month, quarter or year before a calendar preset's; lengths may differ. */
  | { kind: 'previousCalendarPeriod' }
  /** Equal length, starting on the same date a year earlier (Feb 29 → Feb 28). */
  | { kind: 'previousYear' }
  /** Equal length, 52 weeks (364 days) earlier: Monday opposite Monday. */
  | { kind: 'sameWeekdaysLastYear' }
  | { kind: 'custom'; start: CalendarDate; end: CalendarDate };

export type WeekStart = 'monday' | 'sunday';

export interface ReportQuery {
  /** What is counted. */
  metric: Metric;
  /** Whose numbers: one user, several, everyone in an inbox, or the whole company. */
  subject: ReportSubject;
  range: DateRange;
  comparison: Comparison;
  /** Omitted: the finest resolution the range allows. */
  viewBy?: ViewBy;
  mailboxes?: number[];
  tags?: number[];
  types?: ConversationType[];
  folders?: number[];
  /** Names remembered for ids, for labels only ("Billing inbox"). Never sent. */
  labels?: { mailboxes?: Record<string, string>; tags?: Record<string, string>; folders?: Record<string, string> };
}

/** A query as the user saved it: a name and an id around the ReportQuery. */
export interface SavedQuery {
  id: string;
  name: string;
  query: ReportQuery;
  createdAt: string;
  updatedAt: string;
}

/** What a query is resolved against. */
export interface ResolveContext {
  /** Epoch milliseconds. */
  now: number;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: string;
  weekStart: WeekStart;
}
