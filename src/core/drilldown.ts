/**
 * The user drilldown: GET /v2/reports/user/drilldown, "the conversation data that makes up the
 * User Report" for a range, paged. Its parameters, the lenient reading of its answer (any field
 * may be missing; every string is untrusted text, kept as text and bounded), the exact range of
 * one bucket of a report, and a conversation's web-app link built from numeric ids alone.
 */
import { addDays, addMonths, parseCalendarDate } from './calendarDate';
import { positiveInt, type HelpScoutClient } from './client';
import type { ResolvedRange } from './period';
import type { ConversationType, ViewBy } from './query';
import { clipText } from './clipText';
import { escapeMarkdown } from './markdownText';
import { isRecord, own } from './plainData';
import { describeApiValue, ShapeError, shapeChecked } from './responseShape';
import { startOfZonedDay } from './timeZone';
import type { QueryParams } from './requestPipeline';
import { isResponseDateText } from './wireDate';

export const DRILLDOWN_PATH = '/v2/reports/user/drilldown';
/** Help Scout's default and maximum `rows`. */
export const DRILLDOWN_PAGE_SIZE = 25;
export const MAX_DRILLDOWN_ROWS = 50;
/** Pages asked for stop here: 200 × 50 = 10,000 conversations behind one number. */
export const MAX_DRILLDOWN_PAGE = 200;
/** Longer strings are cut: a subject of 10,000 characters is kept whole, a megabyte is not. */
export const MAX_DRILLDOWN_TEXT = 20_000;
const MAX_TAGS = 50;

/** The exact wire parameters; dates `yyyy-MM-ddTHH:mm:ssZ`. */
export interface DrilldownParams {
  user: number;
  start: string;
  end: string;
  mailboxes?: number[];
  tags?: number[];
  types?: ConversationType[];
  folders?: number[];
  page: number;
  rows: number;
}

export interface DrilldownConversation {
  /** Absent when the API sent no positive integer: the row then has no link. */
  id?: number;
  number?: number;
  subject: string;
  customerName: string;
  customerEmail: string;
  status: string;
  type: string;
  mailboxId?: number;
  tags: string[];
  /** A wire date, or absent. */
  modifiedAt?: string;
}

export interface DrilldownPage {
  /** Conversations in the whole range, as the API counts them. */
  count: number;
  page: number;
  pages: number;
  conversations: DrilldownConversation[];
}

function positiveId(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function text(value: unknown): string {
  if (typeof value === 'string') return clipText(value, MAX_DRILLDOWN_TEXT, { ellipsis: false });
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function tagNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const tag of value.slice(0, MAX_TAGS)) {
    const name = isRecord(tag) ? text(own(tag, 'name')) : text(tag);
    if (name) names.push(name);
  }
  return names;
}

function readConversation(value: unknown): DrilldownConversation | undefined {
  if (!isRecord(value)) return undefined;
  const field = (key: string) => own(value, key);
  const row: DrilldownConversation = {
    subject: text(field('subject')),
    customerName: text(field('customerName')),
    customerEmail: text(field('customerEmail')),
    status: text(field('status')),
    type: text(field('type')),
    tags: tagNames(field('tags')),
  };
  const id = positiveId(field('id'));
  if (id !== undefined) row.id = id;
  const number = positiveId(field('number'));
  if (number !== undefined) row.number = number;
  const mailboxId = positiveId(field('mailboxid') ?? field('mailboxId'));
  if (mailboxId !== undefined) row.mailboxId = mailboxId;
  const modifiedAt = field('modifiedAt');
  if (typeof modifiedAt === 'string' && isResponseDateText(modifiedAt)) row.modifiedAt = modifiedAt;
  return row;
}

/**
 * GET /v2/reports/user/drilldown through `client`: one page of the conversations behind a
 * report's range, read leniently (see parseDrilldown). `page` is bounded so no caller can page
 * without end.
 */
