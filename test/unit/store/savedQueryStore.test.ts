import * as assert from 'node:assert/strict';
import { QueryValidationError } from '../../../src/core/errors';
import type { ReportQuery } from '../../../src/core/query';
import {
  BACKUP_KEY_PREFIX,
  MIGRATIONS,
  SAVED_QUERIES_KEY,
  SavedQueryStore,
  StoreError,
  type StoreChange,
  type StoredSavedQueries,
} from '../../../src/core/savedQueryStore';
import { counterIds, fixedClock, MemoryKeyValueStore, QUERY_A, QUERY_B, savedEntry, stored } from './fakes';

function setup(initial: Record<string, unknown> = {}) {
  const storage = new MemoryKeyValueStore(initial);
  const clock = fixedClock();
  const store = new SavedQueryStore(storage, { now: clock.now, newId: counterIds() });
  return { storage, clock, store };
}

function storedValue(storage: MemoryKeyValueStore): StoredSavedQueries {
  return storage.get<StoredSavedQueries>(SAVED_QUERIES_KEY)!;
}

async function rejectsWith(p: Promise<unknown>, check: (e: unknown) => boolean, label: string): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    assert.ok(check(e), `${label}: unexpected error ${String(e)}`);
    return e;
  }
  assert.fail(`${label}: expected a rejection`);
}

