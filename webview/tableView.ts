/**
 * The accessible data table: <caption>, <th scope="col"> with sort buttons and aria-sort, one row
 * per bucket, totals in <tfoot>. Values come from table.ts already formatted.
 */
import { el, replaceChildren } from './dom';
import type { ChangeCell, TableCell, TableModel } from './table';
import type { SortColumn, SortState } from './uiState';

function textCell(cell: TableCell, numeric: boolean, header = false): HTMLTableCellElement {
  const node = el(header ? 'th' : 'td', { className: numeric ? 'num' : 'date', text: cell.text, attrs: { title: cell.title } });
  if (header) node.setAttribute('scope', 'row');
  return node;
}

function changeCell(cell: ChangeCell): HTMLTableCellElement {
  return el('td', { className: `num change ${cell.direction}` }, [
    el('span', { className: 'abs', text: cell.absolute }),
    cell.direction !== 'none' &&
      el('span', { className: 'pct' }, [
        cell.glyph && el('span', { className: 'glyph', text: cell.glyph, attrs: { 'aria-hidden': 'true' } }),
        cell.words === 'no change' ? '' : cell.words.replace(/^(up|down) /, ''),
      ]),
  ]);
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

  constructor(private readonly onSort: (column: SortColumn) => void) {
    this.table = el('table', { className: 'data-table' });
    this.element = el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Data table' } }, [this.table]);
  }

  render(model: TableModel, sort: SortState): void {
    const effectiveSort = model.columns.some((c) => c.id === sort.column) ? sort : { column: 'date', direction: 'ascending' };
    const head = el('tr', {}, model.columns.map((column) => {
      const active = effectiveSort.column === column.id;
      const th = el('th', { className: `${column.numeric ? 'num' : 'date'} col-${column.id}`, attrs: { scope: 'col' } });
      if (active) th.setAttribute('aria-sort', effectiveSort.direction);
      const indicator = active ? (effectiveSort.direction === 'ascending' ? '↑' : '↓') : '↕';
      const btn = el('button', { className: `sort${active ? ' active' : ''}`, attrs: { type: 'button', 'data-column': column.id } }, [
        el('span', { className: 'label', text: column.label }),
        el('span', { className: 'sort-indicator', text: indicator, attrs: { 'aria-hidden': 'true' } }),
      ]);
      btn.addEventListener('click', () => this.onSort(column.id));
      th.appendChild(btn);
      return th;
    }));

    const hasPrevious = model.columns.length > 2;
    const body = el('tbody', {}, model.rows.map((row) =>
      el('tr', {}, [
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
