import type { ConversationType, ViewBy } from './query';

/**
 * The exact parameters of GET /v2/reports/user/customers-helped, ready for the wire.
 * Dates are `yyyy-MM-ddTHH:mm:ssZ` (UTC, no milliseconds).
 */
export interface CustomersHelpedParams {
  user: number;
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

export interface DataPoint {
  /** Beginning of the bucket, as the API sent it. */
  date: string;
  customers: number;
}

/** The response body, after its shape has been checked. */
export interface CustomersHelpedReport {
  current: DataPoint[];
  previous?: DataPoint[];
}
