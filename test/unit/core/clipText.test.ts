import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { clipText } from '../../../src/core/clipText';
import { describeValue } from '../../../src/core/fieldProblem';
import { isRecord, own } from '../../../src/core/plainData';
import { parseReportQuery } from '../../../src/core/validate';

/** Code points, counted the naive way. */
const points = (s: string): string[] => [...s];

describe('clipText: the one way text is shortened', () => {
  it('leaves short text alone, cuts long text to max code points with the ellipsis counted', () => {
    assert.equal(clipText('Anna', 4), 'Anna');
    assert.equal(clipText('Annabel', 4), 'Ann…');
    assert.equal(clipText('Ann   bel', 5), 'Ann…', 'no white space before the ellipsis');
    assert.equal(clipText('😀😀😀😀', 3), '😀😀…', 'an emoji is one code point and is never split');
    assert.equal(clipText('Annabel', 4, { ellipsis: false }), 'Anna');
    assert.equal(clipText('  a\n\tb  ', 10, { oneLine: true }), 'a b');
  });

  it('for any text and limit: at most max code points, a prefix of the input, unchanged when it fits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.integer({ min: 1, max: 40 }), (text, max) => {
        const out = clipText(text, max);
        const inPoints = points(text);
        if (inPoints.length <= max) return assert.equal(out, text);
        assert.ok(points(out).length <= max, `${points(out).length} > ${max}`);
        assert.ok(out.endsWith('…'));
        assert.ok(text.startsWith(out.slice(0, -1)), 'a prefix of the input');
      }),
      { numRuns: 500 },
    );
  });

  it('reads only the start of a huge string', () => {
    const huge = 'x'.repeat(5_000_000);
    const started = Date.now();
    assert.equal(clipText(huge, 10), `${'x'.repeat(9)}…`);
    assert.ok(Date.now() - started < 200);
  });
});

describe('describeValue: the one way values are described', () => {
  it('shows values, or says what kind they are without echoing text', () => {
    const cases: Array<[unknown, string, string]> = [
      [undefined, 'missing', 'missing'],
      [null, 'null', 'null'],
      ['lastDecade', '"lastDecade"', 'a string'],
      [42, '42', '42'],
      [-1, '-1', 'negative (-1)'],
      [1.5, '1.5', 'not a whole number (1.5)'],
      [Number.NaN, 'not a number', 'not a number'],
      [Infinity, 'not finite', 'not finite'],
      [true, 'true', 'a boolean'],
      [[1, 2, 3], 'a list of 3', 'an array'],
      [{ a: 1 }, 'an object', 'an object'],
    ];
    for (const [value, shown, kind] of cases) {
      assert.equal(describeValue(value), shown, String(value));
      assert.equal(describeValue(value, { as: 'kind' }), kind, String(value));
    }
  });

  it('stays one line and within max, even for a huge string with line breaks', () => {
    const out = describeValue(`${'line\n'.repeat(100_000)}`);
    assert.ok(points(out).length <= 60);
    assert.ok(!/[\r\n]/.test(out));
    assert.equal(describeValue('x'.repeat(100), { max: 10 }), `"${'x'.repeat(8)}…`);
  });
});

describe('plainData', () => {
  it('isRecord: objects only, never null or arrays', () => {
    assert.deepEqual([{}, Object.create(null), [], null, 'x', 1, undefined].map(isRecord), [true, true, false, false, false, false, false]);
  });

  it('own: own data properties only, never inherited or getter values', () => {
    const proto = { inherited: 1 };
    const obj = Object.create(proto) as Record<string, unknown>;
    obj.plain = 2;
    obj.nothing = null;
    let ran = false;
    Object.defineProperty(obj, 'getter', { get: () => ((ran = true), 3), enumerable: true });
    assert.equal(own(obj, 'plain'), 2);
    assert.equal(own(obj, 'nothing'), null);
    assert.equal(own(obj, 'inherited'), undefined);
    assert.equal(own(obj, 'getter'), undefined);
    assert.equal(ran, false, 'the getter never ran');
    assert.equal(own(JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>, 'x'), undefined);
  });

  it('a query field behind a getter is never run and reads as missing; null reads as missing too', () => {
    let ran = false;
    const subject: Record<string, unknown> = { kind: 'user' };
    Object.defineProperty(subject, 'userId', { get: () => ((ran = true), 42), enumerable: true });
    const query: Record<string, unknown> = { subject, range: { kind: 'preset', preset: 'last7Days' }, comparison: null };
    Object.defineProperty(query, 'metric', { get: () => ((ran = true), 'replies'), enumerable: true });
    const parsed = parseReportQuery(query);
    assert.equal(ran, false);
    assert.ok(!parsed.ok);
    assert.deepEqual(
      parsed.problems.map((p) => [p.field, p.value]),
      [
        ['metric', 'missing'],
        ['subject.userId', 'missing'],
        ['comparison', 'missing'],
      ],
      'comparison: null reads as missing, as before',
    );
  });
});
