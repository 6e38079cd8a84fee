import type { HelpScoutClient } from './client';
import type { ReportQuery, ResolveContext } from './query';
import type { CustomersHelpedReport } from './report';
import { resolveQuery, type ResolvedQuery } from './resolve';

export interface LoadedReport {
  resolved: ResolvedQuery;
  report: CustomersHelpedReport;
}

/**
 * The one way a saved query becomes data: resolve and validate it first (a QueryValidationError
 * means no request was sent), then fetch.
 */
export async function loadReport(client: Pick<HelpScoutClient, 'getCustomersHelped'>, query: ReportQuery, context: ResolveContext, signal?: AbortSignal): Promise<LoadedReport> {
  const resolved = resolveQuery(query, context);
  const report = await client.getCustomersHelped(resolved.params, signal);
  return { resolved, report };
}
