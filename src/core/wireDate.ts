/**
 * Help Scout's wire format for instants: `yyyy-MM-ddTHH:mm:ssZ`, UTC. Requests must not carry
 * milliseconds (`toISOString()`'s `.000Z` has been reported rejected); responses are read
 * leniently and may carry them.
 */
import { daysInMonth } from './calendarDate';

const WIRE_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** Formats an instant for a request, floored to the whole second. Years must be 0000–9999. */
export function formatWireDate(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`Not a finite instant: ${epochMs}`);
  const d = new Date(Math.floor(epochMs / 1000) * 1000);
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) throw new RangeError(`Instant out of range: ${epochMs}`);
  // toISOString() is `yyyy-MM-ddTHH:mm:ss.sssZ` for years 0–9999.
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** The digit at s[at] as a number, or -1 when it is not 0–9 (NaN past the end fails too). */
function digitAt(s: string, at: number): number {
  const d = s.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The two digits at s[at, at + 2) as a number, or -1. */
function twoDigitsAt(s: string, at: number): number {
  const a = digitAt(s, at);
  const b = digitAt(s, at + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * Whether `s` is `yyyy-MM-ddTHH:mm:ss(.f…)?Z` with between `minFraction` and `maxFraction`
 * (at least 1) fractional digits when it has a fraction, naming an instant that exists: month
 * 1–12, a day the month has (leap years by the proleptic Gregorian rule, as parseWireDate and
 * calendarDate.ts), hour ≤ 23, minute and second ≤ 59. The strings the regex
 * `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{min,max})?Z$` plus those range checks accept, read
 * with charCodeAt: no regex, no substrings, no Date. It runs for every point of every report.
 */
export function isWireDateText(s: string, minFraction: number, maxFraction: number): boolean {
  const length = s.length;
  if (length < 20) return false;
  if (s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 /* T */) return false;
  if (s.charCodeAt(13) !== 58 /* : */ || s.charCodeAt(16) !== 58 || s.charCodeAt(length - 1) !== 90 /* Z */) return false;
  if (length > 20) {
    // '.', the fraction's digits, then the 'Z' checked above.
    const fraction = length - 21;
    if (s.charCodeAt(19) !== 46 /* . */ || fraction < Math.max(1, minFraction) || fraction > maxFraction) return false;
    for (let i = 20; i < length - 1; i++) if (digitAt(s, i) < 0) return false;
  }
  const centuries = twoDigitsAt(s, 0);
  const years = twoDigitsAt(s, 2);
  const month = twoDigitsAt(s, 5);
  const day = twoDigitsAt(s, 8);
  const hour = twoDigitsAt(s, 11);
  const minute = twoDigitsAt(s, 14);
  const second = twoDigitsAt(s, 17);
  // A -1 (not two digits) fails a lower bound: `< 0` for these, `>= 1` for month and day.
  if (centuries < 0 || years < 0 || hour < 0 || minute < 0 || second < 0) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(centuries * 100 + years, month);
}

/**
 * Parses `yyyy-MM-ddTHH:mm:ssZ`, with or without fractional seconds, to epoch ms (fractions
 * beyond milliseconds are dropped). Undefined for anything else, including impossible dates
 * (2026-02-30) and times (24:00:00, leap second :60).
 */
export function parseWireDate(s: string): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = WIRE_DATE.exec(s);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  t.setUTCHours(hour, minute, second, millis);
  return t.getTime();
}
