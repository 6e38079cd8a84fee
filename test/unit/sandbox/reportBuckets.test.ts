import assert from 'node:assert/strict';
import { bucketStarts } from '../../../src/sandbox/reportEngine';
import { parseWireDate, formatWireDate } from '../../../src/sandbox/wireDate';

const at = (text: string) => {
  const s = parseWireDate(text);
  if (s === null) throw new Error(text);
  return s;
};
const dates = (start: string, end: string, viewBy: 'day' | 'week' | 'month') => bucketStarts(at(start), at(end), viewBy).map(formatWireDate);

describe('sandbox: report buckets', () => {
  it('steps days and weeks from start, keeping its time of day, the last bucket partial', () => {
    assert.deepEqual(dates('2019-05-02T12:00:00Z', '2019-05-05T00:00:00Z', 'day'), [
      '2019-05-02T12:00:00Z',
      '2019-05-03T12:00:00Z',
      '2019-05-04T12:00:00Z',
    ]);
    assert.deepEqual(dates('2026-01-01T00:00:00Z', '2026-01-16T00:00:00Z', 'week'), [
      '2026-01-01T00:00:00Z',
      '2026-01-08T00:00:00Z',
      '2026-01-15T00:00:00Z',
    ]);
  });

  it('steps calendar months from start, clamping to short months without drifting', () => {
    assert.deepEqual(dates('2024-01-31T12:00:00Z', '2024-05-01T00:00:00Z', 'month'), [
      '2024-01-31T12:00:00Z',
      '2024-02-29T12:00:00Z',
      '2024-03-31T12:00:00Z',
      '2024-04-30T12:00:00Z',
    ]);
    assert.deepEqual(dates('2016-08-01T12:00:00Z', '2016-10-01T12:00:00Z', 'month'), ['2016-08-01T12:00:00Z', '2016-09-01T12:00:00Z']);
  });

  it('parses only real instants in the exact wire format', () => {
    assert.equal(parseWireDate('2024-02-29T23:59:59Z'), Date.UTC(2024, 1, 29, 23, 59, 59) / 1000);
    for (const bad of ['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T00:60:00Z', '2024-01-01T00:00:00.5Z', ' 2024-01-01T00:00:00Z', '2024-01-01t00:00:00z']) {
      assert.equal(parseWireDate(bad), null, bad);
    }
    assert.equal(formatWireDate(parseWireDate('0099-03-01T00:00:00Z') ?? 0), '0099-03-01T00:00:00Z');
  });
});
