/**
 * resolve + compare + every export, property-tested against the naive reference in oracle.ts
 * (which imports none of the code it checks). Run counts are printed.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareReport } from '../../../src/core/comparison';
import { QueryValidationError } from '../../../src/core/errors';
import { toCsv, toJson, toMarkdown, type ExportMeta } from '../../../src/core/export';
import type { Comparison, DateRange, ReportQuery } from '../../../src/core/query';
import { resolveQuery } from '../../../src/core/resolve';
import { createFormatter } from '../../../webview/format';
import * as naive from './oracle';

const ZONES = ['Pacific/Kiritimati', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Apia', 'Europe/Berlin', 'America/Santiago', 'Pacific/Pago_Pago', 'UTC'];
const PRESETS = ['last7Days', 'last30Days', 'last90Days', 'thisWeek', 'lastWeek', 'thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear', 'yearToDate'] as const;
const KINDS = ['none', 'previousPeriod', 'previousPeriodSameWeekdays', 'previousCalendarPeriod', 'previousYear', 'sameWeekdaysLastYear'] as const;

/** Days around DST changes and Feb 29 in 2000–2040, and some anywhere. */
const SPECIAL = ['02-27', '02-28', '02-29', '03-01', '03-02', '03-08', '03-14', '03-26', '03-31', '04-02', '04-06', '09-06', '09-27', '10-01', '10-25', '10-27', '11-01', '11-03', '12-31', '01-01'];
const nowArb = fc
  .tuple(fc.integer({ min: 2001, max: 2040 }), fc.constantFrom(...SPECIAL), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 24 * 60 - 1 }))
  .map(([year, md, shift, minute]) => {
    const [m, d] = md.split('-').map(Number) as [number, number];
    const base = Date.UTC(year, m - 1, Math.min(d, m === 2 && year % 4 !== 0 ? 28 : d));
    return base + shift * 86_400_000 + minute * 60_000;
  });
const anyNow = fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2040, 11, 31) });

const rangeArb = (now: number, zone: string): fc.Arbitrary<DateRange> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PRESETS).map((preset) => ({ kind: 'preset' as const, preset })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 400 })).map(([back, length]) => {
        const today = naive.localDate(now, zone);
        const earliest = '2000-01-01';
        const back1 = naive.plusDays(today, -back);
        const start = back1 < earliest ? earliest : back1;
        return { kind: 'absolute' as const, start, end: naive.plusDays(start, length) };
      }),
    },
  );

/** Bucket values with plenty of zeros. */
const valuesArb = fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 500 }) }), { minLength: 400, maxLength: 400 });

const caseArb = fc
  .tuple(fc.oneof(nowArb, anyNow), fc.constantFrom(...ZONES), fc.constantFrom('monday' as const, 'sunday' as const))
  .chain(([now, zone, weekStart]) =>
    fc.record({
      now: fc.constant(now),
      zone: fc.constant(zone),
      weekStart: fc.constant(weekStart),
      range: rangeArb(now, zone),
      kind: fc.constantFrom(...KINDS),
      values: valuesArb,
      previousValues: valuesArb,
    }),
  );

const formatters = new Map<string, ReturnType<typeof createFormatter>>();
const formatterFor = (zone: string) => formatters.get(zone) ?? formatters.set(zone, createFormatter('en', zone)).get(zone)!;

let runs = 0;
let rejected = 0;
let withPrevious = 0;
let unequalLengths = 0;
let partialBuckets = 0;

function csvRecords(text: string): string[][] {
  // Labels in these tests carry no commas or quotes, so a plain split is an honest reader.
  return text.trimEnd().split('\r\n').map((line) => line.split(','));
}

