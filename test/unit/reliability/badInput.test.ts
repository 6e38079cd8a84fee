/**
 * Bad input matrix: invalid queries never reach the network. Each row goes through
 * loadReport(client, query, ctx) with a client whose fetch is a spy, and must reject with a
 * QueryValidationError naming the expected field while the spy sees zero requests (not even a
 * token request). Rows whose problem is in the shape of the value (wrong types, unknown values,
 * bad ids) are also fed to parseReportQuery, which must name the same field; rows whose problem
 * is only visible against the clock (viewBy rules, future ranges) must pass parseReportQuery,
 * which shows which layer catches them.
 *
 * Plus a fast-check fuzz of the saved-queries file import (test/unit/store/queryFile.test.ts has
 * the hand-written fixtures): arbitrary and hostile JSON never throws, never pollutes
 * Object.prototype, and every query it returns passes validation.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HelpScoutClient } from '../../../src/core/client';
import { QueryValidationError } from '../../../src/core/errors';
import { loadReport } from '../../../src/core/loadReport';
import type { ReportQuery, ResolveContext } from '../../../src/core/query';
import { parseQueryFile, QUERY_FILE_FORMAT, serializeQueryFile } from '../../../src/core/queryFile';
import { checkQueryEntry, checkQueryName } from '../../../src/core/savedQueryEntry';
import { MemoryTokenStore } from '../../../src/core/tokens';
import { parseReportQuery } from '../../../src/core/validate';
import { poison, spyFetch } from './helpers';

/** 2025-06-15 14:00 in Berlin. */
const CTX: ResolveContext = { now: Date.UTC(2025, 5, 15, 12), timeZone: 'Europe/Berlin', weekStart: 'monday' };

const GOOD: ReportQuery = {
  metric: 'customersHelped',
  subject: { kind: 'user', userId: 42, userName: 'Anna' },
  range: { kind: 'absolute', start: '2025-05-01', end: '2025-05-30' },
  comparison: { kind: 'previousPeriod' },
  viewBy: 'day',
  mailboxes: [7],
  tags: [9],
  folders: [11],
  types: ['chat'],
  labels: { mailboxes: { '7': 'Billing' } },
};

const abs = (start: string, end: string) => ({ kind: 'absolute', start, end });
const with_ = (patch: Record<string, unknown>): unknown => ({ ...GOOD, ...patch });
const without = (key: keyof ReportQuery): unknown => {
  const copy: Record<string, unknown> = { ...GOOD };
  delete copy[key];
  return copy;
};
const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** 'shape': parseReportQuery rejects it too. 'dates': only visible against the clock. 'context': the ResolveContext is bad. */
type Layer = 'shape' | 'dates' | 'context';

interface BadRow {
  label: string;
  input: () => unknown;
  /** The field the problem must name (exact), or a pattern for fields with computed names. */
  field: string | RegExp;
  layer: Layer;
  ctx?: Partial<ResolveContext>;
}

