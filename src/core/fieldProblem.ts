/**
 * Building FieldProblems that read well: values rendered short and on one line, alternatives
 * listed in plain words.
 */
import type { FieldProblem } from './errors';

const MAX_RENDERED = 60;

/** A value as a person should see it in a problem: JSON-ish, one line, at most 60 characters. */
export function renderValue(value: unknown): string {
  let text: string;
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  text = text.replace(/[\r\n\t]+/g, ' ');
  return text.length > MAX_RENDERED ? `${text.slice(0, MAX_RENDERED - 1)}…` : text;
}

export function problem(field: string, value: unknown, allowed: string): FieldProblem {
  return { field, value: renderValue(value), allowed };
}

/** "day", "day or week", "day, week or month". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'nothing';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
