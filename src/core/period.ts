/**
 * What a query's dates mean: presets and comparisons as calendar-day ranges in the user's time
 * zone, the instants those days start and end at, and the Help Scout `viewBy` rules.
 *
 * Decisions (the API documents none of them):
 * - A range is whole local days. It starts at the first instant of its first day and ends
 *   (exclusive) at the first instant of the day after its last day, so DST days are 23 h or 25 h.
 * - "This week/month/quarter/year" and year-to-date run from the period's first day through
 *   today, never into the future (no empty future buckets). thisYear and yearToDate therefore
 *   resolve to the same days; they differ only in their label.
 * - An absolute range may not start after today; a last day after today is clamped to today
 *   (`clamped: true`). The same holds for a custom comparison range.
 * - Range length is counted in calendar days (DST cannot push 60 days over the day-view limit).
 *   `day` needs ≤ 60 days, `month` ≥ 61 days, `week` ≤ 366 days so that a leap year's full
 *   year still allows weeks.
 * - The comparison range is bucketed with the same viewBy, so the viewBy must suit both ranges;
 *   the allowed list is the intersection.
 */
import {
  addDays,
  addMonths,
  addYears,
  compareCivil,
  dayOfWeek,
  daysBetween,
  formatCalendarDate,
  parseCalendarDate,
  type CivilDate,
} from './calendarDate';
import type { FieldProblem } from './errors';
import { orList, problem } from './fieldProblem';
import { VIEW_BYS, type CalendarDate, type Comparison, type DateRange, type RangePreset, type ResolveContext, type ViewBy, type WeekStart } from './query';
import { isValidTimeZone, startOfZonedDay, zonedDate } from './timeZone';

export const MAX_DAYS_FOR_DAY_VIEW = 60;
export const MAX_DAYS_FOR_WEEK_VIEW = 366;
export const MIN_DAYS_FOR_MONTH_VIEW = 61;

/** Whole calendar days, both ends inclusive. */
export interface DayRange {
  start: CalendarDate;
  end: CalendarDate;
}

interface CivilRange {
  start: CivilDate;
  end: CivilDate;
}

/** The viewBy values a range of `days` whole days allows, finest first. */
export function allowedViewBys(days: number): ViewBy[] {
  return VIEW_BYS.filter((v) => {
    switch (v) {
      case 'day':
        return days <= MAX_DAYS_FOR_DAY_VIEW;
      case 'week':
        return days <= MAX_DAYS_FOR_WEEK_VIEW;
      case 'month':
        return days >= MIN_DAYS_FOR_MONTH_VIEW;
    }
  });
}

/**
 * Length in whole days of the instants [start, end). Rounds, so a range of local days that
 * crosses a DST change (an hour more or less) counts as the days it covers. For code that only
 * sees wire instants, such as a server applying the viewBy rules.
 */
export function spanDays(startMs: number, endExclusiveMs: number): number {
  return Math.round((endExclusiveMs - startMs) / 86_400_000);
}

export function dayCount(range: DayRange): number {
  return daysBetween(mustParse(range.start), mustParse(range.end)) + 1;
}

/** Today's calendar date in the zone. */
export function todayIn(now: number, timeZone: string): CalendarDate {
  return formatCalendarDate(zonedDate(now, timeZone));
}

function mustParse(d: CalendarDate): CivilDate {
  const c = parseCalendarDate(d);
  if (!c) throw new RangeError(`Not a calendar date: ${d}`);
  return c;
}

function toDayRange(r: CivilRange): DayRange {
  return { start: formatCalendarDate(r.start), end: formatCalendarDate(r.end) };
}

function startOfWeek(d: CivilDate, weekStart: WeekStart): CivilDate {
  const firstDow = weekStart === 'monday' ? 1 : 0;
  return addDays(d, -((dayOfWeek(d) - firstDow + 7) % 7));
}

function startOfQuarter(d: CivilDate): CivilDate {
  return { year: d.year, month: d.month - ((d.month - 1) % 3), day: 1 };
}