describe('saved query store: load', () => {
  it('starts empty when nothing is stored, and writes nothing', async () => {
    const { storage, store } = setup();
    const r = store.load();
    assert.deepEqual({ queries: r.queries, problems: r.problems, readOnly: r.readOnly }, { queries: [], problems: [], readOnly: false });
    assert.deepEqual(await r.repair, { status: 'notNeeded' });
    assert.equal(storage.writes.length, 0);
  });

  it('reads a valid store as is, without rewriting it', async () => {
    const { storage, store } = setup({ [SAVED_QUERIES_KEY]: stored([savedEntry('a', 'Anna'), savedEntry('b', 'Bob', QUERY_B)]) });
    const r = store.load();
    assert.deepEqual(r.problems, []);
    assert.equal(r.revision, 3);
    assert.deepEqual(
      r.queries.map((q) => [q.id, q.name]),
      [
        ['a', 'Anna'],
        ['b', 'Bob'],
      ],
    );
    assert.deepEqual(r.queries[1]!.query, QUERY_B);
    assert.deepEqual(await r.repair, { status: 'notNeeded' });
    assert.equal(storage.writes.length, 0);
  });

  const corrupt: [string, unknown, RegExp][] = [
    ['a string', 'oops', /stored value is "oops", not an object/],
    ['a bare array (no schema)', [savedEntry('a', 'Anna')], /stored value is a list of 1, not an object/],
    ['a number', 7, /stored value is 7/],
    ['no schemaVersion', { revision: 1, queries: [] }, /schemaVersion is missing/],
    ['schemaVersion as text', { schemaVersion: '1', revision: 1, queries: [] }, /schemaVersion is "1"/],
    ['schemaVersion 0 with no migration', { schemaVersion: 0, revision: 1, queries: [] }, /schemaVersion 0 is not one this version can read/],
    ['schemaVersion 1.5', { schemaVersion: 1.5, revision: 1, queries: [] }, /schemaVersion is 1.5/],
    ['queries not a list', { schemaVersion: 1, revision: 1, queries: { a: savedEntry('a', 'Anna') } }, /"queries" is an object, not a list/],
    ['queries missing', { schemaVersion: 1, revision: 1 }, /"queries" is missing, not a list/],
  ];
  for (const [label, raw, why] of corrupt) {
    it(`backs up and reports a corrupt store: ${label}`, async () => {
      const { storage, store } = setup({ [SAVED_QUERIES_KEY]: raw });
      const r = store.load();
      assert.deepEqual(r.queries, []);
      assert.equal(r.readOnly, false);
      assert.equal(r.problems.length, 1);
      const problem = r.problems[0]!;
      assert.equal(problem.kind, 'corrupt');
      assert.match(problem.message, why);
      assert.equal(problem.backupKey, `${BACKUP_KEY_PREFIX}2025-03-01T09:30:00.000Z`);
      assert.deepEqual(await r.repair, { status: 'repaired', backupKey: problem.backupKey });
      // The raw value is kept, byte for byte, under the backup key; the store is rewritten clean.
      assert.deepEqual(storage.get(problem.backupKey!), raw);
      assert.deepEqual(storedValue(storage), { schemaVersion: 2, revision: 1, queries: [] });
      assert.equal(storage.writes[0]!.key, problem.backupKey, 'backup written before the rewrite');
      assert.deepEqual(store.listBackups(), [problem.backupKey]);
      // A second load finds a clean store: nothing more to report or back up.
      const again = new SavedQueryStore(storage).load();
      assert.deepEqual(again.problems, []);
      assert.deepEqual(await again.repair, { status: 'notNeeded' });
    });
  }

  it('skips invalid entries and duplicate ids with reasons, keeps the valid ones, and backs up the whole value', async () => {
    const raw = stored([
      savedEntry('a', 'Anna'),
      savedEntry('b', 'Bad user', { ...QUERY_A, subject: { kind: 'user', userId: '42' } }),
      { ...savedEntry('c', 'No time'), createdAt: 'yesterday' },
      savedEntry('', 'No id'),
      savedEntry('a', 'Anna again'),
      null,
      { ...savedEntry('d', '   '), query: 'nope' },
      savedEntry('e', 'Eve', QUERY_B),
    ]);
    const { storage, store } = setup({ [SAVED_QUERIES_KEY]: raw });
    const r = store.load();
    assert.deepEqual(
      r.queries.map((q) => q.id),
      ['a', 'e'],
    );
    const byIndex = new Map(r.problems.map((p) => [p.index, p]));
    assert.deepEqual([...byIndex.keys()], [1, 2, 3, 4, 5, 6]);
    assert.equal(byIndex.get(1)!.kind, 'invalidEntry');
    assert.equal(byIndex.get(1)!.id, 'b');
    assert.equal(byIndex.get(1)!.name, 'Bad user');
    assert.match(byIndex.get(1)!.message, /"Bad user" is invalid/);
    assert.match(byIndex.get(1)!.reasons![0]!, /^query\.subject\.userId: "42"/);
    assert.match(byIndex.get(2)!.reasons![0]!, /^createdAt: "yesterday"/);
    assert.match(byIndex.get(3)!.reasons![0]!, /^id: "" is not allowed/);
    assert.equal(byIndex.get(4)!.kind, 'duplicateId');
    assert.equal(byIndex.get(4)!.name, 'Anna again');
    assert.match(byIndex.get(5)!.reasons![0]!, /^entry: null/);
    assert.match(byIndex.get(5)!.message, /#6/);
    assert.deepEqual(
      byIndex.get(6)!.reasons!.map((x) => x.split(':')[0]),
      ['name', 'query'],
    );
    const key = r.problems[0]!.backupKey!;
    assert.ok(r.problems.every((p) => p.backupKey === key));
    await r.repair;
    assert.deepEqual(storage.get(key), raw, 'every skipped entry survives in the backup');
    assert.deepEqual(
      storedValue(storage).queries.map((q) => q.id),
      ['a', 'e'],
    );
    assert.equal(storedValue(storage).revision, 4);
  });

  it('reports an invalid revision, keeps the queries, and restarts counting', async () => {
    const { storage, store } = setup({ [SAVED_QUERIES_KEY]: stored([savedEntry('a', 'Anna')], { revision: 'many' }) });
    const r = store.load();
    assert.equal(r.queries.length, 1);
    assert.deepEqual(
      r.problems.map((p) => p.kind),
      ['invalidRevision'],
    );
    await r.repair;
    assert.equal(storedValue(storage).revision, 1);
    assert.equal(store.listBackups().length, 1);
  });

  it('uses a fresh backup key when one with the same timestamp exists', async () => {
    const key = `${BACKUP_KEY_PREFIX}2025-03-01T09:30:00.000Z`;
    const { storage, store } = setup({ [SAVED_QUERIES_KEY]: 'junk', [key]: 'older backup' });
    const r = store.load();
    assert.equal(r.problems[0]!.backupKey, `${key}.2`);
    await r.repair;
    assert.equal(storage.get(key), 'older backup');
    assert.equal(storage.get(`${key}.2`), 'junk');
  });

  it('reports a failed repair without rejecting, and leaves the stored value alone', async () => {
    const { storage, store } = setup({ [SAVED_QUERIES_KEY]: 'junk' });
    storage.failNextWrite = new Error('disk full');
    const r = store.load();
    const outcome = await r.repair;
    assert.equal(outcome.status, 'failed');
    assert.equal(storage.get(SAVED_QUERIES_KEY), 'junk');
  });

  it('migrates an older schema through the migration table, backing up the original first', async () => {
    const v0 = { schemaVersion: 0, items: [{ key: 'a', title: 'Anna', q: QUERY_A, at: '2025-01-01T00:00:00.000Z' }] };
    const storage = new MemoryKeyValueStore({ [SAVED_QUERIES_KEY]: v0 });
    const store = new SavedQueryStore(storage, {
      now: fixedClock().now,
      migrations: {
        0: (old) => ({
          schemaVersion: 1,
          revision: 0,
          queries: (old.items as { key: string; title: string; q: ReportQuery; at: string }[]).map((i) => ({
            id: i.key,
            name: i.title,
            query: i.q,
            createdAt: i.at,
            updatedAt: i.at,
          })),
        }),
        1: MIGRATIONS[1]!,
      },
    });
    const r = store.load();
    assert.equal(r.migratedFrom, 0);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.queries.map((q) => q.name),
      ['Anna'],
    );
    const outcome = await r.repair;
    assert.equal(outcome.status, 'repaired');
    assert.deepEqual(storage.get((outcome as { backupKey: string }).backupKey), v0);
    assert.equal(storedValue(storage).schemaVersion, 2);
    assert.equal(storedValue(storage).queries[0]!.id, 'a');
  });

  it('treats a migration that throws as a corrupt store', async () => {
    const storage = new MemoryKeyValueStore({ [SAVED_QUERIES_KEY]: { schemaVersion: 0 } });
    const store = new SavedQueryStore(storage, {
      migrations: {
        0: () => {
          throw new Error('boom');
        },
      },
    });
    const r = store.load();
    assert.equal(r.problems[0]!.kind, 'corrupt');
    assert.match(r.problems[0]!.message, /migrating from schemaVersion 0 failed: boom/);
    await r.repair;
    assert.deepEqual(storage.get(r.problems[0]!.backupKey!), { schemaVersion: 0 });
  });
});

