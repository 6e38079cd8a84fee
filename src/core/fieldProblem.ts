/**
 * Building FieldProblems that read well: values described short and on one line, alternatives
 * listed in plain words.
 */
import type { FieldProblem } from './errors';
import { clipText } from './clipText';

export interface DescribeOptions {
  /** At most this many code points. Default 60. */
  max?: number;
  /**
   * 'value' (default) shows the value: text quoted, numbers as they are. 'kind' says what kind
   * of value it is, never echoing its text ("a string", "negative (-1)"): for API responses.
   */
  as?: 'value' | 'kind';
}

/**
 * A value as a message shows it, one line and short: `"lastDecade"`, `42`, `missing`, `null`,
 * `a list of 3`, `an object`, `not a number`. The one way values are described in problems,
 * shape errors and store reports.
 */
export function describeValue(value: unknown, options: DescribeOptions = {}): string {
  const max = options.max ?? 60;
  const kind = options.as === 'kind';
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    // Quote only the part that can be shown: never JSON-encode the whole of a huge string.
    return kind ? 'a string' : clipText(JSON.stringify(clipText(value, max + 1, { ellipsis: false })), max);
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'not a number';
    if (!Number.isFinite(value)) return 'not finite';
    if (kind && value < 0) return `negative (${value})`;
    if (kind && !Number.isInteger(value)) return `not a whole number (${value})`;
    return String(value);
  }
  if (typeof value === 'boolean') return kind ? 'a boolean' : String(value);
  if (Array.isArray(value)) return kind ? 'an array' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export function problem(field: string, value: unknown, allowed: string): FieldProblem {
  return { field, value: describeValue(value), allowed };
}

/** "day", "day or week", "day, week or month". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'nothing';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
