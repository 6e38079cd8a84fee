/**
 * The saved-queries export file: what "Export Saved Queries…" writes and "Import…" reads.
 *
 * ```json
 * {
 *   "format": "helpscout-reports/saved-queries",
 *   "version": 2,
 *   "exportedAt": "2025-03-01T09:30:00.000Z",
 *   "queries": [ { "name": "Anna · last 30 days", "query": { "metric": "replies", "subject": { "kind": "user", "userId": 42 }, … } } ]
 * }
 * ```
 *
 * Ids and timestamps are not exported: they belong to one machine's store; an import creates
 * new ones. An imported file is untrusted input, so:
 * - file-level problems (not JSON, over 5 MB, wrong `format`, a newer `version`, `queries` not a
 *   list or longer than 1000) make the whole file fail with one `fatal` message;
 * - each entry is checked on its own (savedQueryEntry.ts: the name rules, and the query by
 *   parseReportQuery); a bad entry is skipped with reasons that name the field, the rest import;
 * - `__proto__`, `constructor` and `prototype` keys are removed right after parsing, and no value from
 *   the file is ever copied with Object.assign or spread: results are built from fresh objects
 *   returned by the validators, so nothing can reach Object.prototype;
 * - an entry nested deeper than any real query is skipped before a validator walks it.
 *
 * Version 1 files (release 0.1.0: `userId` / `userName`, customers helped) still import: each
 * query goes through the same upgrade as a version 1 store (subject.ts, upgradeQueryV1).
 *
 * Convenience: a bare JSON array of `{ "name", "query" }` entries (for example the `queries`
 * list copied out of an export, or written by hand) is accepted, in either version's shape (the
 * upgrade leaves a query that has a `subject` as it is). Entries are validated exactly the same
 * way, so this costs no safety.
 */

import type { SavedQuery } from './query';
import { describeValue } from './fieldProblem';
import { isRecord, own } from './plainData';
import { checkQueryEntry, type QueryEntry } from './savedQueryEntry';
import { upgradeQueryV1 } from './subject';

export const QUERY_FILE_FORMAT = 'helpscout-reports/saved-queries';
export const QUERY_FILE_VERSION = 2;
export const MAX_QUERY_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_QUERY_FILE_ENTRIES = 1000;
/** The name and query of one importable entry. */
export type QueryFileEntry = QueryEntry;

export interface SkippedEntry {
  /** Position in the file's `queries` list, from 0. */
  index: number;
  /** The entry's name when it had a usable one (shortened when long), for the summary. */
  name?: string;
  /** One line per problem, each starting with the field: "query.userId: …", "name: …". */
  reasons: string[];
}

export interface ParsedQueryFile {
  queries: QueryFileEntry[];
  skipped: SkippedEntry[];
  /** Set when the file as a whole cannot be imported; `queries` and `skipped` are then empty. */
  fatal?: string;
}

/** The file text for these saved queries: pretty JSON, keys in a fixed order, trailing newline. */
export function serializeQueryFile(queries: readonly SavedQuery[], now: Date | number): string {
  const file = {
    format: QUERY_FILE_FORMAT,
    version: QUERY_FILE_VERSION,
    exportedAt: new Date(now).toISOString(),
    queries: queries.map((q) => ({ name: q.name, query: q.query })),
  };
  return `${JSON.stringify(orderKeys(file), null, 2)}\n`;
}

