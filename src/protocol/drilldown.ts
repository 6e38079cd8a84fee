/**
 * The drill-down's messages between the report webview and the host, and their validators (both
 * sides are untrusted to each other). Every request carries a `requestId` the webview chose; every
 * reply names the request it answers, and each side acts only on its current one.
 *
 * Paging is a new request for the same bucket (`page` > 1). The webview never sends a URL: to open
 * or copy a conversation it names its numeric id and number, and the host builds the link itself
 * from a row it has sent in this drill.
 */
import { isRecord } from '../core/responseShape';

export type DrillSeries = 'current' | 'previous';

/** One conversation as the pane shows it: text only, names resolved by the host. */
export interface ConversationRow {
  id?: number;
  number?: number;
  subject: string;
  /** The customer's name, or their email when the name is empty. */
  customer: string;
  email: string;
  status: string;
  type: string;
  inbox: string;
  tags: string[];
  /** A wire date, or absent. */
  modifiedAt?: string;
}

export type DrilldownFromWebview =
  | { type: 'drilldown/open'; requestId: number; series: DrillSeries; index: number; page: number }
  | { type: 'drilldown/cancel'; requestId: number }
  | { type: 'drilldown/openConversation'; id: number; number: number }
  | { type: 'drilldown/copyLink'; id: number; number: number }
  | { type: 'drilldown/copyNumber'; number: number }
  | { type: 'drilldown/copyMarkdown'; requestId: number };

export type DrilldownToWebview =
  | {
      type: 'drilldown/page';
      requestId: number;
      series: DrillSeries;
      index: number;
      page: number;
      pages: number;
      /** Conversations in the whole bucket, from the response. */
      count: number;
      rows: ConversationRow[];
    }
  | { type: 'drilldown/error'; requestId: number; message: string };

/** A page never has more rows than Help Scout's maximum `rows`. */
export const MAX_PAGE_ROWS = 50;
const MAX_TEXT = 20_000;
const MAX_TAGS = 50;
/** Bucket indexes and page numbers beyond these are no report's. */
const MAX_INDEX = 20_000;
const MAX_PAGE = 10_000;

function whole(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

const isId = (value: unknown): value is number => whole(value, 1, Number.MAX_SAFE_INTEGER);

function onlyKeys(message: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(message).every((key) => key === 'type' || allowed.includes(key));
}

/** A drill-down message from the webview, or undefined when it is not exactly one. */
export function parseDrilldownFromWebview(input: unknown): DrilldownFromWebview | undefined {
  if (!isRecord(input)) return undefined;
  const m = input;
  switch (m.type) {
    case 'drilldown/open':
      return onlyKeys(m, ['requestId', 'series', 'index', 'page']) &&
        isId(m.requestId) &&
        (m.series === 'current' || m.series === 'previous') &&
        whole(m.index, 0, MAX_INDEX) &&
        whole(m.page, 1, MAX_PAGE)
        ? { type: m.type, requestId: m.requestId, series: m.series, index: m.index, page: m.page }
        : undefined;
    case 'drilldown/cancel':
    case 'drilldown/copyMarkdown':
      return onlyKeys(m, ['requestId']) && isId(m.requestId) ? { type: m.type, requestId: m.requestId } : undefined;
    case 'drilldown/openConversation':
    case 'drilldown/copyLink':
      return onlyKeys(m, ['id', 'number']) && isId(m.id) && isId(m.number) ? { type: m.type, id: m.id, number: m.number } : undefined;
    case 'drilldown/copyNumber':
      return onlyKeys(m, ['number']) && isId(m.number) ? { type: m.type, number: m.number } : undefined;
    default:
      return undefined;
  }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

class Invalid extends Error {}

function need<T>(ok: boolean, value: T, path: string, what: string): T {
  if (!ok) throw new Invalid(`${path}: expected ${what}`);
  return value;
}

function text(value: unknown, path: string): string {
  const s = need(typeof value === 'string', value as string, path, 'a string');
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
}

function readRow(value: unknown, path: string): ConversationRow {
  const v = need(isRecord(value), value as Record<string, unknown>, path, 'an object');
  const tags = need(Array.isArray(v.tags) && v.tags.length <= MAX_TAGS, v.tags as unknown[], `${path}.tags`, `at most ${MAX_TAGS} tags`);
  const row: ConversationRow = {
    subject: text(v.subject, `${path}.subject`),
    customer: text(v.customer, `${path}.customer`),
    email: text(v.email, `${path}.email`),
    status: text(v.status, `${path}.status`),
    type: text(v.type, `${path}.type`),
    inbox: text(v.inbox, `${path}.inbox`),
    tags: tags.map((tag, i) => text(tag, `${path}.tags[${i}]`)),
  };
  if (v.id !== undefined) row.id = need(isId(v.id), v.id as number, `${path}.id`, 'a positive integer');
  if (v.number !== undefined) row.number = need(isId(v.number), v.number as number, `${path}.number`, 'a positive integer');
  if (v.modifiedAt !== undefined) row.modifiedAt = text(v.modifiedAt, `${path}.modifiedAt`);
  return row;
}

/** A drill-down message from the host, type-checked and copied (unknown fields dropped). Never throws. */
export function checkDrilldownToWebview(input: unknown): Checked<DrilldownToWebview> {
  try {
    const v = need(isRecord(input), input as Record<string, unknown>, 'message', 'an object');
    const requestId = need(isId(v.requestId), v.requestId as number, 'message.requestId', 'a positive integer');
    if (v.type === 'drilldown/error') return { ok: true, value: { type: v.type, requestId, message: text(v.message, 'message.message') } };
    need(v.type === 'drilldown/page', null, 'message.type', 'a drill-down message');
    const rows = need(Array.isArray(v.rows) && v.rows.length <= MAX_PAGE_ROWS, v.rows as unknown[], 'message.rows', `at most ${MAX_PAGE_ROWS} rows`);
    return {
      ok: true,
      value: {
        type: 'drilldown/page',
        requestId,
        series: need(v.series === 'current' || v.series === 'previous', v.series as DrillSeries, 'message.series', 'current or previous'),
        index: need(whole(v.index, 0, MAX_INDEX), v.index as number, 'message.index', 'a bucket index'),
        page: need(whole(v.page, 1, MAX_PAGE), v.page as number, 'message.page', 'a page number'),
        pages: need(whole(v.pages, 1, MAX_PAGE), v.pages as number, 'message.pages', 'a page count'),
        count: need(whole(v.count, 0, Number.MAX_SAFE_INTEGER), v.count as number, 'message.count', 'a count'),
        rows: rows.map((row, i) => readRow(row, `message.rows[${i}]`)),
      },
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Invalid ? error.message : 'message could not be read' };
  }
}