function presetCivil(preset: RangePreset, today: CivilDate, weekStart: WeekStart): CivilRange {
  const lastDays = (n: number): CivilRange => ({ start: addDays(today, -(n - 1)), end: today });
  switch (preset) {
    case 'last7Days':
      return lastDays(7);
    case 'last30Days':
      return lastDays(30);
    case 'last90Days':
      return lastDays(90);
    case 'thisWeek':
      return { start: startOfWeek(today, weekStart), end: today };
    case 'lastWeek': {
      const thisWeek = startOfWeek(today, weekStart);
      return { start: addDays(thisWeek, -7), end: addDays(thisWeek, -1) };
    }
    case 'thisMonth':
      return { start: { ...today, day: 1 }, end: today };
    case 'lastMonth': {
      const first = { ...today, day: 1 };
      return { start: addMonths(first, -1), end: addDays(first, -1) };
    }
    case 'thisQuarter':
      return { start: startOfQuarter(today), end: today };
    case 'lastQuarter': {
      const first = startOfQuarter(today);
      return { start: addMonths(first, -3), end: addDays(first, -1) };
    }
    case 'thisYear':
    case 'yearToDate':
      return { start: { year: today.year, month: 1, day: 1 }, end: today };
    case 'lastYear':
      return { start: { year: today.year - 1, month: 1, day: 1 }, end: { year: today.year - 1, month: 12, day: 31 } };
  }
}

/** The days a preset covers when today is `today`. */
export function presetRange(preset: RangePreset, today: CalendarDate, weekStart: WeekStart): DayRange {
  return toDayRange(presetCivil(preset, mustParse(today), weekStart));
}

function comparisonCivil(comparison: Comparison, current: CivilRange): CivilRange | undefined {
  switch (comparison.kind) {
    case 'none':
      return undefined;
    case 'previousPeriod': {
      const days = daysBetween(current.start, current.end) + 1;
      return { start: addDays(current.start, -days), end: addDays(current.start, -1) };
    }
    case 'previousYear':
      return { start: addYears(current.start, -1), end: addYears(current.end, -1) };
    case 'custom':
      return { start: mustParse(comparison.start), end: mustParse(comparison.end) };
  }
}

/**
 * The comparison days for a current range: previousPeriod is the same number of days ending
 * the day before; previousYear is the same dates a year earlier (Feb 29 → Feb 28).
 */
export function comparisonRange(comparison: Comparison, current: DayRange): DayRange | undefined {
  const r = comparisonCivil(comparison, { start: mustParse(current.start), end: mustParse(current.end) });
  return r && toDayRange(r);
}

/** [start, end) instants of a day range in a zone. */
export function rangeInstants(range: DayRange, timeZone: string): { start: number; end: number } {
  return {
    start: startOfZonedDay(mustParse(range.start), timeZone),
    end: startOfZonedDay(addDays(mustParse(range.end), 1), timeZone),
  };
}

export interface ResolvedRange {
  /** Epoch ms of the first instant of the first day. */
  start: number;
  /** Epoch ms of the first instant after the last day (exclusive). */
  end: number;
  /** Calendar days covered. */
  days: number;
  firstDay: CalendarDate;
  lastDay: CalendarDate;
  /** The requested last day was after today and was moved to today. */
  clamped: boolean;
}

export interface ResolvedPeriods {
  current: ResolvedRange;
  previous?: ResolvedRange;
  viewBy: ViewBy;
  /** Finest first; what both ranges allow. */
  allowedViewBy: ViewBy[];
}

export type PeriodResolution = { ok: true; periods: ResolvedPeriods } | { ok: false; problems: FieldProblem[] };

function checkContext(ctx: ResolveContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof ctx.now !== 'number' || !Number.isFinite(ctx.now)) {
    problems.push(problem('now', ctx.now, 'a finite epoch time in milliseconds'));
  }
  if (!isValidTimeZone(ctx.timeZone)) {
    problems.push(problem('timeZone', ctx.timeZone, 'an IANA time zone such as Europe/Berlin or UTC'));
  }
  if (ctx.weekStart !== 'monday' && ctx.weekStart !== 'sunday') {
    problems.push(problem('weekStart', ctx.weekStart, 'monday or sunday'));
  }
  return problems;
}

/**
 * Checks an explicit range (start ≤ end, starts no later than today) and clamps its end to
 * today. Adds problems under `field.start` / `field.end`.
 */
