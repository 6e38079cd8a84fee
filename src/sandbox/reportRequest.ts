/**
 * Reads and checks the query string of GET /v2/reports/user/customers-helped (and of the other
 * time-series reports, which take the same parameters) the way Help Scout does, independently of
 * the client's own checks (src/core), so the two can catch each other.
 *
 * Help Scout does not say how it measures a range for the viewBy rules, so the sandbox is at
 * least as strict as either reading: `day` needs ≤ 60 calendar days in the company's zone and
 * ≤ 60 × 24 h; `month` ≥ 61 calendar days and ≥ 61 × 24 h; `week` an end no later than one year
 * after the start, as local days and as UTC instants. When viewBy is absent the finest
 * resolution both ranges allow is used (day, else week, else month).
 */
import { CONVERSATION_TYPE_NAMES, type SandboxConversationType } from './dataset';
import type { CustomersHelpedQuery, SandboxViewBy } from './reportEngine';
import { DAY_SECONDS, addMonths, parseWireDate } from './wireDate';
import { daysFrom, localDay, shiftDay } from './zone';

export interface FieldError {
  path: string;
  message: string;
  rejectedValue: unknown;
  source: string;
}

export type ParsedReportRequest = { ok: true; query: CustomersHelpedQuery } | { ok: false; errors: FieldError[] };

const VIEW_BYS: readonly SandboxViewBy[] = ['day', 'week', 'month'];
const MAX_DAYS_FOR_DAY = 60;
const MIN_DAYS_FOR_MONTH = 61;
const WIRE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss'Z'";

/** A requested range as the rules read it: its instants and its local days in the company's zone. */
export interface RangeReading {
  start: number;
  end: number;
  /** Local days from the start's day through the day of the last second before end. */
  days: number;
  firstDay: string;
  lastDay: string;
}

export function readRange(start: number, end: number, timeZone: string): RangeReading {
  const firstDay = localDay(start, timeZone);
  const lastDay = localDay(end - 1, timeZone);
  return { start, end, firstDay, lastDay, days: daysFrom(firstDay, lastDay) + 1 };
}

export function viewByAllowed(viewBy: SandboxViewBy, r: RangeReading): boolean {
  const seconds = r.end - r.start;
  switch (viewBy) {
    case 'day':
      return r.days <= MAX_DAYS_FOR_DAY && seconds <= MAX_DAYS_FOR_DAY * DAY_SECONDS;
    case 'week':
      return daysFrom(shiftDay(r.lastDay, 'day', 1), shiftDay(r.firstDay, 'month', 12)) >= 0 && r.end <= addMonths(r.start, 12);
    case 'month':
      return r.days >= MIN_DAYS_FOR_MONTH && seconds >= MIN_DAYS_FOR_MONTH * DAY_SECONDS;
  }
}

function rule(viewBy: SandboxViewBy): string {
  switch (viewBy) {
    case 'day':
      return `viewBy day is only allowed if the time range is ${MAX_DAYS_FOR_DAY} days or less`;
    case 'week':
      return 'viewBy week is only allowed if the time range is 1 year or less';
    case 'month':
      return `viewBy month is only allowed if the time range is ${MIN_DAYS_FOR_MONTH} days or more`;
  }
}

/** All values of a possibly repeated parameter, comma lists flattened; undefined when absent or empty. */
function list(params: URLSearchParams, name: string): string[] | undefined {
  const raw = params.getAll(name).filter((v) => v !== '');
  return raw.length ? raw.join(',').split(',') : undefined;
}

