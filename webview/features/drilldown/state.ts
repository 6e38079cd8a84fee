/**
 * What the conversations pane shows, as a pure state machine: which bucket, which request is the
 * current one, the rows of the pages loaded so far. Every step returns the next state and the
 * messages to post; the DOM and the transport are elsewhere (pane.ts, actions.ts).
 *
 * The latest request wins: each request gets a new id, and a reply whose id is not the current
 * one is dropped. Paging is a new request for the same bucket.
 */
import type { ConversationRow, DrilldownFromWebview, DrilldownToWebview, DrillSeries } from '../../../src/protocol/drilldown';

export interface DrillBucket {
  series: DrillSeries;
  index: number;
  /** "Tue 3 Nov 2026", "Previous · Week of 27 Oct 2026". */
  label: string;
  /** In a team report: whose conversations (the line that was clicked). */
  userId?: number;
}

/** The `drilldown/open` for a page of `bucket`, naming its person when it has one. */
function openMessage(requestId: number, bucket: DrillBucket, page: number): Outgoing {
  const message: Outgoing = { type: 'drilldown/open', requestId, series: bucket.series, index: bucket.index, page };
  return bucket.userId === undefined ? message : { ...message, userId: bucket.userId };
}

export type DrillStatus = 'closed' | 'loading' | 'ready' | 'loadingMore' | 'error';

export interface DrillState {
  status: DrillStatus;
  bucket?: DrillBucket;
  /** The request whose reply is awaited or shown; 0 before the first. */
  requestId: number;
  rows: ConversationRow[];
  /** From the latest page: conversations in the whole bucket. */
  count: number;
  page: number;
  pages: number;
  error?: string;
}

export type Outgoing = Extract<DrilldownFromWebview, { type: 'drilldown/open' } | { type: 'drilldown/cancel' }>;

export interface Step {
  state: DrillState;
  post: Outgoing[];
}

export const CLOSED: DrillState = { status: 'closed', requestId: 0, rows: [], count: 0, page: 0, pages: 0 };

/** At most this many rows are kept (200 pages of 50): beyond it, "Load more" stops. */
export const MAX_ROWS_SHOWN = 10_000;

const inFlight = (state: DrillState) => state.status === 'loading' || state.status === 'loadingMore';

/** A point or a table row was picked: a new drill of that bucket (cancelling any in flight). */
export function openBucket(state: DrillState, bucket: DrillBucket): Step {
  const requestId = state.requestId + 1;
  const post: Outgoing[] = inFlight(state) ? [{ type: 'drilldown/cancel', requestId: state.requestId }] : [];
  post.push(openMessage(requestId, bucket, 1));
  return { state: { status: 'loading', bucket, requestId, rows: [], count: 0, page: 0, pages: 0 }, post };
}

export function canLoadMore(state: DrillState): boolean {
  return state.status === 'ready' && state.page < state.pages && state.rows.length < MAX_ROWS_SHOWN;
}

/** "Load more" or the end of the list scrolled into view: the next page, as a new request. */
export function loadMore(state: DrillState): Step {
  if (!canLoadMore(state) || !state.bucket) return { state, post: [] };
  const requestId = state.requestId + 1;
  return {
    state: { ...state, status: 'loadingMore', requestId, error: undefined },
    post: [openMessage(requestId, state.bucket, state.page + 1)],
  };
}

/** Escape, the close button, or a new report: the pane goes, and what was in flight is cancelled. */
export function close(state: DrillState): Step {
  const post: Outgoing[] = inFlight(state) ? [{ type: 'drilldown/cancel', requestId: state.requestId }] : [];
  return { state: { ...CLOSED, requestId: state.requestId }, post };
}

/** A reply from the host. Replies to any request but the current one change nothing. */
export function receive(state: DrillState, message: DrilldownToWebview): DrillState {
  if (message.requestId !== state.requestId || !inFlight(state)) return state;
  if (message.type === 'drilldown/error') {
    // A failed next page keeps the rows already shown.
    return state.status === 'loadingMore' ? { ...state, status: 'ready', error: message.message } : { ...state, status: 'error', error: message.message };
  }
  if (!state.bucket || message.series !== state.bucket.series || message.index !== state.bucket.index) return state;
  const appending = state.status === 'loadingMore' && message.page === state.page + 1;
  const rows = appending ? [...state.rows, ...message.rows] : message.rows;
  return {
    ...state,
    status: 'ready',
    rows: rows.slice(0, MAX_ROWS_SHOWN),
    count: message.count,
    page: message.page,
    pages: message.pages,
    error: undefined,
  };
}

/** "38 conversations", "1 conversation", "No conversations". */
export function countText(count: number, format: (n: number) => string): string {
  if (count === 0) return 'No conversations';
  return count === 1 ? '1 conversation' : `${format(count)} conversations`;
}
