/**
 * The only thing the webview persists (through `vscode.setState`): how the user likes to look at
 * the report. Data never goes here — the host resends a complete snapshot after every reload.
 */
import type { ChartType } from '../src/protocol';

export type SortColumn = 'date' | 'current' | 'previousDate' | 'previous' | 'change';
export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  column: SortColumn;
  direction: SortDirection;
}

export interface UiState {
  chartType: ChartType;
  sort: SortState;
  /** Which saved query this panel shows, so the host can restore the panel after a reload. */
  queryId?: string;
  /** The bucket whose conversations are open: asked for again after a reload (the rows never are kept). */
  drill?: { series: 'current' | 'previous'; index: number };
}

export const DEFAULT_UI_STATE: UiState = { chartType: 'line', sort: { column: 'date', direction: 'ascending' } };

const COLUMNS: readonly SortColumn[] = ['date', 'current', 'previousDate', 'previous', 'change'];

/** Reads whatever `getState()` returned (maybe from an older version, maybe nothing). */
export function restoreUiState(raw: unknown): UiState {
  const state: UiState = { chartType: DEFAULT_UI_STATE.chartType, sort: { ...DEFAULT_UI_STATE.sort } };
  if (typeof raw !== 'object' || raw === null) return state;
  const r = raw as Record<string, unknown>;
  if (r.chartType === 'line' || r.chartType === 'bar') state.chartType = r.chartType;
  if (typeof r.queryId === 'string' && r.queryId.length > 0 && r.queryId.length <= 200) state.queryId = r.queryId;
  const drill = r.drill as Record<string, unknown> | null | undefined;
  if (typeof drill === 'object' && drill !== null && (drill.series === 'current' || drill.series === 'previous')) {
    const index = drill.index;
    if (typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 && index <= 20_000) state.drill = { series: drill.series, index };
  }
  const sort = r.sort as Record<string, unknown> | null | undefined;
  if (typeof sort === 'object' && sort !== null) {
    if (COLUMNS.includes(sort.column as SortColumn)) state.sort.column = sort.column as SortColumn;
    if (sort.direction === 'ascending' || sort.direction === 'descending') state.sort.direction = sort.direction;
  }
  return state;
}

/** Clicking a header: the same column flips direction; a new column starts with its natural order. */
export function nextSort(current: SortState, column: SortColumn): SortState {
  if (current.column === column) {
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  const dates = column === 'date' || column === 'previousDate';
  return { column, direction: dates ? 'ascending' : 'descending' };
}