/** `needsUser: false` (company reports): `user` is not read and the query's userId is 0. */
export function parseCustomersHelpedRequest(params: URLSearchParams, timeZone: string, options: { needsUser?: boolean } = {}): ParsedReportRequest {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string, rejectedValue: unknown) =>
    errors.push({ path, message, rejectedValue, source: 'query' });

  let userId = 0;
  if (options.needsUser !== false) {
    const userText = params.get('user');
    if (userText === null || userText === '') fail('user', 'may not be null', null);
    else if (!/^\d{1,15}$/.test(userText) || Number(userText) < 1) fail('user', 'must be a positive integer', userText);
    else userId = Number(userText);
  }

  const date = (name: string, required: boolean): number | undefined => {
    const text = params.get(name);
    if (text === null || text === '') {
      if (required) fail(name, 'may not be null', null);
      return undefined;
    }
    const seconds = parseWireDate(text);
    if (seconds === null) fail(name, `Invalid date: expected the format ${WIRE_FORMAT} (UTC, no milliseconds)`, text);
    return seconds ?? undefined;
  };
  const start = date('start', true);
  const end = date('end', true);
  const previousStart = date('previousStart', false);
  const previousEnd = date('previousEnd', false);

  if (start !== undefined && end !== undefined && start >= end) fail('end', 'end must be after start', params.get('end'));

  const hasPreviousStart = params.get('previousStart');
  const hasPreviousEnd = params.get('previousEnd');
  if (!!hasPreviousStart !== !!hasPreviousEnd) {
    const missing = hasPreviousStart ? 'previousEnd' : 'previousStart';
    fail(missing, 'previousStart and previousEnd must be specified together', null);
  } else if (previousStart !== undefined && previousEnd !== undefined && previousStart >= previousEnd) {
    fail('previousEnd', 'previousEnd must be after previousStart', hasPreviousEnd);
  }

  const ids = (name: 'mailboxes' | 'tags' | 'folders'): number[] | undefined => {
    const items = list(params, name);
    if (!items) return undefined;
    const bad = items.find((item) => !/^\d{1,15}$/.test(item.trim()) || Number(item) < 1);
    if (bad !== undefined) {
      fail(name, 'must be a comma separated list of positive integer ids', params.getAll(name).join(','));
      return undefined;
    }
    return items.map((item) => Number(item.trim()));
  };
  const mailboxes = ids('mailboxes');
  const tags = ids('tags');
  const folders = ids('folders');

  let types: SandboxConversationType[] | undefined;
  const typeItems = list(params, 'types');
  if (typeItems) {
    const bad = typeItems.find((t) => !(CONVERSATION_TYPE_NAMES as readonly string[]).includes(t.trim()));
    if (bad !== undefined) fail('types', `Invalid value, valid values are ${CONVERSATION_TYPE_NAMES.join(', ')}`, bad);
    else types = typeItems.map((t) => t.trim() as SandboxConversationType);
  }

  const viewByText = params.get('viewBy');
  let viewBy: SandboxViewBy | undefined;
  if (viewByText !== null && viewByText !== '') {
    if ((VIEW_BYS as readonly string[]).includes(viewByText)) viewBy = viewByText as SandboxViewBy;
    else fail('viewBy', `Invalid value, valid values are ${VIEW_BYS.join(', ')}`, viewByText);
  }

  if (errors.length > 0 || start === undefined || end === undefined) return { ok: false, errors };

  const spans = [readRange(start, end, timeZone)];
  if (previousStart !== undefined && previousEnd !== undefined) spans.push(readRange(previousStart, previousEnd, timeZone));
  const allowed = (v: SandboxViewBy) => spans.every((r) => viewByAllowed(v, r));
  if (viewBy === undefined) {
    viewBy = VIEW_BYS.find(allowed);
    if (!viewBy) {
      fail('viewBy', 'no resolution is allowed for both time ranges', null);
      return { ok: false, errors };
    }
  } else if (!allowed(viewBy)) {
    fail('viewBy', rule(viewBy), viewBy);
    return { ok: false, errors };
  }

  const query: CustomersHelpedQuery = { userId, start, end, viewBy, timeZone };
  if (previousStart !== undefined && previousEnd !== undefined) query.previous = { start: previousStart, end: previousEnd };
  if (mailboxes) query.mailboxes = mailboxes;
  if (tags) query.tags = tags;
  if (folders) query.folders = folders;
  if (types) query.types = types;
  return { ok: true, query };
}
