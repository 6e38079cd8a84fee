import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, formatCalendarDate, parseCalendarDate, type CivilDate } from '../../../src/core/calendarDate';
import { isValidTimeZone, startOfZonedDay, zonedDate, zoneOffsetMs } from '../../../src/core/timeZone';
import { civilDateArb, ZONES } from './arbitraries';

const day = (s: string): CivilDate => parseCalendarDate(s) ?? assert.fail(s);
const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

/** An oracle independent of the code under test: the local date as Intl prints it. */
const localDateOracle = (ms: number, timeZone: string) => new Date(ms).toLocaleDateString('sv-SE', { timeZone });

describe('timeZone', () => {
  it('knows which zones exist', () => {
    assert.equal(isValidTimeZone('Europe/Berlin'), true);
    assert.equal(isValidTimeZone('UTC'), true);
    assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
    assert.equal(isValidTimeZone(''), false);
  });

  it('gives offsets including half and three-quarter hours', () => {
    assert.equal(zoneOffsetMs(Date.UTC(2026, 6, 1), 'Europe/Berlin'), 2 * H);
    assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 1), 'Europe/Berlin'), 1 * H);
    assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 1), 'Asia/Kolkata'), 5.5 * H);
    assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 1), 'Pacific/Chatham'), 13.75 * H);
    assert.equal(zoneOffsetMs(Date.UTC(2026, 6, 1), 'Pacific/Chatham'), 12.75 * H);
    assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 1), 'America/New_York'), -5 * H);
    assert.equal(zoneOffsetMs(Date.UTC(2026, 0, 1, 0, 0, 0, 999), 'UTC'), 0);
  });

  it('starts UTC days at UTC midnight', () => {
    assert.equal(iso(startOfZonedDay(day('2026-10-15'), 'UTC')), '2026-10-15T00:00:00.000Z');
  });

  it('handles Berlin DST: 23-hour and 25-hour days', () => {
    const berlin = (d: string) => startOfZonedDay(day(d), 'Europe/Berlin');
    assert.equal(iso(berlin('2026-03-29')), '2026-03-28T23:00:00.000Z');
    assert.equal(iso(berlin('2026-03-30')), '2026-03-29T22:00:00.000Z');
    assert.equal(berlin('2026-03-30') - berlin('2026-03-29'), 23 * H);
    assert.equal(iso(berlin('2026-10-25')), '2026-10-24T22:00:00.000Z');
    assert.equal(iso(berlin('2026-10-26')), '2026-10-25T23:00:00.000Z');
    assert.equal(berlin('2026-10-26') - berlin('2026-10-25'), 25 * H);
  });

  it('handles New York DST', () => {
    const ny = (d: string) => iso(startOfZonedDay(day(d), 'America/New_York'));
    assert.equal(ny('2026-03-08'), '2026-03-08T05:00:00.000Z');
    assert.equal(ny('2026-03-09'), '2026-03-09T04:00:00.000Z');
    assert.equal(ny('2026-11-01'), '2026-11-01T04:00:00.000Z');
    assert.equal(ny('2026-11-02'), '2026-11-02T05:00:00.000Z');
  });

  it('handles fractional offsets (Kolkata +5:30, Chatham +12:45/+13:45)', () => {
    assert.equal(iso(startOfZonedDay(day('2026-01-01'), 'Asia/Kolkata')), '2025-12-31T18:30:00.000Z');
    assert.equal(iso(startOfZonedDay(day('2026-01-01'), 'Pacific/Chatham')), '2025-12-31T10:15:00.000Z');
    assert.equal(iso(startOfZonedDay(day('2026-07-01'), 'Pacific/Chatham')), '2026-06-30T11:15:00.000Z');
  });

  it('starts a day whose midnight a DST gap skips at the moment the clocks jump', () => {
    // Santiago, Beirut and Havana move their clocks from 00:00 to 01:00.
    assert.equal(iso(startOfZonedDay(day('2026-09-06'), 'America/Santiago')), '2026-09-06T04:00:00.000Z');
    assert.equal(iso(startOfZonedDay(day('2026-03-29'), 'Asia/Beirut')), '2026-03-28T22:00:00.000Z');
    assert.equal(iso(startOfZonedDay(day('2026-03-08'), 'America/Havana')), '2026-03-08T05:00:00.000Z');
    assert.equal(localDateOracle(startOfZonedDay(day('2026-09-06'), 'America/Santiago'), 'America/Santiago'), '2026-09-06');
  });

  it('starts a day whose midnight happens twice at the first midnight', () => {
    // Havana falls back from 01:00 to 00:00: local midnight on 1 Nov 2026 is 04:00Z and 05:00Z.
    assert.equal(iso(startOfZonedDay(day('2026-11-01'), 'America/Havana')), '2026-11-01T04:00:00.000Z');
    assert.equal(zoneOffsetMs(Date.parse('2026-11-01T05:00:00Z'), 'America/Havana'), -5 * H);
  });

  it('start of day is the first instant with that local date, in every zone', () => {
    fc.assert(
      fc.property(civilDateArb(2000, 2100), fc.constantFrom(...ZONES), (d, zone) => {
        const start = startOfZonedDay(d, zone);
        assert.equal(localDateOracle(start, zone), formatCalendarDate(d));
        assert.equal(localDateOracle(start - 1, zone), formatCalendarDate(addDays(d, -1)));
        assert.deepEqual(zonedDate(start, zone), d);
      }),
      { numRuns: 400 },
    );
  });

  it('zonedDate agrees with Intl for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
        assert.equal(formatCalendarDate(zonedDate(ms, zone)), localDateOracle(ms, zone));
      }),
    );
  });
});