const BAD: BadRow[] = [
  // --- the whole query ------------------------------------------------------------------------
  { label: 'null', input: () => null, field: 'query', layer: 'shape' },
  { label: 'a string', input: () => '{"metric":"replies"}', field: 'query', layer: 'shape' },
  { label: 'a number', input: () => 42, field: 'query', layer: 'shape' },
  { label: 'an array', input: () => [GOOD], field: 'query', layer: 'shape' },
  { label: 'an empty object', input: () => ({}), field: 'metric', layer: 'shape' },
  // --- metric ---------------------------------------------------------------------------------
  { label: 'metric missing', input: () => without('metric'), field: 'metric', layer: 'shape' },
  { label: 'metric unknown', input: () => with_({ metric: 'happiness' }), field: 'metric', layer: 'shape' },
  { label: 'metric in another case', input: () => with_({ metric: 'Replies' }), field: 'metric', layer: 'shape' },
  { label: 'company replies', input: () => with_({ metric: 'replies', subject: { kind: 'company' } }), field: 'metric', layer: 'shape' },
  // --- subject --------------------------------------------------------------------------------
  { label: 'subject missing', input: () => without('subject'), field: 'subject', layer: 'shape' },
  { label: 'subject a number', input: () => with_({ subject: 42 }), field: 'subject', layer: 'shape' },
  { label: 'subject kind unknown', input: () => with_({ subject: { kind: 'team', id: 3 } }), field: 'subject.kind', layer: 'shape' },
  { label: 'users not a list', input: () => with_({ subject: { kind: 'users', users: { 0: { id: 1 } } } }), field: 'subject.users', layer: 'shape' },
  { label: 'users: one person', input: () => with_({ subject: { kind: 'users', users: [{ id: 1 }] } }), field: 'subject.users', layer: 'shape' },
  { label: 'users: 51 people', input: () => with_({ subject: { kind: 'users', users: ids(51).map((id) => ({ id })) } }), field: 'subject.users', layer: 'shape' },
  { label: 'users: an id as text', input: () => with_({ subject: { kind: 'users', users: [{ id: 1 }, { id: '2' }] } }), field: 'subject.users[1].id', layer: 'shape' },
  { label: 'users: a bare id', input: () => with_({ subject: { kind: 'users', users: [1, 2] } }), field: 'subject.users[0]', layer: 'shape' },
  { label: 'users: a name of 201 characters', input: () => with_({ subject: { kind: 'users', users: [{ id: 1 }, { id: 2, name: 'x'.repeat(201) }] } }), field: 'subject.users[1].name', layer: 'shape' },
  { label: 'inbox id 0', input: () => with_({ subject: { kind: 'inbox', mailboxId: 0 } }), field: 'subject.mailboxId', layer: 'shape' },
  // --- userId ---------------------------------------------------------------------------------
  { label: 'userId missing', input: () => with_({ subject: { kind: 'user' } }), field: 'subject.userId', layer: 'shape' },
  { label: 'userId 0', input: () => with_({ subject: { kind: 'user', userId: 0 } }), field: 'subject.userId', layer: 'shape' },
  { label: 'userId negative', input: () => with_({ subject: { kind: 'user', userId: -5 } }), field: 'subject.userId', layer: 'shape' },
  { label: 'userId fractional', input: () => with_({ subject: { kind: 'user', userId: 4.2 } }), field: 'subject.userId', layer: 'shape' },
  { label: 'userId as text', input: () => with_({ subject: { kind: 'user', userId: '42' } }), field: 'subject.userId', layer: 'shape' },
  { label: 'userId NaN', input: () => with_({ subject: { kind: 'user', userId: NaN } }), field: 'subject.userId', layer: 'shape' },
  { label: 'userId Infinity', input: () => with_({ subject: { kind: 'user', userId: Infinity } }), field: 'subject.userId', layer: 'shape' },
  { label: 'userId beyond 2^53', input: () => with_({ subject: { kind: 'user', userId: 2 ** 53 + 2 } }), field: 'subject.userId', layer: 'shape' },
  { label: 'userId a boolean', input: () => with_({ subject: { kind: 'user', userId: true } }), field: 'subject.userId', layer: 'shape' },
  { label: 'userId a bigint', input: () => with_({ subject: { kind: 'user', userId: 42n } }), field: 'subject.userId', layer: 'shape' },
  // --- userName -------------------------------------------------------------------------------
  { label: 'userName empty', input: () => with_({ subject: { kind: 'user', userId: 42, userName: '' } }), field: 'subject.userName', layer: 'shape' },
  { label: 'userName 201 characters', input: () => with_({ subject: { kind: 'user', userId: 42, userName: 'a'.repeat(201) } }), field: 'subject.userName', layer: 'shape' },
  { label: 'userName a number', input: () => with_({ subject: { kind: 'user', userId: 42, userName: 42 } }), field: 'subject.userName', layer: 'shape' },
  // --- range ----------------------------------------------------------------------------------
  { label: 'range missing', input: () => without('range'), field: 'range', layer: 'shape' },
  { label: 'range a string', input: () => with_({ range: 'last30Days' }), field: 'range', layer: 'shape' },
  { label: 'range kind unknown', input: () => with_({ range: { kind: 'relative', days: 30 } }), field: 'range.kind', layer: 'shape' },
  { label: 'range preset unknown', input: () => with_({ range: { kind: 'preset', preset: 'last31Days' } }), field: 'range.preset', layer: 'shape' },
  { label: 'range preset missing', input: () => with_({ range: { kind: 'preset' } }), field: 'range.preset', layer: 'shape' },
  { label: 'range start 2025-02-29 (not a leap year)', input: () => with_({ range: abs('2025-02-29', '2025-03-10') }), field: 'range.start', layer: 'shape' },
  { label: 'range start 2024-02-30', input: () => with_({ range: abs('2024-02-30', '2024-03-10') }), field: 'range.start', layer: 'shape' },
  { label: 'range end 2025-04-31', input: () => with_({ range: abs('2025-04-01', '2025-04-31') }), field: 'range.end', layer: 'shape' },
  { label: 'range start month 13', input: () => with_({ range: abs('2025-13-01', '2025-05-01') }), field: 'range.start', layer: 'shape' },
  { label: 'range start month 00', input: () => with_({ range: abs('2025-00-10', '2025-05-01') }), field: 'range.start', layer: 'shape' },
  { label: 'range start not zero-padded', input: () => with_({ range: abs('2025-5-1', '2025-05-30') }), field: 'range.start', layer: 'shape' },
  { label: 'range start with a time', input: () => with_({ range: abs('2025-05-01T00:00:00Z', '2025-05-30') }), field: 'range.start', layer: 'shape' },
  { label: 'range start empty', input: () => with_({ range: abs('', '2025-05-30') }), field: 'range.start', layer: 'shape' },
  { label: 'range start year 1999', input: () => with_({ range: abs('1999-12-31', '2000-01-15') }), field: 'range.start', layer: 'shape' },
  { label: 'range end year 2101', input: () => with_({ range: abs('2025-05-01', '2101-01-01') }), field: 'range.end', layer: 'shape' },
  { label: 'range end a number', input: () => with_({ range: { kind: 'absolute', start: '2025-05-01', end: 20250530 } }), field: 'range.end', layer: 'shape' },
  { label: 'range reversed', input: () => with_({ range: abs('2025-05-30', '2025-05-01') }), field: 'range.end', layer: 'shape' },
  { label: 'range in the future', input: () => with_({ range: abs('2025-07-01', '2025-07-10') }), field: 'range.start', layer: 'dates' },
  // --- comparison -----------------------------------------------------------------------------
  { label: 'comparison missing', input: () => without('comparison'), field: 'comparison', layer: 'shape' },
  { label: 'comparison a string', input: () => with_({ comparison: 'previousPeriod' }), field: 'comparison', layer: 'shape' },
  { label: 'comparison kind unknown', input: () => with_({ comparison: { kind: 'previousMonth' } }), field: 'comparison.kind', layer: 'shape' },
  { label: 'comparison custom without dates', input: () => with_({ comparison: { kind: 'custom' } }), field: 'comparison.start', layer: 'shape' },
  { label: 'comparison custom reversed', input: () => with_({ comparison: { kind: 'custom', start: '2025-04-30', end: '2025-04-01' } }), field: 'comparison.end', layer: 'shape' },
  { label: 'comparison custom 2023-02-29', input: () => with_({ comparison: { kind: 'custom', start: '2023-02-29', end: '2023-03-30' } }), field: 'comparison.start', layer: 'shape' },
  { label: 'comparison custom in the future', input: () => with_({ comparison: { kind: 'custom', start: '2025-08-01', end: '2025-08-30' } }), field: 'comparison.start', layer: 'dates' },
  {
    label: 'comparison sharing no resolution (30 days vs 400 days)',
    input: () => with_({ viewBy: undefined, comparison: { kind: 'custom', start: '2024-01-01', end: '2025-02-03' } }),
    field: 'comparison',
    layer: 'dates',
  },
  // --- viewBy against each rule ---------------------------------------------------------------
  { label: 'viewBy unknown', input: () => with_({ viewBy: 'hour' }), field: 'viewBy', layer: 'shape' },
  { label: 'viewBy wrong case', input: () => with_({ viewBy: 'Day' }), field: 'viewBy', layer: 'shape' },
  { label: 'viewBy a number', input: () => with_({ viewBy: 1 }), field: 'viewBy', layer: 'shape' },
  { label: 'viewBy empty', input: () => with_({ viewBy: '' }), field: 'viewBy', layer: 'shape' },
  { label: 'viewBy day over 61 days', input: () => with_({ viewBy: 'day', range: abs('2025-03-01', '2025-04-30') }), field: 'viewBy', layer: 'dates' },
  { label: 'viewBy day over a preset of 90 days', input: () => with_({ viewBy: 'day', range: { kind: 'preset', preset: 'last90Days' } }), field: 'viewBy', layer: 'dates' },
  { label: 'viewBy week over 367 days', input: () => with_({ viewBy: 'week', comparison: { kind: 'none' }, range: abs('2024-01-01', '2025-01-01') }), field: 'viewBy', layer: 'dates' },
  { label: 'viewBy week over three years', input: () => with_({ viewBy: 'week', comparison: { kind: 'none' }, range: abs('2022-01-01', '2024-12-31') }), field: 'viewBy', layer: 'dates' },
  { label: 'viewBy month over 60 days', input: () => with_({ viewBy: 'month', range: abs('2025-03-01', '2025-04-29') }), field: 'viewBy', layer: 'dates' },
  { label: 'viewBy month over last 7 days', input: () => with_({ viewBy: 'month', range: { kind: 'preset', preset: 'last7Days' } }), field: 'viewBy', layer: 'dates' },
  {
    label: 'viewBy day where the comparison (61 days) allows only week and month',
    input: () => with_({ viewBy: 'day', range: abs('2025-05-01', '2025-05-30'), comparison: { kind: 'custom', start: '2025-01-01', end: '2025-03-02' } }),
    field: 'viewBy',
    layer: 'dates',
  },
  // --- filters --------------------------------------------------------------------------------
  { label: 'mailboxes as text', input: () => with_({ mailboxes: '7,8' }), field: 'mailboxes', layer: 'shape' },
  { label: 'mailboxes an object', input: () => with_({ mailboxes: { 0: 7 } }), field: 'mailboxes', layer: 'shape' },
  { label: 'mailboxes with 0', input: () => with_({ mailboxes: [7, 0] }), field: 'mailboxes[1]', layer: 'shape' },
  { label: 'mailboxes with a negative id', input: () => with_({ mailboxes: [-3] }), field: 'mailboxes[0]', layer: 'shape' },
  { label: 'mailboxes with a fractional id', input: () => with_({ mailboxes: [1.5] }), field: 'mailboxes[0]', layer: 'shape' },
  { label: 'mailboxes with an id as text', input: () => with_({ mailboxes: ['7'] }), field: 'mailboxes[0]', layer: 'shape' },
  { label: 'mailboxes with an unsafe integer', input: () => with_({ mailboxes: [Number.MAX_SAFE_INTEGER + 2] }), field: 'mailboxes[0]', layer: 'shape' },
  { label: 'mailboxes with 101 ids', input: () => with_({ mailboxes: ids(101) }), field: 'mailboxes', layer: 'shape' },
  { label: 'mailboxes with 1,000,000 ids', input: () => with_({ mailboxes: ids(1_000_000) }), field: 'mailboxes', layer: 'shape' },
  { label: 'tags with null', input: () => with_({ tags: [9, null] }), field: 'tags[1]', layer: 'shape' },
  { label: 'tags a number', input: () => with_({ tags: 9 }), field: 'tags', layer: 'shape' },
  { label: 'tags with 101 ids', input: () => with_({ tags: ids(101) }), field: 'tags', layer: 'shape' },
  { label: 'folders with NaN', input: () => with_({ folders: [NaN] }), field: 'folders[0]', layer: 'shape' },
  { label: 'folders a sparse array of 100,000', input: () => with_({ folders: new Array(100_000) }), field: 'folders', layer: 'shape' },
  { label: 'folders with a nested list', input: () => with_({ folders: [[11]] }), field: 'folders[0]', layer: 'shape' },
  { label: 'types unknown', input: () => with_({ types: ['sms'] }), field: 'types[0]', layer: 'shape' },
  { label: 'types wrong case', input: () => with_({ types: ['EMAIL'] }), field: 'types[0]', layer: 'shape' },
  { label: 'types as text', input: () => with_({ types: 'email' }), field: 'types', layer: 'shape' },
  { label: 'types with 101 items', input: () => with_({ types: new Array(101).fill('email') }), field: 'types', layer: 'shape' },
  // --- labels ---------------------------------------------------------------------------------
  { label: 'labels as text', input: () => with_({ labels: 'Billing' }), field: 'labels', layer: 'shape' },
  { label: 'labels key not an id', input: () => with_({ labels: { mailboxes: { billing: 'Billing' } } }), field: 'labels.mailboxes["billing"]', layer: 'shape' },
  { label: 'labels key 0', input: () => with_({ labels: { tags: { '0': 'x' } } }), field: 'labels.tags["0"]', layer: 'shape' },
  { label: 'labels empty name', input: () => with_({ labels: { folders: { '11': '' } } }), field: 'labels.folders["11"]', layer: 'shape' },
  { label: 'labels name of 201 characters', input: () => with_({ labels: { mailboxes: { '7': 'x'.repeat(201) } } }), field: 'labels.mailboxes["7"]', layer: 'shape' },
  { label: 'labels name a number', input: () => with_({ labels: { mailboxes: { '7': 7 } } }), field: 'labels.mailboxes["7"]', layer: 'shape' },
  { label: 'labels with 101 names', input: () => with_({ labels: { tags: Object.fromEntries(ids(101).map((i) => [String(i), 't'])) } }), field: 'labels.tags', layer: 'shape' },
  // --- prototype pollution --------------------------------------------------------------------
  {
    label: 'subject only via __proto__ (JSON)',
    input: () => JSON.parse(`{"__proto__":{"subject":{"kind":"user","userId":42}},${JSON.stringify(without('subject')).slice(1)}`),
    field: 'subject',
    layer: 'shape',
  },
  { label: 'subject only inherited (Object.create)', input: () => Object.assign(Object.create({ subject: { kind: 'user', userId: 42 } }), without('subject')), field: 'subject', layer: 'shape' },
  { label: 'userId only inherited inside the subject', input: () => with_({ subject: Object.assign(Object.create({ userId: 42 }), { kind: 'user' }) }), field: 'subject.userId', layer: 'shape' },
  {
    label: 'range only via __proto__, the rest via constructor.prototype',
    input: () => JSON.parse(`{"__proto__":{"range":{"kind":"preset","preset":"last7Days"}},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(without('range')).slice(1)}`),
    field: 'range',
    layer: 'shape',
  },
  {
    label: 'a __proto__ key among the labels',
    input: () => with_({ labels: JSON.parse('{"mailboxes":{"__proto__":"x","7":"Billing"}}') }),
    field: 'labels.mailboxes["__proto__"]',
    layer: 'shape',
  },
  { label: 'a constructor key among the labels', input: () => with_({ labels: { tags: { constructor: 'x' } } }), field: 'labels.tags["constructor"]', layer: 'shape' },
  // --- a context that cannot be used ----------------------------------------------------------
  { label: 'an unknown time zone', input: () => GOOD, field: 'timeZone', layer: 'context', ctx: { timeZone: 'Mars/Olympus_Mons' } },
  { label: 'a clock that is NaN', input: () => GOOD, field: 'now', layer: 'context', ctx: { now: NaN } },
  { label: 'a week start of tuesday', input: () => GOOD, field: 'weekStart', layer: 'context', ctx: { weekStart: 'tuesday' as never } },
];

