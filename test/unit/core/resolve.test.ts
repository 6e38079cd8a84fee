import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { QueryValidationError } from '../../../src/core/errors';
import { allowedViewBys } from '../../../src/core/period';
import { RANGE_PRESETS, type ReportQuery, type ResolveContext } from '../../../src/core/query';
import { resolveQuery } from '../../../src/core/resolve';
import { parseWireDate } from '../../../src/core/wireDate';
import { calendarDateArb, ZONES } from './arbitraries';

const now = Date.parse('2026-10-15T10:00:00Z');
const berlin: ResolveContext = { now, timeZone: 'Europe/Berlin', weekStart: 'monday' };
const query = (over: Partial<ReportQuery> = {}): ReportQuery => ({
  metric: 'customersHelped',
  subject: { kind: 'user', userId: 447723 },
  range: { kind: 'preset', preset: 'last30Days' },
  comparison: { kind: 'previousPeriod' },
  ...over,
});

describe('resolveQuery', () => {
  it('produces the wire parameters for the last 30 days in Berlin', () => {
    const r = resolveQuery(query(), berlin);
    assert.deepEqual(r.params, {
      user: 447723,
      start: '2026-09-15T22:00:00Z',
      end: '2026-10-15T22:00:00Z',
      previousStart: '2026-08-16T22:00:00Z',
      previousEnd: '2026-09-15T22:00:00Z',
      viewBy: 'day',
    });
    assert.equal(r.current.days, 30);
    assert.equal(r.previous?.days, 30);
    assert.equal(r.viewBy, 'day');
    assert.deepEqual(r.allowedViewBy, ['day', 'week']);
  });

  it('crosses the New York DST change at the right hour', () => {
    const r = resolveQuery(query({ range: { kind: 'preset', preset: 'lastMonth' }, comparison: { kind: 'none' } }), {
      now: Date.parse('2026-11-15T12:00:00Z'),
      timeZone: 'America/New_York',
      weekStart: 'sunday',
    });
    assert.equal(r.params.start, '2026-10-01T04:00:00Z');
    assert.equal(r.params.end, '2026-11-01T04:00:00Z');
    assert.ok(!('previousStart' in r.params));
    assert.equal(r.previous, undefined);
  });

  it('resolves in Kolkata (+5:30) and Chatham (+13:45)', () => {
    const abs = query({ range: { kind: 'absolute', start: '2026-01-01', end: '2026-01-31' }, comparison: { kind: 'none' } });
    assert.equal(resolveQuery(abs, { ...berlin, timeZone: 'Asia/Kolkata' }).params.start, '2025-12-31T18:30:00Z');
    assert.equal(resolveQuery(abs, { ...berlin, timeZone: 'Pacific/Chatham' }).params.start, '2025-12-31T10:15:00Z');
    assert.equal(resolveQuery(abs, { ...berlin, timeZone: 'UTC' }).params.end, '2026-02-01T00:00:00Z');
  });

  it('sends filters once each, and none that are empty', () => {
    const r = resolveQuery(query({ mailboxes: [3, 1, 3], tags: [], types: ['chat', 'chat'], folders: [9], labels: { mailboxes: { '3': 'Billing' } } }), berlin);
    assert.deepEqual(r.params.mailboxes, [3, 1]);
    assert.deepEqual(r.params.types, ['chat']);
    assert.deepEqual(r.params.folders, [9]);
    assert.ok(!('tags' in r.params));
    assert.ok(!('labels' in r.params));
  });

  it('honours an explicit viewBy', () => {
    assert.equal(resolveQuery(query({ viewBy: 'week' }), berlin).params.viewBy, 'week');
    assert.equal(resolveQuery(query({ range: { kind: 'preset', preset: 'lastYear' } }), berlin).params.viewBy, 'week');
  });

  it('throws one QueryValidationError listing every problem', () => {
    const bad = { metric: 'customersHelped', subject: { kind: 'user', userId: -1 }, range: { kind: 'absolute', start: '2026-01-01', end: '2026-12-31' }, comparison: { kind: 'none' }, viewBy: 'day', mailboxes: [0] } as ReportQuery;
    assert.throws(
      () => resolveQuery(bad, berlin),
      (e: unknown) => {
        assert.ok(e instanceof QueryValidationError);
        assert.deepEqual(e.problems.map((p) => p.field), ['subject.userId', 'mailboxes[0]', 'viewBy']);
        assert.match(e.message, /viewBy: "day" is not allowed \(allowed: week or month \(a 288-day range allows these\)\)/);
        return true;
      },
    );
  });

  it('wire parameters agree with the resolved ranges for any query, zone and day', () => {
    const range = fc.oneof(
      fc.constantFrom(...RANGE_PRESETS).map((preset) => ({ kind: 'preset' as const, preset })),
      fc.tuple(calendarDateArb(2005, 2024), calendarDateArb(2005, 2024)).map(([a, b]) => ({ kind: 'absolute' as const, start: a < b ? a : b, end: a < b ? b : a })),
    );
    const comparison = fc.constantFrom({ kind: 'none' as const }, { kind: 'previousPeriod' as const }, { kind: 'previousYear' as const });
    fc.assert(
      fc.property(range, comparison, fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }), (r, c, zone, clock) => {
        const resolved = resolveQuery({ metric: 'replies', subject: { kind: 'user', userId: 1 }, range: r, comparison: c }, { now: clock, timeZone: zone, weekStart: 'monday' });
        const { params, current, previous } = resolved;
        assert.equal(parseWireDate(params.start), current.start);
        assert.equal(parseWireDate(params.end), current.end);
        assert.ok(current.start < current.end);
        assert.equal(Math.round((current.end - current.start) / 86_400_000), current.days);
        assert.ok(current.start <= clock, 'the range has started');
        assert.ok(current.end - clock <= 86_400_000 + 3_600_000, 'the range ends by the end of today');
        let expected = allowedViewBys(current);
        if (c.kind === 'none') {
          assert.equal(previous, undefined);
        } else {
          assert.ok(previous);
          assert.equal(parseWireDate(params.previousStart ?? ''), previous.start);
          assert.equal(parseWireDate(params.previousEnd ?? ''), previous.end);
          assert.ok(previous.start < previous.end);
          if (c.kind === 'previousPeriod') {
            assert.equal(previous.end, current.start);
            assert.equal(previous.days, current.days);
          }
          expected = expected.filter((v) => allowedViewBys(previous).includes(v));
        }
        assert.deepEqual(resolved.allowedViewBy, expected);
        assert.equal(resolved.viewBy, expected[0]);
      }),
      { numRuns: 300 },
    );
  });
});