/** Reads an export file. Never throws: every problem ends up in `fatal` or `skipped`. */
export function parseQueryFile(text: string): ParsedQueryFile {
  const fatal = (message: string): ParsedQueryFile => ({ queries: [], skipped: [], fatal: message });

  if (typeof text !== 'string') return fatal('The file could not be read as text.');
  if (text.length > MAX_QUERY_FILE_BYTES || utf8Length(text) > MAX_QUERY_FILE_BYTES) {
    return fatal('The file is larger than 5 MB; a saved-queries export is far smaller. Is this the right file?');
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return fatal('The file is empty.');

  let root: unknown;
  try {
    // No reviver: V8's reviver walk is recursive and would overflow on hostile nesting.
    root = JSON.parse(body);
  } catch (e) {
    const detail = e instanceof RangeError ? 'it is nested too deeply' : e instanceof Error ? e.message : String(e);
    return fatal(`The file is not valid JSON (${detail}).`);
  }
  removeDangerousKeys(root);

  let entries: unknown;
  let fromVersion1 = true;
  if (Array.isArray(root)) {
    entries = root;
  } else if (isRecord(root)) {
    const format = own(root, 'format');
    if (format !== QUERY_FILE_FORMAT) {
      return fatal(
        format === undefined
          ? `This is not a saved-queries export: it has no "format": "${QUERY_FILE_FORMAT}".`
          : `This is not a saved-queries export: "format" is ${describeValue(format)}, expected "${QUERY_FILE_FORMAT}".`,
      );
    }
    const version = own(root, 'version');
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
      return fatal(`The file's "version" is ${describeValue(version)}; expected a whole number such as ${QUERY_FILE_VERSION}.`);
    }
    if (version > QUERY_FILE_VERSION) {
      return fatal(
        `The file was exported by a newer version of the extension (file version ${version}, this version reads up to ${QUERY_FILE_VERSION}). Update the extension to import it.`,
      );
    }
    entries = own(root, 'queries');
    fromVersion1 = version === 1;
  } else {
    return fatal(`This is not a saved-queries export: it contains ${describeValue(root)}, not an object.`);
  }

  if (!Array.isArray(entries)) {
    return fatal(`The file's "queries" is ${describeValue(entries)}; expected a list.`);
  }
  if (entries.length > MAX_QUERY_FILE_ENTRIES) {
    return fatal(`The file has ${entries.length} queries; at most ${MAX_QUERY_FILE_ENTRIES} can be imported at once.`);
  }

  const result: ParsedQueryFile = { queries: [], skipped: [] };
  entries.forEach((raw: unknown, index) => {
    const checked = checkQueryEntry(fromVersion1 && isRecord(raw) ? { name: own(raw, 'name'), query: upgradeQueryV1(own(raw, 'query')) } : raw);
    if (checked.ok) result.queries.push(checked.entry);
    else result.skipped.push({ index, ...(checked.name !== undefined ? { name: checked.name } : {}), reasons: checked.reasons });
  });
  return result;
}

// ---------------------------------------------------------------------------------------------

const DANGEROUS_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Deletes `__proto__`, `constructor` and `prototype` keys everywhere in a freshly parsed value.
 * JSON.parse makes them plain own properties (no pollution yet); removing them means no later
 * code can turn them into one by copying. Iterative: hostile nesting cannot overflow the stack.
 */
function removeDangerousKeys(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (!Array.isArray(value)) {
      for (const key of DANGEROUS_KEYS) {
        if (Object.hasOwn(value, key)) delete (value as Record<string, unknown>)[key];
      }
    }
    for (const child of Object.values(value)) stack.push(child);
  }
}

function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}


/**
 * Keys in a fixed, readable order so exports diff cleanly: the file's own keys, then a query's
 * fields in the order a person reads them, then anything else alphabetically. Arrays keep their
 * order. Only own enumerable keys are copied, and never the three dangerous ones.
 */
const KEY_ORDER = [
  'format',
  'version',
  'exportedAt',
  'queries',
  'name',
  'query',
  'metric',
  'subject',
  'kind',
  'preset',
  'start',
  'end',
  'userId',
  'userName',
  'users',
  'id',
  'mailboxId',
  'mailboxName',
  'range',
  'comparison',
  'viewBy',
  'mailboxes',
  'tags',
  'types',
  'folders',
  'labels',
];
const KEY_RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

function orderKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(orderKeys);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value).sort((a, b) => {
    const ra = KEY_RANK.get(a) ?? Number.MAX_SAFE_INTEGER;
    const rb = KEY_RANK.get(b) ?? Number.MAX_SAFE_INTEGER;
    if (ra !== rb) return ra - rb;
    return compareKeys(a, b);
  });
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (DANGEROUS_KEYS.has(k)) continue;
    const v = value[k];
    if (v !== undefined) out[k] = orderKeys(v);
  }
  return out;
}

/** Numeric ids ("12" before "101") in number order, other keys by code unit. */
function compareKeys(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
