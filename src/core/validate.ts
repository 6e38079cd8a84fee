/**
 * Report queries from untrusted places (imported files, globalState, the webview): every field
 * is checked for type and range, and the result is a fresh object holding only known fields,
 * so nothing else (`__proto__`, `constructor`, extra keys) travels further.
 *
 * Decisions:
 * - Duplicate ids (and types) are dropped, keeping the first occurrence; they are harmless.
 * - More than MAX_IDS ids in one filter is rejected outright, not truncated.
 * - Unknown extra properties are ignored (a newer version may have written them); `null` in an
 *   optional field counts as absent. Empty filter lists are omitted from the result.
 * - Calendar dates must be real days in years MIN_YEAR–MAX_YEAR.
 */
import { parseCalendarDate } from './calendarDate';
import type { FieldProblem } from './errors';
import { orList, problem } from './fieldProblem';
import { isRecord, own } from './plainData';
import { resolvePeriods, type ResolvedPeriods } from './period';
import { checkCombination, parseMetric, parseSubject } from './subject';
import {
  COMPARISON_KINDS,
  CONVERSATION_TYPES,
  RANGE_PRESETS,
  VIEW_BYS,
  type Comparison,
  type ConversationType,
  type DateRange,
  type RangePreset,
  type ReportQuery,
  type ResolveContext,
  type ViewBy,
} from './query';

export const MAX_IDS = 100;
export const MAX_TEXT_LENGTH = 200;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const FILTER_FIELDS = ['mailboxes', 'tags', 'folders'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];
const FILTER_NOUNS: Record<FilterField, string> = { mailboxes: 'inbox', tags: 'tag', folders: 'folder' };

export type ParseResult = { ok: true; query: ReportQuery } | { ok: false; problems: FieldProblem[] };

type Rec = Record<string, unknown>;

/** A field of a query: an own data property (plainData.own), with null read as missing. */
function ownField(obj: Rec, key: string): unknown {
  const v = own(obj, key);
  return v === null ? undefined : v;
}

function isPositiveId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

const ID_KEY = /^[1-9][0-9]{0,15}$/;

class Collector {
  readonly problems: FieldProblem[] = [];
  add(field: string, value: unknown, allowed: string): void {
    this.problems.push(problem(field, value, allowed));
  }
  /** For a value described rather than shown, e.g. "250 ids". */
  addText(field: string, description: string, allowed: string): void {
    this.problems.push({ field, value: description, allowed });
  }
}

function calendarDate(c: Collector, field: string, v: unknown): string | undefined {
  const allowed = `a real date written yyyy-MM-dd, years ${MIN_YEAR}–${MAX_YEAR}`;
  if (typeof v !== 'string') return void c.add(field, v, allowed);
  const d = parseCalendarDate(v);
  if (!d || d.year < MIN_YEAR || d.year > MAX_YEAR) return void c.add(field, v, allowed);
  return v;
}

function dateSpan(c: Collector, field: string, obj: Rec): { start: string; end: string } | undefined {
  const start = calendarDate(c, `${field}.start`, ownField(obj, 'start'));
  const end = calendarDate(c, `${field}.end`, ownField(obj, 'end'));
  if (start === undefined || end === undefined) return undefined;
  // Same-format dates compare correctly as strings.
  if (end < start) return void c.add(`${field}.end`, end, `a date on or after the start date ${start}`);
  return { start, end };
}

function range(c: Collector, v: unknown): DateRange | undefined {
  if (!isRecord(v)) return void c.add('range', v, 'an object with kind "preset" or "absolute"');
  const kind = ownField(v, 'kind');
  if (kind === 'preset') {
    const preset = ownField(v, 'preset');
    if (typeof preset !== 'string' || !(RANGE_PRESETS as readonly string[]).includes(preset)) {
      return void c.add('range.preset', preset, `one of ${RANGE_PRESETS.join(', ')}`);
    }
    return { kind: 'preset', preset: preset as RangePreset };
  }
  if (kind === 'absolute') {
    const span = dateSpan(c, 'range', v);
    return span && { kind: 'absolute', ...span };
  }
  return void c.add('range.kind', kind, 'preset or absolute');
}

function comparison(c: Collector, v: unknown): Comparison | undefined {
  const kinds = `${COMPARISON_KINDS.join(', ')} or custom`;
  if (!isRecord(v)) return void c.add('comparison', v, `an object with kind ${kinds}`);
  const kind = ownField(v, 'kind');
  if (kind === 'custom') {
    const span = dateSpan(c, 'comparison', v);
    return span && { kind: 'custom', ...span };
  }
  if (typeof kind === 'string' && (COMPARISON_KINDS as readonly string[]).includes(kind)) {
    return { kind: kind as (typeof COMPARISON_KINDS)[number] };
  }
  return void c.add('comparison.kind', kind, kinds);
}

function ids(c: Collector, field: FilterField, v: unknown): number[] | undefined {
  if (v === undefined) return undefined;
  const allowed = `a list of at most ${MAX_IDS} ${FILTER_NOUNS[field]} ids (positive whole numbers)`;
  if (!Array.isArray(v)) return void c.add(field, v, allowed);
  if (v.length > MAX_IDS) return void c.addText(field, `${v.length} ids`, allowed);
  const out: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const id: unknown = v[i];
    if (!isPositiveId(id)) c.add(`${field}[${i}]`, id, `a ${FILTER_NOUNS[field]} id (a positive whole number)`);
    else if (!out.includes(id)) out.push(id);
  }
  return out;
}

