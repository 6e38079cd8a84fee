import * as assert from 'node:assert/strict';
import { HelpScoutClient } from '../../../src/core/client';
import { REPORT_SERIES, seriesFor, type SeriesId } from '../../../src/core/reportSeries';
import { MemoryTokenStore } from '../../../src/core/tokens';
import { startSandbox } from '../../../src/sandbox/server';
import { BASE, REPORT_PARAMS, harness, json, rejectionOf } from './fakes';

/** Written out from ../shared/helpscout-api.md's table, not read from the descriptor table. */
const DOCUMENTED: Array<[SeriesId, string, string, boolean]> = [
  ['customersHelped', '/v2/reports/user/customers-helped', 'customers', true],
  ['replies', '/v2/reports/user/replies', 'replies', true],
  ['resolutions', '/v2/reports/user/resolutions', 'resolved', true],
  ['companyCustomersHelped', '/v2/reports/company/customers-helped', 'customers', false],
];

describe('client: one call for every time-series report', () => {
  for (const [series, path, key, needsUser] of DOCUMENTED) {
    it(`${series}: GET ${path}, reads "${key}" from each point`, async () => {
      const h = harness();
      h.server.script = [json(200, { current: [{ date: '2017-01-01T12:00:00Z', [key]: 18 }], previous: [{ date: '2016-12-01T12:00:00Z', [key]: 0 }] })];
      const params = needsUser ? REPORT_PARAMS : { ...REPORT_PARAMS, user: undefined };
      const report = await h.client.getSeries(series, params);
      assert.deepEqual(report, { current: [{ date: '2017-01-01T12:00:00Z', value: 18 }], previous: [{ date: '2016-12-01T12:00:00Z', value: 0 }] });
      const url = new URL(h.server.apiCalls[0]!.url);
      assert.equal(`${url.origin}${url.pathname}`, `${BASE}${path}`);
      assert.equal(url.searchParams.get('user'), needsUser ? '447723' : null);
      assert.equal(url.searchParams.get('viewBy'), 'day');
      assert.equal(url.searchParams.get('previousStart'), REPORT_PARAMS.previousStart);
      assert.equal(url.searchParams.get('mailboxes'), '123,456');
    });
  }

  it('a point under another series\' key is a bad response naming the expected key', async () => {
    const h = harness();
    h.server.script = [json(200, { current: [{ date: '2017-01-01T12:00:00Z', customers: 3 }] })];
    const error = await rejectionOf(h.client.getSeries('replies', REPORT_PARAMS));
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /GET \/v2\/reports\/user\/replies.*current\[0\]\.replies is missing/);
  });

  it('refuses a user report without a user and a company report with one, sending nothing', async () => {
    const h = harness();
    await assert.rejects(h.client.getSeries('resolutions', { ...REPORT_PARAMS, user: undefined }), /user must be a positive integer/);
    await assert.rejects(h.client.getSeries('replies', { ...REPORT_PARAMS, user: 0 }), /user must be a positive integer/);
    await assert.rejects(h.client.getSeries('companyCustomersHelped', REPORT_PARAMS), /takes no user/);
    assert.equal(h.server.apiCalls.length, 0);
  });

  it('getCustomersHelped is the customers-helped series', async () => {
    const h = harness();
    h.server.script = [json(200, { current: [{ date: '2017-01-01T12:00:00Z', customers: 4 }] })];
    assert.deepEqual(await h.client.getCustomersHelped(REPORT_PARAMS), { current: [{ date: '2017-01-01T12:00:00Z', value: 4 }] });
    assert.match(h.server.apiCalls[0]!.url, /\/v2\/reports\/user\/customers-helped\?/);
  });

  it('a metric maps to its user series, and only customers helped has a company series', () => {
    assert.equal(seriesFor('replies', 'user'), 'replies');
    assert.equal(seriesFor('customersHelped', 'company'), 'companyCustomersHelped');
    assert.throws(() => seriesFor('resolutions', 'company'), /no company-wide conversations resolved report/);
    for (const d of Object.values(REPORT_SERIES)) assert.ok(d.counting.length > 20 && d.label.length > 0);
  });
});

describe('client: every series against the sandbox', () => {
  it('reads each series the sandbox serves, company without a user', async () => {
    const sb = await startSandbox({ now: new Date('2026-03-15T10:30:00Z') });
    try {
      const client = new HelpScoutClient({ baseUrl: sb.baseUrl, fetch: (url, init) => fetch(url, init), tokenStore: new MemoryTokenStore(), getCredentials: async () => ({ kind: 'clientCredentials' as const, appId: sb.appId, appSecret: sb.appSecret }) });
      const user = sb.dataset.users[0]!.id;
      const params = { user, start: '2026-02-13T00:00:00Z', end: '2026-03-15T00:00:00Z', viewBy: 'day' as const };
      const total = (r: { current: { value: number }[] }) => r.current.reduce((n, p) => n + p.value, 0);
      const helped = total(await client.getSeries('customersHelped', params));
      const replies = total(await client.getSeries('replies', params));
      const resolved = total(await client.getSeries('resolutions', params));
      const company = total(await client.getSeries('companyCustomersHelped', { ...params, user: undefined }));
      assert.ok(helped > 0 && replies >= helped && resolved > 0 && company >= helped, `${helped} ${replies} ${resolved} ${company}`);
    } finally {
      await sb.close();
    }
  });
});
