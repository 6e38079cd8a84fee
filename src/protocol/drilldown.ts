/**
 * The drill-down's messages between the report webview and the host, and their validators (both
 * sides are untrusted to each other). Every request carries a `requestId` the webview chose; every
 * reply names the request it answers, and each side acts only on its current one.
 *
 * Paging is a new request for the same bucket (`page` > 1). The webview never sends a URL: to open
 * or copy a conversation it names its numeric id and number, and the host builds the link itself
 * from a row it has sent in this drill.
 */
import { clipText } from '../core/clipText';
import { isRecord, own } from '../core/plainData';

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
  /** `userId`: in a team report, whose conversations (one of the team's people); absent otherwise. */
  | { type: 'drilldown/open'; requestId: number; series: DrillSeries; index: number; page: number; userId?: number }
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
  const type = own(input, 'type');
  const requestId = own(input, 'requestId');
  const id = own(input, 'id');
  const number = own(input, 'number');
  switch (type) {
    case 'drilldown/open': {
      const series = own(input, 'series');
      const index = own(input, 'index');
      const page = own(input, 'page');
      const userId = own(input, 'userId');
      if (
        !onlyKeys(input, ['requestId', 'series', 'index', 'page', 'userId']) ||
        !isId(requestId) ||
        (series !== 'current' && series !== 'previous') ||
        !whole(index, 0, MAX_INDEX) ||
        !whole(page, 1, MAX_PAGE) ||
        (userId !== undefined && !isId(userId))
      ) {
        return undefined;
      }
      return userId === undefined ? { type, requestId, series, index, page } : { type, requestId, series, index, page, userId };
    }
    case 'drilldown/cancel':
    case 'drilldown/copyMarkdown':
      return onlyKeys(input, ['requestId']) && isId(requestId) ? { type, requestId } : undefined;
    case 'drilldown/openConversation':
    case 'drilldown/copyLink':
      return onlyKeys(input, ['id', 'number']) && isId(id) && isId(number) ? { type, id, number } : undefined;
    case 'drilldown/copyNumber':
      return onlyKeys(input, ['number']) && isId(number) ? { type, number } : undefined;
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
  return clipText(need(typeof value === 'string', value as string, path, 'a string'), MAX_TEXT, { ellipsis: false });
}

function readRow(value: unknown, path: string): ConversationRow {
  const v = need(isRecord(value), value as Record<string, unknown>, path, 'an object');
  const field = (key: string) => own(v, key);
  const list = field('tags');
  const tags = need(Array.isArray(list) && list.length <= MAX_TAGS, list as unknown[], `${path}.tags`, `at most ${MAX_TAGS} tags`);
  const row: ConversationRow = {
    subject: text(field('subject'), `${path}.subject`),
    customer: text(field('customer'), `${path}.customer`),
    email: text(field('email'), `${path}.email`),
    status: text(field('status'), `${path}.status`),
    type: text(field('type'), `${path}.type`),
    inbox: text(field('inbox'), `${path}.inbox`),
    tags: tags.map((tag, i) => text(tag, `${path}.tags[${i}]`)),
  };
  const id = field('id');
  if (id !== undefined) row.id = need(isId(id), id as number, `${path}.id`, 'a positive integer');
  const number = field('number');
  if (number !== undefined) row.number = need(isId(number), number as number, `${path}.number`, 'a positive integer');
  const modifiedAt = field('modifiedAt');
  if (modifiedAt !== undefined) row.modifiedAt = text(modifiedAt, `${path}.modifiedAt`);
  return row;
}

/** A drill-down message from the host, type-checked and copied (unknown fields dropped). Never throws. */
export function checkDrilldownToWebview(input: unknown): Checked<DrilldownToWebview> {
  try {
    const v = need(isRecord(input), input as Record<string, unknown>, 'message', 'an object');
    const field = (key: string) => own(v, key);
    const type = field('type');
    const requestId = need(isId(field('requestId')), field('requestId') as number, 'message.requestId', 'a positive integer');
    if (type === 'drilldown/error') return { ok: true, value: { type, requestId, message: text(field('message'), 'message.message') } };
    need(type === 'drilldown/page', null, 'message.type', 'a drill-down message');
    const series = field('series');
    const rows = field('rows');
    const checked = need(Array.isArray(rows) && rows.length <= MAX_PAGE_ROWS, rows as unknown[], 'message.rows', `at most ${MAX_PAGE_ROWS} rows`);
    return {
      ok: true,
      value: {
        type: 'drilldown/page',
        requestId,
        series: need(series === 'current' || series === 'previous', series as DrillSeries, 'message.series', 'current or previous'),
        index: need(whole(field('index'), 0, MAX_INDEX), field('index') as number, 'message.index', 'a bucket index'),
        page: need(whole(field('page'), 1, MAX_PAGE), field('page') as number, 'message.page', 'a page number'),
        pages: need(whole(field('pages'), 1, MAX_PAGE), field('pages') as number, 'message.pages', 'a page count'),
        count: need(whole(field('count'), 0, Number.MAX_SAFE_INTEGER), field('count') as number, 'message.count', 'a count'),
        rows: checked.map((row, i) => readRow(row, `message.rows[${i}]`)),
      },
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Invalid ? error.message : 'message could not be read' };
  }
}
