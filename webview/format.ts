/**
 * Numbers, percentages, bucket dates and "fetched X ago", formatted for the snapshot's locale and
 * time zone. Pure: every function takes what it needs; nothing reads the DOM or the clock.
 */
import type { Change } from '../src/core/comparison';
import { bucketDay } from '../src/core/buckets';
import { roundPercent } from '../src/core/percent';
import type { ViewBy } from '../src/core/query';

export type Direction = 'up' | 'down' | 'flat' | 'new' | 'none';

/** How a change reads: a glyph (so colour is never the only cue) and words. */
export interface ChangeText {
  direction: Direction;
  /** ▲ ▼ = ★ or "" for none. */
  glyph: string;
  /** "up 12.5%", "down 3%", "no change", "new", "—". */
  words: string;
  /** "+132", "−4", "0", or "—". */
  absolute: string;
}

export interface Formatter {
  readonly locale: string;
  readonly timeZone: string;
  /** 1,234 */
  number(n: number): string;
  /** 12.4: one decimal at most, for averages such as customers per day. */
  decimal(n: number): string;
  /** +12 / −3 / 0 */
  signed(n: number): string;
  /** 12.5 (percentage points) → "12.5%" */
  percent(p: number): string;
  /** Short bucket label: day "Mon 3 Nov", week "3 Nov", month "Nov 2026". "—" when missing/invalid. */
  bucket(date: string | null | undefined, viewBy: ViewBy): string;
  /** Short bucket label with the year, for a side in another year: "Wed 3 Sep 2025", "3 Sep 2025". */
  bucketWithYear(date: string | null | undefined, viewBy: ViewBy): string;
  /** Long bucket label with the year: "Mon 3 Nov 2026", "Week of 3 Nov 2026", "November 2026". */
  bucketLong(date: string | null | undefined, viewBy: ViewBy): string;
  /** Full local timestamp for a title attribute, or null when invalid. */
  timestamp(iso: string | null | undefined): string | null;
  /** "5 minutes ago", "yesterday"; null when invalid. */
  relative(iso: string | null | undefined, nowMs: number): string | null;
  change(change: Change | null | undefined): ChangeText;
}

/** "3 of 7 days": how much of its week or month a partial bucket covers. */
export function coverageText(coverage: { days: number; of: number }): string {
  return `${coverage.days} of ${coverage.of} ${coverage.of === 1 ? 'day' : 'days'}`;
}

/** Shortens text for places that must stay one glance long (sentences, captions, legends). */
export { clipText as clip } from '../src/core/clipText';

/**
 * A bucket date as an instant to format in UTC: the calendar date the API's date names
 * (buckets.ts) at midnight UTC, so it shows as that day whatever the viewer's zone.
 */
export function bucketInstant(date: string | null | undefined): number | null {
  const day = bucketDay(date);
  return day === null ? null : Date.parse(`${day}T00:00:00Z`);
}

/** A locale Intl accepts, falling back to "en". */
export function safeLocale(locale: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}

/** A time zone Intl accepts, falling back to UTC. */
export function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

const MINUS = '\u2212';

