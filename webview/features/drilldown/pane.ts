/**
 * The conversations pane: a list (role="list") of the bucket's conversations, one focusable item
 * per conversation with roving tabindex. ↑/↓/Home/End move, Enter opens, Escape closes; "Load
 * more" and scrolling to the end ask for the next page. Every string goes in as text (`el`), and
 * text from the API sits in <bdi> so right-to-left runs cannot reorder what surrounds them.
 */
import { button, el, replaceChildren } from '../../dom';
import { COLUMNS, type RowView } from './rows';

export interface PaneView {
  title: string;
  /** "38 conversations", or "Loading conversations…". */
  status: string;
  rows: RowView[];
  loading: boolean;
  canLoadMore: boolean;
  loadingMore: boolean;
  error?: string;
}

export interface PaneEvents {
  close(): void;
  loadMore(): void;
  open(link: NonNullable<RowView['link']>): void;
  copyLink(link: NonNullable<RowView['link']>): void;
  copyNumber(number: number): void;
  copyMarkdown(): void;
}

/** A field of the second line: the separator belongs to the outer span, the text is isolated in <bdi>. */
function field(className: string, text: string, attrs: Record<string, string | undefined> = {}): HTMLElement {
  return el('span', { className }, [el('bdi', { text, attrs })]);
}

const KEYS_HINT = 'Enter opens in Help Scout, C copies the link, N copies the number';

export class DrilldownPane {
  readonly element: HTMLElement;
  private readonly title = el('h2', { className: 'card-title drill-title', attrs: { id: 'drill-title' } });
  private readonly status = el('p', { className: 'drill-status', attrs: { role: 'status' } });
  private readonly error = el('p', { className: 'drill-error', attrs: { role: 'alert' } });
  private readonly list = el('ul', { className: 'drill-list', attrs: { role: 'list', 'aria-labelledby': 'drill-title', 'aria-describedby': 'drill-keys' } });
  private readonly scroller: HTMLElement;
  private readonly more: HTMLElement;
  private readonly copyAll: HTMLElement;
  private rowsShown: RowView[] = [];
  private readonly observer: IntersectionObserver | undefined;
  private canLoadMore = false;

