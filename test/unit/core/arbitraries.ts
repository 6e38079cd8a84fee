import fc from 'fast-check';
import type { CivilDate } from '../../../src/core/calendarDate';

/** A real date, built through Date so the generator does not share the code under test. */
export const civilDateArb = (minYear = 1990, maxYear = 2110): fc.Arbitrary<CivilDate> =>
  fc.integer({ min: Date.UTC(minYear, 0, 1) / 86400000, max: Date.UTC(maxYear, 11, 31) / 86400000 }).map((n) => {
    const t = new Date(n * 86400000);
    return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
  });

export const calendarDateArb = (minYear?: number, maxYear?: number): fc.Arbitrary<string> =>
  civilDateArb(minYear, maxYear).map((d) => new Date(Date.UTC(d.year, d.month - 1, d.day)).toISOString().slice(0, 10));

export const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Santiago',
  'Asia/Beirut',
  'America/Havana',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/St_Johns',
] as const;

/** Whole days between two yyyy-MM-dd dates, computed with Date (an oracle for the tests). */
export const daysFromTo = (a: string, b: string): number => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000;

export const shiftDays = (a: string, n: number): string => new Date(Date.parse(`${a}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
