import * as assert from 'node:assert/strict';
import type { ConversationRow, DrilldownToWebview } from '../../../src/protocol/drilldown';
import { CLOSED, canLoadMore, close, countText, loadMore, openBucket, receive, MAX_ROWS_SHOWN, type DrillState } from '../../../webview/features/drilldown/state';

const bucket = { series: 'current' as const, index: 4, label: 'Tue 3 Nov 2026' };
const rowsOf = (from: number, n: number): ConversationRow[] =>
  Array.from({ length: n }, (_, i) => ({ id: from + i, number: 1000 + from + i, subject: `S${from + i}`, customer: 'A', email: 'a@example.com', status: 'active', type: 'email', inbox: 'Support', tags: [] }));
const page = (requestId: number, p: number, rows: ConversationRow[], pages = 2, count = 38): DrilldownToWebview => ({
  type: 'drilldown/page', requestId, series: 'current', index: 4, page: p, pages, count, rows,
});

describe('webview/drilldown state', () => {
  it('a click opens the bucket as request 1, page 1, loading', () => {
    const step = openBucket(CLOSED, bucket);
    assert.equal(step.state.status, 'loading');
    assert.deepEqual(step.post, [{ type: 'drilldown/open', requestId: 1, series: 'current', index: 4, page: 1 }]);
  });

  it('picking another bucket while loading cancels the old request and drops its late reply', () => {
    const first = openBucket(CLOSED, bucket).state;
    const second = openBucket(first, { series: 'previous', index: 2, label: 'x' });
    assert.deepEqual(second.post, [
      { type: 'drilldown/cancel', requestId: 1 },
      { type: 'drilldown/open', requestId: 2, series: 'previous', index: 2, page: 1 },
    ]);
    assert.equal(receive(second.state, page(1, 1, rowsOf(1, 25))), second.state, 'the stale reply changes nothing');
  });

  it('shows the first page, then appends the next one as a new request', () => {
    let state: DrillState = openBucket(CLOSED, bucket).state;
    state = receive(state, page(1, 1, rowsOf(1, 25)));
    assert.deepEqual({ status: state.status, rows: state.rows.length, count: state.count, page: state.page }, { status: 'ready', rows: 25, count: 38, page: 1 });
    assert.ok(canLoadMore(state));
    const more = loadMore(state);
    assert.deepEqual(more.post, [{ type: 'drilldown/open', requestId: 2, series: 'current', index: 4, page: 2 }]);
    assert.equal(loadMore(more.state).post.length, 0, 'no second "load more" while one is in flight');
    state = receive(more.state, page(2, 2, rowsOf(26, 13)));
    assert.equal(state.rows.length, 38);
    assert.deepEqual(state.rows.map((r) => r.id), Array.from({ length: 38 }, (_, i) => i + 1));
    assert.equal(canLoadMore(state), false, 'the last page is loaded');
  });

  it('a failed next page keeps the rows; a failed first page shows the error', () => {
    let state = receive(openBucket(CLOSED, bucket).state, page(1, 1, rowsOf(1, 25)));
    const more = loadMore(state).state;
    state = receive(more, { type: 'drilldown/error', requestId: 2, message: 'Rate limited' });
    assert.deepEqual({ status: state.status, rows: state.rows.length, error: state.error }, { status: 'ready', rows: 25, error: 'Rate limited' });
    const failed = receive(openBucket(state, bucket).state, { type: 'drilldown/error', requestId: 3, message: 'Nope' });
    assert.deepEqual({ status: failed.status, error: failed.error }, { status: 'error', error: 'Nope' });
  });

  it('closing cancels what is in flight, and a reply after closing is ignored', () => {
    const open = openBucket(CLOSED, bucket).state;
    const closed = close(open);
    assert.deepEqual(closed.post, [{ type: 'drilldown/cancel', requestId: 1 }]);
    assert.equal(closed.state.status, 'closed');
    assert.equal(receive(closed.state, page(1, 1, rowsOf(1, 3))), closed.state);
    const ready = receive(open, page(1, 1, rowsOf(1, 3)));
    assert.deepEqual(close(ready).post, [], 'nothing to cancel once loaded');
    assert.equal(openBucket(closed.state, bucket).state.requestId, 2, 'ids keep counting after a close');
  });

  it('ignores a reply for another bucket under the current id, and caps the rows kept', () => {
    const open = openBucket(CLOSED, bucket).state;
    assert.equal(receive(open, { ...page(1, 1, rowsOf(1, 1)), index: 5 } as DrilldownToWebview), open);
    const huge: DrillState = { ...receive(open, page(1, 1, rowsOf(1, 50), 400, 20_000)), rows: rowsOf(1, MAX_ROWS_SHOWN) };
    assert.equal(canLoadMore(huge), false);
  });

  it('says how many conversations', () => {
    const f = (n: number) => n.toLocaleString('en');
    assert.equal(countText(38, f), '38 conversations');
    assert.equal(countText(1, f), '1 conversation');
    assert.equal(countText(0, f), 'No conversations');
    assert.equal(countText(1234, f), '1,234 conversations');
  });
});
