import assert from 'node:assert/strict';
import { buckets } from '../../../src/sandbox/reportEngine';
import { parseWireDate, formatWireDate } from '../../../src/sandbox/wireDate';
import { localDay, startOfLocalDay } from '../../../src/sandbox/zone';
import { get, reportPath, start, token } from './helpers';

const at = (text: string) => {
  const s = parseWireDate(text);
  if (s === null) throw new Error(text);
  return s;
};
/** [first local day, start instant] of each bucket. */
const of = (startText: string, endText: string, viewBy: 'day' | 'week' | 'month', zone = 'UTC') =>
  buckets(at(startText), at(endText), viewBy, zone).map((b) => [b.firstDay, formatWireDate(b.start)]);

describe('sandbox: report buckets', () => {
  it('steps local calendar days from start; later buckets start at local midnight', () => {
    assert.deepEqual(of('2019-05-02T12:00:00Z', '2019-05-05T00:00:00Z', 'day'), [
      ['2019-05-02', '2019-05-02T12:00:00Z'],
      ['2019-05-03', '2019-05-03T00:00:00Z'],
      ['2019-05-04', '2019-05-04T00:00:00Z'],
    ]);
    assert.deepEqual(of('2026-01-01T00:00:00Z', '2026-01-16T00:00:00Z', 'week'), [
      ['2026-01-01', '2026-01-01T00:00:00Z'],
      ['2026-01-08', '2026-01-08T00:00:00Z'],
      ['2026-01-15', '2026-01-15T00:00:00Z'],
    ]);
  });

  it('a 6-day Berlin range across the October change has 6 buckets (it had 7, Sun 25 Oct twice)', () => {
    // Sat 24 … Thu 29 Oct 2026 in Berlin; the clocks go back on Sun 25 Oct, a 25-hour day.
    assert.deepEqual(of('2026-10-23T22:00:00Z', '2026-10-29T23:00:00Z', 'day', 'Europe/Berlin'), [
      ['2026-10-24', '2026-10-23T22:00:00Z'],
      ['2026-10-25', '2026-10-24T22:00:00Z'],
      ['2026-10-26', '2026-10-25T23:00:00Z'],
      ['2026-10-27', '2026-10-26T23:00:00Z'],
      ['2026-10-28', '2026-10-27T23:00:00Z'],
      ['2026-10-29', '2026-10-28T23:00:00Z'],
    ]);
  });

  it('steps calendar months from the first day, clamping to short months without drifting', () => {
    assert.deepEqual(of('2024-01-31T12:00:00Z', '2024-05-01T00:00:00Z', 'month').map(([day]) => day), ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    assert.deepEqual(of('2016-07-31T10:00:00Z', '2016-09-30T10:00:00Z', 'month', 'Pacific/Kiritimati'), [
      ['2016-08-01', '2016-07-31T10:00:00Z'],
      ['2016-09-01', '2016-08-31T10:00:00Z'],
    ]);
  });

  it('finds local midnight in zones from UTC−12 to UTC+14, and the first instant of a day that skips midnight', () => {
    assert.equal(formatWireDate(startOfLocalDay('2026-10-01', 'Pacific/Kiritimati')), '2026-09-30T10:00:00Z');
    assert.equal(formatWireDate(startOfLocalDay('2026-10-01', 'Pacific/Pago_Pago')), '2026-10-01T11:00:00Z');
    assert.equal(formatWireDate(startOfLocalDay('2026-10-01', 'Etc/GMT+12')), '2026-10-01T12:00:00Z');
    assert.equal(formatWireDate(startOfLocalDay('2026-10-01', 'Asia/Kathmandu')), '2026-09-30T18:15:00Z');
    // Santiago moves its clocks from 24:00 to 01:00 on 2026-09-06: the day begins at 04:00Z.
    assert.equal(formatWireDate(startOfLocalDay('2026-09-06', 'America/Santiago')), '2026-09-06T04:00:00Z');
    assert.equal(localDay(at('2026-09-30T10:00:00Z'), 'Pacific/Kiritimati'), '2026-10-01');
    assert.equal(localDay(at('2026-09-30T09:59:59Z'), 'Pacific/Kiritimati'), '2026-09-30');
  });

  it('parses only real instants in the exact wire format', () => {
    assert.equal(parseWireDate('2024-02-29T23:59:59Z'), Date.UTC(2024, 1, 29, 23, 59, 59) / 1000);
    for (const bad of ['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T00:60:00Z', '2024-01-01T00:00:00.5Z', ' 2024-01-01T00:00:00Z', '2024-01-01t00:00:00z']) {
      assert.equal(parseWireDate(bad), null, bad);
    }
    assert.equal(formatWireDate(parseWireDate('0099-03-01T00:00:00Z') ?? 0), '0099-03-01T00:00:00Z');
  });

  it('dates each bucket at noon UTC of its first local day, over HTTP, in the zone it is given', async () => {
    const sb = await start({ timeZone: 'Pacific/Kiritimati' });
    try {
      const access = await token(sb);
      const user = sb.dataset.users[1]?.id ?? 0;
      const a = await get(sb, reportPath({ user, start: '2026-09-30T10:00:00Z', end: '2026-10-31T10:00:00Z', viewBy: 'day' }), access);
      assert.equal(a.status, 200, a.text);
      const dates = (a.body.current as { date: string }[]).map((p) => p.date);
      assert.equal(dates.length, 31);
      assert.equal(dates[0], '2026-10-01T12:00:00Z');
      assert.equal(dates[30], '2026-10-31T12:00:00Z');
    } finally {
      await sb.close();
    }
  });
});
