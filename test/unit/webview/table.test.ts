import assert from 'node:assert/strict';
import { createFormatter } from '../../../webview/format';
import { buildTable, sortRows, tableColumns } from '../../../webview/table';
import { comparison } from './fixtures';

const f = createFormatter('en-GB', 'UTC');
const options = { viewBy: 'day' as const, currentLabel: '1–3 Oct 2026', previousLabel: '1–3 Sep 2026', sort: { column: 'date' as const, direction: 'ascending' as const } };

describe('webview/table', () => {
  it('has one row per bucket with dates, counts and changes', () => {
    const model = buildTable(comparison([10, 0, 5], [5, 0, 0]), options, f);
    assert.equal(model.rows.length, 3);
    assert.deepEqual(model.columns.map((c) => c.id), ['date', 'current', 'previousDate', 'previous', 'change']);
    assert.deepEqual(model.rows[0], {
      key: 0,
      date: { text: 'Thu 1 Oct', title: 'Thu, 1 Oct 2026' },
      current: { text: '10' },
      previousDate: { text: 'Tue 1 Sept', title: 'Tue, 1 Sept 2026' },
      previous: { text: '5' },
      change: { absolute: '+5', glyph: '▲', words: 'up 100%', direction: 'up' },
    });
    assert.equal(model.rows[1]!.change.words, 'no change');
    assert.equal(model.rows[2]!.change.words, 'new');
    assert.equal(model.caption, 'Customers helped by day, 1–3 Oct 2026, compared with 1–3 Sep 2026');
  });

  it('has a totals row', () => {
    const model = buildTable(comparison([10, 20], [15, 15]), options, f);
    assert.equal(model.totals.current.text, '30');
    assert.equal(model.totals.previous.text, '30');
    assert.equal(model.totals.change.words, 'no change');
  });

  it('shows a dash where a side is missing', () => {
    const model = buildTable(comparison([1], [2, 3]), options, f);
    assert.equal(model.rows[1]!.current.text, '—');
    assert.equal(model.rows[1]!.date.text, '—');
    assert.equal(model.rows[1]!.change.absolute, '—');
  });

  it('drops the previous columns without a previous period', () => {
    assert.deepEqual(tableColumns('week', false).map((c) => c.label), ['Week of', 'Customers']);
    const model = buildTable(comparison([1, 2]), { ...options, previousLabel: undefined, sort: { column: 'previous', direction: 'descending' } }, f);
    assert.equal(model.caption, 'Customers helped by day, 1–3 Oct 2026');
    // Sorting by a hidden column falls back to bucket order.
    assert.deepEqual(model.rows.map((r) => r.key), [0, 1]);
    assert.equal(model.totals.previous.text, '—');
  });

  it('sorts by any column, stable, with missing values last in both directions', () => {
    const rows = comparison([5, 9, 5, 1], [1, 2, 3]).rows;
    const keys = (r: typeof rows) => r.map((x) => x.index);
    assert.deepEqual(keys(sortRows(rows, { column: 'current', direction: 'descending' })), [1, 0, 2, 3]);
    assert.deepEqual(keys(sortRows(rows, { column: 'current', direction: 'ascending' })), [3, 0, 2, 1]);
    assert.deepEqual(keys(sortRows(rows, { column: 'previous', direction: 'ascending' })), [0, 1, 2, 3]);
    assert.deepEqual(keys(sortRows(rows, { column: 'previous', direction: 'descending' })), [2, 1, 0, 3]);
    assert.deepEqual(keys(sortRows(rows, { column: 'change', direction: 'descending' })), [1, 0, 2, 3]);
    assert.deepEqual(keys(sortRows(rows, { column: 'date', direction: 'descending' })), [3, 2, 1, 0]);
    assert.deepEqual(keys(sortRows([], { column: 'date', direction: 'ascending' })), []);
  });

  it('does not reorder the input array', () => {
    const rows = comparison([3, 1, 2]).rows;
    sortRows(rows, { column: 'current', direction: 'ascending' });
    assert.deepEqual(rows.map((r) => r.index), [0, 1, 2]);
  });
});
