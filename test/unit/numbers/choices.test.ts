/** What the query flow offers: comparison labels, and the DST hint of the viewBy step. */
import * as assert from 'node:assert/strict';
import { comparisonChoice, describeQuery } from '../../../src/core/describe';
import { resolveQuery } from '../../../src/core/resolve';
import { parseReportQuery } from '../../../src/core/validate';

describe('query choices', () => {
  it('labels every comparison the way a person would say it', () => {
    const month = { kind: 'preset', preset: 'lastMonth' } as const;
    assert.equal(comparisonChoice({ kind: 'previousPeriod' }, month), 'Compared with the previous period');
    assert.equal(comparisonChoice({ kind: 'previousPeriodSameWeekdays' }, month), 'Compared with the previous period, same weekdays');
    assert.equal(comparisonChoice({ kind: 'previousCalendarPeriod' }, month), 'Compared with the previous month');
    assert.equal(comparisonChoice({ kind: 'previousCalendarPeriod' }, { kind: 'preset', preset: 'thisQuarter' }), 'Compared with the previous quarter');
    assert.equal(comparisonChoice({ kind: 'previousCalendarPeriod' }, { kind: 'preset', preset: 'yearToDate' }), 'Compared with the previous year');
    assert.equal(comparisonChoice({ kind: 'previousYear' }, month), 'Compared with the same period last year');
    assert.equal(comparisonChoice({ kind: 'sameWeekdaysLastYear' }, month), 'Compared with the same weekdays last year');
    assert.equal(comparisonChoice({ kind: 'none' }, month), 'No comparison');
    assert.equal(describeQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'lastYear' }, comparison: { kind: 'previousCalendarPeriod' } }), 'Last year vs previous year');
  });

  it('saved queries and imports accept the new comparison kinds, and name the field for an unknown one', () => {
    for (const kind of ['previousPeriodSameWeekdays', 'previousCalendarPeriod', 'sameWeekdaysLastYear']) {
      const r = parseReportQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'thisMonth' }, comparison: { kind } });
      assert.ok(r.ok, kind);
      assert.equal(r.query.comparison.kind, kind);
    }
    const bad = parseReportQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'thisMonth' }, comparison: { kind: 'lastDecade' } });
    assert.ok(!bad.ok);
    assert.equal(bad.problems[0]?.field, 'comparison.kind');
    assert.match(bad.problems[0]?.allowed ?? '', /sameWeekdaysLastYear/);
  });

  it('refuses the previous calendar period for a range that is not a calendar period, naming the field', () => {
    assert.throws(
      () => resolveQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousCalendarPeriod' } }, { now: Date.parse('2026-10-15T12:00:00Z'), timeZone: 'UTC', weekStart: 'monday' }),
      /comparison\.kind.*this or last week, month, quarter or year/,
    );
  });

  it('says when a DST change moves the day limit (60 Berlin days across October)', () => {
    const r = resolveQuery(
      { metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'absolute', start: '2026-09-01', end: '2026-10-30' }, comparison: { kind: 'none' } },
      { now: Date.parse('2026-11-15T12:00:00Z'), timeZone: 'Europe/Berlin', weekStart: 'monday' },
    );
    assert.deepEqual(r.allowedViewBy, ['week']);
    assert.match(r.viewByNote ?? '', /60-day range crosses a daylight-saving change.*an hour longer than 60 × 24 h.*"by day" needs a day less/);
    const utc = resolveQuery(
      { metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'absolute', start: '2026-09-01', end: '2026-10-30' }, comparison: { kind: 'none' } },
      { now: Date.parse('2026-11-15T12:00:00Z'), timeZone: 'UTC', weekStart: 'monday' },
    );
    assert.equal(utc.viewByNote, undefined);
  });
});
