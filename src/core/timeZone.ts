/**
 * Wall-clock time in an IANA time zone, from Intl alone (no tz database of our own), so the
 * same code runs in node and in browsers. The one hard question it answers: at which UTC
 * instant does a calendar day begin in a zone, DST transitions included.
 */
import { civilToUtcMs, type CivilDate } from './calendarDate';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 100) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '0';
  let year = Number(get('year'));
  if (get('era').startsWith('B')) year = 1 - year;
  return {
    year,
    month: Number(get('month')),
    day: Number(get('day')),
    // Some engines have printed midnight as "24" even with h23.
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    second: Number(get('second')),
  };
}

/** The calendar date in `timeZone` at the instant `epochMs`. */
export function zonedDate(epochMs: number, timeZone: string): CivilDate {
  const w = wallClock(epochMs, timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

/** Local time minus UTC at the instant, in ms (Berlin in summer: +7_200_000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const instant = Math.floor(epochMs / 1000) * 1000;
  const w = wallClock(instant, timeZone);
  return civilToUtcMs(w, w.hour, w.minute, w.second) - instant;
}

const DAY_MS = 86_400_000;

/**
 * The first instant of calendar day `date` in `timeZone`. Usually local midnight; when a DST
 * gap swallows midnight (Santiago, Beirut, Havana move their clocks at 00:00) it is the
 * instant the clocks jump, i.e. the first moment that day exists. When midnight happens twice
 * it is the earlier one.
 */
export function startOfZonedDay(date: CivilDate, timeZone: string): number {
  const wall = civilToUtcMs(date);
  // Offsets a day either side bracket any single transition near this midnight.
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((utc) => utc + zoneOffsetMs(utc, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // Midnight does not exist: with the pre-transition offset we land exactly on the jump.
  return wall - before;
}
