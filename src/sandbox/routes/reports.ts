/** The time-series reports: plan check, Help Scout's validation (one parser for all), then the count. */
import type { Dataset } from '../dataset';
import { computeCustomersHelped, type CustomersHelpedQuery } from '../reportEngine';
import { parseCustomersHelpedRequest } from '../reportRequest';
import { computeCompanyCustomersHelped, computeReplies, computeResolutions } from '../seriesEngine';
import { apiError, json, validationError } from '../reply';
import type { Handler, Route } from '../router';

function seriesReport(needsUser: boolean, compute: (dataset: Dataset, query: CustomersHelpedQuery) => unknown): Handler {
  return (ctx) => {
    if (ctx.plan === 'free') {
      return apiError(
        403,
        'Access denied: Reports are only available on the Plus and Pro plans. Upgrade your plan to use the reporting endpoints.',
      );
    }
    const parsed = parseCustomersHelpedRequest(ctx.url.searchParams, { needsUser });
    if (!parsed.ok) return validationError(parsed.errors);
    if (needsUser && !ctx.dataset.userIndex.has(parsed.query.userId)) return apiError(404, `User ${parsed.query.userId} not found`);
    return json(200, compute(ctx.dataset, parsed.query));
  };
}

export const reportRoutes: Route[] = [
  { pattern: /^\/v2\/reports\/user\/customers-helped$/, kind: 'api', methods: { GET: seriesReport(true, computeCustomersHelped) } },
  { pattern: /^\/v2\/reports\/user\/replies$/, kind: 'api', methods: { GET: seriesReport(true, computeReplies) } },
  { pattern: /^\/v2\/reports\/user\/resolutions$/, kind: 'api', methods: { GET: seriesReport(true, computeResolutions) } },
  { pattern: /^\/v2\/reports\/company\/customers-helped$/, kind: 'api', methods: { GET: seriesReport(false, computeCompanyCustomersHelped) } },
];