function checkExplicitRange(
  field: string,
  startText: CalendarDate,
  endText: CalendarDate,
  today: CivilDate,
  problems: FieldProblem[],
): { range: CivilRange; clamped: boolean } | undefined {
  const start = parseCalendarDate(startText);
  const end = parseCalendarDate(endText);
  if (!start) problems.push(problem(`${field}.start`, startText, 'a real date written yyyy-MM-dd'));
  if (!end) problems.push(problem(`${field}.end`, endText, 'a real date written yyyy-MM-dd'));
  if (!start || !end) return undefined;
  let ok = true;
  if (compareCivil(end, start) < 0) {
    problems.push(problem(`${field}.end`, endText, `a date on or after the start date ${startText}`));
    ok = false;
  }
  if (compareCivil(start, today) > 0) {
    problems.push(
      problem(`${field}.start`, startText, `a date on or before today (${formatCalendarDate(today)}); ranges in the future have no data`),
    );
    ok = false;
  }
  if (!ok) return undefined;
  const clamped = compareCivil(end, today) > 0;
  return { range: { start, end: clamped ? today : end }, clamped };
}

function resolveRange(r: CivilRange, clamped: boolean, timeZone: string): ResolvedRange {
  const days = toDayRange(r);
  const { start, end } = rangeInstants(days, timeZone);
  return { start, end, days: daysBetween(r.start, r.end) + 1, firstDay: days.start, lastDay: days.end, clamped };
}

/**
 * Resolves the date parts of a query against a clock, zone and week start. Collects every
 * problem it finds rather than stopping at the first.
 */
export function resolvePeriods(
  query: { range: DateRange; comparison: Comparison; viewBy?: ViewBy },
  ctx: ResolveContext,
): PeriodResolution {
  const problems = checkContext(ctx);
  if (problems.length > 0) return { ok: false, problems };
  const today = zonedDate(ctx.now, ctx.timeZone);

  let current: { range: CivilRange; clamped: boolean } | undefined;
  if (query.range.kind === 'preset') {
    current = { range: presetCivil(query.range.preset, today, ctx.weekStart), clamped: false };
  } else {
    current = checkExplicitRange('range', query.range.start, query.range.end, today, problems);
  }

  let previous: { range: CivilRange; clamped: boolean } | undefined;
  if (query.comparison.kind === 'custom') {
    previous = checkExplicitRange('comparison', query.comparison.start, query.comparison.end, today, problems);
  } else if (current) {
    const r = comparisonCivil(query.comparison, current.range);
    previous = r && { range: r, clamped: false };
  }

  if (!current) return { ok: false, problems };

  const currentDays = daysBetween(current.range.start, current.range.end) + 1;
  const currentAllowed = allowedViewBys(currentDays);
  let allowed = currentAllowed;
  let allowedWhy = `a ${currentDays}-day range allows ${currentAllowed.length > 1 ? 'these' : 'this'}`;
  if (previous) {
    const previousDays = daysBetween(previous.range.start, previous.range.end) + 1;
    const previousAllowed = allowedViewBys(previousDays);
    allowed = currentAllowed.filter((v) => previousAllowed.includes(v));
    if (allowed.length === 0) {
      problems.push({
        field: 'comparison',
        value: `${previousDays} days`,
        allowed: `a comparison range that shares a resolution with the ${currentDays}-day range (${orList(currentAllowed)})`,
      });
    } else if (allowed.length < currentAllowed.length) {
      allowedWhy = `a ${currentDays}-day range compared with a ${previousDays}-day range allows ${allowed.length > 1 ? 'these' : 'this'}`;
    }
  }

  if (query.viewBy !== undefined && allowed.length > 0 && !allowed.includes(query.viewBy)) {
    problems.push(problem('viewBy', query.viewBy, `${orList(allowed)} (${allowedWhy})`));
  }

  const viewBy = query.viewBy ?? allowed[0];
  if (problems.length > 0 || viewBy === undefined) return { ok: false, problems };

  const periods: ResolvedPeriods = {
    current: resolveRange(current.range, current.clamped, ctx.timeZone),
    viewBy,
    allowedViewBy: allowed,
  };
  if (previous) periods.previous = resolveRange(previous.range, previous.clamped, ctx.timeZone);
  return { ok: true, periods };
}
