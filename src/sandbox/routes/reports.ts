/** GET /v2/reports/user/customers-helped: plan check, Help Scout's validation, then the count. */
import { computeCustomersHelped } from '../reportEngine';
import { parseCustomersHelpedRequest } from '../reportRequest';
import { apiError, json, validationError } from '../reply';
import type { Route, RouteContext } from '../router';

function customersHelped(ctx: RouteContext) {
  if (ctx.plan === 'free') {
    return apiError(
      403,
      'Access denied: Reports are only available on the Plus and Pro plans. Upgrade your plan to use the reporting endpoints.',
    );
  }
  const parsed = parseCustomersHelpedRequest(ctx.url.searchParams, ctx.timeZone);
  if (!parsed.ok) return validationError(parsed.errors);
  if (!ctx.dataset.userIndex.has(parsed.query.userId)) return apiError(404, `User ${parsed.query.userId} not found`);
  return json(200, computeCustomersHelped(ctx.dataset, parsed.query));
}

export const reportRoutes: Route[] = [
  { pattern: /^\/v2\/reports\/user\/customers-helped$/, kind: 'api', methods: { GET: customersHelped } },
];
