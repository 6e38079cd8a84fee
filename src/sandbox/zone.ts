/**
 * The sandbox company's calendar: which local day an instant falls on, and the instant a local
 * day begins. Written for the sandbox alone (not src/core's timeZone.ts), so a wrong rule in one
 * is caught by the other. Days are `yyyy-MM-dd` strings, compared as text.
 */
import { utcSeconds } from './wireDate';

const QUARTER_HOUR = 900;
/** Local midnight lies within 14 h before and 12 h after UTC midnight (UTC+14 … UTC−12), plus a DST hour. */
const SEARCH_FROM = -15 * 3600;
const SEARCH_STEPS = (28 * 3600) / QUARTER_HOUR;

const formats = new Map<string, Intl.DateTimeFormat>();
const dayStarts = new Map<string, number>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone. */
export function isKnownZone(timeZone: string): boolean {
  try {
    dayFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local `yyyy-MM-dd` at an instant (epoch seconds). */
export function localDay(epochSeconds: number, timeZone: string): string {
  let year = '';
  let month = '';
  let day = '';
  for (const part of dayFormat(timeZone).formatToParts(new Date(epochSeconds * 1000))) {
    if (part.type === 'year') year = part.value.padStart(4, '0');
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year}-${month}-${day}`;
}

/**
 * The first instant (epoch seconds) of local day `day`. Zones have offsets in whole quarter
 * hours, so a binary search over the quarter hours around UTC midnight finds it, DST gaps at
 * midnight included.
 */
export function startOfLocalDay(day: string, timeZone: string): number {
  const key = `${timeZone}|${day}`;
  const hit = dayStarts.get(key);
  if (hit !== undefined) return hit;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const base = utcSeconds(y, m - 1, d) + SEARCH_FROM;
  let lo = 0;
  let hi = SEARCH_STEPS;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (localDay(base + mid * QUARTER_HOUR, timeZone) >= day) hi = mid;
    else lo = mid + 1;
  }
  const start = base + lo * QUARTER_HOUR;
  if (dayStarts.size > 50_000) dayStarts.clear();
  dayStarts.set(key, start);
  return start;
}

/** `day` moved by whole days, months or years (the day clamped to short months). */
export function shiftDay(day: string, unit: 'day' | 'month', count: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (unit === 'day') return new Date((utcSeconds(y, m - 1, d) + count * 86_400) * 1000).toISOString().slice(0, 10);
  const index = y * 12 + (m - 1) + count;
  const year = Math.floor(index / 12);
  const month0 = index - year * 12;
  const last = new Date(utcSeconds(year, month0 + 1, 0) * 1000).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month0 + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function daysFrom(a: string, b: string): number {
  const seconds = (day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return utcSeconds(y, m - 1, d);
  };
  return Math.round((seconds(b) - seconds(a)) / 86_400);
}
