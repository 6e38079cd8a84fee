/**
 * The accessible data table: <caption>, <th scope="col"> with sort buttons and aria-sort, one row
 * per bucket, totals in <tfoot>. Values come from table.ts already formatted.
 */
import { el, replaceChildren } from './dom';
import type { ChangeCell, TableCell, TableModel } from './table';
import type { SortColumn, SortDirection, SortState } from './uiState';

function textCell(cell: TableCell, numeric: boolean, header = false): HTMLTableCellElement {
  const node = cell.partial
    ? el(header ? 'th' : 'td', { className: 'date partial', attrs: { title: cell.title } }, [cell.text, ' ', el('span', { className: 'partial-note', text: cell.partial })])
    : el(header ? 'th' : 'td', { className: numeric ? 'num' : 'date', text: cell.text, attrs: { title: cell.title } });
  if (header) node.setAttribute('scope', 'row');
  return node;
}

export function changeCell(cell: ChangeCell): HTMLTableCellElement {
  return el('td', { className: `num change ${cell.direction}` }, [
    el('span', { className: 'abs', text: cell.absolute }),
    cell.direction !== 'none' &&
      el('span', { className: 'pct' }, [
        cell.glyph && el('span', { className: 'glyph', text: cell.glyph, attrs: { 'aria-hidden': 'true' } }),
        cell.words === 'no change' ? '' : cell.words.replace(/^(up|down) /, ''),
      ]),
  ]);
}

/** A column header whose button sorts by it; `direction` when it is the sorted column (aria-sort). */
export function sortHeader(column: { id: string; label: string; numeric: boolean }, direction: SortDirection | undefined, onSort: () => void): HTMLTableCellElement {
  const th = el('th', { className: `${column.numeric ? 'num' : 'date'} col-${column.id}`, attrs: { scope: 'col' } });
  if (direction) th.setAttribute('aria-sort', direction);
  const indicator = direction ? (direction === 'ascending' ? '↑' : '↓') : '↕';
  const btn = el('button', { className: `sort${direction ? ' active' : ''}`, attrs: { type: 'button', 'data-column': column.id } }, [
    el('span', { className: 'label', text: column.label }),
    el('span', { className: 'sort-indicator', text: indicator, attrs: { 'aria-hidden': 'true' } }),
  ]);
  btn.addEventListener('click', onSort);
  th.appendChild(btn);
  return th;
}

/** The previous period's dates: the first column a narrow panel drops. */
function secondary(cell: HTMLTableCellElement): HTMLTableCellElement {
  cell.classList.add('col-previousDate');
  return cell;
}

export class TableView {
  readonly element: HTMLElement;
  private readonly table: HTMLTableElement;
  /** Rows have been drawn at least once. */
  drawn = false;

  constructor(
    private readonly onSort: (column: SortColumn) => void,
    /** A row was picked (Enter or a click): its bucket index and the row, to return focus to. */
    onActivate?: (key: number, row: HTMLElement) => void,
  ) {
    this.table = el('table', { className: 'data-table' });
    this.element = el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Data table' } }, [this.table]);
    if (onActivate) activateRows(this.table, onActivate);
  }

  render(model: TableModel, sort: SortState): void {
    const effectiveSort: SortState = model.columns.some((c) => c.id === sort.column) ? sort : { column: 'date', direction: 'ascending' };
    const head = el('tr', {}, model.columns.map((column) =>
      sortHeader(column, effectiveSort.column === column.id ? effectiveSort.direction : undefined, () => this.onSort(column.id)),
    ));

    const hasPrevious = model.columns.length > 2;
    const body = el('tbody', {}, model.rows.map((row, i) =>
      el('tr', { attrs: { 'data-key': String(row.key), tabindex: i === 0 ? '0' : '-1' } }, [
        textCell(row.date, false, true),
        textCell(row.current, true),
        hasPrevious && secondary(textCell(row.previousDate, false)),
        hasPrevious && textCell(row.previous, true),
        hasPrevious && changeCell(row.change),
      ]),
    ));

    const totals = model.totals;
    const foot = el('tfoot', {}, [
      el('tr', {}, [
        el('th', { className: 'date', text: totals.label, attrs: { scope: 'row' } }),
        textCell(totals.current, true),
        hasPrevious && el('td', { className: 'date col-previousDate', text: '' }),
        hasPrevious && textCell(totals.previous, true),
        hasPrevious && changeCell(totals.change),
      ]),
    ]);

    this.table.classList.toggle('compact', !hasPrevious);
    // A sort redraws the header: keep the focus on the column's button that was pressed.
    const active = document.activeElement;
    const focusedColumn = active instanceof HTMLElement && this.table.contains(active) ? active.closest<HTMLElement>('button.sort')?.dataset.column : undefined;
    replaceChildren(this.table, [el('caption', { text: model.caption }), el('thead', {}, [head]), body, foot]);
    if (focusedColumn) this.table.querySelector<HTMLElement>(`button.sort[data-column="${focusedColumn}"]`)?.focus();
    this.drawn = true;
  }
}

/** Body rows are one tab stop (roving tabindex): ↑/↓ move, Enter or a click picks the row. */
function activateRows(table: HTMLTableElement, onActivate: (key: number, row: HTMLElement) => void): void {
  const rowOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLTableRowElement>('tbody tr[data-key]') : null);
  const pick = (row: HTMLTableRowElement) => onActivate(Number(row.dataset.key), row);
  table.addEventListener('click', (event) => {
    const row = rowOf(event.target);
    if (row) pick(row);
  });
  table.addEventListener('keydown', (event) => {
    const row = rowOf(event.target);
    if (!row || event.target !== row) return;
    const next = event.key === 'ArrowDown' ? row.nextElementSibling : event.key === 'ArrowUp' ? row.previousElementSibling : null;
    if (event.key === 'Enter') pick(row);
    else if (next instanceof HTMLElement) {
      row.setAttribute('tabindex', '-1');
      next.setAttribute('tabindex', '0');
      next.focus();
    } else return;
    event.preventDefault();
  });
}