export async function getDrilldown(client: Pick<HelpScoutClient, 'getReport'>, params: DrilldownParams, signal?: AbortSignal): Promise<DrilldownPage> {
  positiveInt(params.user, 'user');
  if (positiveInt(params.page, 'page') > MAX_DRILLDOWN_PAGE) throw new RangeError(`page must be at most ${MAX_DRILLDOWN_PAGE}`);
  if (positiveInt(params.rows, 'rows') > MAX_DRILLDOWN_ROWS) throw new RangeError(`rows must be at most ${MAX_DRILLDOWN_ROWS}`);
  const query: QueryParams = {
    user: params.user,
    start: params.start,
    end: params.end,
    mailboxes: params.mailboxes,
    tags: params.tags,
    types: params.types,
    folders: params.folders,
    page: params.page,
    rows: params.rows,
  };
  return client.getReport(DRILLDOWN_PATH, query, (json, request) => shapeChecked(() => parseDrilldown(json, params), request), signal);
}

/**
 * A drilldown body, read leniently: only a body that is not an object, or `conversations` that
 * is not one, fails (kind 'badResponse' by the caller). Rows that are not objects are skipped;
 * more rows than asked for are cut; a missing count or page count is inferred from what came.
 */
export function parseDrilldown(json: unknown, asked: { page: number; rows: number }): DrilldownPage {
  if (!isRecord(json)) throw new ShapeError(`the body is ${describeApiValue(json)}, not an object`);
  const body = own(json, 'conversations');
  if (!isRecord(body)) throw new ShapeError(`conversations is ${describeApiValue(body)}, not an object`);
  const list = own(body, 'results');
  const results: unknown[] = Array.isArray(list) ? list.slice(0, asked.rows) : [];
  const conversations = results.map(readConversation).filter((row) => row !== undefined);
  const page = positiveId(own(body, 'page')) ?? asked.page;
  const seen = (page - 1) * asked.rows + conversations.length;
  const total = Math.max(count(own(body, 'count')) ?? seen, seen);
  const pages = Math.min(MAX_DRILLDOWN_PAGE, Math.max(page, positiveId(own(body, 'pages')) ?? Math.ceil(total / asked.rows), 1));
  return { count: total, page, pages, conversations };
}

/**
 * The instants [start, end) of bucket `index` of a report over `range`: its local calendar day,
 * week (7 days from the range's first day) or month (from the first day's date, clamped to short
 * months), starting at local midnight in `timeZone`, clipped to the range. Undefined past the end.
 */
export function bucketRange(range: ResolvedRange, viewBy: ViewBy, index: number, timeZone: string): { start: number; end: number } | undefined {
  const first = parseCalendarDate(range.firstDay);
  if (!first || !Number.isSafeInteger(index) || index < 0) return undefined;
  const dayOf = (i: number) => (viewBy === 'month' ? addMonths(first, i) : addDays(first, i * (viewBy === 'week' ? 7 : 1)));
  const start = index === 0 ? range.start : startOfZonedDay(dayOf(index), timeZone);
  if (start >= range.end) return undefined;
  return { start, end: Math.min(range.end, startOfZonedDay(dayOf(index + 1), timeZone)) };
}

/** Help Scout's web app page of a conversation; only ever from two validated positive integers. */
export function conversationUrl(id: number, number: number): string | undefined {
  if (positiveId(id) === undefined || positiveId(number) === undefined) return undefined;
  return `https://secure.helpscout.net/conversation/${id}/${number}`;
}

/** "- [#226358 Folder Not Appearing](https://secure.helpscout.net/…) — John Smith" per row with a link. */
export function drilldownMarkdown(rows: readonly DrilldownConversation[]): string {
  return rows
    .map((row) => {
      const url = row.id !== undefined && row.number !== undefined ? conversationUrl(row.id, row.number) : undefined;
      const label = `${row.number !== undefined ? `#${row.number} ` : ''}${(row.subject ? escapeMarkdown(row.subject) : '(no subject)')}`;
      const who = row.customerName || row.customerEmail;
      return `- ${url ? `[${label}](${url})` : label}${who ? ` — ${escapeMarkdown(who)}` : ''}`;
    })
    .join('\n');
}
