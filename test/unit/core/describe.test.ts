import * as assert from 'node:assert/strict';
import { describeCalendarRange, describeComparison, describeDateRange, describeFilters, describePreset, describeQuery } from '../../../src/core/describe';
import { rangeInstants } from '../../../src/core/period';
import { RANGE_PRESETS, type ReportQuery } from '../../../src/core/query';

/** ICU puts thin and narrow no-break spaces around range dashes; compare words, not spacing. */
const spaced = (s: string) => s.replace(/[\u2009\u202f\u00a0]/g, ' ').replace(/\s+/g, ' ');

describe('describe', () => {
  describe('describeDateRange', () => {
    it('names the days of a range in the locale, last day inclusive', () => {
      for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']) {
        const { start, end } = rangeInstants({ start: '2026-10-01', end: '2026-10-31' }, zone);
        assert.equal(spaced(describeDateRange(start, end, zone, 'en-US')), 'Oct 1 – 31, 2026', zone);
        assert.match(spaced(describeDateRange(start, end, zone, 'en-GB')), /^1 ?– ?31 Oct 2026$/, zone);
      }
    });

    it('crosses months and years', () => {
      const { start, end } = rangeInstants({ start: '2026-12-16', end: '2027-01-14' }, 'Europe/Berlin');
      assert.equal(spaced(describeDateRange(start, end, 'Europe/Berlin', 'en-US')), 'Dec 16, 2026 – Jan 14, 2027');
    });

    it('shows a single day once', () => {
      const { start, end } = rangeInstants({ start: '2026-03-29', end: '2026-03-29' }, 'Europe/Berlin');
      assert.equal(describeDateRange(start, end, 'Europe/Berlin', 'en-US'), 'Mar 29, 2026');
    });

    it('follows other locales', () => {
      const { start, end } = rangeInstants({ start: '2026-10-01', end: '2026-10-31' }, 'UTC');
      assert.match(spaced(describeDateRange(start, end, 'UTC', 'de-DE')), /^1\. ?– ?31\. Okt\. 2026$/);
    });

    it('falls back to the default locale for a malformed tag', () => {
      const { start, end } = rangeInstants({ start: '2026-10-01', end: '2026-10-31' }, 'UTC');
      assert.match(describeDateRange(start, end, 'UTC', 'not a locale!'), /2026/);
    });
  });

  it('describes calendar ranges without a zone', () => {
    assert.equal(spaced(describeCalendarRange('2026-01-01', '2026-01-31', 'en-US')), 'Jan 1 – 31, 2026');
  });

  it('has a distinct label for every preset', () => {
    const labels = RANGE_PRESETS.map(describePreset);
    assert.equal(new Set(labels).size, RANGE_PRESETS.length);
    assert.equal(describePreset('last30Days'), 'Last 30 days');
    assert.equal(describePreset('yearToDate'), 'Year to date');
  });

  it('describes comparisons', () => {
    assert.equal(describeComparison({ kind: 'previousPeriod' }), 'vs previous period');
    assert.equal(describeComparison({ kind: 'previousYear' }), 'vs same period last year');
    assert.equal(describeComparison({ kind: 'sameWeekdaysLastYear' }), 'vs same weekdays last year');
    assert.equal(describeComparison({ kind: 'previousPeriodSameWeekdays' }), 'vs previous period, same weekdays');
    assert.equal(describeComparison({ kind: 'none' }), 'no comparison');
    assert.equal(spaced(describeComparison({ kind: 'custom', start: '2025-09-01', end: '2025-09-30' }, 'en-US')), 'vs Sep 1 – 30, 2025');
  });

  describe('describeQuery', () => {
    const q: ReportQuery = { metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousPeriod' }, viewBy: 'day' };

    it('summarises range, comparison and resolution', () => {
      assert.equal(describeQuery(q), 'Last 30 days vs previous period · by day');
      assert.equal(describeQuery({ ...q, comparison: { kind: 'none' }, viewBy: undefined }), 'Last 30 days');
      assert.equal(
        spaced(describeQuery({ ...q, range: { kind: 'absolute', start: '2026-10-01', end: '2026-10-31' }, comparison: { kind: 'previousYear' }, viewBy: 'week' }, 'en-US')),
        'Oct 1 – 31, 2026 vs same period last year · by week',
      );
    });

    it('adds filters by name where known', () => {
      const filtered: ReportQuery = { ...q, mailboxes: [1, 2, 3], tags: [7], types: ['chat'], labels: { mailboxes: { '1': 'Billing' }, tags: { '7': 'vip' } } };
      assert.equal(describeQuery(filtered), 'Last 30 days vs previous period · by day · Billing, Inbox 2 and 1 more, vip, chat only');
      assert.equal(describeQuery({ ...q, types: ['email', 'chat', 'phone'] }), 'Last 30 days vs previous period · by day');
      assert.equal(describeQuery({ ...q, types: ['email', 'phone'] }), 'Last 30 days vs previous period · by day · email and phone');
    });

    it('lists filters one per line for details', () => {
      assert.deepEqual(describeFilters({ ...q, folders: [9, 10], types: ['email', 'chat'], labels: { folders: { '10': 'Escalations' } } }), [
        'Folders: Folder 9, Escalations',
        'Types: email, chat',
      ]);
      assert.deepEqual(describeFilters(q), []);
    });
  });
});
