/**
 * A deliberately naive reference for what a report's numbers must be. It imports nothing from
 * src/ or webview/: dates are `yyyy-MM-dd` strings stepped with Date in UTC, local midnight is
 * found by scanning quarter hours with Intl, and percentages are rounded with integer arithmetic.
 * Slow and obvious on purpose.
 */

export type Unit = 'day' | 'week' | 'month';

const DAY = 86_400_000;

export function ms(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function plusDays(d: string, n: number): string {
  return day(ms(d) + n * DAY);
}

export function daysIncl(first: string, last: string): number {
  return Math.round((ms(last) - ms(first)) / DAY) + 1;
}

/** Same day-of-month `n` months later, or the month's last day when it has no such day. */
export function plusMonths(d: string, n: number): string {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(2000, 0, 1));
  target.setUTCFullYear(y, m - 1 + n, 1);
  const lastDay = new Date(Date.UTC(2000, 0, 1));
  lastDay.setUTCFullYear(target.getUTCFullYear(), target.getUTCMonth() + 1, 0);
  target.setUTCDate(Math.min(dd, lastDay.getUTCDate()));
  return day(target.getTime());
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local date at an instant, from Intl's parts. */
export function localDate(t: number, zone: string): string {
  let format = formats.get(zone);
  if (!format) formats.set(zone, (format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const parts = format.formatToParts(new Date(t));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** The first instant whose local date is `d`, scanning every quarter hour from UTC midnight − 15 h. */
export function localMidnight(d: string, zone: string): number {
  for (let t = ms(d) - 15 * 3_600_000; t < ms(d) + 15 * 3_600_000; t += 900_000) {
    if (localDate(t, zone) === d) return t;
  }
  throw new Error(`no midnight for ${d} in ${zone}`);
}

export function wire(t: number): string {
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
}

function dow(d: string): number {
  return new Date(ms(d)).getUTCDay();
}

export interface Days {
  first: string;
  last: string;
}

/** The days a preset covers on `today`, one branch per preset. */
export function presetDays(preset: string, today: string, weekStart: 'monday' | 'sunday'): Days {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const monthStart = `${today.slice(0, 7)}-01`;
  const quarterMonth = m - ((m - 1) % 3);
  const quarterStart = `${String(y).padStart(4, '0')}-${String(quarterMonth).padStart(2, '0')}-01`;
  const back = (dow(today) - (weekStart === 'monday' ? 1 : 0) + 7) % 7;
  const weekFirst = plusDays(today, -back);
  const yearStart = `${String(y).padStart(4, '0')}-01-01`;
  switch (preset) {
    case 'last7Days':
      return { first: plusDays(today, -6), last: today };
    case 'last30Days':
      return { first: plusDays(today, -29), last: today };
    case 'last90Days':
      return { first: plusDays(today, -89), last: today };
    case 'thisWeek':
      return { first: weekFirst, last: today };
    case 'lastWeek':
      return { first: plusDays(weekFirst, -7), last: plusDays(weekFirst, -1) };
    case 'thisMonth':
      return { first: monthStart, last: today };
    case 'lastMonth':
      return { first: plusMonths(monthStart, -1), last: plusDays(monthStart, -1) };
    case 'thisQuarter':
      return { first: quarterStart, last: today };
    case 'lastQuarter':
      return { first: plusMonths(quarterStart, -3), last: plusDays(quarterStart, -1) };
    case 'thisYear':
    case 'yearToDate':
      return { first: yearStart, last: today };
    case 'lastYear':
      return { first: `${String(y - 1).padStart(4, '0')}-01-01`, last: `${String(y - 1).padStart(4, '0')}-12-31` };
  }
  throw new Error(preset);
}

const CALENDAR: Record<string, 'week' | 'month' | 'quarter' | 'year'> = {
  thisWeek: 'week',
  lastWeek: 'week',
  thisMonth: 'month',
  lastMonth: 'month',
  thisQuarter: 'quarter',
  lastQuarter: 'quarter',
  thisYear: 'year',
  lastYear: 'year',
  yearToDate: 'year',
};

/** The comparison days; null for none; 'invalid' for a calendar comparison without a calendar preset. */
export function comparisonDays(kind: string, current: Days, preset: string | undefined): Days | null | 'invalid' {
  const n = daysIncl(current.first, current.last);
  const shifted = (first: string): Days => ({ first, last: plusDays(first, n - 1) });
  switch (kind) {
    case 'none':
      return null;
    case 'previousPeriod':
      return shifted(plusDays(current.first, -n));
    case 'previousPeriodSameWeekdays': {
      let back = 7;
      while (back < n) back += 7;
      return shifted(plusDays(current.first, -back));
    }
    case 'previousYear':
      return shifted(plusMonths(current.first, -12));
    case 'sameWeekdaysLastYear':
      return shifted(plusDays(current.first, -364));
    case 'previousCalendarPeriod': {
      const unit = preset === undefined ? undefined : CALENDAR[preset];
      if (!unit) return 'invalid';
      if (unit === 'week') return { first: plusDays(current.first, -7), last: plusDays(current.first, -1) };
      const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
      const first = unit === 'year' ? `${current.first.slice(0, 4)}-01-01` : unit === 'quarter' ? current.first : `${current.first.slice(0, 7)}-01`;
      return { first: plusMonths(first, -months), last: plusDays(first, -1) };
    }
  }
  throw new Error(kind);
}

/** The viewBys a range allows on both readings (calendar days and hours; week ≤ one year). */
export function allowedUnits(d: Days, zone: string): Unit[] {
  const n = daysIncl(d.first, d.last);
  const start = localMidnight(d.first, zone);
  const end = localMidnight(plusDays(d.last, 1), zone);
  const hours = (end - start) / 3_600_000;
  const out: Unit[] = [];
  if (n <= 60 && hours <= 60 * 24) out.push('day');
  const s = new Date(start);
  const yearLater = new Date(start);
  yearLater.setUTCFullYear(s.getUTCFullYear() + 1);
  if (yearLater.getUTCDate() !== s.getUTCDate()) yearLater.setUTCDate(0); // Feb 29 → Feb 28
  if (ms(plusDays(d.last, 1)) <= ms(plusMonths(d.first, 12)) && end <= yearLater.getTime()) out.push('week');
  if (n >= 61 && hours >= 61 * 24) out.push('month');
  return out;
}

/** First days of the buckets of a range, counted from its first day. */
export function bucketFirstDays(d: Days, unit: Unit): string[] {
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const first = unit === 'month' ? plusMonths(d.first, i) : plusDays(d.first, unit === 'week' ? 7 * i : i);
    if (ms(first) > ms(d.last)) return out;
    out.push(first);
  }
}

/** Days of bucket i inside the range, and the days its week or month has. */
export function coverage(firsts: string[], i: number, d: Days, unit: Unit): { days: number; of: number } {
  const first = firsts[i] as string;
  const nominalLast = unit === 'day' ? first : unit === 'week' ? plusDays(first, 6) : plusDays(plusMonths(first, 1), -1);
  let last = nominalLast;
  const next = firsts[i + 1];
  if (next !== undefined && ms(plusDays(next, -1)) < ms(last)) last = plusDays(next, -1);
  if (ms(d.last) < ms(last)) last = d.last;
  return { days: daysIncl(first, last), of: daysIncl(first, nominalLast) };
}

/**
 * The rounded percentage change from `previous` to `current` (integers, previous > 0): one
 * decimal below 100 %, whole from 100 % on, halves away from zero. Integer arithmetic only.
 */
export function roundedPercent(current: number, previous: number): number {
  const diff = current - previous;
  const whole = Math.abs(diff) >= previous;
  const scale = whole ? 100 : 1000; // percent × 1 or percent × 10
  const numerator = Math.abs(diff) * scale;
  const rounded = Math.floor((2 * numerator + previous) / (2 * previous));
  const value = whole ? rounded : rounded / 10;
  return diff < 0 && value !== 0 ? -value : value;
}
