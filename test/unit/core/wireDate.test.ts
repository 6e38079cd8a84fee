import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { daysInMonth } from '../../../src/core/calendarDate';
import { formatWireDate, isResponseDateText, parseWireDate } from '../../../src/core/wireDate';

const WIRE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

describe('wireDate', () => {
  describe('formatWireDate', () => {
    it('formats UTC without milliseconds', () => {
      assert.equal(formatWireDate(0), '1970-01-01T00:00:00Z');
      assert.equal(formatWireDate(Date.UTC(2019, 4, 2, 12, 0, 0)), '2019-05-02T12:00:00Z');
    });

    it('floors to the whole second, also before 1970', () => {
      assert.equal(formatWireDate(Date.UTC(2026, 9, 15, 23, 59, 59, 999)), '2026-10-15T23:59:59Z');
      assert.equal(formatWireDate(-1), '1969-12-31T23:59:59Z');
    });

    it('rejects instants it cannot write in the wire format', () => {
      assert.throws(() => formatWireDate(Number.NaN), RangeError);
      assert.throws(() => formatWireDate(Number.POSITIVE_INFINITY), RangeError);
      assert.throws(() => formatWireDate(MAX_MS + 1), RangeError);
      assert.throws(() => formatWireDate(Date.UTC(-1, 0, 1)), RangeError);
    });

    it('always matches the wire pattern and round-trips to the floored second', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: MAX_MS }), (ms) => {
          const s = formatWireDate(ms);
          assert.match(s, WIRE);
          assert.equal(parseWireDate(s), Math.floor(ms / 1000) * 1000);
          assert.equal(s, new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z'));
        }),
      );
    });
  });

  describe('parseWireDate', () => {
    it('reads the documented format', () => {
      assert.equal(parseWireDate('2016-08-01T12:00:00Z'), Date.UTC(2016, 7, 1, 12));
    });

    it('tolerates fractional seconds in responses', () => {
      assert.equal(parseWireDate('2016-08-01T12:00:00.000Z'), Date.UTC(2016, 7, 1, 12));
      assert.equal(parseWireDate('2016-08-01T12:00:00.5Z'), Date.UTC(2016, 7, 1, 12, 0, 0, 500));
      assert.equal(parseWireDate('2016-08-01T12:00:00.123456Z'), Date.UTC(2016, 7, 1, 12, 0, 0, 123));
    });

    it('accepts leap days only in leap years', () => {
      assert.equal(parseWireDate('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29));
      assert.equal(parseWireDate('2000-02-29T00:00:00Z'), Date.UTC(2000, 1, 29));
      assert.equal(parseWireDate('2100-02-29T00:00:00Z'), undefined);
      assert.equal(parseWireDate('2026-02-29T00:00:00Z'), undefined);
    });

    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T12:60:00Z',
      '2026-01-01T12:00:60Z',
      '2026-01-01T12:00:00',
      '2026-01-01T12:00:00+00:00',
      '2026-01-01 12:00:00Z',
      '2026-01-01t12:00:00z',
      '2026-01-01',
      ' 2026-01-01T12:00:00Z',
      '2026-01-01T12:00:00Z\n',
      '26-01-01T12:00:00Z',
      '2026-1-01T12:00:00Z',
      '2026-01-01T12:00:00.Z',
      '',
    ]) {
      it(`rejects ${JSON.stringify(bad)}`, () => {
        assert.equal(parseWireDate(bad), undefined);
      });
    }

    it('accepts exactly the component combinations that are real dates', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1000, max: 9999 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 25 }),
          fc.integer({ min: 0, max: 61 }),
          fc.integer({ min: 0, max: 61 }),
          (y, mo, d, h, mi, s) => {
            const p2 = (n: number) => String(n).padStart(2, '0');
            const text = `${y}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}Z`;
            const utc = Date.UTC(y, mo - 1, d, h, mi, s);
            const t = new Date(utc);
            const real =
              mo >= 1 && mo <= 12 && d >= 1 && h <= 23 && mi <= 59 && s <= 59 &&
              t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
            assert.equal(parseWireDate(text), real ? utc : undefined);
          },
        ),
      );
    });
  });

  describe('isResponseDateText (the lenient, hand-written check behind the response shape check)', () => {
    /** The definition it must match: the regex, then the range checks (proleptic Gregorian). */
    function reference(s: string): boolean {
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):?(\d{2}))$/.exec(s);
      if (!m || s.length > 56) return false;
      const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
      const offsetOk = m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
      return offsetOk && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 23 && mi <= 59 && sec <= 59;
    }

    /** Near-misses: real wire dates with a few characters replaced, inserted or deleted. */
    const nearWireDate = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.constantFrom('', '.0', '.12', '.123', '.1234', '.123456789', '.', '.12a'),
        fc.constantFrom('Z', '+02:00', '-05:30', '+0545', '+14:00', '-12:00', '+24:00', '+02:60', '+2:00', '+02', 'z'),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.constantFrom(...'0123456789-T:Z.zt +\n\u0660１'.split(''))), { maxLength: 2 }),
      )
      .map(([y, mo, d, h, mi, sec, fraction, zone, edits]) => {
        const p = (n: number, w = 2) => String(n).padStart(w, '0');
        let text = `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(sec)}${fraction}${zone}`;
        for (const [at, op, c] of edits) {
          const i = at % (text.length + 1);
          text = op === 'replace' ? text.slice(0, i) + c + text.slice(i + 1) : op === 'insert' ? text.slice(0, i) + c + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
        }
        return text;
      });

    it('accepts exactly what the regex + real-date definition accepts', () => {
      fc.assert(
        fc.property(fc.oneof(nearWireDate, fc.string({ maxLength: 30 })), (text) => {
          assert.equal(isResponseDateText(text), reference(text), JSON.stringify(text));
        }),
        { numRuns: 20_000 },
      );
    });

    it('every day of every month of a 400-year cycle, and the days just past the end', () => {
      for (let y = 2000; y < 2400; y++) {
        for (let mo = 1; mo <= 12; mo++) {
          for (let d = 27; d <= 32; d++) {
            const text = `${y}-${String(mo).padStart(2, '0')}-${d}T00:00:00Z`;
            const real = new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
            assert.equal(isResponseDateText(text), real, text);
          }
        }
      }
    });

    it('rejects impossible dates and times, and anything not exactly the format', () => {
      for (const bad of [
        '2023-02-29T00:00:00Z',
        '2100-02-29T00:00:00Z',
        '2026-04-31T00:00:00Z',
        '2026-00-10T00:00:00Z',
        '2026-13-01T00:00:00Z',
        '2026-01-00T00:00:00Z',
        '2026-01-01T24:00:00Z',
        '2026-01-01T12:60:00Z',
        '2026-01-01T12:00:60Z',
        '2026-01-01T12:00:00.Z',
        '2026-01-01T12:00:00.12aZ',
        '2026-01-01T12:00:00+24:00',
        '2026-01-01T12:00:00+02:60',
        '2026-01-01T12:00:00+2:00',
        '2026-01-01T12:00:00+02',
        '2026-01-01T12:00:00Z+02:00',
        '2026-01-01T12:00:00',
        '2026-01-01T12:00:00z',
        '2026-01-01t12:00:00Z',
        '2026-01-01 12:00:00Z',
        '2026-1-01T12:00:00Z',
        '+2026-01-01T12:00:00Z',
        ' 2026-01-01T12:00:00Z',
        '2026-01-01T12:00:00Z\n',
        '２026-01-01T12:00:00Z',
        '',
      ]) {
        assert.equal(isResponseDateText(bad), false, bad);
      }
      for (const good of [
        '2024-02-29T00:00:00Z',
        '2000-02-29T23:59:59Z',
        '2023-12-31T23:59:59.999Z',
        '2026-10-01T12:00:00.5Z',
        '2026-10-01T12:00:00.123456789Z',
        '2026-10-01T12:00:00+02:00',
        '2026-10-01T12:00:00.25-0545',
        '0001-01-01T00:00:00Z',
        '9999-12-31T23:59:59Z',
      ]) {
        assert.equal(isResponseDateText(good), true, good);
      }
    });

    it('year 0000 follows the proleptic Gregorian calendar, as parseWireDate does (0000-02-29 exists)', () => {
      assert.equal(isResponseDateText('0000-02-29T00:00:00Z'), true);
      assert.notEqual(parseWireDate('0000-02-29T00:00:00Z'), undefined);
    });
  });
});
