/**
 * The team view in the report webview: the legend that toggles people and the Team total, the
 * "7 of 12 loaded" progress, and the lower table (Ranking or People). Choices go through the pure
 * state (state.ts) and back to main.ts, which persists them and redraws; opening a person goes
 * through the actions. Every name goes into the DOM as text.
 */
import './team.css';
import type { ReportComparison } from '../../../src/core/comparison';
import type { ChartType, ReportSnapshot } from '../../../src/protocol';
import type { TeamTable, TeamView } from '../../../src/protocol/team';
import { button, el, replaceChildren } from '../../dom';
import type { Formatter } from '../../format';
import { changeCell, sortHeader } from '../../tableView';
import { ChartLegend } from '../../legendView';
import type { ThemeColors } from '../../theme';
import type { TeamActions } from './actions';
import { teamLegend } from './chart';
import { showTable, sortBy, toggleTotal, togglePerson, type RankingColumn, type TeamUiState } from './state';
import { buildPeopleTable, buildRanking, progressView, type RankingView } from './view';

/** What changed: the chart needs a redraw (legend), or the lower table (sort, view switch). */
export type TeamChange = 'chart' | 'table';

const TABLE_LABEL: Record<TeamTable, string> = { ranking: 'Ranking', people: 'People' };

export class TeamFeature {
  /** Inside the chart card, above the chart. */
  private readonly legendView = new ChartLegend<number | 'total'>('People in the chart', 'team-legend', (key) =>
    this.change(key === 'total' ? toggleTotal(this.state()) : togglePerson(this.state(), key), 'chart'),
  );
  readonly legend = this.legendView.element;
  /** In the table card, instead of the single report's table. */
  readonly tables: HTMLElement;
  /** In the loading state: "7 of 12 loaded". */
  private readonly progressText = el('span', { className: 'team-progress-text' });
  private readonly progressBar = el('progress', { attrs: { 'aria-hidden': 'true' } });
  readonly progress = el('div', { className: 'team-progress', attrs: { role: 'status', 'aria-live': 'polite', 'data-testid': 'team-progress' } }, [this.progressText, this.progressBar]);
  private readonly switchButtons = new Map<TeamTable, HTMLElement>();
  private readonly tableBox = el('div', { className: 'table-scroll team-table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Team table' } });

  constructor(
    private readonly actions: TeamActions,
    private readonly state: () => TeamUiState,
    private readonly onChange: (next: TeamUiState, change: TeamChange) => void,
  ) {
    this.progress.hidden = true;
    const group = el('div', { className: 'segmented team-switch', attrs: { role: 'group', 'aria-labelledby': 'team-table-label' } });
    for (const table of ['ranking', 'people'] as const) {
      const b = button(TABLE_LABEL[table], () => this.change(showTable(this.state(), table), 'table'));
      b.dataset.testid = `team-table-${table}`;
      this.switchButtons.set(table, b);
      group.appendChild(b);
    }
    this.tables = el('div', { className: 'team-tables' }, [el('div', { className: 'team-tables-head' }, [el('span', { className: 'field-label', text: 'Table', attrs: { id: 'team-table-label' } }), group]), this.tableBox]);
    this.tableBox.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const row = target?.closest<HTMLElement>('tr[data-user-id]');
      if (row && !target?.closest('button.sort')) this.actions.openPerson(Number(row.dataset.userId));
    });
  }

  private change(next: TeamUiState, what: TeamChange): void {
    if (next !== this.state()) this.onChange(next, what);
  }

  /** The legend: one toggle per person who has a line, and the Team total. */
  renderLegend(team: TeamView, theme: ThemeColors, chartType: ChartType): void {
    this.legendView.render(teamLegend(team, this.state(), theme, chartType));
  }

  /** Updated in place: the live region stays, so a screen reader hears each step. */
  renderProgress(team: TeamView | undefined, f: Formatter): void {
    const view = progressView(team, f);
    this.progress.hidden = view === null;
    if (!view) return;
    if (this.progressText.textContent !== view.text) this.progressText.textContent = view.text;
    this.progressBar.max = view.total;
    this.progressBar.value = view.loaded;
  }

  /** The lower table the user chose: the ranking, or a column per person. */
  renderTables(snapshot: ReportSnapshot, comparison: ReportComparison, team: TeamView, f: Formatter): void {
    const state = this.state();
    for (const [table, b] of this.switchButtons) {
      b.setAttribute('aria-pressed', String(state.table === table));
      b.toggleAttribute('secondary', state.table !== table);
    }
    // The table is rebuilt (a reload sends a snapshot per person loaded): keep the keyboard where it was.
    const active = document.activeElement;
    const inTable = active instanceof HTMLElement && this.tableBox.contains(active) ? active : undefined;
    const focusedColumn = inTable?.closest<HTMLElement>('button.sort')?.dataset.column;
    const focusedPerson = inTable?.closest('button.person-link') ? inTable.closest<HTMLElement>('tr[data-user-id]')?.dataset.userId : undefined;
    const table = state.table === 'people' ? this.peopleTable(buildPeopleTable(snapshot, comparison, team, f)) : this.rankingTable(buildRanking(snapshot, comparison, team, state.sort, f));
    this.tableBox.setAttribute('aria-label', state.table === 'people' ? 'Per person table' : 'Team ranking table');
    replaceChildren(this.tableBox, [table]);
    if (focusedColumn) this.tableBox.querySelector<HTMLElement>(`button.sort[data-column="${focusedColumn}"]`)?.focus();
    // A validated user id (a positive whole number), so it is safe in the selector.
    if (focusedPerson) this.tableBox.querySelector<HTMLElement>(`tr[data-user-id="${focusedPerson}"] button.person-link`)?.focus();
  }

  private rankingTable(view: RankingView): HTMLTableElement {
    const head = el('tr', {}, view.columns.map((column) =>
      sortHeader(column, view.sort.column === column.id ? view.sort.direction : undefined, () => this.change(sortBy(this.state(), column.id as RankingColumn), 'table')),
    ));
    const span = view.columns.length - 1;
    const body = el('tbody', {}, view.rows.map((row) => {
      const name = el('th', { className: 'person', attrs: { scope: 'row' } }, [
        el('button', { className: 'link-button person-link', attrs: { type: 'button', 'aria-label': row.openLabel, title: row.fullName ?? row.openLabel } }, [el('bdi', { text: row.name })]),
      ]);
      const cells = row.error
        ? [el('td', { className: 'person-error', text: `Did not load. ${row.error}`, attrs: { colspan: String(span), dir: 'auto' } })]
        : view.columns.slice(1).map((column) => {
            switch (column.id) {
              case 'change':
                return changeCell(row.change);
              case 'busiest':
                return el('td', { className: 'date col-busiest', text: row.busiest.text, attrs: { title: row.busiest.title } });
              default: {
                const cell = row[column.id as 'current' | 'previous' | 'share'];
                return el('td', { className: `num col-${column.id}`, text: cell.text });
              }
            }
          });
      return el('tr', { className: row.error ? 'failed' : '', attrs: { 'data-user-id': String(row.id) } }, [name, ...cells]);
    }));
    return el('table', { className: 'data-table team-ranking', attrs: { 'aria-label': 'Team ranking', 'data-testid': 'team-ranking' } }, [
      el('caption', { text: view.caption }),
      el('thead', {}, [head]),
      body,
    ]);
  }

  private peopleTable(view: ReturnType<typeof buildPeopleTable>): HTMLTableElement {
    const [first, ...rest] = view.columns;
    return el('table', { className: 'data-table team-people', attrs: { 'aria-label': 'Per person', 'data-testid': 'team-people' } }, [
      el('caption', { text: view.caption }),
      el('thead', {}, [
        el('tr', {}, [
          el('th', { className: 'date', text: first?.label ?? '', attrs: { scope: 'col' } }),
          ...rest.map((c, i) => el('th', { className: `num${i === rest.length - 1 ? ' team-total' : ''}`, attrs: { scope: 'col', title: c.title } }, [el('bdi', { text: c.label })])),
        ]),
      ]),
      el('tbody', {}, view.rows.map((row) =>
        el('tr', {}, [
          el('th', { className: 'date', text: row.date.text, attrs: { scope: 'row', title: row.date.title } }),
          ...row.values.map((v, i) => el('td', { className: `num${i === row.values.length - 1 ? ' team-total' : ''}`, text: v })),
        ]),
      )),
      el('tfoot', {}, [
        el('tr', {}, [
          el('th', { className: 'date', text: 'Total', attrs: { scope: 'row' } }),
          ...view.totals.map((v, i) => el('td', { className: `num${i === view.totals.length - 1 ? ' team-total' : ''}`, text: v })),
        ]),
      ]),
    ]);
  }
}
