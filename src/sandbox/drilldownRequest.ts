/**
 * Reads GET /v2/reports/user/drilldown's query string: `user, start, end, mailboxes, tags, types,
 * folders` exactly as the customers-helped report checks them (the same function, so the two
 * cannot drift), plus `page` (≥ 1, default 1) and `rows` (1–50, default 25). The drilldown takes
 * no previous range and no viewBy; those parameters are ignored, as unknown ones are.
 */
import { DEFAULT_DRILLDOWN_ROWS, MAX_DRILLDOWN_ROWS, type DrilldownQuery } from './drilldown';
import { parseCustomersHelpedRequest, type FieldError } from './reportRequest';

export type ParsedDrilldownRequest = { ok: true; query: DrilldownQuery } | { ok: false; errors: FieldError[] };

const IGNORED = ['viewBy', 'previousStart', 'previousEnd'];
/** Far past any real drilldown; keeps `(page − 1) × rows` a small safe integer. */
const MAX_PAGE = 1_000_000;

function wholeNumber(
  params: URLSearchParams,
  name: string,
  fallback: number,
  max: number,
  errors: FieldError[],
): number {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  if (!/^\d{1,7}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    errors.push({ path: name, message: `must be a whole number from 1 to ${max}`, rejectedValue: text, source: 'query' });
    return fallback;
  }
  return Number(text);
}

export function parseDrilldownRequest(params: URLSearchParams, timeZone: string): ParsedDrilldownRequest {
  const common = new URLSearchParams(params);
  for (const name of IGNORED) common.delete(name);
  const report = parseCustomersHelpedRequest(common, timeZone);
  const errors: FieldError[] = report.ok ? [] : [...report.errors];
  const page = wholeNumber(params, 'page', 1, MAX_PAGE, errors);
  const rows = wholeNumber(params, 'rows', DEFAULT_DRILLDOWN_ROWS, MAX_DRILLDOWN_ROWS, errors);
  if (!report.ok || errors.length > 0) return { ok: false, errors };
  const { viewBy: _viewBy, previous: _previous, ...range } = report.query;
  return { ok: true, query: { ...range, page, rows } };
}
