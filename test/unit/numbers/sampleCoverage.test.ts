/** The sandbox's data covers every sample report's comparison range in full (three years). */
import * as assert from 'node:assert/strict';
import { getDataset } from '../../../src/sandbox/dataset';

describe('sample data covers the sample reports’ comparisons', () => {
  for (const now of ['2026-12-31T23:00:00Z', '2027-01-01T01:00:00Z', '2028-03-01T12:00:00Z', '2026-12-01T12:00:00Z']) {
    it(`on ${now}: last year against the year before, and 90 days against the same weekdays a year earlier`, () => {
      const d = getDataset(20_190_502, Date.parse(now));
      const year = new Date(now).getUTCFullYear();
      // "Last year" vs the previous calendar year starts on Jan 1 two years back; a day of slack for zones ahead of UTC.
      const yearBefore = Date.UTC(year - 2, 0, 1) / 1000 - 86_400;
      assert.ok(d.start <= yearBefore, `data starts ${new Date(d.start * 1000).toISOString()}, needs ${new Date(yearBefore * 1000).toISOString()}`);
      const weekdaysYearAgo = d.now - (364 + 90 + 1) * 86_400;
      assert.ok(d.start <= weekdaysYearAgo);
      const first = d.conversationsOf(d.users[1]!.id)[0]!;
      assert.ok(first.epochSeconds < yearBefore + 3 * 86_400, 'conversations from the first days on, not an empty first year');
    });
  }
});
