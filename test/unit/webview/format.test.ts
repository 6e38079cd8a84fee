import assert from 'node:assert/strict';
import { clip, createFormatter, describeChange, bucketInstant, safeLocale, safeTimeZone } from '../../../webview/format';

describe('webview/format', () => {
  const f = createFormatter('en-GB', 'UTC');

  it('formats counts and signed differences with the locale', () => {
    assert.equal(f.number(1234), '1,234');
    assert.equal(createFormatter('de-DE', 'UTC').number(1234), '1.234');
    assert.equal(f.signed(12), '+12');
    assert.equal(f.signed(-3), '\u22123');
    assert.equal(f.signed(0), '0');
    assert.equal(f.number(NaN), '—');
  });

  it('formats percentages from percentage points, without a sign', () => {
    assert.equal(f.percent(12.5), '12.5%');
    assert.equal(f.percent(-7.25), '7.3%');
    assert.equal(f.percent(0), '0%');
    assert.equal(f.percent(250.4), '250%');
    assert.match(createFormatter('de-DE', 'UTC').percent(12.5), /^12,5\s?%$/);
  });

  it('describes changes in words and glyphs, never by colour alone', () => {
    assert.deepEqual(f.change({ absolute: 132, percent: 12, isNew: false }), { direction: 'up', glyph: '▲', words: 'up 12%', absolute: '+132' });
    assert.deepEqual(f.change({ absolute: -5, percent: -50, isNew: false }), { direction: 'down', glyph: '▼', words: 'down 50%', absolute: '\u22125' });
    assert.deepEqual(f.change({ absolute: 4, percent: null, isNew: true }), { direction: 'new', glyph: '★', words: 'new', absolute: '+4' });
    assert.deepEqual(f.change({ absolute: 0, percent: 0, isNew: false }), { direction: 'flat', glyph: '=', words: 'no change', absolute: '0' });
    assert.deepEqual(f.change(null), { direction: 'none', glyph: '', words: '—', absolute: '—' });
    assert.deepEqual(f.change(undefined).words, '—');
    // 0 → 0 is "no change", not "new".
    assert.equal(describeChange({ absolute: 0, percent: null, isNew: false }, f).direction, 'flat');
    // A side missing: percent null, not new.
    assert.equal(describeChange({ absolute: -3, percent: null, isNew: false }, f).words, 'down');
  });

  it('labels buckets per viewBy in the locale and time zone', () => {
    assert.equal(f.bucket('2026-11-02T00:00:00Z', 'day'), 'Mon 2 Nov');
    assert.equal(f.bucket('2026-11-02T00:00:00Z', 'week'), '2 Nov');
    assert.equal(f.bucket('2026-11-01T00:00:00Z', 'month'), 'Nov 2026');
    assert.equal(f.bucketLong('2026-11-02T00:00:00Z', 'day'), 'Mon, 2 Nov 2026');
    assert.equal(f.bucketLong('2026-11-02T00:00:00Z', 'week'), 'Week of 2 Nov 2026');
    assert.equal(f.bucketLong('2026-11-01T00:00:00Z', 'month'), 'November 2026');
    // A bucket's date is the calendar date it names, not an instant: 23:00Z on the 1st is the 1st in Berlin too.
    assert.equal(createFormatter('en-GB', 'Europe/Berlin').bucket('2026-11-01T23:00:00Z', 'day'), 'Sun 1 Nov');
    // A bare calendar date never shifts, whatever the zone.
    assert.equal(createFormatter('en-GB', 'America/Los_Angeles').bucket('2026-11-02', 'day'), 'Mon 2 Nov');
    assert.equal(f.bucket(null, 'day'), '—');
    assert.equal(f.bucket('not a date', 'day'), '—');
    assert.equal(f.bucket('', 'day'), '—');
  });

  it('says how long ago data was fetched, and gives the full timestamp', () => {
    const now = Date.parse('2026-11-03T10:00:00Z');
    assert.equal(f.relative('2026-11-03T09:59:50Z', now), 'now');
    assert.equal(f.relative('2026-11-03T09:55:00Z', now), '5 minutes ago');
    assert.equal(f.relative('2026-11-03T07:00:00Z', now), '3 hours ago');
    assert.equal(f.relative('2026-11-02T08:00:00Z', now), 'yesterday');
    assert.equal(f.relative('garbage', now), null);
    assert.equal(f.relative(undefined, now), null);
    assert.match(f.timestamp('2026-11-03T09:55:00Z') ?? '', /Tuesday,? 3 November 2026.*09:55:00/);
    assert.equal(f.timestamp('nope'), null);
  });

  it('survives a locale or time zone Intl does not know', () => {
    assert.equal(safeLocale('not a locale!!'), 'en');
    assert.equal(safeTimeZone('Mars/Olympus_Mons'), 'UTC');
    const odd = createFormatter('not a locale!!', 'Mars/Olympus_Mons');
    assert.equal(odd.number(1000), '1,000');
    assert.equal(odd.timeZone, 'UTC');
  });

  it('reads a bucket date as the calendar date it names', () => {
    assert.equal(bucketInstant('2026-10-01'), Date.UTC(2026, 9, 1));
    assert.equal(bucketInstant('2026-10-01T12:00:00Z'), Date.UTC(2026, 9, 1));
    assert.equal(bucketInstant('2026-10-01T23:30:00.5-05:00'), Date.UTC(2026, 9, 1));
    assert.equal(bucketInstant('2026-02-30T12:00:00Z'), null);
    assert.equal(bucketInstant('x'.repeat(100)), null);
  });

  it('labels a bucket with its own day in every zone from UTC−12 to UTC+14', () => {
    for (const zone of ['Etc/GMT+12', 'Pacific/Pago_Pago', 'UTC', 'Asia/Kathmandu', 'Pacific/Kiritimati']) {
      const g = createFormatter('en-GB', zone);
      assert.equal(g.bucket('2026-10-01T12:00:00Z', 'day'), 'Thu 1 Oct', zone);
      assert.equal(g.bucketLong('2026-10-31T12:00:00Z', 'day'), 'Sat, 31 Oct 2026', zone);
      assert.equal(g.bucketWithYear('2025-09-03T12:00:00Z', 'week'), '3 Sept 2025', zone);
    }
  });

  it('clips long text by characters, not UTF-16 halves', () => {
    assert.equal(clip('short', 10), 'short');
    assert.equal(clip('abcdefghij', 5), 'abcd…');
    assert.equal(clip('😀'.repeat(10), 4), '😀😀😀…');
  });
});
