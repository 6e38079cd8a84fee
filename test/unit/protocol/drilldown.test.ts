import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseWebviewMessage } from '../../../src/extension/webviewMessages';
import { checkDrilldownToWebview, parseDrilldownFromWebview } from '../../../src/protocol/drilldown';

const row = { id: 430221821, number: 226358, subject: 'Folder Not Appearing', customer: 'John Smith', email: 'john@example.com', status: 'active', type: 'email', inbox: 'Support', tags: ['sample-tag'], modifiedAt: '2015-04-24T18:59:49Z' };
const page = { type: 'drilldown/page', requestId: 3, series: 'current', index: 4, page: 1, pages: 2, count: 38, rows: [row] };

describe('protocol/drilldown: from the webview', () => {
  it('accepts exactly the drill-down messages, through the panel parser too', () => {
    const valid = [
      { type: 'drilldown/open', requestId: 1, series: 'previous', index: 0, page: 2 },
      { type: 'drilldown/cancel', requestId: 7 },
      { type: 'drilldown/openConversation', id: 430221821, number: 226358 },
      { type: 'drilldown/copyLink', id: 1, number: 2 },
      { type: 'drilldown/copyNumber', number: 226358 },
      { type: 'drilldown/copyMarkdown', requestId: 9 },
    ];
    for (const message of valid) {
      assert.deepEqual(parseDrilldownFromWebview(message), message);
      assert.deepEqual(parseWebviewMessage(message), message);
    }
  });

  it('refuses anything else: extra keys, URLs, wrong types, out-of-range numbers', () => {
    const invalid: unknown[] = [
      null, 'drilldown/open', [], {},
      { type: 'drilldown/open', requestId: 1, series: 'current', index: 0, page: 1, user: 5 },
      { type: 'drilldown/open', requestId: 0, series: 'current', index: 0, page: 1 },
      { type: 'drilldown/open', requestId: 1, series: 'both', index: 0, page: 1 },
      { type: 'drilldown/open', requestId: 1, series: 'current', index: -1, page: 1 },
      { type: 'drilldown/open', requestId: 1, series: 'current', index: 0, page: 0 },
      { type: 'drilldown/open', requestId: 1, series: 'current', index: 0.5, page: 1 },
      { type: 'drilldown/open', requestId: '1', series: 'current', index: 0, page: 1 },
      { type: 'drilldown/openConversation', id: 1, number: 2, url: 'https://attacker.example' },
      { type: 'drilldown/openConversation', id: '1/../../x', number: 2 },
      { type: 'drilldown/openConversation', id: 1e300, number: 2 },
      { type: 'drilldown/copyNumber', number: Number.NaN },
      { type: 'drilldown/unknown', requestId: 1 },
    ];
    for (const message of invalid) {
      assert.equal(parseDrilldownFromWebview(message), undefined, JSON.stringify(message));
      assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
    }
  });

  it('never throws and accepts only well-formed values on random input', () => {
    fc.assert(
      fc.property(fc.record({ type: fc.constantFrom('drilldown/open', 'drilldown/cancel', 'drilldown/openConversation', 'drilldown/copyNumber') }, { requiredKeys: [] }).chain((base) =>
        fc.dictionary(fc.constantFrom('requestId', 'series', 'index', 'page', 'id', 'number', 'extra'), fc.anything()).map((rest) => ({ ...rest, ...base })),
      ), (message) => {
        const parsed = parseDrilldownFromWebview(message);
        if (!parsed) return;
        for (const [key, value] of Object.entries(parsed)) {
          if (key === 'type' || key === 'series') continue;
          assert.ok(Number.isSafeInteger(value) && (value as number) >= 0, `${key}: ${String(value)}`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('protocol/drilldown: from the host', () => {
  it('copies a valid page and drops unknown fields', () => {
    const result = checkDrilldownToWebview({ ...page, extra: '<script>', rows: [{ ...row, html: '<b>x</b>' }] });
    assert.deepEqual(result, { ok: true, value: page });
    assert.deepEqual(checkDrilldownToWebview({ type: 'drilldown/error', requestId: 2, message: 'Nope' }), { ok: true, value: { type: 'drilldown/error', requestId: 2, message: 'Nope' } });
  });

  it('names the field that is wrong', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...page, requestId: -1 }, /message\.requestId/],
      [{ ...page, rows: Array.from({ length: 51 }, () => row) }, /message\.rows: expected at most 50 rows/],
      [{ ...page, rows: [{ ...row, subject: 5 }] }, /message\.rows\[0\]\.subject/],
      [{ ...page, rows: [{ ...row, id: 'x' }] }, /message\.rows\[0\]\.id/],
      [{ ...page, rows: [{ ...row, tags: [1] }] }, /message\.rows\[0\]\.tags\[0\]/],
      [{ ...page, series: 'next' }, /message\.series/],
      [{ ...page, pages: 0 }, /message\.pages/],
      [{ ...page, type: 'drilldown/other' }, /message\.type/],
      ['x', /message: expected an object/],
    ];
    for (const [input, reason] of cases) {
      const result = checkDrilldownToWebview(input);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, reason);
    }
  });

  it('bounds text without touching it', () => {
    const hostile = '<img src=x onerror=alert(1)>\u202E'.padEnd(30_000, 'y');
    const result = checkDrilldownToWebview({ ...page, rows: [{ ...row, subject: hostile }] });
    assert.ok(result.ok && result.value.type === 'drilldown/page');
    assert.equal(result.value.rows[0]?.subject, hostile.slice(0, 20_000));
  });
});