function types(c: Collector, v: unknown): ConversationType[] | undefined {
  if (v === undefined) return undefined;
  const allowed = `a list of conversation types: ${orList(CONVERSATION_TYPES)}`;
  if (!Array.isArray(v)) return void c.add('types', v, allowed);
  if (v.length > MAX_IDS) return void c.addText('types', `${v.length} items`, allowed);
  const out: ConversationType[] = [];
  for (let i = 0; i < v.length; i++) {
    const t: unknown = v[i];
    if (typeof t !== 'string' || !(CONVERSATION_TYPES as readonly string[]).includes(t)) {
      c.add(`types[${i}]`, t, orList(CONVERSATION_TYPES));
    } else if (!out.includes(t as ConversationType)) {
      out.push(t as ConversationType);
    }
  }
  return out;
}

function text(c: Collector, field: string, v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_TEXT_LENGTH) {
    return void c.add(field, v, `text of 1–${MAX_TEXT_LENGTH} characters`);
  }
  return v;
}

function labelMap(c: Collector, field: string, v: unknown): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) return void c.add(field, v, 'an object mapping ids to names');
  const keys = Object.keys(v);
  if (keys.length > MAX_IDS) return void c.addText(field, `${keys.length} names`, `at most ${MAX_IDS} names`);
  const out: Record<string, string> = {};
  for (const key of keys) {
    const name = `${field}[${JSON.stringify(key.slice(0, 30))}]`;
    if (!ID_KEY.test(key) || !Number.isSafeInteger(Number(key))) {
      c.add(name, key, 'an id (a positive whole number) as the key');
      continue;
    }
    const label = text(c, name, v[key]);
    if (label !== undefined) out[key] = label;
  }
  return out;
}

function labels(c: Collector, v: unknown): ReportQuery['labels'] {
  if (v === undefined) return undefined;
  if (!isRecord(v)) return void c.add('labels', v, 'an object with mailboxes, tags and folders name maps');
  const out: NonNullable<ReportQuery['labels']> = {};
  for (const f of FILTER_FIELDS) {
    const map = labelMap(c, `labels.${f}`, ownField(v, f));
    if (map && Object.keys(map).length > 0) out[f] = map;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

interface Parsed {
  query: Partial<ReportQuery>;
  problems: FieldProblem[];
  /** range, comparison and viewBy are individually valid, so the dates can be resolved. */
  datesUsable: boolean;
}

function parse(input: unknown): Parsed {
  const c = new Collector();
  const q: Partial<ReportQuery> = {};
  if (!isRecord(input)) {
    c.add('query', input, 'an object describing a report query');
    return { query: q, problems: c.problems, datesUsable: false };
  }

  const sink = { add: c.add.bind(c), addText: c.addText.bind(c), text: (field: string, v: unknown) => text(c, field, v) };
  q.metric = parseMetric(sink, ownField(input, 'metric'));
  q.subject = parseSubject(sink, ownField(input, 'subject'));
  if (q.metric && q.subject) checkCombination(sink, q.metric, q.subject);

  const dateRange = range(c, ownField(input, 'range'));
  if (dateRange) q.range = dateRange;
  const compare = comparison(c, ownField(input, 'comparison'));
  if (compare) q.comparison = compare;
  const view = ownField(input, 'viewBy');
  let viewOk = true;
  if (typeof view === 'string' && (VIEW_BYS as readonly string[]).includes(view)) q.viewBy = view as ViewBy;
  else if (view !== undefined) {
    c.add('viewBy', view, orList(VIEW_BYS));
    viewOk = false;
  }
  const datesUsable = dateRange !== undefined && compare !== undefined && viewOk;

  for (const f of FILTER_FIELDS) {
    const list = ids(c, f, ownField(input, f));
    if (list && list.length > 0) q[f] = list;
  }
  const typeList = types(c, ownField(input, 'types'));
  if (typeList && typeList.length > 0) q.types = typeList;
  const labelMaps = labels(c, ownField(input, 'labels'));
  if (labelMaps) q.labels = labelMaps;

  // Keep the result free of keys whose value ended up undefined.
  for (const key of Object.keys(q) as (keyof ReportQuery)[]) {
    if (q[key] === undefined) delete q[key];
  }
  return { query: q, problems: c.problems, datesUsable };
}

/** Checks untrusted input field by field; on success returns a fresh, clean query. */
export function parseReportQuery(input: unknown): ParseResult {
  const { query, problems } = parse(input);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, query: query as ReportQuery };
}

export type CheckResult =
  | { ok: true; query: ReportQuery; periods: ResolvedPeriods }
  | { ok: false; problems: FieldProblem[] };

/**
 * Every problem with a query: its fields, and its dates against the clock and zone (future
 * ranges, viewBy against range length, the comparison's length).
 */
export function checkQuery(input: unknown, ctx: ResolveContext): CheckResult {
  const parsed = parse(input);
  const problems = [...parsed.problems];
  const q = parsed.query;
  let periods: ResolvedPeriods | undefined;
  if (parsed.datesUsable && q.range && q.comparison) {
    const r = resolvePeriods({ range: q.range, comparison: q.comparison, viewBy: q.viewBy }, ctx);
    if (r.ok) periods = r.periods;
    else problems.push(...r.problems);
  }
  if (problems.length > 0 || !periods) return { ok: false, problems };
  return { ok: true, query: q as ReportQuery, periods };
}

export function validateQuery(query: ReportQuery, ctx: ResolveContext): FieldProblem[] {
  const r = checkQuery(query, ctx);
  return r.ok ? [] : r.problems;
}
