/**
 * The time-series reports the product reads, as data: where each lives, which key its points
 * carry, whether it is about one user, and how to name and explain it. They share Help Scout's
 * parameters, viewBy rules and `{current, previous}` shape (../shared/helpscout-api.md), so one
 * client call serves them all. A new series report is one entry here plus its sandbox route.
 */

export interface SeriesDescriptor {
  path: string;
  /** The number's key in each point: `{"date": …, "<pointKey>": 3}`. */
  pointKey: string;
  /** Sends `user`; a company report has none. */
  needsUser: boolean;
  /** Title-case name of the figure: "Replies sent". */
  label: string;
  /** The counted thing, singular and plural: "reply" / "replies". */
  unit: { one: string; other: string };
  /** What the person did, for "Anna sent 40 replies": helped, sent, resolved. */
  verb: string;
  /** One sentence under the figures: how Help Scout counts it. */
  counting: string;
}

export const REPORT_SERIES = {
  customersHelped: {
    path: '/v2/reports/user/customers-helped',
    pointKey: 'customers',
    needsUser: true,
    label: 'Customers helped',
    unit: { one: 'customer', other: 'customers' },
    verb: 'helped',
    counting: 'Unique customers the person replied to, once per bucket.',
  },
  replies: {
    path: '/v2/reports/user/replies',
    pointKey: 'replies',
    needsUser: true,
    label: 'Replies sent',
    unit: { one: 'reply', other: 'replies' },
    verb: 'sent',
    counting: 'Every reply the person sent in the bucket; three replies to one customer count three times.',
  },
  resolutions: {
    path: '/v2/reports/user/resolutions',
    pointKey: 'resolved',
    needsUser: true,
    label: 'Conversations resolved',
    unit: { one: 'conversation', other: 'conversations' },
    verb: 'resolved',
    counting: 'Conversations the person closed after replying, each counted once, in the bucket in which it was closed.',
  },
  companyCustomersHelped: {
    path: '/v2/reports/company/customers-helped',
    pointKey: 'customers',
    needsUser: false,
    label: 'Customers helped',
    unit: { one: 'customer', other: 'customers' },
    verb: 'helped',
    counting: 'Unique customers the whole company replied to, once per bucket.',
  },
} as const satisfies Record<string, SeriesDescriptor>;

export type SeriesId = keyof typeof REPORT_SERIES;

/** What a report counts, as a user picks it. */
export const METRICS = ['customersHelped', 'replies', 'resolutions'] as const;
export type Metric = (typeof METRICS)[number];

/** Company-wide numbers exist for these metrics only. */
export const COMPANY_METRICS: readonly Metric[] = ['customersHelped'];

/** The series a metric reads: for one user, or for the whole company. */
export function seriesFor(metric: Metric, scope: 'user' | 'company'): SeriesId {
  if (scope === 'user') return metric;
  if (metric === 'customersHelped') return 'companyCustomersHelped';
  throw new RangeError(`Help Scout has no company-wide ${REPORT_SERIES[metric].label.toLowerCase()} report`);
}
