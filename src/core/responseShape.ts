/**
 * Checking that a 2xx body is what the API documents, before anything else touches it.
 * Failures are HelpScoutError kind 'badResponse' with a short reason naming the path
 * ("current[3].replies is a string"), never a TypeError from deep inside the UI.
 */
import type { DataPoint, SeriesReport } from './report';
import { badResponseError } from './apiError';
import { isResponseDateText } from './wireDate';
import { describeValue } from './fieldProblem';
import { isRecord } from './plainData';

/** More buckets than this in one series is not a report we will chart. */
export const MAX_BUCKETS = 20_000;

/** A value from a response described for a shape error: what it is, never what text it holds. */
export function describeApiValue(value: unknown): string {
  return describeValue(value, { as: 'kind' });
}

/** Thrown inside shape checks; turned into a HelpScoutError with the request name. */
export class ShapeError extends Error {}

/** JSON.parse that fails as 'badResponse', naming an HTML page or empty body as such. */
export function parseJsonBody(body: string, request: string, status = 200): unknown {
  const trimmed = body.trim();
  if (trimmed === '') throw badResponseError('the body is empty', request, status);
  if (trimmed.startsWith('<')) throw badResponseError('the body is an HTML page, not JSON', request, status);
  try {
    return JSON.parse(trimmed);
  } catch {
    throw badResponseError('the body is not valid JSON', request, status);
  }
}

/**
 * `yyyy-MM-ddTHH:mm:ss`, any fraction, `Z` or an offset, naming a date that exists (no 2021-02-30,
 * no hour 24). Hand-written (wireDate.ts) because it runs once per point of every report.
 */
export function isWireDate(value: string): boolean {
  return isResponseDateText(value);
}

function parseSeries(value: unknown, path: string, key: string): DataPoint[] {
  if (!Array.isArray(value)) throw new ShapeError(`${path} is ${describeApiValue(value)}, not an array`);
  if (value.length > MAX_BUCKETS) throw new ShapeError(`${path} has ${value.length} points, more than ${MAX_BUCKETS}`);
  const points: DataPoint[] = new Array<DataPoint>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!isRecord(item)) throw new ShapeError(`${path}[${i}] is ${describeApiValue(item)}, not an object`);
    const date = item.date;
    if (typeof date !== 'string') throw new ShapeError(`${path}[${i}].date is ${describeApiValue(date)}`);
    if (!isWireDate(date)) throw new ShapeError(`${path}[${i}].date is not a valid yyyy-MM-ddTHH:mm:ssZ date`); // value not echoed
    const count = item[key];
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new ShapeError(`${path}[${i}].${key} is ${describeApiValue(count)}`);
    }
    points[i] = { date, value: count };
  }
  return points;
}

/**
 * A time-series body whose points carry their figure under `pointKey` ("customers", "replies"),
 * checked. `request` names the call in the error.
 */
export function parseSeriesReport(json: unknown, request: string, pointKey: string): SeriesReport {
  return shapeChecked(() => {
    if (!isRecord(json)) throw new ShapeError(`the body is ${describeApiValue(json)}, not an object`);
    const report: SeriesReport = { current: parseSeries(json.current, 'current', pointKey) };
    if (json.previous !== undefined && json.previous !== null) report.previous = parseSeries(json.previous, 'previous', pointKey);
    return report;
  }, request);
}

/** `parse()`, its ShapeError as the 'badResponse' HelpScoutError of `request`. */
export function shapeChecked<T>(parse: () => T, request: string): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ShapeError) throw badResponseError(error.message, request);
    throw error;
  }
}
