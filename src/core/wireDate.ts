/**
 * Help Scout's wire format for instants: `yyyy-MM-ddTHH:mm:ssZ`, UTC. Requests must not carry
 * milliseconds (`toISOString()`'s `.000Z` has been reported rejected); dates in responses are
 * read leniently (any fraction, `Z` or an offset), since a bucket date is only ever read for the
 * calendar date it starts with.
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

/** Whether s[0, 19) is `yyyy-MM-ddTHH:mm:ss` naming a date and time that exist. */
function isDateTimeAt0(s: string): boolean {
  if (s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 /* T */) return false;
  if (s.charCodeAt(13) !== 58 /* : */ || s.charCodeAt(16) !== 58) return false;
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

/** The index after a run of digits starting at `from`. */
function digitsEnd(s: string, from: number): number {
  let i = from;
  while (i < s.length && digitAt(s, i) >= 0) i++;
  return i;
}

/** Longest response date accepted: 19 + '.' + 30 fractional digits + an offset. */
const MAX_RESPONSE_DATE = 56;

/**
 * The lenient reading, for dates the API sends back: `yyyy-MM-ddTHH:mm:ss`, any number of
 * fractional digits (at least one after a '.'), then `Z` or an offset `±HH:MM` / `±HHMM`
 * (hours ≤ 23, minutes ≤ 59). It runs for every point of every report, hence charCodeAt.
 */
export function isResponseDateText(s: string): boolean {
  const length = s.length;
  if (length < 20 || length > MAX_RESPONSE_DATE || !isDateTimeAt0(s)) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46 /* . */) {
    const end = digitsEnd(s, i + 1);
    if (end === i + 1) return false;
    i = end;
  }
  const sign = s.charCodeAt(i);
  if (sign === 90 /* Z */) return i === length - 1;
  if (sign !== 43 /* + */ && sign !== 45 /* - */) return false;
  const hours = twoDigitsAt(s, i + 1);
  const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
  const minutes = twoDigitsAt(s, i + 3 + colon);
  return hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59 && i + 5 + colon === length;
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
