/**
 * What a bucket of a report stands for. Help Scout dates each bucket at the noon of its first day
 * (`2016-08-01T12:00:00Z`), so the date is read as the calendar date it names, never as an instant
 * to move into the viewer's zone: the same day in every zone from UTC−12 to UTC+14.
 *
 * A first or last bucket can cover only part of its week or month (the range starts mid-week, or
 * ends today): `bucketCoverage` says how many of its days are inside the range.
 */
import { addDays, addMonths, compareCivil, daysBetween, parseCalendarDate, type CivilDate } from './calendarDate';
import type { CalendarDate, ViewBy } from './query';

/** The calendar date a bucket's API date names (its `yyyy-MM-dd`), or null when it names none. */
export function bucketDay(date: string | null | undefined): CalendarDate | null {
  if (typeof date !== 'string' || date.length < 10) return null;
  const day = date.slice(0, 10);
  return parseCalendarDate(day) && (date.length === 10 || date[10] === 'T') ? day : null;
}

/** Days of a bucket inside the range, out of the days its week or month has. */
export interface BucketCoverage {
  days: number;
  of: number;
}

/** The inclusive local days a range covers. */
export interface DaySpan {
  firstDay: CalendarDate;
  lastDay: CalendarDate;
}

function lastDayOf(first: CivilDate, viewBy: ViewBy): CivilDate {
  switch (viewBy) {
    case 'day':
      return first;
    case 'week':
      return addDays(first, 6);
    case 'month':
      return addDays(addMonths(first, 1), -1);
  }
}

const later = (a: CivilDate, b: CivilDate): CivilDate => (compareCivil(a, b) >= 0 ? a : b);
const earlier = (a: CivilDate, b: CivilDate): CivilDate => (compareCivil(a, b) <= 0 ? a : b);

/**
 * For each bucket (by its API date, in order), the part of it inside `range`, or null when it is
 * whole or its date is unreadable. A bucket ends where the next one starts, at the end of its
 * week or month, or at the range's last day, whichever comes first.
 */
export function bucketCoverage(dates: readonly (string | null)[], range: DaySpan, viewBy: ViewBy): (BucketCoverage | null)[] {
  const first = parseCalendarDate(range.firstDay);
  const last = parseCalendarDate(range.lastDay);
  const days = dates.map((d) => {
    const day = bucketDay(d);
    return day === null ? undefined : parseCalendarDate(day);
  });
  return days.map((start, i) => {
    if (!start || !first || !last || viewBy === 'day') return null;
    const nominalEnd = lastDayOf(start, viewBy);
    const next = days[i + 1];
    let end = earlier(nominalEnd, last);
    if (next && compareCivil(next, start) > 0) end = earlier(end, addDays(next, -1));
    const covered = Math.max(0, daysBetween(later(start, first), end) + 1);
    const of = daysBetween(start, nominalEnd) + 1;
    return covered < of ? { days: covered, of } : null;
  });
}
