import { withoutLogRef } from '../core/apiError';
import { compareReport } from '../core/comparison';
import { describeDateRange, describeFilters } from '../core/describe';
import { isHelpScoutError, isQueryValidationError, type HelpScoutError } from '../core/errors';
import type { SavedQuery } from '../core/query';
import { seriesOfQuery } from '../core/loadReport';
import { COMPANY_METRICS, METRICS, REPORT_SERIES } from '../core/reportSeries';
import { isTeamSubject, subjectLabel } from '../core/subject';
import type { CustomersHelpedReport } from '../core/report';
import type { ResolvedQuery } from '../core/resolve';
import type { RecoveryAction, ReportSnapshot } from '../protocol';
import type { TeamProgress } from '../core/teamReport';
import type { TeamView } from '../protocol/team';

/** What the panel needs besides the query: pure data, so this file stays testable without VS Code. */
export interface SnapshotContext {
  locale: string;
  timeZone: string;
  sampleData: boolean;
  user?: { name: string; email?: string; photoUrl?: string };
}

export interface ReportData {
  resolved: ResolvedQuery;
  /** For a team report, the Team total. */
  report: CustomersHelpedReport;
  fetchedAt: string;
  /** A team report's people (never with progress: that belongs to a load, not to data). */
  team?: TeamView;
}

/**
 * One complete snapshot of a report panel. `data` is the newest data we have (fresh or cached);
 * `loading` means a fetch is running; `error` is the last fetch's failure.
 */
export function buildSnapshot(
  saved: SavedQuery,
  context: SnapshotContext,
  state: { data?: ReportData; resolved?: ResolvedQuery; loading: boolean; error?: unknown; progress?: TeamProgress },
): ReportSnapshot {
  const resolved = state.data?.resolved ?? state.resolved;
  const query = saved.query;
  const snapshot: ReportSnapshot = {
    queryId: saved.id,
    title: saved.name,
    status: state.data ? 'ready' : state.error !== undefined ? 'error' : 'loading',
    stale: state.data !== undefined && (state.loading || state.error !== undefined),
    sampleData: context.sampleData,
    user: context.user ?? { name: subjectLabel(query.subject) },
    ...metricViews(saved),
    currentLabel: resolved ? describeDateRange(resolved.current.start, resolved.current.end, context.timeZone, context.locale) : '',
    viewBy: resolved?.viewBy ?? query.viewBy ?? 'day',
    allowedViewBy: resolved?.allowedViewBy ?? (query.viewBy ? [query.viewBy] : []),
    filters: describeFilters(query),
    locale: context.locale,
    timeZone: context.timeZone,
  };
  if (resolved?.previous) {
    snapshot.previousLabel = describeDateRange(resolved.previous.start, resolved.previous.end, context.timeZone, context.locale);
  }
  if (query.types?.length) snapshot.types = [...query.types];
  if (state.data) {
    snapshot.fetchedAt = state.data.fetchedAt;
    snapshot.comparison = compareReport(state.data.report, state.data.resolved);
  }
  if (isTeamSubject(query.subject)) {
    const team: TeamView = state.data?.team ? { people: state.data.team.people, omitted: state.data.team.omitted } : { people: [], omitted: 0 };
    if (state.loading && state.progress) team.progress = { loaded: state.progress.loaded, total: state.progress.total };
    snapshot.team = team;
  }
  if (state.error !== undefined) snapshot.error = describeError(state.error);
  return snapshot;
}

/** The metric shown and the ones the subject allows (the company has customers helped only). */
export function metricViews(saved: SavedQuery): Pick<ReportSnapshot, 'metric' | 'metrics'> {
  const { label, unit, verb, counting } = REPORT_SERIES[seriesOfQuery(saved.query)];
  const allowed = saved.query.subject.kind === 'company' ? COMPANY_METRICS : METRICS;
  return {
    metric: { id: saved.query.metric, label, unit: { ...unit }, verb, counting },
    metrics: allowed.map((id) => ({ id, label: REPORT_SERIES[id].label })),
  };
}

/** The error part of a snapshot, and the actions that can fix it. */
export function describeError(error: unknown): NonNullable<ReportSnapshot['error']> {
  if (isQueryValidationError(error)) {
    return { kind: 'validation-local', message: error.message, actions: ['editQuery'] };
  }
  if (isHelpScoutError(error)) {
    return {
      kind: error.kind,
      // The card shows the logRef in its own row.
      message: withoutLogRef(error.message, error.logRef),
      status: error.status,
      apiMessage: error.apiMessage,
      logRef: error.logRef,
      actions: recoveryActions(error),
    };
  }
  return { kind: 'server', message: error instanceof Error ? error.message : String(error), actions: ['retry', 'openLog'] };
}

export function recoveryActions(error: HelpScoutError): RecoveryAction[] {
  switch (error.kind) {
    case 'auth':
      return ['signIn', 'openLog'];
    case 'validation':
    case 'notFound':
      return ['editQuery', 'openLog'];
    case 'forbidden':
      return ['trySample', 'comparePlans', 'openLog'];
    case 'cancelled':
      return ['retry'];
    default:
      return ['retry', 'openLog'];
  }
}
