/**
 * The only thing the webview persists (through `vscode.setState`): how the user likes to look at
 * the report. Data never goes here — the host resends a complete snapshot after every reload.
 */
import { isRecord, own } from '../src/core/plainData';
import type { ChartType } from '../src/protocol';
import { isUserId } from '../src/protocol/team';
import type { ReportSeries } from './chartConfig';
import { DEFAULT_TEAM_STATE, restoreTeamState, type TeamUiState } from './features/team/state';

export type SortColumn = 'date' | 'current' | 'previousDate' | 'previous' | 'change';
export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  column: SortColumn;
  direction: SortDirection;
}

export interface UiState {
  chartType: ChartType;
  sort: SortState;
  /** The series of a single report switched off in its legend. */
  hiddenSeries: ReportSeries[];
  /** Which saved query this panel shows, so the host can restore the panel after a reload. */
  queryId?: string;
  /** The bucket whose conversations are open: asked for again after a reload (the rows never are kept). */
  drill?: { series: 'current' | 'previous'; index: number; userId?: number };
  /** A team report's legend, ranking sort and table (features/team/state.ts). */
  team: TeamUiState;
}

export const DEFAULT_UI_STATE: UiState = { chartType: 'line', sort: { column: 'date', direction: 'ascending' }, hiddenSeries: [], team: DEFAULT_TEAM_STATE };

const SERIES: readonly ReportSeries[] = ['current', 'previous'];

const COLUMNS: readonly SortColumn[] = ['date', 'current', 'previousDate', 'previous', 'change'];

/** Reads whatever `getState()` returned (maybe from an older version, maybe nothing). */
export function restoreUiState(raw: unknown): UiState {
  const state: UiState = { chartType: DEFAULT_UI_STATE.chartType, sort: { ...DEFAULT_UI_STATE.sort }, hiddenSeries: [], team: restoreTeamState(isRecord(raw) ? own(raw, 'team') : undefined) };
  if (!isRecord(raw)) return state;
  const chartType = own(raw, 'chartType');
  if (chartType === 'line' || chartType === 'bar') state.chartType = chartType;
  const queryId = own(raw, 'queryId');
  if (typeof queryId === 'string' && queryId.length > 0 && queryId.length <= 200) state.queryId = queryId;
  const drill = own(raw, 'drill');
  if (isRecord(drill)) {
    const series = own(drill, 'series');
    const index = own(drill, 'index');
    const valid = typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 && index <= 20_000;
    const userId = own(drill, 'userId');
    if ((series === 'current' || series === 'previous') && valid) {
      state.drill = isUserId(userId) ? { series, index, userId } : { series, index };
    }
  }
  const hidden = own(raw, 'hiddenSeries');
  if (Array.isArray(hidden)) state.hiddenSeries = SERIES.filter((s) => hidden.includes(s));
  const sort = own(raw, 'sort');
  if (isRecord(sort)) {
    const column = own(sort, 'column');
    const direction = own(sort, 'direction');
    if (COLUMNS.includes(column as SortColumn)) state.sort.column = column as SortColumn;
    if (direction === 'ascending' || direction === 'descending') state.sort.direction = direction;
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

/** A legend entry pressed: its series is switched off, or on again. */
export function toggleSeries(state: UiState, series: ReportSeries): UiState {
  const hidden = state.hiddenSeries.includes(series) ? state.hiddenSeries.filter((s) => s !== series) : [...state.hiddenSeries, series];
  return { ...state, hiddenSeries: SERIES.filter((s) => hidden.includes(s)) };
}
