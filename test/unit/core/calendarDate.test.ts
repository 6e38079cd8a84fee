import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addYears,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  formatCalendarDate,
  parseCalendarDate,
  type CivilDate,
} from '../../../src/core/calendarDate';
import { civilDateArb } from './arbitraries';

const utcOf = (d: CivilDate) => Date.UTC(d.year, d.month - 1, d.day);

describe('calendarDate', () => {
  it('parses real dates only', () => {
    assert.deepEqual(parseCalendarDate('2026-10-15'), { year: 2026, month: 10, day: 15 });
    assert.deepEqual(parseCalendarDate('2024-02-29'), { year: 2024, month: 2, day: 29 });
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-01', '2026-04-31', '2026-1-1', '26-01-01', '2026-01-01T00:00:00Z', ' 2026-01-01', '']) {
      assert.equal(parseCalendarDate(bad), undefined, bad);
    }
  });

  it('knows month lengths, including century leap rules', () => {
    assert.equal(daysInMonth(2000, 2), 29);
    assert.equal(daysInMonth(2100, 2), 28);
    assert.equal(daysInMonth(2024, 2), 29);
    assert.equal(daysInMonth(2026, 4), 30);
    assert.equal(daysInMonth(2026, 12), 31);
  });

  it('formats and parses as inverses', () => {
    fc.assert(
      fc.property(civilDateArb(), (d) => {
        const s = formatCalendarDate(d);
        assert.equal(s, new Date(utcOf(d)).toISOString().slice(0, 10));
        assert.deepEqual(parseCalendarDate(s), d);
      }),
    );
  });

  it('adds days, counts days and names weekdays like Date does', () => {
    fc.assert(
      fc.property(civilDateArb(), fc.integer({ min: -2000, max: 2000 }), (d, n) => {
        const moved = addDays(d, n);
        assert.equal(utcOf(moved), utcOf(d) + n * 86400000);
        assert.equal(daysBetween(d, moved), n);
        assert.equal(dayOfWeek(d), new Date(utcOf(d)).getUTCDay());
      }),
    );
  });

  it('clamps month and year moves to the end of a shorter month', () => {
    assert.deepEqual(addMonths({ year: 2026, month: 1, day: 31 }, 1), { year: 2026, month: 2, day: 28 });
    assert.deepEqual(addMonths({ year: 2024, month: 3, day: 31 }, -1), { year: 2024, month: 2, day: 29 });
    assert.deepEqual(addMonths({ year: 2026, month: 1, day: 15 }, -1), { year: 2025, month: 12, day: 15 });
    assert.deepEqual(addMonths({ year: 2026, month: 12, day: 1 }, 1), { year: 2027, month: 1, day: 1 });
    assert.deepEqual(addYears({ year: 2028, month: 2, day: 29 }, -1), { year: 2027, month: 2, day: 28 });
    assert.deepEqual(addYears({ year: 2028, month: 2, day: 29 }, -4), { year: 2024, month: 2, day: 29 });
  });

  it('month moves land in the right month with a valid day', () => {
    fc.assert(
      fc.property(civilDateArb(), fc.integer({ min: -300, max: 300 }), (d, n) => {
        const r = addMonths(d, n);
        const monthIndex = d.year * 12 + d.month - 1 + n;
        assert.equal(r.year * 12 + r.month - 1, monthIndex);
        assert.equal(r.day, Math.min(d.day, new Date(Date.UTC(r.year, r.month, 0)).getUTCDate()));
      }),
    );
  });
});
