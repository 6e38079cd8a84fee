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
 * - Every comparison but previousCalendarPeriod and custom has the current range's number of
 *   days, so bucket i of one side is the same weekday or date offset as bucket i of the other.
 * - Help Scout does not say whether its limits count calendar days or hours between the
 *   instants sent, so both readings must pass: `day` needs ≤ 60 calendar days and ≤ 60 × 24 h,
 *   `month` ≥ 61 calendar days and ≥ 61 × 24 h, `week` an end no later than the start plus one
 *   year (as calendar days in the zone and as UTC instants). Across a DST change the day and
 *   month limits move by a day; `viewByNote` says so.
 * - The comparison range is bucketed with the same viewBy, so the viewBy must suit both ranges;
 *   the allowed list is the intersection.
 */
import {
  addDays,
  addMonths,
  addYears,
  civilToUtcMs,
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
export const MIN_DAYS_FOR_MONTH_VIEW = 61;
const DAY_MS = 86_400_000;

/** Whole calendar days, both ends inclusive. */
export interface DayRange {
  start: CalendarDate;
  end: CalendarDate;
}

interface CivilRange {
  start: CivilDate;
  end: CivilDate;
}

/** What the viewBy rules look at: the range's local days and the instants sent for it. */
export interface RangeExtent {
  firstDay: CalendarDate;
  days: number;
  start: number;
  end: number;
}

/** The same UTC wall-clock time one calendar year later (Feb 29 → Feb 28). */
function oneUtcYearLater(ms: number): number {
  const t = new Date(ms);
  const next = addYears({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() }, 1);
  return civilToUtcMs(next, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()) + t.getUTCMilliseconds();
}

function calendarAllows(viewBy: ViewBy, r: RangeExtent): boolean {
  switch (viewBy) {
    case 'day':
      return r.days <= MAX_DAYS_FOR_DAY_VIEW;
    case 'month':
      return r.days >= MIN_DAYS_FOR_MONTH_VIEW;
    case 'week': {
      const first = mustParse(r.firstDay);
      return r.days <= daysBetween(first, addYears(first, 1));
    }
  }
}

function instantsAllow(viewBy: ViewBy, r: RangeExtent): boolean {
  switch (viewBy) {
    case 'day':
      return r.end - r.start <= MAX_DAYS_FOR_DAY_VIEW * DAY_MS;
    case 'month':
      return r.end - r.start >= MIN_DAYS_FOR_MONTH_VIEW * DAY_MS;
    case 'week':
      return r.end <= oneUtcYearLater(r.start);
  }
}

/** The viewBy values a range allows on every reading of the limits, finest first. */
export function allowedViewBys(r: RangeExtent): ViewBy[] {
  return VIEW_BYS.filter((v) => calendarAllows(v, r) && instantsAllow(v, r));
}

/** The viewBy values its calendar days allow but its hours (a DST change) do not. */
export function viewBysLostToDst(r: RangeExtent): ViewBy[] {
  return VIEW_BYS.filter((v) => calendarAllows(v, r) && !instantsAllow(v, r));
}

const DST_HINT: Record<ViewBy, string> = {
  day: `a daylight-saving change makes it an hour longer than ${MAX_DAYS_FOR_DAY_VIEW} × 24 h, so "by day" needs a day less`,
  week: 'a daylight-saving change makes it an hour longer than a year, so "by week" needs a day less',
  month: `a daylight-saving change makes it an hour shorter than ${MIN_DAYS_FOR_MONTH_VIEW} × 24 h, so "by month" needs a day more`,
};

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

/** The calendar unit a preset is one of (this or last …), for previousCalendarPeriod. */
type CalendarUnit = 'week' | 'month' | 'quarter' | 'year';

export function calendarUnitOf(range: DateRange): CalendarUnit | undefined {
  if (range.kind !== 'preset') return undefined;
  switch (range.preset) {
    case 'thisWeek':
    case 'lastWeek':
      return 'week';
    case 'thisMonth':
    case 'lastMonth':
      return 'month';
    case 'thisQuarter':
    case 'lastQuarter':
      return 'quarter';
    case 'thisYear':
    case 'lastYear':
    case 'yearToDate':
      return 'year';
    default:
      return undefined;
  }
}

/** The whole calendar unit before the one `current` starts in. */
function previousCalendarCivil(unit: CalendarUnit, current: CivilRange): CivilRange {
  switch (unit) {
    case 'week':
      return { start: addDays(current.start, -7), end: addDays(current.start, -1) };
    case 'month': {
      const first = { ...current.start, day: 1 };
      return { start: addMonths(first, -1), end: addDays(first, -1) };
    }
    case 'quarter': {
      const first = startOfQuarter(current.start);
      return { start: addMonths(first, -3), end: addDays(first, -1) };
    }
    case 'year':
      return { start: { year: current.start.year - 1, month: 1, day: 1 }, end: { year: current.start.year - 1, month: 12, day: 31 } };
  }
}

/** `days` days from `start`. */
function sameLength(start: CivilDate, days: number): CivilRange {
  return { start, end: addDays(start, days - 1) };
}

/** undefined for none, and for previousCalendarPeriod when `unit` is undefined. */
function comparisonCivil(comparison: Comparison, current: CivilRange, unit: CalendarUnit | undefined): CivilRange | undefined {
  const days = daysBetween(current.start, current.end) + 1;
  switch (comparison.kind) {
    case 'none':
      return undefined;
    case 'previousPeriod':
      return sameLength(addDays(current.start, -days), days);
    case 'previousPeriodSameWeekdays':
      return sameLength(addDays(current.start, -Math.ceil(days / 7) * 7), days);
    case 'previousCalendarPeriod':
      return unit && previousCalendarCivil(unit, current);
    case 'previousYear':
      return sameLength(addYears(current.start, -1), days);
    case 'sameWeekdaysLastYear':
      return sameLength(addDays(current.start, -364), days);
    case 'custom':
      return { start: mustParse(comparison.start), end: mustParse(comparison.end) };
  }
}

/**
 * The comparison days for a current range (see the decisions at the top). `range` is the
 * query's range, which previousCalendarPeriod needs to know the calendar unit.
 */
export function comparisonRange(comparison: Comparison, current: DayRange, range?: DateRange): DayRange | undefined {
  const unit = range && calendarUnitOf(range);
  const r = comparisonCivil(comparison, { start: mustParse(current.start), end: mustParse(current.end) }, unit);
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
  /** Set when a DST change in a range takes away a viewBy its calendar days would allow. */
  viewByNote?: string;
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
  } else if (query.comparison.kind === 'previousCalendarPeriod' && !calendarUnitOf(query.range)) {
    problems.push(
      problem(
        'comparison.kind',
        query.comparison.kind,
        'a comparison other than the previous calendar period: that needs a range of this or last week, month, quarter or year, or year to date',
      ),
    );
  } else if (current) {
    const r = comparisonCivil(query.comparison, current.range, calendarUnitOf(query.range));
    previous = r && { range: r, clamped: false };
  }

  if (!current) return { ok: false, problems };

  const currentResolved = resolveRange(current.range, current.clamped, ctx.timeZone);
  const previousResolved = previous && resolveRange(previous.range, previous.clamped, ctx.timeZone);
  const currentDays = currentResolved.days;
  const currentAllowed = allowedViewBys(currentResolved);
  let allowed = currentAllowed;
  let allowedWhy = `a ${currentDays}-day range allows ${currentAllowed.length > 1 ? 'these' : 'this'}`;
  if (previousResolved) {
    const previousDays = previousResolved.days;
    const previousAllowed = allowedViewBys(previousResolved);
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
  const lost = [currentResolved, ...(previousResolved ? [previousResolved] : [])].flatMap((r) =>
    viewBysLostToDst(r).map((v) => ({ v, days: r.days })),
  );
  const dstNote = lost[0] && `The ${lost[0].days}-day range crosses a daylight-saving change: ${DST_HINT[lost[0].v]}.`;
  if (dstNote) allowedWhy += `; ${dstNote}`;

  if (query.viewBy !== undefined && allowed.length > 0 && !allowed.includes(query.viewBy)) {
    problems.push(problem('viewBy', query.viewBy, `${orList(allowed)} (${allowedWhy})`));
  }

  const viewBy = query.viewBy ?? allowed[0];
  if (problems.length > 0 || viewBy === undefined) return { ok: false, problems };

  const periods: ResolvedPeriods = { current: currentResolved, viewBy, allowedViewBy: allowed };
  if (previousResolved) periods.previous = previousResolved;
  if (dstNote) periods.viewByNote = dstNote;
  return { ok: true, periods };
}