  constructor(private readonly events: PaneEvents) {
    const close = el('button', { className: 'drill-close', text: '✕', attrs: { type: 'button', 'aria-label': 'Close the conversations', title: 'Close (Escape)' } });
    close.addEventListener('click', () => events.close());
    this.copyAll = button('Copy as Markdown list', () => events.copyMarkdown(), { secondary: true });
    this.more = button('Load more', () => events.loadMore(), { secondary: true, className: 'drill-more' });
    const columns = el('div', { className: 'drill-columns', attrs: { 'aria-hidden': 'true' } }, COLUMNS.map((c) => el('span', { text: c })));
    this.scroller = el('div', { className: 'drill-scroll' }, [columns, this.list, this.more]);
    this.element = el('section', { className: 'card drill-pane', attrs: { 'aria-labelledby': 'drill-title' } }, [
      el('div', { className: 'drill-head' }, [this.title, close]),
      el('div', { className: 'drill-tools' }, [this.status, this.copyAll]),
      el('p', { className: 'sr-only', text: KEYS_HINT, attrs: { id: 'drill-keys' } }),
      this.error,
      this.scroller,
    ]);
    this.element.hidden = true;
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.list.addEventListener('click', (event) => this.onClick(event));
    this.list.addEventListener('dblclick', (event) => {
      const row = this.rowOf(event.target);
      if (row?.link && !(event.target as Element).closest('button')) events.open(row.link);
    });
    if (typeof IntersectionObserver === 'function') {
      this.observer = new IntersectionObserver((entries) => {
        if (this.canLoadMore && entries.some((e) => e.isIntersecting)) events.loadMore();
      }, { root: this.scroller, rootMargin: '0px 0px 120px 0px' });
      this.observer.observe(this.more);
    }
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  render(view: PaneView): void {
    this.element.hidden = false;
    this.element.setAttribute('aria-busy', String(view.loading || view.loadingMore));
    this.title.replaceChildren('Conversations · ', el('bdi', { text: view.title }));
    this.status.textContent = view.status;
    this.error.textContent = view.error ?? '';
    this.error.hidden = !view.error;
    this.canLoadMore = view.canLoadMore;
    this.more.hidden = !view.canLoadMore && !view.loadingMore;
    this.more.toggleAttribute('disabled', view.loadingMore);
    this.more.textContent = view.loadingMore ? 'Loading more…' : 'Load more';
    this.copyAll.toggleAttribute('disabled', view.rows.length === 0);
    if (view.rows !== this.rowsShown) this.renderRows(view.rows);
  }

  hide(): void {
    this.element.hidden = true;
    this.rowsShown = [];
    this.list.replaceChildren();
  }

  /** Moves focus into the list (its current row), e.g. once the first page is shown. */
  focusList(): void {
    const current = this.list.querySelector<HTMLElement>('li[tabindex="0"]');
    (current ?? this.element.querySelector<HTMLElement>('.drill-close'))?.focus();
  }

  private renderRows(rows: RowView[]): void {
    const previous = this.rowsShown;
    const appended = previous.length > 0 && rows.length > previous.length && previous.every((row, i) => rows[i] === row);
    const focusedIndex = this.items().findIndex((item) => item === document.activeElement);
    const items = (appended ? rows.slice(previous.length) : rows).map((row, i) => this.item(row, appended ? previous.length + i : i));
    if (appended) items.forEach((item) => this.list.appendChild(item));
    else replaceChildren(this.list, items);
    this.rowsShown = rows;
    const all = this.items();
    if (!all.some((item) => item.tabIndex === 0)) all[0]?.setAttribute('tabindex', '0');
    if (focusedIndex >= 0) all[focusedIndex]?.focus();
  }

  private item(row: RowView, position: number): HTMLLIElement {
    const action = (label: string, title: string, run: () => void) => {
      const b = el('button', { className: 'drill-action', text: label, attrs: { type: 'button', tabindex: '-1', title } });
      b.addEventListener('click', (event) => {
        event.stopPropagation();
        run();
      });
      return b;
    };
    const link = row.link;
    return el('li', { className: 'drill-item', attrs: { tabindex: '-1', 'aria-label': row.label, 'data-position': String(position) } }, [
      el('span', { className: 'c-number', text: row.number }),
      el('bdi', { className: 'c-subject', text: row.subject, attrs: { title: row.subjectTitle ?? row.subject } }),
      el('span', { className: 'c-modified', text: row.modified, attrs: { title: row.modifiedTitle } }),
      el('span', { className: 'drill-meta' }, [
        field('c-customer', row.customer, { title: row.email || undefined, 'data-email': row.email }),
        row.status && field('c-status', row.status),
        row.type && field('c-type', row.type),
        row.inbox && field('c-inbox', row.inbox),
        row.tags && field('c-tags', row.tags),
      ]),
      link &&
        el('span', { className: 'c-actions' }, [
          action('Open', 'Open in Help Scout (Enter)', () => this.events.open(link)),
          action('Copy link', 'Copy the link (C)', () => this.events.copyLink(link)),
          action('Copy number', 'Copy the number (N)', () => this.events.copyNumber(link.number)),
        ]),
    ]);
  }

  private items(): HTMLLIElement[] {
    return [...this.list.querySelectorAll<HTMLLIElement>('li.drill-item')];
  }

  private rowOf(target: EventTarget | null): RowView | undefined {
    const item = target instanceof Element ? target.closest<HTMLElement>('li.drill-item') : null;
    return item ? this.rowsShown[Number(item.dataset.position)] : undefined;
  }

  private onClick(event: MouseEvent): void {
    const item = event.target instanceof Element ? event.target.closest<HTMLElement>('li.drill-item') : null;
    if (item) this.moveTo(item);
  }

  private moveTo(item: HTMLElement | undefined): void {
    if (!item) return;
    for (const other of this.items()) other.setAttribute('tabindex', other === item ? '0' : '-1');
    item.focus();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.events.close();
      return;
    }
    const item = event.target instanceof Element ? event.target.closest<HTMLElement>('li.drill-item') : null;
    if (!item || event.target !== item) return;
    const items = this.items();
    const at = items.indexOf(item as HTMLLIElement);
    const row = this.rowsShown[Number(item.dataset.position)];
    switch (event.key) {
      case 'ArrowDown':
        this.moveTo(items[at + 1]);
        if (at + 1 >= items.length - 1 && this.canLoadMore) this.events.loadMore();
        break;
      case 'ArrowUp':
        this.moveTo(items[at - 1]);
        break;
      case 'Home':
        this.moveTo(items[0]);
        break;
      case 'End':
        this.moveTo(items[items.length - 1]);
        break;
      case 'Enter':
        if (row?.link) this.events.open(row.link);
        break;
      case 'c':
      case 'C':
        if (row?.link) this.events.copyLink(row.link);
        break;
      case 'n':
      case 'N':
        if (row?.link) this.events.copyNumber(row.link.number);
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
