/**
 * What the user chose about a team report, as pure state: who is hidden from the chart, whether
 * the Team total line shows, how the ranking is sorted, and which table is below the chart. Only
 * this (ids, never names or figures) is persisted with setState; a restore reads it as untrusted.
 */
import { MAX_TEAM_SIZE } from '../../../src/core/subject';
import { isRecord, own } from '../../../src/core/plainData';
import { isUserId, TEAM_TABLES, type TeamPersonView, type TeamTable } from '../../../src/protocol/team';
import { naturalCollator } from '../../../src/core/naturalOrder';
import type { SortDirection } from '../../uiState';

export type RankingColumn = 'name' | 'current' | 'previous' | 'change' | 'share' | 'busiest';
const RANKING_COLUMNS: readonly RankingColumn[] = ['name', 'current', 'previous', 'change', 'share', 'busiest'];

export interface RankingSort {
  column: RankingColumn;
  direction: SortDirection;
}

export interface TeamUiState {
  /** People switched off in the legend (user ids). */
  hidden: number[];
  showTotal: boolean;
  sort: RankingSort;
  table: TeamTable;
}

export const DEFAULT_TEAM_STATE: TeamUiState = { hidden: [], showTotal: false, sort: { column: 'current', direction: 'descending' }, table: 'ranking' };


/** Reads what `getState()` kept (maybe nothing, maybe from another version); anything odd is the default. */
export function restoreTeamState(raw: unknown): TeamUiState {
  const state: TeamUiState = { ...DEFAULT_TEAM_STATE, hidden: [], sort: { ...DEFAULT_TEAM_STATE.sort } };
  if (!isRecord(raw)) return state;
  const hidden = own(raw, 'hidden');
  if (Array.isArray(hidden)) state.hidden = [...new Set(hidden.slice(0, MAX_TEAM_SIZE * 2).filter(isUserId))].slice(0, MAX_TEAM_SIZE);
  if (own(raw, 'showTotal') === true) state.showTotal = true;
  const table = own(raw, 'table');
  if ((TEAM_TABLES as readonly unknown[]).includes(table)) state.table = table as TeamTable;
  const sort = own(raw, 'sort');
  if (isRecord(sort)) {
    const column = own(sort, 'column');
    const direction = own(sort, 'direction');
    if ((RANKING_COLUMNS as readonly unknown[]).includes(column)) state.sort.column = column as RankingColumn;
    if (direction === 'ascending' || direction === 'descending') state.sort.direction = direction;
  }
  return state;
}

export function togglePerson(state: TeamUiState, id: number): TeamUiState {
  const hidden = state.hidden.includes(id) ? state.hidden.filter((h) => h !== id) : [...state.hidden, id].slice(-MAX_TEAM_SIZE);
  return { ...state, hidden };
}

export function toggleTotal(state: TeamUiState): TeamUiState {
  return { ...state, showTotal: !state.showTotal };
}

export function showTable(state: TeamUiState, table: TeamTable): TeamUiState {
  return state.table === table ? state : { ...state, table };
}

/** A header pressed: the same column flips; a new one starts A→Z for names, highest first for figures. */
export function sortBy(state: TeamUiState, column: RankingColumn): TeamUiState {
  const direction: SortDirection =
    state.sort.column === column ? (state.sort.direction === 'ascending' ? 'descending' : 'ascending') : column === 'name' ? 'ascending' : 'descending';
  return { ...state, sort: { column, direction } };
}

function sortValue(person: TeamPersonView, column: Exclude<RankingColumn, 'name'>): number | null {
  switch (column) {
    case 'current':
      return person.currentTotal;
    case 'previous':
      return person.previousTotal;
    case 'change':
      return person.change ? person.change.absolute : null;
    case 'share':
      return person.share;
    case 'busiest':
      return person.busiest ? person.busiest.value : null;
  }
}

const collator = naturalCollator();

/**
 * The ranking's order: by the sort column, ties in the team's order. A person without that figure
 * comes after those with it, and a person whose report failed comes last, in either direction.
 */
export function rankPeople(people: readonly TeamPersonView[], sort: RankingSort): TeamPersonView[] {
  const factor = sort.direction === 'ascending' ? 1 : -1;
  const rank = (p: TeamPersonView) => (p.error ? 2 : 0);
  return people
    .map((person, position) => ({ person, position }))
    .sort((a, b) => {
      const failed = rank(a.person) - rank(b.person);
      if (failed !== 0) return failed;
      if (a.person.error) return a.position - b.position;
      if (sort.column === 'name') return collator.compare(a.person.name, b.person.name) * factor || a.position - b.position;
      const va = sortValue(a.person, sort.column);
      const vb = sortValue(b.person, sort.column);
      if (va === null || vb === null) return va === vb ? a.position - b.position : va === null ? 1 : -1;
      return (va - vb) * factor || a.position - b.position;
    })
    .map((entry) => entry.person);
}