function fieldMatches(field: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? field === expected : expected.test(field);
}

function assertNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'userId', 'subject', 'range']) assert.equal(probe[key], undefined, `Object.prototype.${key}`);
}

describe('reliability: bad input never reaches the network', () => {
  const spy = spyFetch();
  const client = new HelpScoutClient({
    baseUrl: 'https://api.example.test',
    fetch: spy.fetch,
    tokenStore: new MemoryTokenStore(),
    getCredentials: async () => ({ kind: 'clientCredentials', appId: 'id', appSecret: 'secret' }),
    retry: { maxTransientRetries: 0 },
  });
  let tried = 0;

  it('the good query is good: it does reach the (spy) network', async () => {
    await assert.rejects(loadReport(client, GOOD, CTX), (e: Error) => !(e instanceof QueryValidationError));
    assert.equal(spy.calls.length, 1, 'the token request');
    assert.match(spy.calls[0]!, /\/v2\/oauth2\/token$/);
    spy.calls.length = 0;
  });

  for (const row of BAD) {
    it(`${row.layer}: ${row.label} → ${String(row.field)}`, async () => {
      tried++;
      const input = row.input();
      const ctx = { ...CTX, ...row.ctx };
      let error: unknown;
      try {
        await loadReport(client, input as ReportQuery, ctx);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof QueryValidationError, `expected QueryValidationError, got ${String(error)}`);
      assert.ok(
        error.problems.some((p) => fieldMatches(p.field, row.field)),
        `no problem names ${String(row.field)}: ${JSON.stringify(error.problems)}`,
      );
      for (const p of error.problems) assert.ok(p.value.length <= 60 && p.allowed.length > 0, JSON.stringify(p));
      assert.deepEqual(spy.calls, [], 'no request was made');

      const parsed = parseReportQuery(input);
      if (row.layer === 'shape') {
        assert.equal(parsed.ok, false, 'parseReportQuery must reject it too');
        if (!parsed.ok) assert.ok(parsed.problems.some((p) => fieldMatches(p.field, row.field)), JSON.stringify(parsed.problems));
      } else {
        assert.equal(parsed.ok, true, `only the clock/context can reject it: ${JSON.stringify(!parsed.ok && parsed.problems)}`);
      }
      assertNoPollution();
    });
  }

  it(`tried ${BAD.length} invalid inputs, all before any request`, () => {
    assert.equal(tried, BAD.length);
    assert.ok(BAD.length >= 40);
    assert.deepEqual(spy.calls, []);
    console.log(`      bad input matrix: ${BAD.length} invalid queries, ${spy.calls.length} requests`);
  });
});

