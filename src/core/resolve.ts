/**
 * A saved query plus a clock, zone and week start → the exact wire parameters of its
 * time-series report. Anything wrong is thrown as one QueryValidationError listing every problem,
 * before a request is made. Period rules are documented in period.ts.
 */
import { QueryValidationError } from './errors';
import type { ResolvedRange } from './period';
import type { ReportQuery, ResolveContext, ViewBy } from './query';
import type { SeriesParams } from './report';
import { checkQuery } from './validate';
import { formatWireDate } from './wireDate';

export interface ResolvedQuery {
  /** `user` is set for a one-user subject; a team adds each person's id per request. */
  params: SeriesParams;
  current: ResolvedRange;
  /** Present when the query compares with another range. */
  previous?: ResolvedRange;
  viewBy: ViewBy;
  /** Finest first; what the current (and comparison) range allow. */
  allowedViewBy: ViewBy[];
  /** Set when a DST change takes away a viewBy the calendar days would allow (see period.ts). */
  viewByNote?: string;
}

/** @throws QueryValidationError listing every problem. */
export function resolveQuery(query: ReportQuery, ctx: ResolveContext): ResolvedQuery {
  const checked = checkQuery(query, ctx);
  if (!checked.ok) throw new QueryValidationError(checked.problems);
  const { query: q, periods } = checked;

  const params: SeriesParams = {
    ...(q.subject.kind === 'user' ? { user: q.subject.userId } : {}),
    start: formatWireDate(periods.current.start),
    end: formatWireDate(periods.current.end),
    viewBy: periods.viewBy,
  };
  if (periods.previous) {
    params.previousStart = formatWireDate(periods.previous.start);
    params.previousEnd = formatWireDate(periods.previous.end);
  }
  if (q.mailboxes) params.mailboxes = q.mailboxes;
  if (q.tags) params.tags = q.tags;
  if (q.types) params.types = q.types;
  if (q.folders) params.folders = q.folders;

  const resolved: ResolvedQuery = {
    params,
    current: periods.current,
    viewBy: periods.viewBy,
    allowedViewBy: periods.allowedViewBy,
  };
  if (periods.previous) resolved.previous = periods.previous;
  if (periods.viewByNote) resolved.viewByNote = periods.viewByNote;
  return resolved;
}
