/**
 * Regression tests for the defects of issue 9 that the numbers depend on (1–3). Each failed on
 * the code before its fix; the expected figures are worked out by hand in the comments.
 */
import * as assert from 'node:assert/strict';
import { compareReport } from '../../../src/core/comparison';
import { toCsv, toMarkdown, type ExportMeta } from '../../../src/core/export';
import type { ReportQuery } from '../../../src/core/query';
import { resolveQuery } from '../../../src/core/resolve';
import { createFormatter } from '../../../webview/format';
import { isEmptyReport } from '../../../webview/summary';

const utcDay = (day: string) => `${day}T12:00:00Z`;

describe('issue 9 defects (numbers)', () => {
  describe('1: same period last year across Feb 29', () => {
    const ctx = { now: Date.parse('2025-03-03T15:00:00Z'), timeZone: 'UTC', weekStart: 'monday' as const };
    const query: ReportQuery = { metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'previousYear' } };

    it('compares last 7 days on 2025-03-03 with 7 days starting 2024-02-25', () => {
      const r = resolveQuery(query, ctx);
      assert.equal(r.current.firstDay, '2025-02-25');
      assert.equal(r.current.lastDay, '2025-03-03');
      assert.equal(r.previous?.firstDay, '2024-02-25');
      assert.equal(r.previous?.lastDay, '2024-03-02'); // 25, 26, 27, 28, 29, 1, 2: seven days
      assert.equal(r.previous?.days, 7);
    });

    it('shows 0 % for a flat 10 customers a day', () => {
      const r = resolveQuery(query, ctx);
      const flat = (from: number, to: number) => {
        const points = [];
        for (let t = from; t < to; t += 86_400_000) points.push({ date: utcDay(new Date(t).toISOString().slice(0, 10)), value: 10 });
        return points;
      };
      const report = { current: flat(r.current.start, r.current.end), previous: flat(r.previous!.start, r.previous!.end) };
      const c = compareReport(report);
      assert.equal(c.currentTotal, 70);
      assert.equal(c.previousTotal, 70);
      assert.equal(c.change?.percent, 0);
    });

    it('allows day and week for year to date on 2025-03-01 (60 days against 60, not 61)', () => {
      const r = resolveQuery(
        { metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'yearToDate' }, comparison: { kind: 'previousYear' } },
        { ...ctx, now: Date.parse('2025-03-01T12:00:00Z') },
      );
      assert.equal(r.current.days, 60);
      assert.equal(r.previous?.days, 60);
      assert.deepEqual(r.allowedViewBy, ['day', 'week']);
    });
  });

  describe('2: a drop to zero is shown, not hidden', () => {
    it('is not the empty state when the previous period had customers', () => {
      const c = compareReport({ current: [{ date: utcDay('2026-10-01'), value: 0 }], previous: [{ date: utcDay('2026-09-30'), value: 5 }] });
      assert.equal(isEmptyReport(c), false);
      assert.equal(createFormatter('en', 'UTC').change(c.change).words, 'down 100%');
    });

    it('is the empty state when both periods are all zeros', () => {
      const c = compareReport({ current: [{ date: utcDay('2026-10-01'), value: 0 }], previous: [{ date: utcDay('2026-09-30'), value: 0 }] });
      assert.equal(isEmptyReport(c), true);
    });
  });

  describe('3: one percent rounding for the panel and every export', () => {
    const meta: ExportMeta = { title: 't', currentLabel: 'c', previousLabel: 'p', viewBy: 'day', generatedAt: '2026-11-01T09:00:00Z' };
    // 351 vs 400: (351 − 400) / 400 = −12.25 %, which rounds half away from zero to −12.3 %.
    const c = compareReport({ current: [{ date: utcDay('2026-10-01'), value: 351 }], previous: [{ date: utcDay('2026-09-01'), value: 400 }] });

    it('says down 12.3% in the panel', () => {
      assert.equal(createFormatter('en', 'UTC').change(c.change).words, 'down 12.3%');
    });

    it('exports -12.3 in CSV and Markdown', () => {
      const csvTotal = toCsv(c, meta).split('\r\n').find((l) => l.startsWith('Total'));
      assert.equal(csvTotal?.split(',')[5], '-12.3'); // the Change % column
      assert.match(toMarkdown(c, meta), /\*\*-12\.3 %\*\* \|\n$/);
    });
  });
});
