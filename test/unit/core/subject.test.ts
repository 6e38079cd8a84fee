import * as assert from 'node:assert/strict';
import { QueryValidationError } from '../../../src/core/errors';
import { loadReport, seriesOfQuery } from '../../../src/core/loadReport';
import type { ReportQuery } from '../../../src/core/query';
import { resolveQuery } from '../../../src/core/resolve';
import { subjectLabel, subjectWords, upgradeQueryV1 } from '../../../src/core/subject';
import { parseReportQuery } from '../../../src/core/validate';

const CTX = { now: Date.parse('2026-10-15T10:00:00Z'), timeZone: 'Europe/Berlin', weekStart: 'monday' as const };
const base = { range: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousPeriod' } } as const;

describe('report subjects and metrics', () => {
  it('a team keeps its order, drops a repeated person (the first name wins) and its names', () => {
    const r = parseReportQuery({ ...base, metric: 'replies', subject: { kind: 'users', users: [{ id: 9, name: 'Zoë' }, { id: 3 }, { id: 9, name: 'Other' }] } });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    assert.deepEqual(r.query.subject, { kind: 'users', users: [{ id: 9, name: 'Zoë' }, { id: 3 }] });
  });

  it('50 people is a team, 51 is not; the problem counts them', () => {
    const team = (n: number) => ({ ...base, metric: 'replies', subject: { kind: 'users', users: Array.from({ length: n }, (_, i) => ({ id: i + 1 })) } });
    assert.ok(parseReportQuery(team(50)).ok);
    assert.ok(parseReportQuery(team(2)).ok);
    const over = parseReportQuery(team(51));
    assert.deepEqual(!over.ok && over.problems, [{ field: 'subject.users', value: '51 people', allowed: 'a list of 2 to 50 people, each { "id": a Help Scout user id, "name"?: text }' }]);
  });

  it('labels say who: a name, a count, an inbox, the company', () => {
    assert.equal(subjectLabel({ kind: 'user', userId: 4, userName: 'Anna' }), 'Anna');
    assert.equal(subjectLabel({ kind: 'user', userId: 4 }), 'User 4');
    assert.equal(subjectLabel({ kind: 'users', users: [{ id: 1 }, { id: 2 }, { id: 3 }] }), '3 people');
    assert.equal(subjectLabel({ kind: 'inbox', mailboxId: 8, mailboxName: 'Billing' }), 'Everyone in Billing');
    assert.equal(subjectLabel({ kind: 'inbox', mailboxId: 8 }), 'Everyone in inbox 8');
    assert.equal(subjectLabel({ kind: 'company' }), 'Everyone (whole company)');
  });

  it('words name up to four people, then three and how many more; other subjects read as their label', () => {
    const team = (...names: Array<string | undefined>) => ({ kind: 'users' as const, users: names.map((name, i) => (name === undefined ? { id: i + 1 } : { id: i + 1, name })) });
    assert.equal(subjectWords(team('Anna', 'Ben')), '2 people: Anna, Ben');
    assert.equal(subjectWords(team('Anna', undefined, 'Cleo')), '3 people: Anna, User 2, Cleo');
    assert.equal(subjectWords(team('A', 'B', 'C', 'D')), '4 people: A, B, C, D');
    assert.equal(subjectWords(team('A', 'B', 'C', 'D', 'E')), '5 people: A, B, C and 2 more');
    assert.equal(subjectWords({ kind: 'inbox', mailboxId: 8, mailboxName: 'Billing' }), 'Everyone in Billing');
    assert.equal(subjectWords({ kind: 'user', userId: 4, userName: 'Anna' }), 'Anna');
  });

  it('only a one-user query sends `user`; the company reads its own series', () => {
    const one: ReportQuery = { ...base, metric: 'resolutions', subject: { kind: 'user', userId: 77 } };
    const company: ReportQuery = { ...base, metric: 'customersHelped', subject: { kind: 'company' } };
    const team: ReportQuery = { ...base, metric: 'replies', subject: { kind: 'users', users: [{ id: 1 }, { id: 2 }] } };
    assert.equal(resolveQuery(one, CTX).params.user, 77);
    assert.ok(!('user' in resolveQuery(company, CTX).params));
    assert.ok(!('user' in resolveQuery(team, CTX).params));
    assert.equal(seriesOfQuery(one), 'resolutions');
    assert.equal(seriesOfQuery(company), 'companyCustomersHelped');
  });

  it('loadReport asks for the series of the query, and refuses a team before any request', async () => {
    const calls: Array<[string, unknown]> = [];
    const client = { getSeries: async (series: string, params: unknown) => (calls.push([series, params]), { current: [] }) };
    await loadReport(client, { ...base, metric: 'replies', subject: { kind: 'user', userId: 5 } }, CTX);
    await loadReport(client, { ...base, metric: 'customersHelped', subject: { kind: 'company' } }, CTX);
    assert.deepEqual(calls.map(([s, p]) => [s, (p as { user?: number }).user]), [['replies', 5], ['companyCustomersHelped', undefined]]);
    await assert.rejects(loadReport(client, { ...base, metric: 'replies', subject: { kind: 'inbox', mailboxId: 3 } }, CTX), QueryValidationError);
    assert.equal(calls.length, 2);
  });

  it('the v1 upgrade: userId and userName become the subject, customers helped; nothing else moves', () => {
    const v1 = { userId: 42, userName: 'Anna', range: base.range, comparison: base.comparison, viewBy: 'day', mailboxes: [7] };
    const frozen = structuredClone(v1);
    assert.deepEqual(upgradeQueryV1(v1), { metric: 'customersHelped', subject: { kind: 'user', userId: 42, userName: 'Anna' }, range: base.range, comparison: base.comparison, viewBy: 'day', mailboxes: [7] });
    assert.deepEqual(v1, frozen, 'the input is not changed');
    const v2 = { metric: 'replies', subject: { kind: 'company' }, userId: 1 };
    assert.equal(upgradeQueryV1(v2), v2, 'a query with a subject is left alone');
    assert.equal(upgradeQueryV1('text'), 'text');
    // A v1 query that said it was about something else is still read as v1 meant it.
    assert.equal((upgradeQueryV1({ userId: 1, metric: 'replies' }) as { metric: string }).metric, 'customersHelped');
  });
});
