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
