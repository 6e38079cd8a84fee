import * as assert from 'node:assert/strict';
import { sayProblem } from '../../../src/core/problemWords';
import type { ResolveContext } from '../../../src/core/query';
import { checkQueryName } from '../../../src/core/savedQueryEntry';
import { validateQuery } from '../../../src/core/validate';

const ctx: ResolveContext = { now: Date.parse('2026-12-01T12:00:00Z'), timeZone: 'UTC', weekStart: 'monday' };

function nameWords(input: string): string {
  const check = checkQueryName(input);
  assert.ok(!check.ok);
  return sayProblem(check.problem);
}

describe('problems said plainly', () => {
  it('an impossible date asks for a date like 2020-03-01, without the field path', () => {
    const problems = validateQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'absolute', start: '2019-13-01', end: '2019-12-31' }, comparison: { kind: 'none' } }, ctx);
    assert.equal(problems[0]?.field, 'range.start', 'the field stays in the problem object');
    assert.equal(sayProblem(problems[0]!), 'Enter a date like 2020-03-01.');
  });

  it('an end before the start and a future start say what would do', () => {
    const before = validateQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'absolute', start: '2026-09-10', end: '2026-09-01' }, comparison: { kind: 'none' } }, ctx);
    assert.equal(sayProblem(before[0]!), 'Enter a date on or after the start date 2026-09-10.');
    const future = validateQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'absolute', start: '2027-01-01', end: '2027-01-31' }, comparison: { kind: 'none' } }, ctx);
    assert.match(sayProblem(future[0]!), /^Enter a date on or before today \(2026-12-01\)/);
  });

  it('names: empty, too long, line breaks', () => {
    assert.equal(nameWords('  '), 'Enter a name.');
    assert.equal(nameWords('x'.repeat(101)), 'Use at most 100 characters (this one has 101).');
    assert.equal(nameWords('a\nb'), 'Enter a name without control characters or line breaks.');
  });

  it('a view the period cannot show names the views that fit', () => {
    const problems = validateQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'last90Days' }, comparison: { kind: 'none' }, viewBy: 'day' }, ctx);
    assert.equal(sayProblem(problems[0]!), 'Choose to view by week or month (a 90-day range allows these).');
  });

  it('no sentence shows a raw field path', () => {
    for (const field of ['range.start', 'comparison.end', 'viewBy', 'name', 'mailboxes[2]', 'userId', 'types']) {
      assert.doesNotMatch(sayProblem({ field, value: '"x"', allowed: 'something else' }), /[.[]\w|userId|viewBy|mailboxes\[/, field);
    }
  });
});
