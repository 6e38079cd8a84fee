/** Client and sandbox against the same documented examples (documentedExamples.ts). */
import * as assert from 'node:assert/strict';
import { resolvePeriods } from '../../../src/core/period';
import { formatWireDate as clientFormat, parseWireDate as clientParse } from '../../../src/core/wireDate';
import { parseCustomersHelpedRequest } from '../../../src/sandbox/reportRequest';
import { parseWireDate as sandboxParse } from '../../../src/sandbox/wireDate';
import { RANGE_EXAMPLES, WIRE_DATE_EXAMPLES } from './documentedExamples';

const later = Date.parse('2030-01-01T00:00:00Z');

describe('documented examples: the client and the sandbox agree with the table, not with each other', () => {
  for (const ex of RANGE_EXAMPLES) {
    it(`client: ${ex.what} (${ex.zone}) → ${ex.allowed.join(', ')}`, () => {
      const r = resolvePeriods(
        { range: { kind: 'absolute', start: ex.firstDay, end: ex.lastDay }, comparison: { kind: 'none' } },
        { now: later, timeZone: ex.zone, weekStart: 'monday' },
      );
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(clientFormat(r.periods.current.start), ex.start);
      assert.equal(clientFormat(r.periods.current.end), ex.end);
      assert.deepEqual(r.periods.allowedViewBy, ex.allowed);
    });

    it(`sandbox: ${ex.what} (${ex.zone}) → ${ex.allowed.join(', ')}`, () => {
      for (const viewBy of ['day', 'week', 'month'] as const) {
        const parsed = parseCustomersHelpedRequest(new URLSearchParams({ user: '1', start: ex.start, end: ex.end, viewBy }), ex.zone);
        assert.equal(parsed.ok, ex.allowed.includes(viewBy), `${viewBy}: ${JSON.stringify(parsed)}`);
      }
      const finest = parseCustomersHelpedRequest(new URLSearchParams({ user: '1', start: ex.start, end: ex.end }), ex.zone);
      assert.ok(finest.ok);
      assert.equal(finest.query.viewBy, ex.allowed[0]);
    });
  }

  it('wire dates: the sandbox admits exactly the valid ones; the client sends only those', () => {
    for (const { text, valid } of WIRE_DATE_EXAMPLES) {
      assert.equal(sandboxParse(text) !== null, valid, text);
      const ms = clientParse(text);
      if (valid) assert.equal(clientFormat(ms ?? NaN), text, text);
    }
  });
});
