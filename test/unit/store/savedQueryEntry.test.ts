import * as assert from 'node:assert/strict';
import { checkQueryEntry, checkQueryName, copyName, MAX_QUERY_NAME_LENGTH, toSafeLabel } from '../../../src/core/savedQueryEntry';
import { QUERY_A } from './fakes';

describe('saved query names', () => {
  it('trims and accepts ordinary names, including emoji and right-to-left text', () => {
    assert.deepEqual(checkQueryName('  Anna · last 30 days  '), { ok: true, name: 'Anna · last 30 days' });
    assert.deepEqual(checkQueryName('📈 Weekly'), { ok: true, name: '📈 Weekly' });
    assert.deepEqual(checkQueryName('\u200Fתמיכה'), { ok: true, name: '\u200Fתמיכה' });
  });

  it('counts code points: 100 emoji fit, 101 characters do not', () => {
    assert.equal(checkQueryName('😀'.repeat(MAX_QUERY_NAME_LENGTH)).ok, true);
    const long = checkQueryName('x'.repeat(MAX_QUERY_NAME_LENGTH + 1));
    assert.equal(long.ok, false);
    if (!long.ok) assert.match(long.problem.allowed, /at most 100 characters \(this one has 101\)/);
  });

  const rejected: [string, unknown, RegExp][] = [
    ['empty', '', /not empty/],
    ['only spaces', '   \t ', /not empty/],
    ['a number', 42, /text of 1 to 100/],
    ['null', null, /text of 1 to 100/],
    ['an object', { toString: () => 'x' }, /text of 1 to 100/],
    ['a newline inside', 'Anna\nBob', /control characters/],
    ['a NUL', 'Anna\u0000', /control characters/],
    ['a bell', '\u0007Anna', /control characters/],
    ['a C1 control', 'Anna\u0085x', /control characters/],
    ['a line separator', 'a\u2028b', /control characters/],
    ['a bidi override', 'abc\u202Egnp.exe', /control characters/],
  ];
  for (const [label, value, allowed] of rejected) {
    it(`rejects ${label}, naming the field`, () => {
      const r = checkQueryName(value, 'queries[2].name');
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.problem.field, 'queries[2].name');
      assert.match(r.problem.allowed, allowed);
    });
  }

  it('shows at most a short prefix of a huge value', () => {
    const r = checkQueryName('y'.repeat(1_000_000));
    assert.equal(r.ok, false);
    if (!r.ok) assert.ok(r.problem.value.length < 80, r.problem.value);
  });

  it('names copies "(copy)", "(copy 2)", … skipping taken ones, without stacking suffixes', () => {
    assert.equal(copyName('Anna', ['Anna']), 'Anna (copy)');
    assert.equal(copyName('Anna', ['Anna', 'Anna (copy)']), 'Anna (copy 2)');
    assert.equal(copyName('Anna (copy)', ['Anna', 'Anna (copy)']), 'Anna (copy 2)');
    assert.equal(copyName('Anna (copy 2)', ['Anna', 'Anna (copy)', 'Anna (copy 2)']), 'Anna (copy 3)');
  });

  it('keeps copies of a 100-character name within the limit, without splitting an emoji', () => {
    const name = `${'a'.repeat(95)}😀😀😀😀😀`;
    const copy = copyName(name, [name]);
    assert.equal(checkQueryName(copy).ok, true);
    assert.ok(copy.endsWith(' (copy)'));
    assert.equal(Array.from(copy).length, MAX_QUERY_NAME_LENGTH);
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(copy), 'no lone high surrogate');
  });

  it('checks an entry: fresh clean query, extra keys ignored, reasons prefixed with "query."', () => {
    const ok = checkQueryEntry({ name: ' A ', query: QUERY_A, id: 'x', extra: 1 });
    assert.ok(ok.ok);
    if (ok.ok) {
      assert.deepEqual(ok.entry, { name: 'A', query: QUERY_A });
      assert.notEqual(ok.entry.query, QUERY_A);
    }
    const bad = checkQueryEntry({ name: 'B', query: { ...QUERY_A, subject: { kind: 'user', userId: '42' } } });
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.equal(bad.name, 'B');
      assert.equal(bad.reasons.length, 1);
      assert.match(bad.reasons[0]!, /^query\.subject\.userId: "42" is not allowed/);
    }
  });
});

describe('toSafeLabel (API text made storable)', () => {
  it('folds forbidden characters and white space, keeps RTL text and emoji', () => {
    assert.equal(toSafeLabel('  Anna\u202e\r\nKarenina\t ', 100, 'x'), 'Anna Karenina');
    assert.equal(toSafeLabel('שלום 👩‍💻', 100, 'x'), 'שלום 👩‍💻');
  });
  it('cuts long text on a code point boundary with an ellipsis, and the result passes checkQueryName', () => {
    const long = '😀'.repeat(150);
    const label = toSafeLabel(long, 100, 'x');
    assert.equal(Array.from(label).length, 100);
    assert.ok(label.endsWith('…'));
    assert.equal(checkQueryName(label).ok, true);
  });
  it('falls back when nothing is left', () => {
    assert.equal(toSafeLabel('\u200b\u0000 \n', 100, 'User 7'), '\u200b');
    assert.equal(toSafeLabel('\u0000\n', 100, 'User 7'), 'User 7');
  });
});
