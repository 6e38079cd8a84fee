/**
 * The report routes (customers helped, replies, resolutions, company customers helped, drilldown):
 * plan check, Help Scout's validation (one parser per request shape), then the answer.
 */
import type { Dataset } from '../dataset';
import { computeDrilldown } from '../drilldown';
import { parseDrilldownRequest } from '../drilldownRequest';
import { computeCustomersHelped } from '../reportEngine';
import { parseCustomersHelpedRequest, type FieldError } from '../reportRequest';
import { computeCompanyCustomersHelped, computeReplies, computeResolutions } from '../seriesEngine';
import { apiError, json, validationError } from '../reply';
import type { Handler, Route } from '../router';

const PLAN_REQUIRED =
  'Access denied: Reports are only available on the Plus and Pro plans. Upgrade your plan to use the reporting endpoints.';

/** A report: 403 on the free plan, 400 with field errors, 404 for an unknown user (user reports), else the body. */
function report<Q extends { userId: number }>(
  parse: (params: URLSearchParams, timeZone: string) => { ok: true; query: Q } | { ok: false; errors: FieldError[] },
  compute: (dataset: Dataset, query: Q) => unknown,
  needsUser = true,
): Handler {
  return (ctx) => {
    if (ctx.plan === 'free') return apiError(403, PLAN_REQUIRED);
    const parsed = parse(ctx.url.searchParams, ctx.timeZone);
    if (!parsed.ok) return validationError(parsed.errors);
    if (needsUser && !ctx.dataset.userIndex.has(parsed.query.userId)) return apiError(404, `User ${parsed.query.userId} not found`);
    return json(200, compute(ctx.dataset, parsed.query));
  };
}

const companyRequest = (params: URLSearchParams, timeZone: string) => parseCustomersHelpedRequest(params, timeZone, { needsUser: false });

export const reportRoutes: Route[] = [
  { pattern: /^\/v2\/reports\/user\/customers-helped$/, kind: 'api', methods: { GET: report(parseCustomersHelpedRequest, computeCustomersHelped) } },
  { pattern: /^\/v2\/reports\/user\/replies$/, kind: 'api', methods: { GET: report(parseCustomersHelpedRequest, computeReplies) } },
  { pattern: /^\/v2\/reports\/user\/resolutions$/, kind: 'api', methods: { GET: report(parseCustomersHelpedRequest, computeResolutions) } },
  { pattern: /^\/v2\/reports\/company\/customers-helped$/, kind: 'api', methods: { GET: report(companyRequest, computeCompanyCustomersHelped, false) } },
  { pattern: /^\/v2\/reports\/user\/drilldown$/, kind: 'api', methods: { GET: report(parseDrilldownRequest, computeDrilldown) } },
];