describe('saved query store: written by a newer version', () => {
  const newer = {
    schemaVersion: 3,
    revision: 9,
    queries: [savedEntry('a', 'Anna'), { ...savedEntry('b', 'Fancy'), query: { v2: true } }],
    sharing: { team: true },
  };

  it('loads read-only, lists what it understands, and never writes (not even a backup)', async () => {
    const { storage, store } = setup({ [SAVED_QUERIES_KEY]: newer });
    const r = store.load();
    assert.equal(r.readOnly, true);
    assert.equal(store.isReadOnly, true);
    assert.deepEqual(
      r.queries.map((q) => q.id),
      ['a'],
    );
    assert.equal(r.problems[0]!.kind, 'newerVersion');
    assert.match(r.problems[0]!.message, /saved by a newer version of the extension/);
    assert.equal(r.problems[0]!.backupKey, undefined);
    assert.deepEqual(await r.repair, { status: 'notNeeded' });
    assert.equal(storage.writes.length, 0);
  });

  it('rejects every mutation with a clear "readOnly" error and leaves the value untouched', async () => {
    const { storage, store } = setup({ [SAVED_QUERIES_KEY]: newer });
    store.load();
    const attempts: [string, () => Promise<unknown>][] = [
      ['add', () => store.add('New', QUERY_A)],
      ['update', () => store.update('a', { name: 'X' })],
      ['rename', () => store.rename('a', 'X')],
      ['duplicate', () => store.duplicate('a')],
      ['remove', () => store.remove('a')],
      ['importMany', () => store.importMany([{ name: 'I', query: QUERY_A }])],
    ];
    for (const [label, attempt] of attempts) {
      const e = await rejectsWith(attempt(), (x) => x instanceof StoreError && x.code === 'readOnly', label);
      assert.match((e as Error).message, /saved by a newer version of the extension/);
    }
    assert.equal(storage.writes.length, 0);
    assert.deepEqual(storage.get(SAVED_QUERIES_KEY), newer);
  });

  it('also refuses when another window upgraded the store after this one loaded', async () => {
    const { storage, store } = setup({ [SAVED_QUERIES_KEY]: stored([savedEntry('a', 'Anna')]) });
    store.load();
    storage.setRaw(SAVED_QUERIES_KEY, newer);
    await rejectsWith(store.rename('a', 'X'), (e) => e instanceof StoreError && e.code === 'readOnly', 'rename');
    assert.deepEqual(storage.get(SAVED_QUERIES_KEY), newer);
    assert.equal(store.isReadOnly, true);
  });
});

