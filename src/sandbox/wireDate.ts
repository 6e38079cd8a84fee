/**
 * Help Scout's wire format for dates: `yyyy-MM-ddTHH:mm:ssZ`, UTC, no milliseconds. The sandbox
 * works in epoch seconds internally.
 */

const WIRE_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

export const DAY_SECONDS = 86_400;

/** Epoch seconds, or null when the text is not exactly the wire format or not a real instant. */
export function parseWireDate(text: string): number | null {
  const m = WIRE_DATE.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (day < 1 || day > daysInMonth(year, month - 1)) return null;
  return utcSeconds(year, month - 1, day, hour, minute, second);
}

export function formatWireDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19) + 'Z';
}

/** Like Date.UTC, but years 0–99 stay themselves instead of becoming 1900–1999. */
export function utcSeconds(year: number, month0: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime() / 1000;
}

export function daysInMonth(year: number, month0: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month0] ?? 31;
}

/** `months` calendar months after `epochSeconds`, same time of day, day clamped (Jan 31 + 1 → Feb 28/29). */
export function addMonths(epochSeconds: number, months: number): number {
  const d = new Date(epochSeconds * 1000);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month0));
  return utcSeconds(year, month0, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** Midnight UTC of the day containing the instant. */
export function startOfUtcDay(epochSeconds: number): number {
  return Math.floor(epochSeconds / DAY_SECONDS) * DAY_SECONDS;
}