describe('reliability: query file import fuzz', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  const GOOD_ENTRY = { name: 'Anna · May', query: GOOD };
  /** Values found in and around real entries, to make near-miss files likelier than pure noise. */
  const nearMiss = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom<unknown>(GOOD, GOOD_ENTRY, GOOD.range, GOOD.comparison, 'day', 42, -1, '2025-02-29', [7], null),
  );
  const entry = fc.oneof(
    fc.constant<unknown>(GOOD_ENTRY),
    fc.record({ name: fc.oneof(fc.string(), nearMiss), query: fc.oneof(nearMiss, fc.constant<unknown>(GOOD)) }),
    fc.record({ name: fc.constant('X'), query: fc.dictionary(fc.constantFrom('metric', 'subject', 'userId', 'range', 'comparison', 'viewBy', 'mailboxes', 'types', 'labels', 'extra'), nearMiss) }),
    nearMiss,
  );
  const fileValue = fc.oneof(
    fc.jsonValue(),
    fc.record({ format: fc.oneof(fc.constant<unknown>(QUERY_FILE_FORMAT), nearMiss), version: fc.oneof(fc.constant<unknown>(1), nearMiss), queries: fc.array(entry, { maxLength: 6 }) }),
    fc.array(entry, { maxLength: 6 }),
  );
  /** JSON text (every `every`-th object poisoned when every > 0), or any string at all. */
  const fileText = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fileValue, fc.integer({ min: 0, max: 3 })).map(([v, every]) => JSON.stringify(every > 0 ? poison(v, every) : v) ?? 'null') },
    { weight: 1, arbitrary: fc.string() },
  );
  const RUNS = 600;

  it(`${RUNS} arbitrary or poisoned files: never throws, never pollutes, every imported query is valid`, () => {
    let imported = 0;
    fc.assert(
      fc.property(fileText, (text) => {
        const result = parseQueryFile(text);
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
        assert.ok(Array.isArray(result.queries) && Array.isArray(result.skipped));
        if (result.fatal !== undefined) {
          assert.equal(typeof result.fatal, 'string');
          assert.deepEqual(result.queries, []);
        }
        for (const q of result.queries) {
          imported++;
          assert.ok(checkQueryName(q.name).ok, q.name);
          const again = parseReportQuery(q.query);
          assert.ok(again.ok, JSON.stringify(q.query));
          assert.deepEqual(again.query, q.query, 'imported queries are already clean');
          assert.ok(checkQueryEntry(q).ok);
          assert.ok(!JSON.stringify(q).includes('polluted'));
          assert.equal(Object.getPrototypeOf(q.query), Object.prototype);
        }
        for (const s of result.skipped) assert.ok(s.reasons.length > 0 && s.reasons.every((r) => typeof r === 'string' && r.length < 400));
        // What was imported exports and re-imports unchanged.
        if (result.queries.length > 0) {
          const saved = result.queries.map((q, i) => ({ id: `i${i}`, name: q.name, query: q.query, createdAt: '', updatedAt: '' }));
          assert.deepEqual(parseQueryFile(serializeQueryFile(saved, 0)).queries, result.queries);
        }
      }),
      { numRuns: RUNS, seed: 20250615 },
    );
    assert.ok(imported > 20, `the fuzz imported only ${imported} queries: it is not reaching the valid path`);
    console.log(`      query file fuzz: ${RUNS} runs, ${imported} queries imported and re-validated`);
  });
});
