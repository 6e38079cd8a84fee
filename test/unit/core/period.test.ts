import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  allowedViewBys,
  comparisonRange,
  dayCount,
  presetRange,
  rangeInstants,
  resolvePeriods,
  todayIn,
} from '../../../src/core/period';
import { RANGE_PRESETS, type Comparison, type DateRange, type ResolveContext, type WeekStart } from '../../../src/core/query';
import { calendarDateArb, daysFromTo, shiftDays, ZONES } from './arbitraries';

const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
const lastDayOfMonth = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
};

const extent = (firstDay: string, lastDay: string, zone = 'UTC') => ({
  firstDay,
  days: daysFromTo(firstDay, lastDay) + 1,
  ...rangeInstants({ start: firstDay, end: lastDay }, zone),
});

describe('period', () => {
  describe('presetRange', () => {
    // 2026-10-15 is a Thursday.
    const cases: [string, WeekStart, string, string][] = [
      ['last7Days', 'monday', '2026-10-09', '2026-10-15'],
      ['last30Days', 'monday', '2026-09-16', '2026-10-15'],
      ['last90Days', 'monday', '2026-07-18', '2026-10-15'],
      ['thisWeek', 'monday', '2026-10-12', '2026-10-15'],
      ['thisWeek', 'sunday', '2026-10-11', '2026-10-15'],
      ['lastWeek', 'monday', '2026-10-05', '2026-10-11'],
      ['lastWeek', 'sunday', '2026-10-04', '2026-10-10'],
      ['thisMonth', 'monday', '2026-10-01', '2026-10-15'],
      ['lastMonth', 'monday', '2026-09-01', '2026-09-30'],
      ['thisQuarter', 'monday', '2026-10-01', '2026-10-15'],
      ['lastQuarter', 'monday', '2026-07-01', '2026-09-30'],
      ['thisYear', 'monday', '2026-01-01', '2026-10-15'],
      ['yearToDate', 'monday', '2026-01-01', '2026-10-15'],
      ['lastYear', 'monday', '2025-01-01', '2025-12-31'],
    ];
    for (const [preset, weekStart, start, end] of cases) {
      it(`${preset} (week starts ${weekStart}) on 2026-10-15 is ${start} to ${end}`, () => {
        assert.deepEqual(presetRange(preset as (typeof RANGE_PRESETS)[number], '2026-10-15', weekStart), { start, end });
      });
    }

    it('crosses year boundaries in January', () => {
      assert.deepEqual(presetRange('lastMonth', '2026-01-15', 'monday'), { start: '2025-12-01', end: '2025-12-31' });
      assert.deepEqual(presetRange('lastQuarter', '2026-02-10', 'monday'), { start: '2025-10-01', end: '2025-12-31' });
      assert.deepEqual(presetRange('lastWeek', '2026-01-02', 'monday'), { start: '2025-12-22', end: '2025-12-28' });
    });

    it('this week is one day on the first day of the week', () => {
      assert.deepEqual(presetRange('thisWeek', '2026-10-12', 'monday'), { start: '2026-10-12', end: '2026-10-12' });
      assert.deepEqual(presetRange('thisWeek', '2026-10-11', 'sunday'), { start: '2026-10-11', end: '2026-10-11' });
      assert.deepEqual(presetRange('thisWeek', '2026-10-11', 'monday'), { start: '2026-10-05', end: '2026-10-11' });
    });

    it('last month in March covers all of February, leap or not', () => {
      assert.deepEqual(presetRange('lastMonth', '2028-03-31', 'monday'), { start: '2028-02-01', end: '2028-02-29' });
      assert.deepEqual(presetRange('lastMonth', '2027-03-31', 'monday'), { start: '2027-02-01', end: '2027-02-28' });
    });

    it('every preset ends no later than today and has the expected shape', () => {
      fc.assert(
        fc.property(calendarDateArb(2000, 2100), fc.constantFrom(...RANGE_PRESETS), fc.constantFrom<WeekStart>('monday', 'sunday'), (today, preset, weekStart) => {
          const r = presetRange(preset, today, weekStart);
          const days = daysFromTo(r.start, r.end) + 1;
          assert.ok(days >= 1);
          assert.ok(r.end <= today);
          assert.equal(dayCount(r), days);
          const firstDow = weekStart === 'monday' ? 1 : 0;
          switch (preset) {
            case 'last7Days':
            case 'last30Days':
            case 'last90Days':
              assert.equal(r.end, today);
              assert.equal(days, Number(/\d+/.exec(preset)?.[0]));
              break;
            case 'thisWeek':
              assert.equal(r.end, today);
              assert.equal(weekday(r.start), firstDow);
              assert.ok(days <= 7);
              break;
            case 'lastWeek':
              assert.equal(days, 7);
              assert.equal(weekday(r.start), firstDow);
              assert.ok(daysFromTo(r.end, today) >= 1 && daysFromTo(r.end, today) <= 7);
              break;
            case 'thisMonth':
              assert.equal(r.start, `${today.slice(0, 7)}-01`);
              assert.equal(r.end, today);
              break;
            case 'lastMonth':
              assert.equal(r.start.slice(8), '01');
              assert.equal(r.end, lastDayOfMonth(r.start));
              assert.equal(shiftDays(r.end, 1), `${today.slice(0, 7)}-01`);
              break;
            case 'thisQuarter':
            case 'lastQuarter': {
              assert.equal(r.start.slice(8), '01');
              assert.ok(['01', '04', '07', '10'].includes(r.start.slice(5, 7)));
              if (preset === 'thisQuarter') assert.equal(r.end, today);
              else assert.equal(r.end, lastDayOfMonth(r.end));
              break;
            }
            case 'thisYear':
            case 'yearToDate':
              assert.equal(r.start, `${today.slice(0, 4)}-01-01`);
              assert.equal(r.end, today);
              break;
            case 'lastYear':
              assert.equal(r.start, `${Number(today.slice(0, 4)) - 1}-01-01`);
              assert.equal(r.end, `${Number(today.slice(0, 4)) - 1}-12-31`);
              break;
          }
        }),
      );
    });
  });

  describe('comparisonRange', () => {
    it('previous period is the same number of days ending the day before', () => {
      fc.assert(
        fc.property(calendarDateArb(2001, 2100), fc.integer({ min: 0, max: 800 }), (start, extra) => {
          const current = { start, end: shiftDays(start, extra) };
          const prev = comparisonRange({ kind: 'previousPeriod' }, current);
          assert.ok(prev);
          assert.equal(dayCount(prev), dayCount(current));
          assert.equal(shiftDays(prev.end, 1), current.start);
        }),
      );
    });

    it('previous year starts on the same date a year earlier (Feb 29 → Feb 28) and keeps the length', () => {
      assert.deepEqual(comparisonRange({ kind: 'previousYear' }, { start: '2028-02-01', end: '2028-02-29' }), { start: '2027-02-01', end: '2027-03-01' });
      assert.deepEqual(comparisonRange({ kind: 'previousYear' }, { start: '2028-02-29', end: '2028-03-06' }), { start: '2027-02-28', end: '2027-03-06' });
      assert.deepEqual(comparisonRange({ kind: 'previousYear' }, { start: '2028-01-01', end: '2028-12-31' }), { start: '2027-01-01', end: '2028-01-01' });
      assert.deepEqual(comparisonRange({ kind: 'previousYear' }, { start: '2026-09-16', end: '2026-10-15' }), { start: '2025-09-16', end: '2025-10-15' });
    });

    it('same weekdays last year is 364 days earlier, same length', () => {
      // 2026-03-02 is a Monday; 2025-03-03 is a Monday too.
      assert.deepEqual(comparisonRange({ kind: 'sameWeekdaysLastYear' }, { start: '2026-03-02', end: '2026-03-08' }), { start: '2025-03-03', end: '2025-03-09' });
    });

    it('previous period, same weekdays shifts back by whole weeks that clear the period', () => {
      // 30 days → 35 days back; 7 days → 7; 8 days → 14.
      assert.deepEqual(comparisonRange({ kind: 'previousPeriodSameWeekdays' }, { start: '2026-10-01', end: '2026-10-30' }), { start: '2026-08-27', end: '2026-09-25' });
      assert.deepEqual(comparisonRange({ kind: 'previousPeriodSameWeekdays' }, { start: '2026-10-01', end: '2026-10-07' }), { start: '2026-09-24', end: '2026-09-30' });
      assert.deepEqual(comparisonRange({ kind: 'previousPeriodSameWeekdays' }, { start: '2026-10-01', end: '2026-10-08' }), { start: '2026-09-17', end: '2026-09-24' });
    });

    it('previous calendar period is the whole unit before, whatever its length', () => {
      const month = { kind: 'preset', preset: 'thisMonth' } as const;
      assert.deepEqual(comparisonRange({ kind: 'previousCalendarPeriod' }, { start: '2026-12-01', end: '2026-12-03' }, month), { start: '2026-11-01', end: '2026-11-30' });
      assert.deepEqual(comparisonRange({ kind: 'previousCalendarPeriod' }, { start: '2026-03-01', end: '2026-03-31' }, { kind: 'preset', preset: 'lastMonth' }), { start: '2026-02-01', end: '2026-02-28' });
      assert.deepEqual(comparisonRange({ kind: 'previousCalendarPeriod' }, { start: '2026-10-01', end: '2026-11-15' }, { kind: 'preset', preset: 'thisQuarter' }), { start: '2026-07-01', end: '2026-09-30' });
      assert.deepEqual(comparisonRange({ kind: 'previousCalendarPeriod' }, { start: '2025-01-01', end: '2025-12-31' }, { kind: 'preset', preset: 'lastYear' }), { start: '2024-01-01', end: '2024-12-31' });
      assert.deepEqual(comparisonRange({ kind: 'previousCalendarPeriod' }, { start: '2026-11-30', end: '2026-12-02' }, { kind: 'preset', preset: 'thisWeek' }), { start: '2026-11-23', end: '2026-11-29' });
      assert.equal(comparisonRange({ kind: 'previousCalendarPeriod' }, { start: '2026-11-30', end: '2026-12-02' }, { kind: 'preset', preset: 'last7Days' }), undefined);
    });

    it('custom is the given dates, none is nothing', () => {
      assert.deepEqual(comparisonRange({ kind: 'custom', start: '2025-01-01', end: '2025-01-31' }, { start: '2026-01-01', end: '2026-01-31' }), { start: '2025-01-01', end: '2025-01-31' });
      assert.equal(comparisonRange({ kind: 'none' }, { start: '2026-01-01', end: '2026-01-31' }), undefined);
    });
  });

  describe('allowedViewBys', () => {

    it('follows the documented limits at their edges', () => {
      assert.deepEqual(allowedViewBys(extent('2026-01-01', '2026-01-01')), ['day', 'week']);
      assert.deepEqual(allowedViewBys(extent('2026-01-01', '2026-03-01')), ['day', 'week']); // 60 days
      assert.deepEqual(allowedViewBys(extent('2026-01-01', '2026-03-02')), ['week', 'month']); // 61 days
      assert.deepEqual(allowedViewBys(extent('2025-01-01', '2025-12-31')), ['week', 'month']); // 365 = one year
      assert.deepEqual(allowedViewBys(extent('2025-01-01', '2026-01-01')), ['month']); // 366 > one year
      assert.deepEqual(allowedViewBys(extent('2000-01-01', '2013-09-09')), ['month']);
    });

    it('always allows something, finest first, never day and month together', () => {
      fc.assert(
        fc.property(calendarDateArb(2000, 2040), fc.integer({ min: 0, max: 3000 }), fc.constantFrom(...ZONES), (first, extra, zone) => {
          const allowed = allowedViewBys(extent(first, shiftDays(first, extra), zone));
          assert.ok(allowed.length >= 1);
          assert.ok(!(allowed.includes('day') && allowed.includes('month')));
          const order = ['day', 'week', 'month'];
          assert.deepEqual([...allowed].sort((a, b) => order.indexOf(a) - order.indexOf(b)), allowed);
        }),
        { numRuns: 300 },
      );
    });

    it('a leap year in full still allows weeks', () => {
      assert.equal(dayCount(presetRange('lastYear', '2029-06-01', 'monday')), 366);
      assert.ok(allowedViewBys(extent('2028-01-01', '2028-12-31')).includes('week'));
    });
  });

  describe('instants', () => {
    it('a 60-day Berlin range across the October change is 60 days + 1 hour long, so not by day', () => {
      const r = rangeInstants({ start: '2026-09-01', end: '2026-10-30' }, 'Europe/Berlin');
      assert.equal(r.end - r.start, 60 * 86_400_000 + 3_600_000);
      assert.deepEqual(allowedViewBys(extent('2026-09-01', '2026-10-30', 'Europe/Berlin')), ['week']);
      assert.deepEqual(allowedViewBys(extent('2026-09-02', '2026-10-30', 'Europe/Berlin')), ['day', 'week']);
    });

    it('instants span the calendar days of any range in any zone, give or take the DST hours', () => {
      fc.assert(
        fc.property(calendarDateArb(2000, 2099), fc.integer({ min: 0, max: 800 }), fc.constantFrom(...ZONES), (start, extra, zone) => {
          const range = { start, end: shiftDays(start, extra) };
          const { start: s, end: e } = rangeInstants(range, zone);
          assert.equal(Math.round((e - s) / 86_400_000), extra + 1);
        }),
        { numRuns: 200 },
      );
    });

    it('todayIn is the local date', () => {
      const now = Date.parse('2026-10-15T23:30:00Z');
      assert.equal(todayIn(now, 'UTC'), '2026-10-15');
      assert.equal(todayIn(now, 'Europe/Berlin'), '2026-10-16');
      assert.equal(todayIn(now, 'America/New_York'), '2026-10-15');
    });
  });

  describe('resolvePeriods', () => {
    const ctx: ResolveContext = { now: Date.parse('2026-10-15T10:00:00Z'), timeZone: 'Europe/Berlin', weekStart: 'monday' };
    const run = (range: DateRange, comparison: Comparison = { kind: 'none' }, viewBy?: 'day' | 'week' | 'month', c = ctx) =>
      resolvePeriods({ range, comparison, viewBy }, c);
    const abs = (start: string, end: string): DateRange => ({ kind: 'absolute', start, end });

    it('resolves local days to instants and picks the finest viewBy', () => {
      const r = run({ kind: 'preset', preset: 'lastMonth' }, { kind: 'previousPeriod' });
      assert.ok(r.ok);
      assert.equal(new Date(r.periods.current.start).toISOString(), '2026-08-31T22:00:00.000Z');
      assert.equal(new Date(r.periods.current.end).toISOString(), '2026-09-30T22:00:00.000Z');
      assert.equal(r.periods.current.days, 30);
      assert.equal(r.periods.previous?.firstDay, '2026-08-02');
      assert.equal(r.periods.previous?.end, r.periods.current.start);
      assert.equal(r.periods.viewBy, 'day');
      assert.deepEqual(r.periods.allowedViewBy, ['day', 'week']);
    });

    it('clamps an absolute range that runs past today, and says so', () => {
      const r = run(abs('2026-10-01', '2026-10-31'));
      assert.ok(r.ok);
      assert.equal(r.periods.current.lastDay, '2026-10-15');
      assert.equal(r.periods.current.days, 15);
      assert.equal(r.periods.current.clamped, true);
      const exact = run(abs('2026-10-01', '2026-10-15'));
      assert.ok(exact.ok);
      assert.equal(exact.periods.current.clamped, false);
    });

    it('rejects a range that starts after today', () => {
      const r = run(abs('2026-10-16', '2026-10-20'));
      assert.ok(!r.ok);
      assert.deepEqual(r.problems.map((p) => p.field), ['range.start']);
      assert.match(r.problems[0]?.allowed ?? '', /on or before today \(2026-10-15\)/);
    });

    it('uses the local "today" of the zone, not UTC', () => {
      const late = { ...ctx, now: Date.parse('2026-10-15T23:30:00Z') };
      assert.ok(run(abs('2026-10-16', '2026-10-16'), undefined, undefined, late).ok);
      assert.ok(!run(abs('2026-10-16', '2026-10-16'), undefined, undefined, { ...late, timeZone: 'UTC' }).ok);
    });

    it('rejects an end before the start', () => {
      const r = run(abs('2026-05-10', '2026-05-01'));
      assert.ok(!r.ok);
      assert.equal(r.problems[0]?.field, 'range.end');
    });

    it('explains a viewBy the range does not allow', () => {
      const r = run(abs('2026-01-01', '2026-02-14'), { kind: 'none' }, 'month');
      assert.ok(!r.ok);
      assert.deepEqual(r.problems, [{ field: 'viewBy', value: '"month"', allowed: 'day or week (a 45-day range allows these)' }]);
    });

    it('requires the viewBy to suit the comparison range too', () => {
      const r = run(abs('2026-09-01', '2026-09-30'), { kind: 'custom', start: '2026-01-01', end: '2026-04-30' }, 'day');
      assert.ok(!r.ok);
      assert.equal(r.problems[0]?.field, 'viewBy');
      assert.match(r.problems[0]?.allowed ?? '', /^week \(a 30-day range compared with a 120-day range/);
      const auto = run(abs('2026-09-01', '2026-09-30'), { kind: 'custom', start: '2026-01-01', end: '2026-04-30' });
      assert.ok(auto.ok);
      assert.equal(auto.periods.viewBy, 'week');
      assert.deepEqual(auto.periods.allowedViewBy, ['week']);
    });

    it('rejects a comparison that shares no resolution with the range', () => {
      const r = run(abs('2026-09-01', '2026-09-30'), { kind: 'custom', start: '2024-01-01', end: '2025-06-30' });
      assert.ok(!r.ok);
      assert.equal(r.problems[0]?.field, 'comparison');
      assert.equal(r.problems[0]?.value, '547 days');
    });

    it('lists problems of both ranges at once', () => {
      const r = run(abs('2026-11-01', '2026-11-02'), { kind: 'custom', start: '2026-12-01', end: '2026-11-01' });
      assert.ok(!r.ok);
      assert.deepEqual(r.problems.map((p) => p.field).sort(), ['comparison.end', 'comparison.start', 'range.start']);
    });

    it('reports a bad context instead of throwing', () => {
      const r = run({ kind: 'preset', preset: 'last7Days' }, undefined, undefined, { now: Number.NaN, timeZone: 'Nowhere/Land', weekStart: 'friday' as WeekStart });
      assert.ok(!r.ok);
      assert.deepEqual(r.problems.map((p) => p.field), ['now', 'timeZone', 'weekStart']);
    });

    it('the previous year of a leap-day range is a valid range', () => {
      const r = run(abs('2024-02-01', '2024-02-29'), { kind: 'previousYear' }, undefined, { ...ctx, timeZone: 'America/New_York' });
      assert.ok(r.ok);
      assert.equal(r.periods.previous?.firstDay, '2023-02-01');
      assert.equal(r.periods.previous?.lastDay, '2023-03-01');
      assert.equal(new Date(r.periods.previous?.end ?? 0).toISOString(), '2023-03-02T05:00:00.000Z');
    });
  });
});