export function createFormatter(requestedLocale: string, requestedTimeZone: string): Formatter {
  const locale = safeLocale(requestedLocale);
  const timeZone = safeTimeZone(requestedTimeZone);
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const dateFormats = new Map<string, Intl.DateTimeFormat>();

  const dtf = (key: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
    const id = `${key}|${zone}`;
    let format = dateFormats.get(id);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
      dateFormats.set(id, format);
    }
    return format;
  };

  const SHORT: Record<ViewBy, Intl.DateTimeFormatOptions> = {
    day: { weekday: 'short', day: 'numeric', month: 'short' },
    week: { day: 'numeric', month: 'short' },
    month: { month: 'short', year: 'numeric' },
  };
  const WITH_YEAR: Record<ViewBy, Intl.DateTimeFormatOptions> = {
    day: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
    week: { day: 'numeric', month: 'short', year: 'numeric' },
    month: { month: 'short', year: 'numeric' },
  };
  const LONG: Record<ViewBy, Intl.DateTimeFormatOptions> = {
    day: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
    week: { day: 'numeric', month: 'short', year: 'numeric' },
    month: { month: 'long', year: 'numeric' },
  };

  const number = (n: number): string => (Number.isFinite(n) ? integer.format(n) : '—');
  const signed = (n: number): string => {
    if (!Number.isFinite(n)) return '—';
    if (n === 0) return integer.format(0);
    return (n > 0 ? '+' : MINUS) + integer.format(Math.abs(n));
  };
  const percent = (p: number): string => {
    if (!Number.isFinite(p)) return '—';
    return pct.format(Math.abs(roundPercent(p)) / 100);
  };

  return {
    locale,
    timeZone,
    number,
    decimal: (n: number) => (Number.isFinite(n) ? oneDecimal.format(n) : '—'),
    signed,
    percent,
    bucket(date, viewBy) {
      const ms = bucketInstant(date);
      return ms === null ? '—' : dtf(`s-${viewBy}`, 'UTC', SHORT[viewBy]).format(ms);
    },
    bucketWithYear(date, viewBy) {
      const ms = bucketInstant(date);
      return ms === null ? '—' : dtf(`y-${viewBy}`, 'UTC', WITH_YEAR[viewBy]).format(ms);
    },
    bucketLong(date, viewBy) {
      const ms = bucketInstant(date);
      if (ms === null) return '—';
      const text = dtf(`l-${viewBy}`, 'UTC', LONG[viewBy]).format(ms);
      return viewBy === 'week' ? `Week of ${text}` : text;
    },
    timestamp(iso) {
      const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
      if (!Number.isFinite(ms)) return null;
      return dtf('ts', timeZone, { dateStyle: 'full', timeStyle: 'long' }).format(ms);
    },
    relative(iso, nowMs) {
      const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
      if (!Number.isFinite(ms) || !Number.isFinite(nowMs)) return null;
      return relativeText(rtf, ms - nowMs);
    },
    change(change) {
      return describeChange(change, { signed, percent });
    },
  };
}

/** Picks the unit a person would: "now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function relativeText(rtf: Intl.RelativeTimeFormat, deltaMs: number): string {
  const seconds = Math.round(deltaMs / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(0, 'second');
  const steps: Array<[Intl.RelativeTimeFormatUnit, number, number]> = [
    ['minute', 60, 45 * 60],
    ['hour', 3600, 22 * 3600],
    ['day', 86400, 6 * 86400],
    ['week', 7 * 86400, 28 * 86400],
    ['month', 30 * 86400, 330 * 86400],
  ];
  for (const [unit, size, limit] of steps) {
    if (abs < limit) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds / (365 * 86400)), 'year');
}

export function describeChange(
  change: Change | null | undefined,
  f: { signed(n: number): string; percent(p: number): string },
): ChangeText {
  if (!change || !Number.isFinite(change.absolute)) {
    return { direction: 'none', glyph: '', words: '—', absolute: '—' };
  }
  const absolute = f.signed(change.absolute);
  if (change.isNew) return { direction: 'new', glyph: '★', words: 'new', absolute };
  if (change.absolute === 0 && (change.percent === null || change.percent === 0)) {
    return { direction: 'flat', glyph: '=', words: 'no change', absolute };
  }
  const up = change.absolute > 0 || (change.absolute === 0 && (change.percent ?? 0) > 0);
  const direction: Direction = up ? 'up' : 'down';
  const glyph = up ? '▲' : '▼';
  const words =
    change.percent === null || !Number.isFinite(change.percent)
      ? up
        ? 'up'
        : 'down'
      : `${up ? 'up' : 'down'} ${f.percent(change.percent)}`;
  return { direction, glyph, words, absolute };
}
