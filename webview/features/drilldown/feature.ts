/**
 * The drill-down in the report webview: takes a picked bucket (a chart point or a table row),
 * runs it through the pure state (state.ts), posts through the actions, renders the pane, and
 * puts focus back on what was picked when the pane closes.
 */
import './drilldown.css';
import { checkDrilldownToWebview } from '../../../src/protocol/drilldown';
import type { Formatter } from '../../format';
import type { DrillActions } from './actions';
import { DrilldownPane, type PaneView } from './pane';
import { rowView, type RowView } from './rows';
import { CLOSED, canLoadMore, close, countText, loadMore, openBucket, receive, type DrillBucket, type DrillState, type Step } from './state';

/**
 * Performance marks the drill-down bench reads (scripts/bench/drilldown.ts): the request posted,
 * its first page received, and the frame that painted that page's rows.
 */
export const DRILL_MARKS = { open: 'helpscout:drill-open', reply: 'helpscout:drill-reply', painted: 'helpscout:drill-painted' } as const;

function mark(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}

/** Marks `name` once the next frame has been painted (a frame, then one task). */
function markAfterPaint(name: string): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      mark(name);
    };
    channel.port2.postMessage(null);
  });
}

export class DrilldownFeature {
  readonly pane: DrilldownPane;
  private state: DrillState = CLOSED;
  /** What the pane was opened from; focus goes back there on close. */
  private origin: HTMLElement | undefined;
  private reportKey: string | undefined;
  private views: RowView[] = [];
  /** Focus moves into the list once, when the first page of a drill is shown. */
  private focusPending = false;

  constructor(
    private readonly actions: DrillActions,
    private readonly formatter: () => Formatter,
    /** Called when the pane opens on a bucket or closes (layout, and what the webview persists). */
    private readonly onChange: (bucket: Pick<DrillBucket, 'series' | 'index' | 'userId'> | undefined) => void,
  ) {
    this.pane = new DrilldownPane({
      close: () => this.close(),
      loadMore: () => this.apply(loadMore(this.state)),
      open: (link) => actions.open(link),
      copyLink: (link) => actions.copyLink(link),
      copyNumber: (number) => actions.copyNumber(number),
      copyMarkdown: () => actions.copyMarkdown(this.state.requestId),
    });
  }

  get element(): HTMLElement {
    return this.pane.element;
  }

  get current(): DrillState {
    return this.state;
  }

  /** Opens `bucket`; `focus` false leaves focus where it is (a pane restored after a reload). */
  open(bucket: DrillBucket, origin: HTMLElement | undefined, focus = true): void {
    this.origin = origin;
    this.focusPending = focus;
    mark(DRILL_MARKS.open);
    this.apply(openBucket(this.state, bucket));
  }

  close(): void {
    if (this.state.status === 'closed') return;
    this.apply(close(this.state));
    this.origin?.focus();
    this.origin = undefined;
  }

  /** A message from the host; false when it is not a drill-down message. */
  receive(data: unknown): boolean {
    const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !type.startsWith('drilldown/')) return false;
    const checked = checkDrilldownToWebview(data);
    if (!checked.ok) {
      console.warn(`[helpscout] ignored an invalid drill-down message: ${checked.reason}`);
      return true;
    }
    const firstPage = this.state.status === 'loading';
    const next = receive(this.state, checked.value);
    if (next === this.state) return true;
    if (firstPage) mark(DRILL_MARKS.reply);
    this.apply({ state: next, post: [] });
    if (firstPage && next.status === 'ready') markAfterPaint(DRILL_MARKS.painted);
    return true;
  }

  /** Each snapshot names its data; different data (a refresh, another view) closes the pane. */
  reportChanged(key: string): void {
    if (this.reportKey !== undefined && key !== this.reportKey) this.close();
    this.reportKey = key;
  }

  private apply(step: Step): void {
    const before = this.state.bucket;
    this.state = step.state;
    this.actions.send(step.post);
    this.render();
    const after = this.state.status === 'closed' ? undefined : this.state.bucket;
    if (before?.series !== after?.series || before?.index !== after?.index || before?.userId !== after?.userId) {
      this.onChange(after && (after.userId === undefined ? { series: after.series, index: after.index } : { series: after.series, index: after.index, userId: after.userId }));
    }
  }

  private rowViews(): RowView[] {
    const rows = this.state.rows;
    const f = this.formatter();
    const reusable = this.views.length <= rows.length && this.views.every((view, i) => view.key === (rows[i]?.id !== undefined ? `c${rows[i]!.id}` : `p${i}`));
    if (!reusable) this.views = [];
    if (this.views.length === rows.length) return this.views;
    this.views = [...this.views, ...rows.slice(this.views.length).map((row, i) => rowView(row, this.views.length + i, f))];
    return this.views;
  }

  private render(): void {
    const s = this.state;
    if (s.status === 'closed' || !s.bucket) {
      this.views = [];
      this.pane.hide();
      return;
    }
    const f = this.formatter();
    const loading = s.status === 'loading';
    const view: PaneView = {
      title: s.bucket.label,
      status: loading ? 'Loading conversations…' : s.status === 'error' ? 'Could not load the conversations.' : countText(s.count, (n) => f.number(n)),
      rows: loading ? [] : this.rowViews(),
      loading,
      canLoadMore: canLoadMore(s),
      loadingMore: s.status === 'loadingMore',
      error: s.error,
    };
    this.pane.render(view);
    if (this.focusPending && (s.status === 'ready' || s.status === 'error')) {
      this.focusPending = false;
      this.pane.focusList();
    }
  }
}
