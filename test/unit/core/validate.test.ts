import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FieldProblem } from '../../../src/core/errors';
import { RANGE_PRESETS, type ReportQuery, type ResolveContext } from '../../../src/core/query';
import { MAX_IDS, parseReportQuery, validateQuery } from '../../../src/core/validate';
import { calendarDateArb } from './arbitraries';

const base = { metric: 'customersHelped', subject: { kind: 'user', userId: 447723 }, range: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousPeriod' } };
const named = (userName: unknown) => ({ ...base, subject: { kind: 'user', userId: 447723, userName } });

function problemsOf(input: unknown): FieldProblem[] {
  const r = parseReportQuery(input);
  assert.ok(!r.ok, 'expected the input to be rejected');
  return r.problems;
}

function fieldsOf(input: unknown): string[] {
  return problemsOf(input).map((p) => p.field);
}

describe('validate', () => {
  describe('parseReportQuery', () => {
    it('accepts a minimal query and returns a fresh copy', () => {
      const input = structuredClone(base);
      const r = parseReportQuery(input);
      assert.ok(r.ok);
      assert.deepEqual(r.query, base);
      assert.notEqual(r.query, input);
      assert.notEqual(r.query.range, input.range);
    });

    it('keeps every valid field and drops unknown ones', () => {
      const full = {
        ...base,
        subject: { kind: 'user', userId: 447723, userName: 'Anna', extra: 1 },
        range: { kind: 'absolute', start: '2026-01-01', end: '2026-01-31', extra: 1 },
        comparison: { kind: 'custom', start: '2025-01-01', end: '2025-01-31' },
        viewBy: 'week',
        mailboxes: [1, 2],
        tags: [3],
        folders: [4],
        types: ['chat', 'email'],
        labels: { mailboxes: { '1': 'Billing' }, tags: { '3': 'vip' }, other: { x: 'y' } },
        color: 'red',
      };
      const r = parseReportQuery(full);
      assert.ok(r.ok);
      assert.deepEqual(r.query, {
        metric: 'customersHelped',
        subject: { kind: 'user', userId: 447723, userName: 'Anna' },
        range: { kind: 'absolute', start: '2026-01-01', end: '2026-01-31' },
        comparison: { kind: 'custom', start: '2025-01-01', end: '2025-01-31' },
        viewBy: 'week',
        mailboxes: [1, 2],
        tags: [3],
        folders: [4],
        types: ['chat', 'email'],
        labels: { mailboxes: { '1': 'Billing' }, tags: { '3': 'vip' } },
      });
    });

    it('drops duplicate ids and types, keeping the first occurrence, and omits empty lists', () => {
      const r = parseReportQuery({ ...base, mailboxes: [5, 3, 5, 3, 1], types: ['chat', 'chat'], tags: [], folders: null });
      assert.ok(r.ok);
      assert.deepEqual(r.query.mailboxes, [5, 3, 1]);
      assert.deepEqual(r.query.types, ['chat']);
      assert.ok(!('tags' in r.query));
      assert.ok(!('folders' in r.query));
    });

    it('treats null in optional fields as absent', () => {
      const r = parseReportQuery({ ...named(null), viewBy: null, labels: null });
      assert.ok(r.ok);
      assert.deepEqual(Object.keys(r.query).sort(), ['comparison', 'metric', 'range', 'subject']);
      assert.deepEqual(r.query.subject, { kind: 'user', userId: 447723 });
    });

    for (const [what, userId] of [
      ['zero', 0],
      ['negative', -4],
      ['fractional', 1.5],
      ['a string', '447723'],
      ['unsafe', 2 ** 53],
      ['NaN', Number.NaN],
      ['missing', undefined],
    ] as const) {
      it(`rejects a userId that is ${what}`, () => {
        assert.deepEqual(fieldsOf({ ...base, subject: { kind: 'user', userId } }), ['subject.userId']);
      });
    }

    for (const [date, why] of [
      ['2026-02-30', 'no 30 February'],
      ['2026-13-01', 'no month 13'],
      ['2026-02-29', 'not a leap year'],
      ['1999-12-31', 'before 2000'],
      ['2101-01-01', 'after 2100'],
      ['2026-1-01', 'unpadded'],
      ['2026-01-01T00:00:00Z', 'an instant'],
    ]) {
      it(`rejects ${date} as a range date (${why})`, () => {
        assert.deepEqual(fieldsOf({ ...base, range: { kind: 'absolute', start: date, end: '2026-03-01' } }), ['range.start']);
      });
    }

    it('rejects an absolute range ending before it starts', () => {
      const [p] = problemsOf({ ...base, range: { kind: 'absolute', start: '2026-03-02', end: '2026-03-01' } });
      assert.deepEqual(p, { field: 'range.end', value: '"2026-03-01"', allowed: 'a date on or after the start date 2026-03-02' });
    });

    it('rejects unknown kinds, presets, comparisons and viewBys', () => {
      assert.deepEqual(fieldsOf({ ...base, range: { kind: 'relative' } }), ['range.kind']);
      assert.deepEqual(fieldsOf({ ...base, range: { kind: 'preset', preset: 'last31Days' } }), ['range.preset']);
      assert.deepEqual(fieldsOf({ ...base, range: { kind: 'preset', preset: 'toString' } }), ['range.preset']);
      assert.deepEqual(fieldsOf({ ...base, range: 'last30Days' }), ['range']);
      assert.deepEqual(fieldsOf({ ...base, comparison: { kind: 'lastDecade' } }), ['comparison.kind']);
      assert.deepEqual(fieldsOf({ ...base, comparison: { kind: 'custom', start: '2026-01-01' } }), ['comparison.end']);
      assert.deepEqual(fieldsOf({ ...base, viewBy: 'year' }), ['viewBy']);
    });

    it('names the exact bad element of a filter list', () => {
      assert.deepEqual(fieldsOf({ ...base, mailboxes: [1, '2', 3, -1] }), ['mailboxes[1]', 'mailboxes[3]']);
      assert.deepEqual(fieldsOf({ ...base, types: ['email', 'sms'] }), ['types[1]']);
      assert.deepEqual(fieldsOf({ ...base, tags: 99787 }), ['tags']);
    });

    it(`accepts ${MAX_IDS} ids and rejects ${MAX_IDS + 1} as one problem`, () => {
      const ids = Array.from({ length: MAX_IDS + 1 }, (_, i) => i + 1);
      assert.ok(parseReportQuery({ ...base, folders: ids.slice(0, MAX_IDS) }).ok);
      assert.deepEqual(problemsOf({ ...base, folders: ids }), [
        { field: 'folders', value: `${MAX_IDS + 1} ids`, allowed: `a list of at most ${MAX_IDS} folder ids (positive whole numbers)` },
      ]);
    });

    it('caps names at 200 characters', () => {
      assert.ok(parseReportQuery(named('a'.repeat(200))).ok);
      assert.deepEqual(fieldsOf(named('a'.repeat(201))), ['subject.userName']);
      assert.deepEqual(fieldsOf(named('')), ['subject.userName']);
      assert.deepEqual(fieldsOf({ ...base, labels: { tags: { '1': 'x'.repeat(201) } } }), ['labels.tags["1"]']);
    });

    it('accepts only numeric ids as label keys', () => {
      assert.deepEqual(fieldsOf({ ...base, labels: { mailboxes: { abc: 'x', '0': 'y', '01': 'z', '7': 'ok' } } }).sort(), [
        'labels.mailboxes["0"]',
        'labels.mailboxes["01"]',
        'labels.mailboxes["abc"]',
      ]);
      assert.deepEqual(fieldsOf({ ...base, labels: { mailboxes: { '7': 7 } } }), ['labels.mailboxes["7"]']);
    });

    it('never lets __proto__, constructor or prototype through', () => {
      const json =
        '{"metric":"replies","subject":{"kind":"user","userId":1,"__proto__":{"polluted":1}},"range":{"kind":"preset","preset":"thisWeek","__proto__":{"polluted":1}},"comparison":{"kind":"none"},' +
        '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":1}';
      const r = parseReportQuery(JSON.parse(json));
      assert.ok(r.ok);
      assert.deepEqual(Object.keys(r.query).sort(), ['comparison', 'metric', 'range', 'subject']);
      assert.equal(Object.getPrototypeOf(r.query), Object.prototype);
      assert.equal(Object.getPrototypeOf(r.query.subject), Object.prototype);
      assert.equal(Object.getPrototypeOf(r.query.range), Object.prototype);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);

      const labels = JSON.parse('{"mailboxes":{"__proto__":"x","constructor":"y","1":"ok"}}');
      assert.deepEqual(fieldsOf({ ...base, labels }), ['labels.mailboxes["__proto__"]', 'labels.mailboxes["constructor"]']);
    });

    it('ignores inherited properties', () => {
      const inherited = Object.create({ metric: base.metric, subject: base.subject, range: base.range, comparison: base.comparison });
      assert.deepEqual(fieldsOf(inherited).sort(), ['comparison', 'metric', 'range', 'subject']);
      assert.deepEqual(fieldsOf({ ...base, subject: Object.create({ kind: 'user', userId: 5 }) }), ['subject.kind']);
    });

    it('lists every problem, not just the first', () => {
      const fields = fieldsOf({ metric: 'x', subject: { kind: 'user', userId: -1 }, range: { kind: 'preset', preset: 'x' }, comparison: {}, viewBy: 1, mailboxes: ['a'], types: ['x'] });
      assert.deepEqual(fields, ['metric', 'subject.userId', 'range.preset', 'comparison.kind', 'viewBy', 'mailboxes[0]', 'types[0]']);
    });

    it('renders long or odd values short and on one line', () => {
      const [p] = problemsOf(named(`line one\nline two ${'x'.repeat(500)}`));
      assert.ok(p);
      assert.ok(p.value.length <= 60, p.value);
      assert.ok(!/[\r\n]/.test(p.value));
      assert.ok(p.value.endsWith('…'));
      assert.equal(problemsOf({ ...base, subject: { kind: 'user' } })[0]?.value, 'missing');
    });

    it('rejects things that are not objects', () => {
      for (const input of [null, undefined, 42, 'query', [base]]) assert.deepEqual(fieldsOf(input), ['query']);
    });

    it('never throws on arbitrary input, and what it accepts is stable', () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.record({ metric: fc.anything(), subject: fc.oneof(fc.anything(), fc.record({ kind: fc.constantFrom('user', 'users', 'inbox', 'company'), userId: fc.anything(), users: fc.anything(), mailboxId: fc.anything() })), range: fc.anything(), comparison: fc.anything(), mailboxes: fc.anything() })), (input) => {
          const r = parseReportQuery(input);
          if (r.ok) {
            const again = parseReportQuery(JSON.parse(JSON.stringify(r.query)));
            assert.ok(again.ok);
            assert.deepEqual(again.query, r.query);
          } else {
            assert.ok(r.problems.length > 0);
            for (const p of r.problems) assert.ok(p.field && p.allowed && p.value.length <= 60);
          }
        }),
      );
    });

    it('accepts every well-formed query and returns it unchanged', () => {
      const ids = fc.uniqueArray(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: MAX_IDS });
      const span = fc.tuple(calendarDateArb(2000, 2100), calendarDateArb(2000, 2100)).map(([a, b]) => (a <= b ? { start: a, end: b } : { start: b, end: a }));
      const query = fc.record(
        {
          metric: fc.constantFrom('customersHelped' as const, 'replies' as const, 'resolutions' as const),
          subject: fc.oneof(
            fc.record({ kind: fc.constant('user' as const), userId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), userName: fc.string({ minLength: 1, maxLength: 200 }) }, { requiredKeys: ['kind', 'userId'] }),
            fc.record({
              kind: fc.constant('users' as const),
              users: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), name: fc.string({ minLength: 1, maxLength: 200 }) }, { requiredKeys: ['id'] }), { minLength: 2, maxLength: 50, selector: (m) => m.id }),
            }),
            fc.record({ kind: fc.constant('inbox' as const), mailboxId: fc.integer({ min: 1, max: 10 ** 9 }), mailboxName: fc.string({ minLength: 1, maxLength: 200 }) }, { requiredKeys: ['kind', 'mailboxId'] }),
          ),
          range: fc.oneof(
            fc.constantFrom(...RANGE_PRESETS).map((preset) => ({ kind: 'preset' as const, preset })),
            span.map((s) => ({ kind: 'absolute' as const, ...s })),
          ),
          comparison: fc.oneof(
            fc.constantFrom({ kind: 'none' as const }, { kind: 'previousPeriod' as const }, { kind: 'previousYear' as const }),
            span.map((s) => ({ kind: 'custom' as const, ...s })),
          ),
          viewBy: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
          mailboxes: ids,
          tags: ids,
          folders: ids,
          types: fc.uniqueArray(fc.constantFrom('email' as const, 'chat' as const, 'phone' as const), { minLength: 1 }),
        },
        { requiredKeys: ['metric', 'subject', 'range', 'comparison'] },
      );
      fc.assert(
        fc.property(query, (q) => {
          const r = parseReportQuery(q);
          assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
          // The generator may build null-prototype objects; the result is always a plain one.
          assert.deepEqual(r.query, JSON.parse(JSON.stringify(q)));
        }),
      );
    });
  });

  describe('validateQuery', () => {
    const ctx: ResolveContext = { now: Date.parse('2026-10-15T10:00:00Z'), timeZone: 'Asia/Kolkata', weekStart: 'sunday' };

    it('finds nothing wrong with a good query', () => {
      assert.deepEqual(validateQuery({ ...base, viewBy: 'day' } as ReportQuery, ctx), []);
    });

    it('combines field problems with date rules', () => {
      const problems = validateQuery(
        { metric: 'customersHelped', subject: { kind: 'user', userId: 0 }, range: { kind: 'absolute', start: '2026-01-01', end: '2026-02-14' }, comparison: { kind: 'none' }, viewBy: 'month' },
        ctx,
      );
      assert.deepEqual(problems, [
        { field: 'subject.userId', value: '0', allowed: 'a Help Scout user id (a positive whole number)' },
        { field: 'viewBy', value: '"month"', allowed: 'day or week (a 45-day range allows these)' },
      ]);
    });

    it('does not apply date rules to dates that are already wrong', () => {
      const problems = validateQuery({ ...base, range: { kind: 'absolute', start: '2026-02-30', end: '2027-01-01' }, viewBy: 'day' } as ReportQuery, ctx);
      assert.deepEqual(problems.map((p) => p.field), ['range.start']);
    });

    it('checks a query against the clock', () => {
      const problems = validateQuery({ ...base, range: { kind: 'absolute', start: '2027-01-01', end: '2027-01-31' } } as ReportQuery, ctx);
      assert.deepEqual(problems.map((p) => p.field), ['range.start']);
    });
  });
});
