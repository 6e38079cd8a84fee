/**
 * Schema 1 → 2: the first real migration. The fixtures were written by release 0.1.0's own store
 * and export code (test/fixtures/README.md), so this is what users have on disk.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseQueryFile, serializeQueryFile } from '../../../src/core/queryFile';
import { BACKUP_KEY_PREFIX, SAVED_QUERIES_KEY, SavedQueryStore, type StoredSavedQueries } from '../../../src/core/savedQueryStore';
import { counterIds, fixedClock, MemoryKeyValueStore, QUERY_A, QUERY_B } from './fakes';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const v1Store = JSON.parse(readFileSync(path.join(FIXTURES, 'savedQueries.v1.json'), 'utf8')) as Record<string, unknown>;
const v1Export = readFileSync(path.join(FIXTURES, 'savedQueries.v1.export.json'), 'utf8');

type V1Entry = { id: string; name: string; createdAt: string; updatedAt: string; query: Record<string, unknown> & { userId: number; userName?: string } };
const v1Entries = (v1Store[SAVED_QUERIES_KEY] as { queries: V1Entry[] }).queries;

/** What a v1 query means, spelled out by hand: customers helped, for that one user, the rest as it was. */
function meaningOf(q: V1Entry['query']): Record<string, unknown> {
  const expected: Record<string, unknown> = {
    metric: 'customersHelped',
    subject: q.userName === undefined ? { kind: 'user', userId: q.userId } : { kind: 'user', userId: q.userId, userName: q.userName },
  };
  for (const key of ['range', 'comparison', 'viewBy', 'mailboxes', 'tags', 'types', 'folders', 'labels']) if (key in q) expected[key] = q[key];
  return expected;
}

describe('saved queries: the v1 store of release 0.1.0', () => {
  it('the fixture is a real v1 store (five queries, schemaVersion 1, userId shape)', () => {
    const raw = v1Store[SAVED_QUERIES_KEY] as { schemaVersion: number; revision: number };
    assert.equal(raw.schemaVersion, 1);
    assert.equal(v1Entries.length, 5);
    assert.ok(v1Entries.every((e) => typeof e.query.userId === 'number' && !('metric' in e.query)));
  });

  it('opens with every query intact, read as customers helped for one user', async () => {
    const storage = new MemoryKeyValueStore(v1Store);
    const store = new SavedQueryStore(storage, { now: fixedClock().now, newId: counterIds() });
    const r = store.load();
    assert.deepEqual(r.problems, []);
    assert.equal(r.migratedFrom, 1);
    assert.equal(r.readOnly, false);
    assert.deepEqual(
      r.queries.map((q) => ({ id: q.id, name: q.name, createdAt: q.createdAt, updatedAt: q.updatedAt })),
      v1Entries.map((e) => ({ id: e.id, name: e.name, createdAt: e.createdAt, updatedAt: e.updatedAt })),
    );
    r.queries.forEach((q, i) => assert.deepEqual(q.query, meaningOf(v1Entries[i]!.query), q.name));
    // One spelled out completely, filters and labels and all.
    assert.deepEqual(r.queries[1]!.query, {
      metric: 'customersHelped',
      subject: { kind: 'user', userId: 7, userName: 'Bob Ødegård' },
      range: { kind: 'absolute', start: '2025-01-01', end: '2025-03-31' },
      comparison: { kind: 'custom', start: '2024-10-01', end: '2024-12-31' },
      viewBy: 'week',
      mailboxes: [101, 102],
      tags: [5],
      types: ['chat', 'email'],
      folders: [9001],
      labels: { mailboxes: { '101': 'Billing', '102': 'Sales' }, tags: { '5': 'vip' }, folders: { '9001': 'Mine' } },
    });
    assert.deepEqual(r.queries[2]!.query.subject, { kind: 'user', userId: 123456789 }, 'no name stays no name');
  });

  it('backs the v1 value up, then rewrites it as v2 with a higher revision; a second load has nothing to do', async () => {
    const storage = new MemoryKeyValueStore(v1Store);
    const store = new SavedQueryStore(storage, { now: fixedClock().now });
    const r = store.load();
    const outcome = await r.repair;
    assert.equal(outcome.status, 'repaired');
    const backupKey = (outcome as { backupKey: string }).backupKey;
    assert.ok(backupKey.startsWith(BACKUP_KEY_PREFIX));
    assert.deepEqual(storage.get(backupKey), v1Store[SAVED_QUERIES_KEY], 'the untouched v1 value');
    const rewritten = storage.get<StoredSavedQueries>(SAVED_QUERIES_KEY)!;
    assert.equal(rewritten.schemaVersion, 2);
    assert.equal(rewritten.revision, 7);
    assert.deepEqual(rewritten.queries, r.queries);
    const again = new SavedQueryStore(storage).load();
    assert.equal(again.migratedFrom, undefined);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(await again.repair, { status: 'notNeeded' });
    assert.deepEqual(again.queries, r.queries);
  });

  it('a damaged v1 entry is reported (naming the field) and kept in the backup; the rest migrate', async () => {
    const raw = structuredClone(v1Store[SAVED_QUERIES_KEY]) as { queries: V1Entry[] };
    (raw.queries[0]!.query as Record<string, unknown>).userId = '42';
    const storage = new MemoryKeyValueStore({ [SAVED_QUERIES_KEY]: raw });
    const r = new SavedQueryStore(storage).load();
    assert.deepEqual(r.queries.map((q) => q.id), v1Entries.slice(1).map((e) => e.id));
    assert.equal(r.problems[0]!.kind, 'invalidEntry');
    assert.match(r.problems[0]!.reasons![0]!, /^query\.subject\.userId: "42" is not allowed/);
    await r.repair;
    assert.deepEqual(storage.get(r.problems[0]!.backupKey!), raw);
  });
});

