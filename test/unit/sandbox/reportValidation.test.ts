import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { assertVndError, get, reportPath, start, token } from './helpers';

describe('sandbox: customers-helped request validation', () => {
  let sb: Sandbox;
  let access: string;
  let user: number;
  before(async () => {
    sb = await start();
    access = await token(sb);
    user = sb.dataset.users[1]?.id ?? 0;
  });
  after(() => sb.close());

  const report = (params: Record<string, string | number>) => get(sb, reportPath(params), access);

  it('answers a valid request with one point per bucket', async () => {
    const a = await report({ user, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z', viewBy: 'day' });
    assert.equal(a.status, 200);
    assert.equal(a.body.current.length, 28);
    assert.equal(a.body.previous, undefined);
    assert.equal(a.body.current[0].date, '2026-02-01T12:00:00Z');
    assert.equal(a.body.current[27].date, '2026-02-28T12:00:00Z');
  });

  it('rejects viewBy=day for 61 days and accepts it for 60', async () => {
    const e = assertVndError(await report({ user, start: '2026-01-01T00:00:00Z', end: '2026-03-03T00:00:00Z', viewBy: 'day' }), 'viewBy', 'day');
    assert.match(e.message, /60 days/);
    const ok = await report({ user, start: '2026-01-01T00:00:00Z', end: '2026-03-02T00:00:00Z', viewBy: 'day' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.current.length, 60);
  });

  it('applies the week and month rules', async () => {
    assertVndError(await report({ user, start: '2026-01-01T00:00:00Z', end: '2026-03-01T00:00:00Z', viewBy: 'month' }), 'viewBy', 'month');
    // week: the end no later than one year after the start (366 days from 2024-03-01 is too long).
    assertVndError(await report({ user, start: '2024-03-01T00:00:00Z', end: '2025-03-02T00:00:00Z', viewBy: 'week' }), 'viewBy', 'week');
    assert.equal((await report({ user, start: '2024-03-01T00:00:00Z', end: '2025-03-01T00:00:00Z', viewBy: 'week' })).status, 200);
    assert.equal((await report({ user, start: '2026-01-01T00:00:00Z', end: '2026-03-03T00:00:00Z', viewBy: 'month' })).status, 200);
    assert.equal((await report({ user, start: '2026-01-01T00:00:00Z', end: '2026-03-03T00:00:00Z', viewBy: 'week' })).status, 200);
    // The previous range must allow the resolution too.
    assertVndError(
      await report({ user, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z', previousStart: '2025-01-01T00:00:00Z', previousEnd: '2026-02-01T00:00:00Z', viewBy: 'day' }),
      'viewBy',
    );
  });

  it('picks the finest allowed resolution when viewBy is absent', async () => {
    const days = await report({ user, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z' });
    assert.equal(days.body.current.length, 28);
    const weeks = await report({ user, start: '2025-06-01T00:00:00Z', end: '2026-03-01T00:00:00Z' });
    assert.equal(weeks.body.current[1].date, '2025-06-08T12:00:00Z');
    const months = await report({ user, start: '2024-04-01T00:00:00Z', end: '2026-03-01T00:00:00Z' });
    assert.equal(months.body.current.length, 23);
    assert.equal(months.body.current[1].date, '2024-05-01T12:00:00Z');
  });

  it('rejects dates with milliseconds, offsets, or that do not exist', async () => {
    const cases: [string, string][] = [
      ['start', '2026-02-01T00:00:00.000Z'],
      ['start', '2026-02-01T00:00:00+01:00'],
      ['start', '2026-02-01'],
      ['start', '2026-02-30T00:00:00Z'],
      ['start', '2026-02-01T24:00:00Z'],
      ['start', '1767225600'],
    ];
    for (const [path, value] of cases) {
      const e = assertVndError(await report({ user, start: value, end: '2026-03-01T00:00:00Z' }), path, value);
      assert.match(e.message, /yyyy-MM-dd'T'HH:mm:ss'Z'/);
    }
    assertVndError(await report({ user, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00.123Z' }), 'end', '2026-03-01T00:00:00.123Z');
    assertVndError(await report({ user, end: '2026-03-01T00:00:00Z' }), 'start', null);
  });

  it('rejects a reversed or empty range', async () => {
    assertVndError(await report({ user, start: '2026-03-01T00:00:00Z', end: '2026-02-01T00:00:00Z' }), 'end');
    assertVndError(await report({ user, start: '2026-03-01T00:00:00Z', end: '2026-03-01T00:00:00Z' }), 'end');
    assertVndError(
      await report({ user, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z', previousStart: '2026-02-01T00:00:00Z', previousEnd: '2026-01-01T00:00:00Z' }),
      'previousEnd',
    );
  });

  it('requires previousStart and previousEnd together', async () => {
    assertVndError(await report({ user, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z', previousStart: '2026-01-01T00:00:00Z' }), 'previousEnd', null);
    assertVndError(await report({ user, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z', previousEnd: '2026-02-01T00:00:00Z' }), 'previousStart', null);
  });

  it('returns previous only when a previous range is sent', async () => {
    const a = await report({ user, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z', previousStart: '2026-01-04T00:00:00Z', previousEnd: '2026-02-01T00:00:00Z', viewBy: 'week' });
    assert.equal(a.status, 200);
    assert.deepEqual(a.body.previous.map((p: { date: string }) => p.date), ['2026-01-04T12:00:00Z', '2026-01-11T12:00:00Z', '2026-01-18T12:00:00Z', '2026-01-25T12:00:00Z']);
    assert.equal(a.body.current.length, 4);
  });

  it('rejects an unknown viewBy, bad ids and unknown types', async () => {
    const range = { start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z' };
    assertVndError(await report({ user, ...range, viewBy: 'hour' }), 'viewBy', 'hour');
    assertVndError(await report({ user, ...range, viewBy: 'Day' }), 'viewBy', 'Day');
    assertVndError(await report({ user: 'abc', ...range }), 'user', 'abc');
    assertVndError(await report({ user: 0, ...range }), 'user', '0');
    assertVndError(await report({ ...range }), 'user', null);
    assertVndError(await report({ user, ...range, mailboxes: '12,x' }), 'mailboxes', '12,x');
    assertVndError(await report({ user, ...range, tags: '1,,2' }), 'tags');
    assertVndError(await report({ user, ...range, folders: '-5' }), 'folders');
    assertVndError(await report({ user, ...range, types: 'email,sms' }), 'types', 'sms');
    const several = await report({ user: 'x', start: 'y', end: '2026-03-01T00:00:00Z', types: 'fax' });
    assert.deepEqual(several.body._embedded.errors.map((e: { path: string }) => e.path).sort(), ['start', 'types', 'user']);
  });

  it('accepts known filters, including repeated parameters', async () => {
    const mailboxes = sb.dataset.mailboxes.map((m) => m.id);
    const path = `${reportPath({ user, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z', types: 'email' })}&mailboxes=${mailboxes[0]}&mailboxes=${mailboxes[1]}`;
    const a = await get(sb, path, access);
    assert.equal(a.status, 200);
  });

  it('answers 404 for an unknown user', async () => {
    const a = await report({ user: 12345, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z' });
    assert.equal(a.status, 404);
    assert.equal(typeof a.body.logRef, 'string');
    assert.match(a.body.message, /12345/);
  });

  it('answers 403 on a plan without Reports, but still serves the lists', async () => {
    const free = await start({ plan: 'free' });
    try {
      const t = await token(free);
      const a = await get(free, reportPath({ user, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z' }), t);
      assert.equal(a.status, 403);
      assert.match(a.body.message, /Plus and Pro/);
      assert.equal(typeof a.body.logRef, 'string');
      assert.equal((await get(free, '/v2/users', t)).status, 200);
    } finally {
      await free.close();
    }
  });
});
