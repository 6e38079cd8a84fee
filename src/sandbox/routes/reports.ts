/** GET /v2/reports/user/customers-helped and /drilldown: plan check, Help Scout's validation, then the answer. */
import { computeDrilldown } from '../drilldown';
import { parseDrilldownRequest } from '../drilldownRequest';
import { computeCustomersHelped } from '../reportEngine';
import { parseCustomersHelpedRequest } from '../reportRequest';
import { apiError, json, validationError } from '../reply';
import type { Route, RouteContext } from '../router';

const PLAN_REQUIRED =
  'Access denied: Reports are only available on the Plus and Pro plans. Upgrade your plan to use the reporting endpoints.';

function customersHelped(ctx: RouteContext) {
  if (ctx.plan === 'free') return apiError(403, PLAN_REQUIRED);
  const parsed = parseCustomersHelpedRequest(ctx.url.searchParams);
  if (!parsed.ok) return validationError(parsed.errors);
  if (!ctx.dataset.userIndex.has(parsed.query.userId)) return apiError(404, `User ${parsed.query.userId} not found`);
  return json(200, computeCustomersHelped(ctx.dataset, parsed.query));
}

function drilldown(ctx: RouteContext) {
  if (ctx.plan === 'free') return apiError(403, PLAN_REQUIRED);
  const parsed = parseDrilldownRequest(ctx.url.searchParams);
  if (!parsed.ok) return validationError(parsed.errors);
  if (!ctx.dataset.userIndex.has(parsed.query.userId)) return apiError(404, `User ${parsed.query.userId} not found`);
  return json(200, computeDrilldown(ctx.dataset, parsed.query));
}

export const reportRoutes: Route[] = [
  { pattern: /^\/v2\/reports\/user\/customers-helped$/, kind: 'api', methods: { GET: customersHelped } },
  { pattern: /^\/v2\/reports\/user\/drilldown$/, kind: 'api', methods: { GET: drilldown } },
];
