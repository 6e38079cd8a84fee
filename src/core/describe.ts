/**
 * Queries and ranges in words for labels and tree items. Dates go through Intl so they read
 * naturally in the user's locale ("1–31 Oct 2026" in en-GB, "Oct 1 – 31, 2026" in en-US).
 * The fixed phrases are English: the extension ships no other language yet.
 */
import { civilToUtcMs, parseCalendarDate } from './calendarDate';
import { calendarUnitOf } from './period';
import type { Comparison, ConversationType, DateRange, RangePreset, ReportQuery, ViewBy } from './query';
import { CONVERSATION_TYPES } from './query';

const PRESET_LABELS: Record<RangePreset, string> = {
  last7Days: 'Last 7 days',
  last30Days: 'Last 30 days',
  last90Days: 'Last 90 days',
  thisWeek: 'This week',
  lastWeek: 'Last week',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  thisQuarter: 'This quarter',
  lastQuarter: 'Last quarter',
  thisYear: 'This year',
  lastYear: 'Last year',
  yearToDate: 'Year to date',
};

export function describePreset(preset: RangePreset): string {
  return PRESET_LABELS[preset];
}

function rangeFormat(locale: string | undefined, timeZone: string): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone };
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch (e) {
    // A malformed locale tag should not cost the user their label.
    if (e instanceof RangeError && locale !== undefined) return new Intl.DateTimeFormat(undefined, options);
    throw e;
  }
}

/** [start, endExclusive) in words, naming the last day the range includes. */
export function describeDateRange(startMs: number, endExclusiveMs: number, timeZone: string, locale?: string): string {
  const lastInstant = Math.max(startMs, endExclusiveMs - 1);
  return rangeFormat(locale, timeZone).formatRange(new Date(startMs), new Date(lastInstant));
}

/** Inclusive calendar dates (`yyyy-MM-dd`) in words; no time zone involved. */
export function describeCalendarRange(start: string, end: string, locale?: string): string {
  const s = parseCalendarDate(start);
  const e = parseCalendarDate(end);
  if (!s || !e) return `${start} – ${end}`;
  return rangeFormat(locale, 'UTC').formatRange(new Date(civilToUtcMs(s)), new Date(civilToUtcMs(e)));
}

/** "vs previous month": previousCalendarPeriod names the unit when the range is known. */
export function describeComparison(comparison: Comparison, locale?: string, range?: DateRange): string {
  switch (comparison.kind) {
    case 'none':
      return 'no comparison';
    case 'previousPeriod':
      return 'vs previous period';
    case 'previousPeriodSameWeekdays':
      return 'vs previous period, same weekdays';
    case 'previousCalendarPeriod': {
      const unit = range && calendarUnitOf(range);
      return unit ? `vs previous ${unit}` : 'vs previous calendar period';
    }
    case 'previousYear':
      return 'vs same period last year';
    case 'sameWeekdaysLastYear':
      return 'vs same weekdays last year';
    case 'custom':
      return `vs ${describeCalendarRange(comparison.start, comparison.end, locale)}`;
  }
}

/** How the query flow offers a comparison: "Compared with the same weekdays last year". */
export function comparisonChoice(comparison: Exclude<Comparison, { kind: 'custom' }>, range: DateRange): string {
  if (comparison.kind === 'none') return 'No comparison';
  return `Compared with ${describeComparison(comparison, undefined, range).replace(/^vs /, 'the ')}`;
}

export function describeViewBy(viewBy: ViewBy): string {
  return `by ${viewBy}`;
}

const FILTER_NOUNS = { mailboxes: 'Inbox', tags: 'Tag', folders: 'Folder' } as const;
type FilterField = keyof typeof FILTER_NOUNS;
const FILTER_HEADINGS: Record<FilterField, string> = { mailboxes: 'Inboxes', tags: 'Tags', folders: 'Folders' };

function filterNames(query: ReportQuery, field: FilterField): string[] {
  const names = query.labels?.[field];
  return (query[field] ?? []).map((id) => {
    const key = String(id);
    const name = names && Object.prototype.hasOwnProperty.call(names, key) ? names[key] : undefined;
    return name ?? `${FILTER_NOUNS[field]} ${id}`;
  });
}

function typesPhrase(types: readonly ConversationType[]): string | undefined {
  if (types.length === 0 || CONVERSATION_TYPES.every((t) => types.includes(t))) return undefined;
  if (types.length === 1) return `${types[0]} only`;
  return `${types.slice(0, -1).join(', ')} and ${types[types.length - 1]}`;
}

/** Filters one per line, for a details view: ["Inboxes: Billing, Sales", "Types: chat"]. */
export function describeFilters(query: ReportQuery): string[] {
  const out: string[] = [];
  for (const field of ['mailboxes', 'tags', 'folders'] as const) {
    const names = filterNames(query, field);
    if (names.length > 0) out.push(`${FILTER_HEADINGS[field]}: ${names.join(', ')}`);
  }
  if (query.types && query.types.length > 0) out.push(`Types: ${query.types.join(', ')}`);
  return out;
}

function shortList(names: string[], max = 2): string[] {
  return names.length <= max ? names : [...names.slice(0, max - 1), `${names[max - 1]} and ${names.length - max} more`];
}

/**
 * A one-line summary for the tree: "Last 30 days vs previous period · by day · Billing, chat only".
 * The caller prepends the user's name.
 */
export function describeQuery(query: ReportQuery, locale?: string): string {
  const range =
    query.range.kind === 'preset'
      ? describePreset(query.range.preset)
      : describeCalendarRange(query.range.start, query.range.end, locale);
  const parts = [query.comparison.kind === 'none' ? range : `${range} ${describeComparison(query.comparison, locale, query.range)}`];
  if (query.viewBy) parts.push(describeViewBy(query.viewBy));
  const filters = [
    ...shortList(filterNames(query, 'mailboxes')),
    ...shortList(filterNames(query, 'tags')),
    ...shortList(filterNames(query, 'folders')),
  ];
  const types = typesPhrase(query.types ?? []);
  if (types) filters.push(types);
  if (filters.length > 0) parts.push(filters.join(', '));
  return parts.join(' · ');
}
