/**
 * A FieldProblem said plainly, for a person at a prompt or reading a notification: "Enter a
 * date like 2020-03-01." The field path ("range.start") stays in the problem object and the log.
 */
import type { FieldProblem } from './errors';

const DATE_SHAPE = /^a real date written yyyy-MM-dd/;

/** One sentence; `example` is the date shown in "Enter a date like …". */
export function sayProblem(problem: FieldProblem, example = '2020-03-01'): string {
  const field = problem.field;
  if (field === 'name') {
    if (problem.allowed === 'a name that is not empty') return 'Enter a name.';
    if (problem.allowed.startsWith('at most')) return `Use ${problem.allowed}.`;
    return `Enter ${problem.allowed}.`;
  }
  if (/\.(start|end)$/.test(field)) {
    if (DATE_SHAPE.test(problem.allowed)) return `Enter a date like ${example}.`;
    return `Enter ${problem.allowed}.`;
  }
  if (field === 'viewBy') return `Choose to view by ${problem.allowed}.`;
  if (field === 'comparison') return `Choose ${problem.allowed}.`;
  return `${capitalize(fieldNoun(field))} must be ${problem.allowed}.`;
}

function fieldNoun(field: string): string {
  const root = field.replace(/\[.*$/, '').replace(/\..*$/, '');
  const nouns: Record<string, string> = { subject: 'the user', metric: 'the metric', userId: 'the user', mailboxes: 'the inboxes', folders: 'the folders', tags: 'the tags', types: 'the conversation types', range: 'the period' };
  return nouns[root] ?? root;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