describe('saved query store: mutations', () => {
  it('adds with an injected id and clock, trims the name, stores a clean copy of the query', async () => {
    const { storage, store } = setup();
    store.load();
    const dirty = { ...QUERY_A, junk: 'dropped' } as ReportQuery;
    const saved = await store.add('  Anna · 30 days ', dirty);
    assert.deepEqual(saved, {
      id: 'id-1',
      name: 'Anna · 30 days',
      query: QUERY_A,
      createdAt: '2025-03-01T09:30:00.000Z',
      updatedAt: '2025-03-01T09:30:00.000Z',
    });
    assert.deepEqual(storedValue(storage), { schemaVersion: 2, revision: 1, queries: [saved] });
    assert.deepEqual(store.get('id-1'), saved);
  });

  it('uses crypto.randomUUID by default', async () => {
    const store = new SavedQueryStore(new MemoryKeyValueStore());
    const saved = await store.add('A', QUERY_A);
    assert.match(saved.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('never hands out an id already in use, even from a generator that repeats itself', async () => {
    const storage = new MemoryKeyValueStore();
    const ids = ['same', 'same', 'same', 'other'];
    const store = new SavedQueryStore(storage, { newId: () => ids.shift() ?? 'x' });
    const a = await store.add('A', QUERY_A);
    const b = await store.add('B', QUERY_A);
    assert.deepEqual([a.id, b.id], ['same', 'other']);
  });

  it('rejects invalid names with a StoreError naming the field, and invalid queries with QueryValidationError', async () => {
    const { storage, store } = setup();
    for (const bad of ['', '   ', 'x'.repeat(101), 'a\nb', 42 as unknown as string]) {
      const e = await rejectsWith(store.add(bad, QUERY_A), (x) => x instanceof StoreError && x.code === 'invalidName', `add ${JSON.stringify(bad)}`);
      assert.equal((e as StoreError).field, 'name');
    }
    const e = await rejectsWith(
      store.add('Ok', { ...QUERY_A, viewBy: 'hour' } as unknown as ReportQuery),
      (x) => x instanceof QueryValidationError,
      'add bad query',
    );
    assert.equal((e as QueryValidationError).field, 'viewBy');
    const saved = await store.add('Ok', QUERY_A);
    await rejectsWith(store.rename(saved.id, '\u0000'), (x) => x instanceof StoreError && x.code === 'invalidName', 'rename');
    assert.equal(storage.writes.length, 1, 'only the valid add was written');
  });

  it('updates name and query in place, keeping id, createdAt and position', async () => {
    const { store, clock } = setup();
    const a = await store.add('A', QUERY_A);
    const b = await store.add('B', QUERY_A);
    clock.advance(60_000);
    const updated = await store.update(a.id, { name: 'A2', query: QUERY_B });
    assert.deepEqual(updated, { id: a.id, name: 'A2', query: QUERY_B, createdAt: a.createdAt, updatedAt: '2025-03-01T09:31:00.000Z' });
    const renamed = await store.rename(b.id, 'B2');
    assert.deepEqual(renamed.query, QUERY_A);
    assert.deepEqual(
      store.list().map((q) => q.name),
      ['A2', 'B2'],
    );
  });

  it('allows duplicate names (names are labels, ids are identity)', async () => {
    const { store } = setup();
    const a = await store.add('Anna', QUERY_A);
    const b = await store.add('Anna', QUERY_B);
    assert.notEqual(a.id, b.id);
    assert.deepEqual(
      store.list().map((q) => q.name),
      ['Anna', 'Anna'],
    );
    await store.rename(b.id, 'Anna');
    assert.equal(store.list().length, 2);
  });

  it('duplicates as "(copy)", "(copy 2)", … at the end of the list, with a new id and a separate query object', async () => {
    const { store } = setup();
    const a = await store.add('Anna', QUERY_A);
    await store.add('Bob', QUERY_B);
    const c1 = await store.duplicate(a.id);
    const c2 = await store.duplicate(a.id);
    const c3 = await store.duplicate(c1.id);
    assert.deepEqual(
      store.list().map((q) => q.name),
      ['Anna', 'Bob', 'Anna (copy)', 'Anna (copy 2)', 'Anna (copy 3)'],
    );
    assert.equal(new Set([a.id, c1.id, c2.id, c3.id]).size, 4);
    assert.deepEqual(c1.query, QUERY_A);
    await store.update(c1.id, { query: QUERY_B });
    assert.deepEqual(store.get(a.id)!.query, QUERY_A, 'changing the copy leaves the original alone');
  });

  it('removes, and removing again resolves false without writing', async () => {
    const { storage, store } = setup();
    const a = await store.add('A', QUERY_A);
    assert.equal(await store.remove(a.id), true);
    const writes = storage.writes.length;
    assert.equal(await store.remove(a.id), false);
    assert.equal(storage.writes.length, writes);
    assert.equal(store.get(a.id), undefined);
  });

  it('rejects update/rename/duplicate of an unknown id with "notFound"', async () => {
    const { store } = setup();
    for (const [label, p] of [
      ['update', store.update('nope', { name: 'x' })],
      ['rename', store.rename('nope', 'x')],
      ['duplicate', store.duplicate('nope')],
    ] as const) {
      await rejectsWith(p, (e) => e instanceof StoreError && e.code === 'notFound', label);
    }
  });

  it('hands out copies: changing a listed query changes nothing stored', async () => {
    const { store } = setup();
    const a = await store.add('A', QUERY_A);
    const listed = store.list()[0]!;
    listed.name = 'hacked';
    listed.query.subject = { kind: 'company' };
    a.query.mailboxes!.push(99);
    assert.deepEqual(store.get(a.id)!.query, QUERY_A);
    assert.equal(store.get(a.id)!.name, 'A');
  });

  it('imports many in one write: keeps usable ids, makes new ones on conflict, skips invalid and already-saved entries', async () => {
    const { storage, store } = setup();
    const existing = await store.add('Anna', QUERY_A);
    const writes = storage.writes.length;
    const result = await store.importMany([
      { name: 'Bob', query: QUERY_B, id: 'keep-me', createdAt: '2024-06-01T00:00:00.000Z' },
      { name: 'Clash', query: QUERY_B, id: existing.id },
      { name: 'Clash 2', query: QUERY_B, id: 'keep-me' },
      { name: 'Anna', query: QUERY_A },
      { name: '', query: QUERY_A },
      { name: 'Bad', query: { metric: 'customersHelped', subject: { kind: 'user', userId: 0 } } },
      { name: 'Bad id', query: QUERY_B, id: 42, createdAt: 'whenever' },
    ]);
    assert.equal(storage.writes.length, writes + 1, 'one write for the whole import');
    assert.equal(storedValue(storage).revision, 2);
    assert.deepEqual(
      result.added.map((q) => q.name),
      ['Bob', 'Clash', 'Clash 2', 'Bad id'],
    );
    const [bob, clash, clash2, badId] = result.added;
    assert.equal(bob!.id, 'keep-me');
    assert.equal(bob!.createdAt, '2024-06-01T00:00:00.000Z');
    assert.notEqual(clash!.id, existing.id);
    assert.notEqual(clash2!.id, 'keep-me');
    assert.equal(badId!.createdAt, '2025-03-01T09:30:00.000Z');
    assert.deepEqual(
      result.skipped.map((s) => [s.index, s.reasons[0]!.split(':')[0]]),
      [
        [3, 'already saved'],
        [4, 'name'],
        [5, 'query.subject.userId'],
      ],
    );
    const ids = store.list().map((q) => q.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('importing the same entries twice adds nothing the second time, and does not write', async () => {
    const { storage, store } = setup();
    const entries = [
      { name: 'A', query: QUERY_A },
      { name: 'B', query: QUERY_B },
    ];
    assert.equal((await store.importMany(entries)).added.length, 2);
    const writes = storage.writes.length;
    const again = await store.importMany(entries);
    assert.deepEqual(again.added, []);
    assert.equal(again.skipped.length, 2);
    assert.equal(storage.writes.length, writes);
  });

  it('fires onDidChange after each mutation (not for rejected ones), survives a throwing listener, and can be disposed', async () => {
    const { store } = setup();
    const changes: StoreChange[] = [];
    store.onDidChange(() => {
      throw new Error('listener bug');
    });
    const sub = store.onDidChange((c) => changes.push(c));
    const a = await store.add('A', QUERY_A);
    await store.rename(a.id, 'A2');
    await store.rename('nope', 'x').catch(() => undefined);
    await store.remove(a.id);
    await store.remove(a.id);
    assert.deepEqual(
      changes.map((c) => [c.origin, c.revision, c.queries.map((q) => q.name)]),
      [
        ['local', 1, ['A']],
        ['local', 2, ['A2']],
        ['local', 3, []],
      ],
    );
    sub.dispose();
    await store.add('B', QUERY_A);
    assert.equal(changes.length, 3);
  });

  it('a failed write rejects, changes nothing in memory, and does not block the next write', async () => {
    const { storage, store } = setup();
    await store.add('A', QUERY_A);
    storage.failNextWrite = new Error('quota');
    await rejectsWith(store.add('B', QUERY_A), (e) => (e as Error).message === 'quota', 'add');
    assert.deepEqual(
      store.list().map((q) => q.name),
      ['A'],
    );
    await store.add('C', QUERY_A);
    assert.deepEqual(
      storedValue(storage).queries.map((q) => q.name),
      ['A', 'C'],
    );
  });

  it('backs up a store another writer damaged before a mutation rewrites it', async () => {
    const { storage, store } = setup();
    await store.add('A', QUERY_A);
    const damaged = stored([savedEntry('x', 'X'), savedEntry('y', 'Y', { subject: { kind: 'user', userId: 'bad' } })], { revision: 5 });
    storage.setRaw(SAVED_QUERIES_KEY, damaged);
    await store.add('B', QUERY_A);
    const backups = store.listBackups();
    assert.equal(backups.length, 1);
    assert.deepEqual(storage.get(backups[0]!), damaged);
    assert.deepEqual(
      storedValue(storage).queries.map((q) => q.name),
      ['X', 'B'],
    );
    assert.equal(storedValue(storage).revision, 6);
  });
});

describe('saved query store: two windows, one globalState', () => {
  function twoWindows() {
    const storage = new MemoryKeyValueStore();
    const clock = fixedClock();
    const a = new SavedQueryStore(storage, { now: clock.now, newId: counterIds('a-') });
    const b = new SavedQueryStore(storage, { now: clock.now, newId: counterIds('b-') });
    a.load();
    b.load();
    return { storage, a, b };
  }

  it('interleaved adds, renames and deletes from stale windows lose nothing', async () => {
    const { storage, a, b } = twoWindows();
    const a1 = await a.add('A1', QUERY_A);
    const b1 = await b.add('B1', QUERY_B); // b has never seen A1
    const a2 = await a.add('A2', QUERY_A); // a has never seen B1
    await b.rename(a1.id, 'A1 renamed by B'); // b never saw A1 in memory before this write
    await a.remove(b1.id);
    await b.duplicate(a2.id);
    const names = storedValue(storage).queries.map((q) => q.name);
    assert.deepEqual(names, ['A1 renamed by B', 'A2', 'A2 (copy)']);
    assert.deepEqual(
      a.list().map((q) => q.name),
      ['A1 renamed by B', 'A2'],
      'a has what it last read or wrote',
    );
    assert.deepEqual(
      b.list().map((q) => q.name),
      names,
    );
    assert.equal(storedValue(storage).revision, 6);
  });

  it('updating a query the other window deleted fails instead of resurrecting it', async () => {
    const { storage, a, b } = twoWindows();
    const q = await a.add('Shared', QUERY_A);
    b.refreshFromStorage();
    await a.remove(q.id);
    const e = await rejectsWith(b.update(q.id, { query: QUERY_B }), (x) => x instanceof StoreError && x.code === 'notFound', 'update');
    assert.match((e as Error).message, /no longer exists; it may have been deleted in another window/);
    await rejectsWith(b.duplicate(q.id), (x) => x instanceof StoreError && x.code === 'notFound', 'duplicate');
    assert.deepEqual(storedValue(storage).queries, []);
    assert.deepEqual(b.list(), [], 'b now knows it is gone');
  });

  it('refreshFromStorage picks up the other window and fires onDidChange with origin "storage" only when something changed', async () => {
    const { a, b } = twoWindows();
    const seen: StoreChange[] = [];
    b.onDidChange((c) => seen.push(c));
    await a.add('From A', QUERY_A);
    const r = b.refreshFromStorage();
    assert.deepEqual(
      r.queries.map((q) => q.name),
      ['From A'],
    );
    b.refreshFromStorage();
    assert.deepEqual(
      seen.map((c) => [c.origin, c.revision, c.queries.length]),
      [['storage', 1, 1]],
    );
  });

  it('a window never writes a revision at or below one it has seen', async () => {
    const { storage, a, b } = twoWindows();
    await a.add('1', QUERY_A);
    await a.add('2', QUERY_A);
    await b.add('3', QUERY_A);
    // Someone rolls the stored value back to an older revision (e.g. settings sync).
    storage.setRaw(SAVED_QUERIES_KEY, stored([], { revision: 1 }));
    await b.add('4', QUERY_A);
    assert.equal(storedValue(storage).revision, 4);
  });
});

describe('saved query store: serialized writes', () => {
  it('twenty fast adds against a slow store all survive, in call order, with increasing revisions', async () => {
    const storage = new MemoryKeyValueStore();
    storage.writeDelay = () => Math.floor(Math.random() * 5);
    const store = new SavedQueryStore(storage, { newId: counterIds() });
    const names = Array.from({ length: 20 }, (_, i) => `Q${i}`);
    const results = await Promise.all(names.map((n) => store.add(n, QUERY_A)));
    assert.deepEqual(
      results.map((r) => r.name),
      names,
    );
    assert.deepEqual(
      storedValue(storage).queries.map((q) => q.name),
      names,
    );
    const revisions = storage.writes.filter((w) => w.key === SAVED_QUERIES_KEY).map((w) => (w.value as StoredSavedQueries).revision);
    assert.deepEqual(
      revisions,
      names.map((_, i) => i + 1),
    );
  });

  it('a click storm of add/rename/duplicate/remove applies every step in order', async () => {
    const storage = new MemoryKeyValueStore();
    storage.writeDelay = () => Math.floor(Math.random() * 4);
    const store = new SavedQueryStore(storage, { newId: counterIds() });
    const pending = [
      store.add('A', QUERY_A), // id-1
      store.rename('id-1', 'A renamed'),
      store.duplicate('id-1'), // id-2
      store.add('B', QUERY_B), // id-3
      store.remove('id-2'),
      store.update('id-3', { query: QUERY_A }),
      store.rename('id-2', 'too late').catch((e: unknown) => e),
    ];
    const settled = await Promise.all(pending);
    assert.ok(settled[6] instanceof StoreError && settled[6].code === 'notFound');
    assert.deepEqual(
      storedValue(storage).queries.map((q) => [q.id, q.name]),
      [
        ['id-1', 'A renamed'],
        ['id-3', 'B'],
      ],
    );
    assert.deepEqual(storedValue(storage).queries[1]!.query, QUERY_A);
    await store.whenIdle();
  });

  it('load() queues its repair behind pending writes, and whenIdle waits for it', async () => {
    const storage = new MemoryKeyValueStore({ [SAVED_QUERIES_KEY]: 'junk' });
    storage.writeDelay = () => 3;
    const store = new SavedQueryStore(storage);
    store.load();
    const added = store.add('After repair', QUERY_A);
    await store.whenIdle();
    assert.equal((await added).name, 'After repair');
    assert.deepEqual(
      storedValue(storage).queries.map((q) => q.name),
      ['After repair'],
    );
    assert.equal(store.listBackups().length, 1, 'backed up once, not once per write');
  });
});

describe('saved query store: a stale echo of its own earlier write', () => {
  it('keeps what it wrote when storage briefly hands back an older revision of its own', async () => {
    const storage = new MemoryKeyValueStore();
    const store = new SavedQueryStore(storage, { now: fixedClock().now, newId: counterIds() });
    store.load();
    await store.add('First', QUERY_A);
    const echo = storage.get<unknown>('helpscout.savedQueries');
    await store.add('Second', QUERY_B);
    // VS Code's storage round trip puts the first write back in memory while the second is in flight.
    storage.setRaw('helpscout.savedQueries', echo);
    await store.add('Third', QUERY_A);
    const names = (storage.get<{ queries: Array<{ name: string }> }>('helpscout.savedQueries')?.queries ?? []).map((q) => q.name);
    assert.deepEqual(names, ['First', 'Second', 'Third']);
  });
});

describe('saved query store: a stale echo read on refresh (issue 9, defect 6)', () => {
  function echoAfterSecond() {
    const { storage, store } = setup();
    store.load();
    return {
      storage,
      store,
      run: async (read: () => void) => {
        await store.add('First', QUERY_A);
        const echo = storage.get<unknown>(SAVED_QUERIES_KEY);
        await store.add('Second', QUERY_B);
        // globalState hands back the value from before "Second" …
        storage.setRaw(SAVED_QUERIES_KEY, echo);
        // … and the window-focus refresh (or a load) reads it.
        read();
        const afterRead = store.list().map((q) => q.name);
        await store.add('Third', QUERY_A);
        assert.deepEqual(
          storedValue(storage).queries.map((q) => q.name),
          ['First', 'Second', 'Third'],
        );
        assert.equal(storedValue(storage).revision, 3);
        assert.deepEqual(afterRead, ['First', 'Second'], 'memory keeps the newer list it wrote');
      },
    };
  }

  it('refreshFromStorage() does not move below the highest revision the store wrote', async () => {
    const { store, run } = echoAfterSecond();
    const seen: StoreChange[] = [];
    store.onDidChange((c) => seen.push(c));
    await run(() => store.refreshFromStorage());
    assert.deepEqual(
      seen.map((c) => c.origin),
      ['local', 'local', 'local'],
      'the echo is not reported as a change from another window',
    );
  });

  it('load() does not move below it either', async () => {
    const { store, run } = echoAfterSecond();
    await run(() => {
      const result = store.load();
      assert.equal(result.revision, 2);
      assert.deepEqual(result.problems, []);
    });
  });

  it('a newer revision from another window is still taken', async () => {
    const { storage, store } = setup();
    store.load();
    await store.add('Mine', QUERY_A);
    storage.setRaw(SAVED_QUERIES_KEY, stored([savedEntry('other-1', 'Theirs')], { revision: 2 }));
    assert.deepEqual(
      store.refreshFromStorage().queries.map((q) => q.name),
      ['Theirs'],
    );
  });
});
