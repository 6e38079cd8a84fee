import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareReport, computeChange, type Change } from '../../../src/core/comparison';
import type { DataPoint } from '../../../src/core/report';

const points = (...counts: number[]): DataPoint[] => counts.map((value, i) => ({ date: `2026-10-${String(i + 1).padStart(2, '0')}T12:00:00Z`, value }));

describe('compareReport', () => {
  it('pairs buckets by position and totals both sides', () => {
    const c = compareReport({ current: points(10, 20, 5), previous: points(8, 25, 5) });
    assert.equal(c.hasPrevious, true);
    assert.equal(c.currentTotal, 35);
    assert.equal(c.previousTotal, 38);
    assert.deepEqual(c.change, { absolute: -3, percent: (-3 / 38) * 100, isNew: false });
    assert.deepEqual(c.rows[0], {
      index: 0,
      currentDate: '2026-10-01T12:00:00Z',
      current: 10,
      previousDate: '2026-10-01T12:00:00Z',
      previous: 8,
      change: { absolute: 2, percent: 25, isNew: false },
    });
    assert.deepEqual(c.rows[1]?.change, { absolute: -5, percent: -20, isNew: false });
    assert.deepEqual(c.rows[2]?.change, { absolute: 0, percent: 0, isNew: false });
  });

  it('marks growth from zero as new, with no percentage', () => {
    assert.deepEqual(computeChange(4, 0), { absolute: 4, percent: null, isNew: true });
    assert.deepEqual(computeChange(0, 0), { absolute: 0, percent: 0, isNew: false });
    assert.deepEqual(computeChange(0, 4), { absolute: -4, percent: -100, isNew: false });
    const c = compareReport({ current: points(3), previous: points(0) });
    assert.deepEqual(c.change, { absolute: 3, percent: null, isNew: true });
  });

  it('leaves nulls where one side has fewer buckets', () => {
    const longer = compareReport({ current: points(1, 2, 3), previous: points(4) });
    assert.equal(longer.rows.length, 3);
    assert.deepEqual(longer.rows[2], { index: 2, currentDate: '2026-10-03T12:00:00Z', current: 3, previousDate: null, previous: null, change: null });
    assert.equal(longer.previousTotal, 4);

    const shorter = compareReport({ current: points(1), previous: points(4, 5) });
    assert.equal(shorter.rows.length, 2);
    assert.deepEqual(shorter.rows[1], { index: 1, currentDate: null, current: null, previousDate: '2026-10-02T12:00:00Z', previous: 5, change: null });
    assert.equal(shorter.previousTotal, 9);
    assert.deepEqual(shorter.change, { absolute: -8, percent: (-8 / 9) * 100, isNew: false });
  });

  it('without a previous series there is nothing to compare', () => {
    const c = compareReport({ current: points(1, 2) });
    assert.equal(c.hasPrevious, false);
    assert.equal(c.previousTotal, null);
    assert.equal(c.change, null);
    assert.ok(c.rows.every((r) => r.previous === null && r.previousDate === null && r.change === null));
  });

  it('an empty report compares to empty', () => {
    const c = compareReport({ current: [], previous: [] });
    assert.deepEqual(c, { rows: [], hasPrevious: true, currentTotal: 0, previousTotal: 0, change: { absolute: 0, percent: 0, isNew: false } });
  });

  const series = fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 400 }).map((counts) => points(...counts));

  const checkChange = (change: Change, current: number, previous: number) => {
    assert.equal(change.absolute, current - previous);
    assert.ok(Number.isFinite(change.absolute));
    if (change.percent !== null) {
      assert.ok(Number.isFinite(change.percent));
      assert.ok(Math.abs(previous * (1 + change.percent / 100) - current) < 1e-6);
    } else {
      assert.ok(previous === 0 && current > 0 && change.isNew);
    }
    assert.equal(change.isNew, previous === 0 && current > 0);
  };

  it('totals are sums, rows cover the longer side, and no number is NaN or infinite', () => {
    fc.assert(
      fc.property(series, fc.option(series, { nil: undefined }), (current, previous) => {
        const c = compareReport(previous === undefined ? { current } : { current, previous });
        const sum = (ps: DataPoint[]) => ps.reduce((s, p) => s + p.value, 0);
        assert.equal(c.rows.length, Math.max(current.length, previous?.length ?? 0));
        assert.equal(c.currentTotal, sum(current));
        assert.equal(c.previousTotal, previous ? sum(previous) : null);
        c.rows.forEach((row, i) => {
          assert.equal(row.index, i);
          assert.equal(row.current, current[i]?.value ?? null);
          assert.equal(row.previous, previous?.[i]?.value ?? null);
          if (row.current !== null && row.previous !== null) {
            assert.ok(row.change);
            checkChange(row.change, row.current, row.previous);
          } else {
            assert.equal(row.change, null);
          }
        });
        if (previous) {
          assert.ok(c.change);
          checkChange(c.change, c.currentTotal, sum(previous));
        }
        JSON.stringify(c, (_k, v) => {
          if (typeof v === 'number') assert.ok(Number.isFinite(v), `non-finite ${v}`);
          return v;
        });
      }),
    );
  });
});
