/**
 * What one saved query may look like when it arrives from somewhere untrusted: typed in the
 * "Save query" box, read back from globalState (another version may have written it), or
 * imported from a file. One set of rules for all of them.
 *
 * A name is:
 * - trimmed of leading/trailing white space;
 * - 1..100 characters, counted in code points (an emoji counts as one);
 * - no control characters (C0, DEL, C1), no line/paragraph separators, and none of the bidi
 *   embedding/override/isolate controls that can make a name display as something else
 *   ("Trojan Source"). Plain LRM/RLM marks are allowed: right-to-left names use them.
 *
 * Names are labels, not keys: two saved queries may share a name (two windows can save
 * "Anna" at the same moment anyway). Identity is the id.
 */

import { clipText } from './clipText';
import type { FieldProblem } from './errors';
import { describeValue } from './fieldProblem';
import { isRecord, own } from './plainData';
import type { ReportQuery } from './query';
import { parseReportQuery } from './validate';

export const MAX_QUERY_NAME_LENGTH = 100;

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export type NameCheck = { ok: true; name: string } | { ok: false; problem: FieldProblem };

/** Checks an untrusted value as a query name; `field` names it in the problem ("name", "queries[3].name"). */
export function checkQueryName(input: unknown, field = 'name'): NameCheck {
  if (typeof input !== 'string') {
    return { ok: false, problem: { field, value: describeValue(input), allowed: 'text of 1 to 100 characters' } };
  }
  const name = input.trim();
  const length = codePointLength(name);
  if (length === 0) {
    return { ok: false, problem: { field, value: describeValue(input), allowed: 'a name that is not empty' } };
  }
  if (length > MAX_QUERY_NAME_LENGTH) {
    return {
      ok: false,
      problem: { field, value: describeValue(input), allowed: `at most ${MAX_QUERY_NAME_LENGTH} characters (this one has ${length})` },
    };
  }
  if (FORBIDDEN.test(name)) {
    return {
      ok: false,
      problem: { field, value: describeValue(input), allowed: 'a name without control characters or line breaks' },
    };
  }
  return { ok: true, name };
}

/**
 * Turns text from the API (a user, inbox or tag name) into one that passes these rules:
 * forbidden characters become spaces, white space is folded, and long text is cut on a code
 * point boundary with an ellipsis. Empty results become `fallback`.
 */
export function toSafeLabel(text: string, maxLength: number, fallback: string): string {
  const cleaned = text.replace(new RegExp(FORBIDDEN.source, 'gu'), ' ').replace(/\s+/gu, ' ').trim();
  return cleaned === '' ? fallback : clipText(cleaned, maxLength);
}

/**
 * "Anna" → "Anna (copy)", then "Anna (copy 2)", "Anna (copy 3)"… whichever is not taken yet.
 * A copy of "Anna (copy)" is "Anna (copy 2)", not "Anna (copy) (copy)". The base is shortened
 * (on a code point boundary) so the result stays within the length limit.
 */
export function copyName(original: string, taken: Iterable<string>): string {
  const takenSet = new Set(taken);
  const base = original.replace(/ \(copy(?: \d+)?\)$/u, '') || original;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const room = MAX_QUERY_NAME_LENGTH - codePointLength(suffix);
    const candidate = `${clipText(base, room, { ellipsis: false }).trimEnd()}${suffix}`;
    if (!takenSet.has(candidate)) return candidate;
  }
}

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Entries: { name, query } (plus whatever else the caller checks)

/** Deeper than any valid entry ({ query: { labels: { mailboxes: { id: name } } } } is 4). */
export const MAX_ENTRY_DEPTH = 12;

export interface QueryEntry {
  name: string;
  query: ReportQuery;
}

export type EntryCheck = { ok: true; entry: QueryEntry } | { ok: false; name?: string; reasons: string[] };

/**
 * One untrusted `{ name, query }` value → a clean entry built from fresh objects, or the reasons
 * it is not one, each starting with the field ("name: …", "query.userId: …"). Extra keys are
 * ignored. Never throws, never copies a value from `raw` wholesale.
 */
export function checkQueryEntry(raw: unknown): EntryCheck {
  if (!isRecord(raw)) {
    return { ok: false, reasons: [`entry: ${describeValue(raw)} is not allowed (allowed: an object with "name" and "query")`] };
  }
  if (depthExceeds(raw, MAX_ENTRY_DEPTH)) {
    return { ok: false, reasons: [`entry: nested more than ${MAX_ENTRY_DEPTH} levels deep is not allowed (allowed: a name and a query)`] };
  }
  const reasons: string[] = [];
  const rawName = own(raw, 'name');
  const name = checkQueryName(rawName);
  if (!name.ok) reasons.push(formatProblem(name.problem));

  const rawQuery = own(raw, 'query');
  let query: ReportQuery | undefined;
  if (rawQuery === undefined) {
    reasons.push('query: missing is not allowed (allowed: a report query object)');
  } else {
    let parsed: ReturnType<typeof parseReportQuery>;
    try {
      parsed = parseReportQuery(rawQuery);
    } catch (e) {
      // A validator must not throw on untrusted input; if it does, the entry is skipped, not the file.
      parsed = { ok: false, problems: [{ field: '', value: 'an object', allowed: `a query the validator accepts (${String(e)})` }] };
    }
    if (parsed.ok) query = parsed.query;
    else reasons.push(...parsed.problems.map((p) => formatProblem({ field: queryField(p.field), value: p.value, allowed: p.allowed })));
  }

  if (name.ok && query !== undefined && reasons.length === 0) return { ok: true, entry: { name: name.name, query } };
  const label = name.ok ? name.name : typeof rawName === 'string' && rawName.trim() !== '' ? clipText(rawName.trim(), MAX_QUERY_NAME_LENGTH) : undefined;
  return label !== undefined ? { ok: false, name: label, reasons } : { ok: false, reasons };
}

/** A query problem's field as seen from the entry: "userId" → "query.userId". */
function queryField(field: string): string {
  return field === '' || field === 'query' ? 'query' : `query.${field}`;
}

export function formatProblem(p: FieldProblem): string {
  return `${p.field}: ${p.value} is not allowed (allowed: ${p.allowed})`;
}

/** Iterative, so hostile nesting cannot overflow the stack. */
function depthExceeds(root: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