describe('oracle: resolve + compare + exports against the naive reference', () => {
  after(() => {
    console.log(`      oracle runs: ${runs} (${rejected} rejected as invalid by both, ${withPrevious} with a comparison, ${unequalLengths} of unequal length, ${partialBuckets} partial buckets seen)`);
  });

  it('every preset, comparison, zone and day from 2001 to 2040 gives the reference days, wire dates, rows, totals and changes', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        runs++;
        const comparison = { kind: c.kind } as Comparison;
        const query: ReportQuery = { metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: c.range, comparison };
        const today = naive.localDate(c.now, c.zone);
        const current = c.range.kind === 'preset' ? naive.presetDays(c.range.preset, today, c.weekStart) : { first: c.range.start, last: c.range.end < today ? c.range.end : today };
        const previous = naive.comparisonDays(c.kind, current, c.range.kind === 'preset' ? c.range.preset : undefined);
        let expectedAllowed: naive.Unit[] = naive.allowedUnits(current, c.zone);
        if (previous && previous !== 'invalid') {
          const p = naive.allowedUnits(previous, c.zone);
          expectedAllowed = expectedAllowed.filter((u) => p.includes(u));
        }

        let resolved;
        try {
          resolved = resolveQuery(query, { now: c.now, timeZone: c.zone, weekStart: c.weekStart });
        } catch (error) {
          assert.ok(error instanceof QueryValidationError, String(error));
          assert.ok(previous === 'invalid' || expectedAllowed.length === 0, `rejected: ${error.message}`);
          rejected++;
          return;
        }
        assert.notEqual(previous, 'invalid');
        assert.equal(resolved.current.firstDay, current.first);
        assert.equal(resolved.current.lastDay, current.last);
        assert.equal(resolved.current.days, naive.daysIncl(current.first, current.last));
        assert.equal(resolved.params.start, naive.wire(naive.localMidnight(current.first, c.zone)));
        assert.equal(resolved.params.end, naive.wire(naive.localMidnight(naive.plusDays(current.last, 1), c.zone)));
        assert.deepEqual(resolved.allowedViewBy, expectedAllowed);
        if (previous && previous !== 'invalid') {
          assert.equal(resolved.previous?.firstDay, previous.first);
          assert.equal(resolved.previous?.lastDay, previous.last);
          assert.equal(resolved.params.previousStart, naive.wire(naive.localMidnight(previous.first, c.zone)));
          assert.equal(resolved.params.previousEnd, naive.wire(naive.localMidnight(naive.plusDays(previous.last, 1), c.zone)));
          if (c.kind !== 'previousCalendarPeriod') assert.equal(resolved.previous?.days, resolved.current.days, 'like for like');
        } else {
          assert.equal(resolved.previous, undefined);
        }

        // A report as Help Scout would send it for those days, values from the test.
        const unit = resolved.viewBy;
        const currentFirsts = naive.bucketFirstDays(current, unit);
        const previousFirsts = previous && previous !== 'invalid' ? naive.bucketFirstDays(previous, unit) : undefined;
        const series = (firsts: string[], values: number[]) => firsts.map((d, i) => ({ date: `${d}T12:00:00Z`, value: values[i] ?? 0 }));
        const report = { current: series(currentFirsts, c.values), ...(previousFirsts ? { previous: series(previousFirsts, c.previousValues) } : {}) };
        const compared = compareReport(report, resolved);

        const length = Math.max(currentFirsts.length, previousFirsts?.length ?? 0);
        assert.equal(compared.rows.length, length);
        const currentTotal = currentFirsts.reduce((s, _, i) => s + (c.values[i] ?? 0), 0);
        const previousTotal = previousFirsts ? previousFirsts.reduce((s, _, i) => s + (c.previousValues[i] ?? 0), 0) : null;
        assert.equal(compared.currentTotal, currentTotal);
        assert.equal(compared.previousTotal, previousTotal);
        for (let i = 0; i < length; i++) {
          const row = compared.rows[i]!;
          assert.equal(row.current, i < currentFirsts.length ? (c.values[i] ?? 0) : null);
          assert.equal(row.previous, previousFirsts && i < previousFirsts.length ? (c.previousValues[i] ?? 0) : null);
          const cov = i < currentFirsts.length ? naive.coverage(currentFirsts, i, current, unit) : undefined;
          assert.deepEqual(row.currentPartial, cov && cov.days < cov.of ? cov : undefined, `row ${i} current coverage`);
          if (row.currentPartial) partialBuckets++;
          const pcov = previousFirsts && previous && previous !== 'invalid' && i < previousFirsts.length ? naive.coverage(previousFirsts, i, previous, unit) : undefined;
          assert.deepEqual(row.previousPartial, pcov && pcov.days < pcov.of ? pcov : undefined, `row ${i} previous coverage`);
        }

        const f = formatterFor(c.zone);
        const meta: ExportMeta = { title: 'T', currentLabel: 'now', previousLabel: 'before', viewBy: unit, generatedAt: '2026-01-01T00:00:00Z' };
        const csv = csvRecords(toCsv(compared, meta));
        const md = toMarkdown(compared, meta).split('\n');
        const json = JSON.parse(toJson(compared, meta));
        for (let i = 0; i < length; i++) {
          assert.equal(csv[i + 1]?.[0], i < currentFirsts.length ? currentFirsts[i] : '', 'CSV date is the plain calendar date');
          assert.equal(csv[i + 1]?.[2], previousFirsts && i < previousFirsts.length ? previousFirsts[i] : '');
          assert.equal(json.rows[i].currentDay, currentFirsts[i] ?? null);
          assert.equal(json.rows[i].currentDate, i < currentFirsts.length ? `${currentFirsts[i]}T12:00:00Z` : null);
        }

        if (previousTotal === null) {
          assert.equal(compared.change, null);
          return;
        }
        withPrevious++;
        const totalCsv = csv[length + 1]!;
        assert.equal(totalCsv[0], 'Total');
        assert.equal(Number(totalCsv[1]), currentTotal);
        assert.equal(Number(totalCsv[3]), previousTotal);
        assert.equal(Number(totalCsv[4]), currentTotal - previousTotal);
        const totalMd = md.find((l) => l.startsWith('| **Total**')) ?? '';
        if (previousTotal === 0) {
          assert.equal(totalCsv[5], currentTotal > 0 ? 'new' : '0');
          assert.equal(f.change(compared.change).words, currentTotal > 0 ? 'new' : 'no change');
        } else {
          const expected = naive.roundedPercent(currentTotal, previousTotal);
          assert.equal(Number(totalCsv[5]), expected, 'CSV percent');
          assert.ok(totalMd.includes(`**${expected > 0 ? '+' : ''}${expected} %**`), `Markdown percent ${expected} in ${totalMd}`);
          const words = f.change(compared.change).words;
          const shown = new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(Math.abs(expected));
          assert.equal(words, expected === 0 && currentTotal === previousTotal ? 'no change' : `${currentTotal >= previousTotal ? 'up' : 'down'} ${shown}%`, 'panel words');
        }

        const n = resolved.current.days;
        const m = resolved.previous!.days;
        assert.deepEqual([compared.lengths?.currentDays, compared.lengths?.previousDays], [n, m]);
        if (n !== m) {
          unequalLengths++;
          assert.ok(compared.lengths?.perDay);
          const perDayCsv = csv[length + 2]!;
          assert.equal(perDayCsv[0], 'Per day');
          assert.equal(totalCsv[6], `${n} days vs ${m}`);
          if (previousTotal > 0) assert.equal(Number(perDayCsv[5]), naive.roundedPercent(currentTotal * m, previousTotal * n), 'per-day percent');
        } else {
          assert.equal(compared.lengths?.perDay, undefined);
          assert.equal(csv.length, length + 2);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('flat data shows 0 % for every like-for-like comparison', () => {
    let flatRuns = 0;
    fc.assert(
      fc.property(fc.oneof(nowArb, anyNow), fc.constantFrom(...ZONES), fc.constantFrom(...PRESETS), fc.constantFrom('previousPeriod', 'previousPeriodSameWeekdays', 'previousYear', 'sameWeekdaysLastYear'), (now, zone, preset, kind) => {
        flatRuns++;
        const resolved = resolveQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset }, comparison: { kind } as Comparison, viewBy: undefined }, { now, timeZone: zone, weekStart: 'monday' });
        const flat = (first: string, days: number) => Array.from({ length: days }, (_, i) => ({ date: `${naive.plusDays(first, i)}T12:00:00Z`, value: 10 }));
        if (resolved.viewBy !== 'day') return;
        const compared = compareReport({ current: flat(resolved.current.firstDay, resolved.current.days), previous: flat(resolved.previous!.firstDay, resolved.previous!.days) }, resolved);
        assert.equal(compared.change?.percent, 0);
        assert.equal(createFormatter('en', zone).change(compared.change).words, 'no change');
      }),
      { numRuns: 300 },
    );
    console.log(`      flat-data runs: ${flatRuns}`);
  });

  it('rounds every change the same way in the panel, CSV and Markdown, halves included', () => {
    let percentRuns = 0;
    const panel = createFormatter('en', 'UTC');
    const shownPercent = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
    const previousArb = fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(8, 16, 40, 80, 200, 400, 800, 2000, 4000));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), previousArb, (current, previous) => {
        percentRuns++;
        const compared = compareReport({ current: [{ date: '2026-10-01T12:00:00Z', value: current }], previous: [{ date: '2026-09-01T12:00:00Z', value: previous }] });
        const expected = naive.roundedPercent(current, previous);
        const meta: ExportMeta = { title: 'T', currentLabel: 'now', previousLabel: 'before', viewBy: 'day', generatedAt: '2026-01-01T00:00:00Z' };
        assert.equal(Number(csvRecords(toCsv(compared, meta))[2]?.[5]), expected, 'CSV');
        assert.ok(toMarkdown(compared, meta).includes(`**${expected > 0 ? '+' : ''}${expected} %**`), 'Markdown');
        const shown = shownPercent.format(Math.abs(expected));
        const words = panel.change(compared.change).words;
        assert.equal(words, current === previous ? 'no change' : `${current > previous ? 'up' : 'down'} ${shown}%`, 'panel');
      }),
      { numRuns: 3000 },
    );
    console.log(`      percent runs: ${percentRuns}`);
  });
});
