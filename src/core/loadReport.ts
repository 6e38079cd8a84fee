import type { HelpScoutClient } from './client';
import { QueryValidationError } from './errors';
import type { ReportQuery, ResolveContext } from './query';
import type { SeriesReport } from './report';
import { seriesFor, type SeriesId } from './reportSeries';
import { resolveQuery, type ResolvedQuery } from './resolve';
import { isTeamSubject, subjectLabel } from './subject';

export interface LoadedReport {
  resolved: ResolvedQuery;
  report: SeriesReport;
}

/** The series a one-person or company query reads. */
export function seriesOfQuery(query: ReportQuery): SeriesId {
  return seriesFor(query.metric, query.subject.kind === 'company' ? 'company' : 'user');
}

/**
 * The one way a saved query about one person or the whole company becomes data: resolve and
 * validate it first (a QueryValidationError means no request was sent), then fetch. A team is
 * one request per person: teamReport.ts.
 */
export async function loadReport(client: Pick<HelpScoutClient, 'getSeries'>, query: ReportQuery, context: ResolveContext, signal?: AbortSignal): Promise<LoadedReport> {
  const resolved = resolveQuery(query, context);
  if (isTeamSubject(query.subject)) {
    throw new QueryValidationError([{ field: 'subject', value: subjectLabel(query.subject), allowed: 'one person or the whole company (a team loads person by person)' }]);
  }
  const report = await client.getSeries(seriesOfQuery(query), resolved.params, signal);
  return { resolved, report };
}
