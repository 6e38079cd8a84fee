import assert from 'node:assert/strict';
import { createFormatter } from '../../../webview/format';
import { buildHeadline, chartAriaLabel, countingNote, isEmptyReport, isolate } from '../../../webview/summary';
import { comparison, snapshot } from './fixtures';

const f = createFormatter('en-GB', 'UTC');
const strip = (s: string) => s.replace(/[\u2068\u2069]/g, '');

describe('webview/summary', () => {
  it('headline: totals, change in words and the busiest bucket', () => {
    const s = snapshot({ comparison: comparison([100, 1134], [1000, 102]) });
    const h = buildHeadline(s, s.comparison!, f);
    assert.equal(h.current.value, '1,234');
    assert.equal(h.current.detail, '1–31 Oct 2026');
    assert.equal(h.previous?.value, '1,102');
    assert.equal(h.change.glyph, '▲');
    assert.equal(h.change.words, 'up 12%');
    assert.equal(h.change.percentOnly, '12%');
    assert.equal(h.change.absolute, '+132');
    assert.deepEqual(h.peak, { label: 'Busiest day', value: '1,134', detail: 'Fri, 2 Oct 2026' });
    assert.equal(strip(h.sentence), 'Anna Kowalski helped 1,234 customers (counted per day) in 1–31 Oct 2026 — 132 more than in 1–30 Sep 2026 (up 12%).');
  });

  it('headline: fewer, same, new, and no previous period', () => {
    const fewer = snapshot({ comparison: comparison([5], [10]) });
    assert.match(strip(buildHeadline(fewer, fewer.comparison!, f).sentence), /— 5 fewer than in 1–30 Sep 2026 \(down 50%\)\.$/);
    const same = snapshot({ comparison: comparison([5], [5]) });
    assert.match(strip(buildHeadline(same, same.comparison!, f).sentence), /the same as in 1–30 Sep 2026\.$/);
    const fresh = snapshot({ comparison: comparison([1], [0]) });
    const h = buildHeadline(fresh, fresh.comparison!, f);
    assert.equal(h.change.words, 'new');
    assert.match(strip(h.sentence), /helped 1 customer \(counted per day\) in .* none in 1–30 Sep 2026\.$/);
    const alone = snapshot({ previousLabel: undefined, comparison: comparison([3, 4]) });
    const a = buildHeadline(alone, alone.comparison!, f);
    assert.equal(a.previous, null);
    assert.equal(a.change.words, '—');
    assert.equal(strip(a.sentence), 'Anna Kowalski helped 7 customers (counted per day) in 1–31 Oct 2026.');
  });

  it('isolates and clips outside text in the sentence', () => {
    assert.equal(isolate('abc'), '\u2068abc\u2069');
    const s = snapshot({ user: { name: 'x'.repeat(500) }, comparison: comparison([1]) });
    assert.ok(buildHeadline(s, s.comparison!, f).sentence.length < 250);
  });

  it('empty means no buckets, or only zeros in both periods (a drop to zero is data)', () => {
    assert.equal(isEmptyReport(undefined), true);
    assert.equal(isEmptyReport(comparison([])), true);
    assert.equal(isEmptyReport(comparison([0, 0], [0, 0])), true);
    assert.equal(isEmptyReport(comparison([0, 0], [3, 4])), false);
    assert.equal(isEmptyReport(comparison([0, 1])), false);
  });

  it('aria-label summarises the chart in one sentence', () => {
    const s = snapshot({ comparison: comparison([100, 1134], [1000, 102]) });
    assert.equal(
      chartAriaLabel(s, s.comparison!, f),
      'Customers helped by day, 1–31 Oct 2026: 1,234 in total, counted per day, up 12% on the previous period (1–30 Sep 2026), which had 1,102. Busiest day: Fri, 2 Oct 2026 with 1,134.',
    );
    const alone = snapshot({ viewBy: 'week', previousLabel: undefined, comparison: comparison([3]) });
    assert.equal(chartAriaLabel(alone, alone.comparison!, f), 'Customers helped by week, 1–31 Oct 2026: 3 in total, counted per week. Busiest week: Week of 1 Oct 2026 with 3.');
    const down = snapshot({ comparison: comparison([1], [4]) });
    assert.match(chartAriaLabel(down, down.comparison!, f), /down 75% on the previous period/);
  });
});

describe('the counting note', () => {
  it('says that totals add up per-bucket unique counts, in the unit shown', () => {
    assert.match(countingNote('day'), /once per day, so a customer helped in several days counts once for each/);
    assert.match(countingNote('month'), /once per month/);
  });
});
