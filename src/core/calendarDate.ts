/**
 * Calendar dates (`yyyy-MM-dd`) without a time zone: parsing, and day/month/year arithmetic.
 * Internally a date is its day number since 1970-01-01 (the "epoch day"), which makes adding
 * days and counting them exact.
 */
import type { CalendarDate } from './query';

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const MS_PER_DAY = 86_400_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Strict `yyyy-MM-dd` that names a real day (no 2026-02-30, no 2026-13-01). */
export function parseCalendarDate(s: string): CivilDate | undefined {
  const m = CALENDAR_DATE.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatCalendarDate(d: CivilDate): CalendarDate {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** Midnight UTC of the date, in epoch ms. setUTCFullYear avoids Date.UTC's 0–99 → 19xx quirk. */
export function civilToUtcMs(d: CivilDate, hour = 0, minute = 0, second = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  t.setUTCHours(hour, minute, second, 0);
  return t.getTime();
}

export function toEpochDay(d: CivilDate): number {
  return Math.round(civilToUtcMs(d) / MS_PER_DAY);
}

export function fromEpochDay(n: number): CivilDate {
  const t = new Date(n * MS_PER_DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function addDays(d: CivilDate, days: number): CivilDate {
  return fromEpochDay(toEpochDay(d) + days);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function compareCivil(a: CivilDate, b: CivilDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: CivilDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(d) + 4) % 7) + 7) % 7;
}

/** Moves by whole months; a day that does not exist in the target month becomes its last day. */
export function addMonths(d: CivilDate, months: number): CivilDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/** The same date `years` earlier/later; Feb 29 becomes Feb 28 in a common year. */
export function addYears(d: CivilDate, years: number): CivilDate {
  return addMonths(d, years * 12);
}
