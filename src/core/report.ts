import type { ConversationType, ViewBy } from './query';

/**
 * The exact parameters of a time-series report (reportSeries.ts), ready for the wire. Dates are
 * `yyyy-MM-ddTHH:mm:ssZ` (UTC, no milliseconds). `user` is absent for company reports.
 */
export interface SeriesParams {
  user?: number;
  start: string;
  end: string;
  previousStart?: string;
  previousEnd?: string;
  mailboxes?: number[];
  tags?: number[];
  types?: ConversationType[];
  folders?: number[];
  viewBy: ViewBy;
}

/** GET /v2/reports/user/customers-helped: the same parameters, with the user required. */
export interface CustomersHelpedParams extends SeriesParams {
  user: number;
}

export interface DataPoint {
  /** Beginning of the bucket, as the API sent it. */
  date: string;
  /** The point's figure, whatever its key on the wire (`customers`, `replies`, `resolved`). */
  value: number;
}

/** A series response body, after its shape has been checked. */
export interface SeriesReport {
  current: DataPoint[];
  previous?: DataPoint[];
}

export type CustomersHelpedReport = SeriesReport;
