import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_UI_STATE, nextSort, restoreUiState, toggleSeries } from '../../../webview/uiState';

describe('webview/uiState', () => {
  it('restores what was saved', () => {
    const saved = {
      chartType: 'bar',
      sort: { column: 'change', direction: 'descending' },
      hiddenSeries: ['previous'],
      team: { hidden: [7, 9], showTotal: true, sort: { column: 'name', direction: 'ascending' }, table: 'people' },
    };
    assert.deepEqual(restoreUiState(JSON.parse(JSON.stringify(saved))), saved);
  });

  it('falls back to defaults for anything else, field by field', () => {
    assert.deepEqual(restoreUiState(undefined), DEFAULT_UI_STATE);
    assert.deepEqual(restoreUiState({ chartType: 'pie', sort: { column: 'current', direction: 'up' } }), {
      chartType: 'line',
      sort: { column: 'current', direction: 'ascending' },
      hiddenSeries: [],
      team: DEFAULT_UI_STATE.team,
    });
    fc.assert(fc.property(fc.anything(), (junk) => {
      const state = restoreUiState(junk);
      assert.ok(state.chartType === 'line' || state.chartType === 'bar');
    }));
  });

  it('clicking a header flips the same column, starts others in their natural order', () => {
    assert.deepEqual(nextSort({ column: 'date', direction: 'ascending' }, 'date'), { column: 'date', direction: 'descending' });
    assert.deepEqual(nextSort({ column: 'date', direction: 'ascending' }, 'current'), { column: 'current', direction: 'descending' });
    assert.deepEqual(nextSort({ column: 'current', direction: 'descending' }, 'previousDate'), { column: 'previousDate', direction: 'ascending' });
  });
});

describe('UI state keeps the series switched off in the legend', () => {
  it('restores each known series once, in a fixed order, and drops anything else', () => {
    assert.deepEqual(restoreUiState({ hiddenSeries: ['previous', 'current', 'previous'] }).hiddenSeries, ['current', 'previous']);
    assert.deepEqual(restoreUiState({ hiddenSeries: ['both', 1, null, { current: true }] }).hiddenSeries, []);
    assert.deepEqual(restoreUiState({ hiddenSeries: 'previous' }).hiddenSeries, []);
  });

  it('a toggle switches one series off, and on again, leaving the other', () => {
    const off = toggleSeries(DEFAULT_UI_STATE, 'previous');
    assert.deepEqual(off.hiddenSeries, ['previous']);
    assert.deepEqual(toggleSeries(off, 'current').hiddenSeries, ['current', 'previous']);
    assert.deepEqual(toggleSeries(off, 'previous').hiddenSeries, []);
    assert.deepEqual(DEFAULT_UI_STATE.hiddenSeries, [], 'the default is not changed');
  });
});

describe('UI state keeps the query id for the panel serializer', () => {
  it('restores a sane query id and drops anything else', () => {
    assert.equal(restoreUiState({ queryId: 'abc-123' }).queryId, 'abc-123');
    assert.equal(restoreUiState({ queryId: 42 }).queryId, undefined);
    assert.equal(restoreUiState({ queryId: 'x'.repeat(201) }).queryId, undefined);
    assert.equal(restoreUiState({ queryId: '' }).queryId, undefined);
  });
});

describe('UI state keeps the open drill-down bucket, not its rows', () => {
  it('restores a sane bucket and drops anything else', () => {
    assert.deepEqual(restoreUiState({ drill: { series: 'previous', index: 3, rows: [1, 2] } }).drill, { series: 'previous', index: 3 });
    assert.deepEqual(restoreUiState({ drill: { series: 'current', index: 2, userId: 17 } }).drill, { series: 'current', index: 2, userId: 17 });
    assert.deepEqual(restoreUiState({ drill: { series: 'current', index: 2, userId: -1 } }).drill, { series: 'current', index: 2 });
    for (const drill of [{ series: 'both', index: 1 }, { series: 'current', index: -1 }, { series: 'current', index: 1.5 }, { series: 'current' }, 'current', null]) {
      assert.equal(restoreUiState({ drill }).drill, undefined, JSON.stringify(drill));
    }
  });
});
