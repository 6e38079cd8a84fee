import assert from 'node:assert/strict';
import { parseFaultSpec } from '../../../src/sandbox/faultSpec';
import type { Sandbox } from '../../../src/sandbox/server';
import { answer, get, manualClock, reportPath, requestToken, start, token } from './helpers';

describe('sandbox: faults', () => {
  let sb: Sandbox;
  let t: string;
  let report: string;
  before(async () => {
    sb = await start({ rateLimitPerMinute: 0 });
    t = await token(sb);
    report = reportPath({
      user: sb.dataset.users[1]?.id ?? 0,
      start: '2026-02-01T00:00:00Z',
      end: '2026-03-01T00:00:00Z',
      previousStart: '2026-01-04T00:00:00Z',
      previousEnd: '2026-02-01T00:00:00Z',
      viewBy: 'day',
    });
  });
  afterEach(() => sb.faults.clear());
  after(() => sb.close());

  const statuses = async (path: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await get(sb, path, t)).status);
    return out;
  };

  it('a 429 burst answers N times with Retry-After, then the real thing', async () => {
    sb.faults.add({ kind: 'status', status: 429, times: 2, retryAfterSeconds: 7 });
    const first = await get(sb, report, t);
    assert.equal(first.status, 429);
    assert.deepEqual(first.body, { message: 'API rate limit exceeded' });
    assert.equal(first.headers.get('retry-after'), '7');
    assert.equal(first.headers.get('x-ratelimit-retry-after'), '7');
    assert.deepEqual(await statuses(report, 2), [429, 200]);
    assert.deepEqual(sb.faults.list(), []);
  });

  it('5xx bursts carry a Help Scout-style body with logRef', async () => {
    for (const status of [500, 502, 503] as const) {
      sb.faults.add({ kind: 'status', status, times: 1 });
      const a = await get(sb, '/v2/users', t);
      assert.equal(a.status, status);
      assert.equal(typeof a.body.logRef, 'string');
      assert.equal(typeof a.body.message, 'string');
      assert.equal((await get(sb, '/v2/users', t)).status, 200);
    }
    sb.faults.add({ kind: 'status', status: 503, times: 1, retryAfterSeconds: 3 });
    assert.equal((await get(sb, '/v2/tags', t)).headers.get('retry-after'), '3');
  });

  it('a 401 burst says the token expired; the same token works afterwards', async () => {
    sb.faults.add({ kind: 'status', status: 401, times: 1 });
    const a = await get(sb, report, t);
    assert.equal(a.status, 401);
    assert.equal(a.body.message, 'The access token expired');
    assert.equal((await get(sb, report, t)).status, 200);
  });

  it('without times a rule lasts until cleared or removed', async () => {
    const id = sb.faults.add({ kind: 'status', status: 500 });
    assert.deepEqual(await statuses('/v2/tags', 3), [500, 500, 500]);
    assert.equal(sb.faults.list()[0]?.hits, 3);
    assert.equal(sb.faults.list()[0]?.remaining, null);
    assert.equal(sb.faults.remove(id), true);
    assert.deepEqual(await statuses('/v2/tags', 1), [200]);
  });

  it('aims with pathPrefix, and spares the token endpoint unless aimed at it', async () => {
    sb.faults.add({ kind: 'status', status: 503, pathPrefix: '/v2/reports' });
    assert.equal((await get(sb, '/v2/users', t)).status, 200);
    assert.equal((await get(sb, report, t)).status, 503);
    sb.faults.clear();

    sb.faults.add({ kind: 'status', status: 500 });
    assert.equal((await requestToken(sb)).status, 200, 'untargeted rules skip the token endpoint');
    sb.faults.clear();
    sb.faults.add({ kind: 'status', status: 500, times: 1, pathPrefix: '/v2/oauth2/token' });
    assert.equal((await requestToken(sb)).status, 500);
    assert.equal((await requestToken(sb)).status, 200);
  });

  it('drop closes the connection without an answer', async () => {
    sb.faults.add({ kind: 'drop', times: 1 });
    await assert.rejects(fetch(`${sb.baseUrl}${report}`, { headers: { Authorization: `Bearer ${t}` } }));
    assert.equal((await get(sb, report, t)).status, 200);
  });

  it('malformedJson sends 200 with a truncated body', async () => {
    sb.faults.add({ kind: 'malformedJson', times: 1 });
    const a = await get(sb, report, t);
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('content-type'), 'application/json;charset=UTF-8');
    assert.equal(a.body, undefined);
    assert.throws(() => JSON.parse(a.text));
    assert.ok(a.text.startsWith('{"current":['));
  });

  it('htmlBody sends 200 text/html', async () => {
    sb.faults.add({ kind: 'htmlBody', times: 1 });
    const a = await get(sb, '/v2/mailboxes', t);
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(a.text, /^<!DOCTYPE html>/);
  });

  it('wrongShape: missing current, customers as strings, bad dates', async () => {
    sb.faults.add({ kind: 'wrongShape', variant: 'missingCurrent', times: 1 });
    const missing = await get(sb, report, t);
    assert.equal(missing.status, 200);
    assert.equal('current' in missing.body, false);
    assert.ok(Array.isArray(missing.body.previous));

    sb.faults.add({ kind: 'wrongShape', variant: 'customersAsString', times: 1 });
    const strings = await get(sb, report, t);
    assert.ok(strings.body.current.every((p: { customers: unknown }) => typeof p.customers === 'string' && /^\d+$/.test(p.customers)));

    sb.faults.add({ kind: 'wrongShape', variant: 'badDates', times: 1 });
    const dates = await get(sb, report, t);
    assert.equal(dates.body.current[0].date, 'Sun, 01 Feb 2026 12:00:00 GMT');
    assert.ok(dates.body.current.every((p: { date: string }) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(p.date)));

    sb.faults.add({ kind: 'wrongShape', variant: 'missingCurrent', times: 1 });
    const list = await get(sb, '/v2/users', t);
    assert.equal('_embedded' in list.body, false);
    assert.ok(list.body.page.totalElements > 0, 'a list that claims items but has none');
    sb.faults.add({ kind: 'wrongShape', variant: 'customersAsString', times: 1 });
    assert.equal(typeof (await get(sb, '/v2/tags', t)).body._embedded.tags[0].id, 'string');
  });

  it('leaves error answers alone when reshaping', async () => {
    sb.faults.add({ kind: 'wrongShape', variant: 'missingCurrent', times: 1 });
    const a = await get(sb, reportPath({ user: 1, start: 'x', end: 'y' }), t);
    assert.equal(a.status, 400);
    assert.equal(a.body.message, 'Bad request');
  });

  it('hugeResponse sends 10,000 buckets (or as many as asked)', async () => {
    sb.faults.add({ kind: 'hugeResponse', times: 1 });
    const a = await get(sb, report, t);
    assert.equal(a.body.current.length, 10_000);
    assert.equal(a.body.previous.length, 10_000);
    assert.equal(a.body.current[0].date, '2026-02-01T12:00:00Z');
    assert.ok(a.text.length > 400_000);
    sb.faults.add({ kind: 'hugeResponse', buckets: 120, times: 1 });
    const list = await get(sb, '/v2/users', t);
    assert.equal(list.body._embedded.users.length, 120);
  });

  it('slowBody sends headers at once and the body over the given time', async () => {
    sb.faults.add({ kind: 'slowBody', ms: 600, times: 1 });
    const t0 = performance.now();
    const response = await fetch(`${sb.baseUrl}${report}`, { headers: { Authorization: `Bearer ${t}` } });
    const headersAt = performance.now() - t0;
    const a = await answer(response);
    const bodyAt = performance.now() - t0;
    assert.equal(a.status, 200);
    assert.ok(headersAt < 300, `headers after ${headersAt.toFixed(0)} ms`);
    assert.ok(bodyAt >= 500, `body after ${bodyAt.toFixed(0)} ms`);
    assert.equal(a.body.current.length, 28);
  });

  it('latency delays answers (as a rule and as an option)', async () => {
    sb.faults.add({ kind: 'latency', ms: 250, times: 1 });
    let t0 = performance.now();
    assert.equal((await get(sb, '/v2/tags', t)).status, 200);
    assert.ok(performance.now() - t0 >= 240);
    t0 = performance.now();
    await get(sb, '/v2/tags', t);
    assert.ok(performance.now() - t0 < 200, 'used up');

    const slow = await start({ latencyMs: 200 });
    try {
      t0 = performance.now();
      await requestToken(slow);
      assert.ok(performance.now() - t0 >= 190);
    } finally {
      await slow.close();
    }
  });

  it('a latency rule combines with another fault on the same request', async () => {
    sb.faults.add({ kind: 'latency', ms: 150, times: 1 });
    sb.faults.add({ kind: 'status', status: 502, times: 1 });
    const t0 = performance.now();
    assert.equal((await get(sb, '/v2/tags', t)).status, 502);
    assert.ok(performance.now() - t0 >= 140);
  });

  it('expireTokensEarly(0) kills issued tokens at once; a renewed token works', async () => {
    const old = await token(sb);
    assert.equal((await get(sb, '/v2/users/me', old)).status, 200);
    sb.faults.add({ kind: 'expireTokensEarly', afterSeconds: 0 });
    const a = await get(sb, '/v2/users/me', old);
    assert.equal(a.status, 401);
    assert.equal(a.body.message, 'The access token expired');
    const renewed = await token(sb);
    assert.equal((await get(sb, '/v2/users/me', renewed)).status, 200);
    t = renewed;
  });

  it('expireTokensEarly(N) makes old and new tokens die after N seconds, until cleared', async () => {
    const clock = manualClock();
    const timed = await start({ clock: clock.now });
    try {
      const old = await token(timed);
      timed.faults.add({ kind: 'expireTokensEarly', afterSeconds: 30 });
      const fresh = await requestToken(timed);
      assert.equal(fresh.body.expires_in, 172800, 'the server still claims the normal lifetime');
      clock.advance(29_000);
      assert.equal((await get(timed, '/v2/users/me', old)).status, 200);
      assert.equal((await get(timed, '/v2/users/me', fresh.body.access_token)).status, 200);
      clock.advance(1_000);
      assert.equal((await get(timed, '/v2/users/me', old)).status, 401);
      assert.equal((await get(timed, '/v2/users/me', fresh.body.access_token)).status, 401);
      timed.faults.clear();
      const normal = await token(timed);
      clock.advance(3_600_000);
      assert.equal((await get(timed, '/v2/users/me', normal)).status, 200);
    } finally {
      await timed.close();
    }
  });

  it('rejects invalid rules from code with a TypeError', () => {
    const bad: unknown[] = [
      { kind: 'status', status: 404 },
      { kind: 'latency', ms: -1 },
      { kind: 'drop', times: 0 },
      { kind: 'wrongShape', variant: 'sideways' },
      { kind: 'teleport' },
      { kind: 'drop', pathPrefix: 'v2' },
    ];
    for (const rule of bad) assert.throws(() => sb.faults.add(rule as never), TypeError, JSON.stringify(rule));
    assert.deepEqual(sb.faults.list(), []);
  });

  it('parses the CLI spec form', () => {
    assert.deepEqual(parseFaultSpec('429:3'), { kind: 'status', status: 429, times: 3 });
    assert.deepEqual(parseFaultSpec('500:always'), { kind: 'status', status: 500 });
    assert.deepEqual(parseFaultSpec('429:2:retry-after=9@/v2/reports'), { kind: 'status', status: 429, times: 2, retryAfterSeconds: 9, pathPrefix: '/v2/reports' });
    assert.deepEqual(parseFaultSpec('drop:1'), { kind: 'drop', times: 1 });
    assert.deepEqual(parseFaultSpec('slow-body:2000'), { kind: 'slowBody', ms: 2000 });
    assert.deepEqual(parseFaultSpec('latency:300:5'), { kind: 'latency', ms: 300, times: 5 });
    assert.deepEqual(parseFaultSpec('malformed-json'), { kind: 'malformedJson' });
    assert.deepEqual(parseFaultSpec('html:2'), { kind: 'htmlBody', times: 2 });
    assert.deepEqual(parseFaultSpec('wrong-shape:customers-as-string:1'), { kind: 'wrongShape', variant: 'customersAsString', times: 1 });
    assert.deepEqual(parseFaultSpec('huge:1:buckets=500'), { kind: 'hugeResponse', times: 1, buckets: 500 });
    assert.deepEqual(parseFaultSpec('expire-tokens'), { kind: 'expireTokensEarly', afterSeconds: 0 });
    assert.deepEqual(parseFaultSpec('expire-tokens:60'), { kind: 'expireTokensEarly', afterSeconds: 60 });
    for (const bad of ['418', '429:x', '429:0', 'slow-body', 'wrong-shape:oops', 'drop:1:2', 'huge:colour=red', 'latency:-5']) {
      assert.throws(() => parseFaultSpec(bad), TypeError, bad);
    }
  });

  describe('control endpoint', () => {
    it('is absent unless enabled', async () => {
      assert.equal((await get(sb, '/__sandbox/faults')).status, 404);
      assert.equal((await get(sb, '/__sandbox/faults', undefined, { method: 'POST', body: '{"spec":"500"}' })).status, 404);
      assert.deepEqual(sb.faults.list(), []);
    });

    it('adds (rule, array, spec), lists and clears faults; reads and resets stats', async () => {
      const ctl = await start({ controlEndpoint: true });
      try {
        const post = (body: unknown) => get(ctl, '/__sandbox/faults', undefined, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
        const added = await post({ spec: '503:2@/v2/tags' });
        assert.equal(added.status, 201);
        assert.equal(added.body.ids.length, 1);
        assert.equal((await post([{ kind: 'latency', ms: 1 }, { kind: 'drop', times: 1, pathPrefix: '/v2/nowhere' }])).body.ids.length, 2);
        assert.equal((await post({ specs: ['html:1@/v2/mailboxes'] })).status, 201);
        const listed = await get(ctl, '/__sandbox/faults');
        assert.equal(listed.body.faults.length, 4);
        assert.deepEqual(listed.body.faults[0].rule, { kind: 'status', status: 503, times: 2, pathPrefix: '/v2/tags' });

        const access = await token(ctl);
        assert.equal((await get(ctl, '/v2/tags', access)).status, 503);
        assert.equal((await get(ctl, '/__sandbox/faults')).body.faults[0].remaining, 1);

        assert.equal((await post({ kind: 'status', status: 299 })).status, 400);
        assert.equal((await post({ spec: 'nonsense' })).status, 400);
        const notJson = await get(ctl, '/__sandbox/faults', undefined, { method: 'POST', body: 'nope' });
        assert.equal(notJson.status, 400);

        assert.equal((await get(ctl, '/__sandbox/faults', undefined, { method: 'DELETE' })).status, 200);
        assert.deepEqual(ctl.faults.list(), []);
        assert.equal((await get(ctl, '/v2/tags', access)).status, 200);

        const stats = await get(ctl, '/__sandbox/stats');
        assert.deepEqual(stats.body, ctl.stats);
        assert.equal(stats.body.requests, 3, 'control requests are not counted');
        assert.equal(stats.body.tokenRequests, 1);
        assert.equal(stats.body.byPath['/v2/tags'], 2);
        await get(ctl, '/__sandbox/stats', undefined, { method: 'DELETE' });
        assert.equal(ctl.stats.requests, 0);
        assert.deepEqual(ctl.stats.byPath, {});
      } finally {
        await ctl.close();
      }
    });
  });

  it('counts requests, token and report requests, by path; resetStats zeroes in place', async () => {
    const stats = sb.stats;
    sb.resetStats();
    await requestToken(sb);
    await get(sb, report, t);
    await get(sb, report, t);
    await get(sb, '/v2/users', t);
    await get(sb, '/v2/nope', t);
    assert.equal(stats, sb.stats);
    assert.equal(stats.requests, 5);
    assert.equal(stats.tokenRequests, 1);
    assert.equal(stats.reportRequests, 2);
    assert.deepEqual(stats.byPath, { '/v2/oauth2/token': 1, '/v2/reports/user/customers-helped': 2, '/v2/users': 1, '/v2/nope': 1 });
    sb.resetStats();
    assert.equal(stats.requests, 0);
  });
});