describe('saved-queries file: version 1 → 2', () => {
  it('a file exported by release 0.1.0 imports every query, as customers helped for its user', () => {
    const parsed = parseQueryFile(v1Export);
    assert.equal(parsed.fatal, undefined);
    assert.deepEqual(parsed.skipped, []);
    assert.deepEqual(parsed.queries.map((q) => q.name), v1Entries.map((e) => e.name));
    parsed.queries.forEach((q, i) => assert.deepEqual(q.query, meaningOf(v1Entries[i]!.query)));
  });

  it('writes version 2, which reads back exactly, team and company subjects included', () => {
    const saved = [
      { id: 'a', name: 'Anna', query: QUERY_A, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' },
      { id: 'b', name: 'Team', query: QUERY_B, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' },
      { id: 'c', name: 'Inbox', query: { ...QUERY_A, metric: 'resolutions' as const, subject: { kind: 'inbox' as const, mailboxId: 7, mailboxName: 'Billing' } }, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' },
      { id: 'd', name: 'All', query: { ...QUERY_A, subject: { kind: 'company' as const } }, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' },
    ];
    const text = serializeQueryFile(saved, Date.UTC(2026, 0, 1));
    assert.equal((JSON.parse(text) as { version: number }).version, 2);
    const parsed = parseQueryFile(text);
    assert.deepEqual(parsed.skipped, []);
    assert.deepEqual(parsed.queries, saved.map((s) => ({ name: s.name, query: s.query })));
  });

  it('a v2 file does not get the v1 reading: a userId-shaped query in it is skipped, naming the field', () => {
    const text = v1Export.replace('"version": 1', '"version": 2');
    const parsed = parseQueryFile(text);
    assert.equal(parsed.queries.length, 0);
    assert.match(parsed.skipped[0]!.reasons.join('\n'), /^query\.metric: .*\n?.*query\.subject: /m);
  });

  it('a newer file is refused as a whole with a message that says what to do', () => {
    const parsed = parseQueryFile(v1Export.replace('"version": 1', '"version": 3'));
    assert.equal(parsed.fatal, 'The file was exported by a newer version of the extension (file version 3, this version reads up to 2). Update the extension to import it.');
  });
});
