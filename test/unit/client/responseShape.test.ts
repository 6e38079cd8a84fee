import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HelpScoutError } from '../../../src/core/errors';
import { isWireDate, MAX_BUCKETS, parseSeriesReport } from '../../../src/core/responseShape';

const parseCustomersHelped = (json: unknown, request: string) => parseSeriesReport(json, request, 'customers');
const asParsed = (points: Array<{ date: string; customers: number }>) => points.map((p) => ({ date: p.date, value: p.customers }));
import { REPORT_PARAMS, harness, json, rejectionOf } from './fakes';

const REQ = 'GET /v2/reports/user/customers-helped';

function reasonOf(json: unknown): string {
  try {
    parseCustomersHelped(json, REQ);
  } catch (error) {
    assert.ok(error instanceof HelpScoutError, `not a HelpScoutError: ${String(error)}`);
    assert.equal(error.kind, 'badResponse');
    assert.equal(error.status, 200);
    return error.message;
  }
  assert.fail('expected badResponse');
}

function series(n: number, start = Date.UTC(2020, 0, 1)): Array<{ date: string; customers: number }> {
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(start + i * 3_600_000).toISOString().replace('.000Z', 'Z'),
    customers: i % 50,
  }));
}

describe('response shape: customers-helped', () => {
  it('accepts the documented shape, with and without previous, with or without milliseconds', () => {
    const body = { current: [{ date: '2016-08-01T12:00:00Z', customers: 29 }, { date: '2016-09-01T12:00:00.000Z', customers: 0 }] };
    assert.deepEqual(parseCustomersHelped(body, REQ), { current: asParsed(body.current) });
    assert.deepEqual(parseCustomersHelped({ ...body, previous: [] }, REQ), { current: asParsed(body.current), previous: [] });
    assert.deepEqual(parseCustomersHelped({ current: [] }, REQ), { current: [] });
  });

  it('drops unknown fields instead of passing them through', () => {
    const parsed = parseCustomersHelped({ current: [{ date: '2016-08-01T12:00:00Z', customers: 1, extra: '<img>' }], junk: 1 }, REQ);
    assert.deepEqual(parsed, { current: [{ date: '2016-08-01T12:00:00Z', value: 1 }] });
  });

  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', [], /the body is an array, not an object/],
    ['missing current', {}, /current is missing, not an array/],
    ['current an object', { current: {} }, /current is an object, not an array/],
    ['point null', { current: [null] }, /current\[0\] is null, not an object/],
    ['customers a string', { current: [...series(3), { date: '2020-01-01T00:00:00Z', customers: '4' }] }, /current\[3\]\.customers is a string/],
    ['customers negative', { current: [{ date: '2020-01-01T00:00:00Z', customers: -1 }] }, /current\[0\]\.customers is negative \(-1\)/],
    ['customers fractional', { current: [{ date: '2020-01-01T00:00:00Z', customers: 1.5 }] }, /customers is not a whole number/],
    ['customers missing', { current: [{ date: '2020-01-01T00:00:00Z' }] }, /customers is missing/],
    ['date missing', { current: [{ customers: 1 }] }, /current\[0\]\.date is missing/],
    ['date a number', { current: [{ date: 1577836800000, customers: 1 }] }, /current\[0\]\.date is 1577836800000/],
    ['date without Z', { current: [{ date: '2020-01-01T00:00:00', customers: 1 }] }, /date is not a valid yyyy-MM-ddTHH:mm:ssZ date/],
    ['date Feb 30', { current: [{ date: '2021-02-30T00:00:00Z', customers: 1 }] }, /date is not a valid yyyy-MM-ddTHH:mm:ssZ date/],
    ['hour 24', { current: [{ date: '2021-02-03T24:00:00Z', customers: 1 }] }, /date is not a valid yyyy-MM-ddTHH:mm:ssZ date/],
    ['previous a string', { current: [], previous: 'x' }, /previous is a string, not an array/],
    ['bad previous point', { current: [], previous: [{ date: 'x', customers: 1 }] }, /previous\[0\]\.date is not a valid yyyy/],
  ];
  for (const [name, body, reason] of cases) {
    it(`rejects ${name} with a reason naming the path`, () => {
      const message = reasonOf(body);
      assert.match(message, reason);
      assert.match(message, /^Help Scout sent an unexpected response to GET \/v2\/reports\/user\/customers-helped: /);
    });
  }

  it('wire dates: leap days and month ends', () => {
    assert.ok(isWireDate('2024-02-29T00:00:00Z'));
    assert.ok(!isWireDate('2023-02-29T00:00:00Z'));
    assert.ok(isWireDate('2023-12-31T23:59:59.999Z'));
    assert.ok(!isWireDate('2023-04-31T00:00:00Z'));
    assert.ok(!isWireDate('2023-00-10T00:00:00Z'));
    assert.ok(!isWireDate('2023-1-10T00:00:00Z'));
  });

  it('reads response dates leniently: any fraction, Z or an offset (…00.5Z once failed the report)', () => {
    const report = parseCustomersHelped(
      { current: [{ date: '2026-10-01T12:00:00.5Z', customers: 1 }, { date: '2026-10-02T12:00:00+02:00', customers: 2 }] },
      'GET /v2/reports/user/customers-helped',
    );
    assert.deepEqual(report.current.map((p) => p.date), ['2026-10-01T12:00:00.5Z', '2026-10-02T12:00:00+02:00']);
  });

  it('10,000 buckets (both series) are fine and fast; more than 20,000 is badResponse', () => {
    const big = { current: series(10_000), previous: series(10_000, Date.UTC(2018, 0, 1)) };
    const started = performance.now();
    const parsed = parseCustomersHelped(big, REQ);
    assert.equal(parsed.current.length, 10_000);
    assert.ok(performance.now() - started < 500);
    assert.match(reasonOf({ current: series(MAX_BUCKETS + 1) }), /current has 20001 points, more than 20000/);
  });

  it('any JSON value either parses or is badResponse — never another error (property)', () => {
    const point = fc.record({ date: fc.oneof(fc.string(), fc.constant('2020-01-01T00:00:00Z'), fc.integer()), customers: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.string(), fc.constant(null)) }, { requiredKeys: [] });
    const body = fc.oneof(fc.jsonValue(), fc.record({ current: fc.oneof(fc.array(point), fc.jsonValue()), previous: fc.oneof(fc.array(point), fc.jsonValue()) }, { requiredKeys: [] }));
    fc.assert(
      fc.property(body, (value) => {
        try {
          const parsed = parseCustomersHelped(value, REQ);
          for (const p of [...parsed.current, ...(parsed.previous ?? [])]) {
            assert.ok(Number.isInteger(p.value) && p.value >= 0);
            assert.ok(isWireDate(p.date));
          }
        } catch (error) {
          assert.ok(error instanceof HelpScoutError && error.kind === 'badResponse', String(error));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('response shape through the client', () => {
  async function badResponse(reply: Parameters<typeof json>[1] | { raw: string; headers?: Record<string, string> }, opts = {}) {
    const h = harness(opts);
    h.server.script = [typeof reply === 'object' && reply !== null && 'raw' in reply ? { status: 200, body: (reply as { raw: string }).raw, headers: (reply as { headers?: Record<string, string> }).headers } : json(200, reply)];
    const error = await rejectionOf(h.client.getCustomersHelped(REPORT_PARAMS));
    assert.ok(error instanceof HelpScoutError, String(error));
    assert.equal(error.kind, 'badResponse');
    assert.equal(error.status, 200);
    return error;
  }

  it('malformed JSON with 200 → badResponse', async () => {
    assert.match((await badResponse({ raw: '{"current": [' })).message, /not valid JSON/);
  });

  it('an HTML page with 200 → badResponse', async () => {
    assert.match((await badResponse({ raw: '<html><body>Maintenance</body></html>' })).message, /HTML page/);
  });

  it('an empty 200 body → badResponse', async () => {
    assert.match((await badResponse({ raw: '' })).message, /empty/);
  });

  it('a body over maxBodyChars → badResponse, checked by Content-Length before reading and by length after', async () => {
    const e1 = await badResponse({ raw: 'x', headers: { 'Content-Length': '20000000' } });
    assert.match(e1.message, /too large/);
    const e2 = await badResponse({ raw: JSON.stringify({ current: series(100) }) }, { maxBodyChars: 1000 });
    assert.match(e2.message, /too large/);
  });

  it('a wrong shape names the path', async () => {
    assert.match((await badResponse({ current: [{ date: '2020-01-01T00:00:00Z', customers: 'many' }] })).message, /current\[0\]\.customers is a string/);
  });
});
