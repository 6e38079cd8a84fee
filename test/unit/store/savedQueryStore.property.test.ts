import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SAVED_QUERIES_KEY, SavedQueryStore, StoreError, type StoredSavedQueries } from '../../../src/core/savedQueryStore';
import { fixedClock, MemoryKeyValueStore, QUERY_A, QUERY_B } from './fakes';

type Op =
  | { kind: 'add'; win: number; name: string; b: boolean }
  | { kind: 'rename'; win: number; target: number; name: string }
  | { kind: 'update'; win: number; target: number; b: boolean }
  | { kind: 'duplicate'; win: number; target: number }
  | { kind: 'remove'; win: number; target: number }
  | { kind: 'import'; win: number; names: string[]; reuseId: number }
  | { kind: 'refresh'; win: number };

const win = fc.integer({ min: 0, max: 1 });
/** Indexes past the end of the list address an id that does not exist (deleted elsewhere). */
const target = fc.integer({ min: 0, max: 8 });
const name = fc.oneof(fc.constantFrom('Anna', 'Bob', 'Anna (copy)'), fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !/\p{Cc}|[\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(s)));

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), win, name, b: fc.boolean() }),
  fc.record({ kind: fc.constant('rename' as const), win, target, name }),
  fc.record({ kind: fc.constant('update' as const), win, target, b: fc.boolean() }),
  fc.record({ kind: fc.constant('duplicate' as const), win, target }),
  fc.record({ kind: fc.constant('remove' as const), win, target }),
  fc.record({ kind: fc.constant('import' as const), win, names: fc.array(name, { maxLength: 3 }), reuseId: target }),
  fc.record({ kind: fc.constant('refresh' as const), win }),
);

describe('saved query store: properties', () => {
  it('any sequence of mutations from two windows keeps ids unique, revisions increasing, and matches a simple model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.boolean(), async (ops, collidingIds) => {
        const storage = new MemoryKeyValueStore();
        const clock = fixedClock();
        // A tiny id pool makes the generator repeat itself: the store must still never reuse an id.
        let n = 0;
        const newId = collidingIds ? () => `id-${n++ % 3}-${Math.floor(n / 9)}` : () => `id-${n++}`;
        const windows = [0, 1].map(() => new SavedQueryStore(storage, { now: clock.now, newId }));
        windows.forEach((w) => w.load());

        let model: { id: string; name: string }[] = [];
        let lastRevision = 0;
        const idAt = (i: number) => model[i]?.id ?? `gone-${i}`;

        for (const o of ops) {
          clock.advance(1000);
          const store = windows[o.win]!;
          const writesBefore = storage.writes.length;
          try {
            switch (o.kind) {
              case 'add': {
                const s = await store.add(o.name, o.b ? QUERY_A : QUERY_B);
                model.push({ id: s.id, name: s.name });
                break;
              }
              case 'rename': {
                const s = await store.rename(idAt(o.target), o.name);
                model = model.map((m) => (m.id === s.id ? { id: s.id, name: s.name } : m));
                break;
              }
              case 'update':
                await store.update(idAt(o.target), { query: o.b ? QUERY_A : QUERY_B });
                break;
              case 'duplicate': {
                const s = await store.duplicate(idAt(o.target));
                model.push({ id: s.id, name: s.name });
                break;
              }
              case 'remove': {
                const id = idAt(o.target);
                const removed = await store.remove(id);
                assert.equal(removed, model.some((m) => m.id === id));
                model = model.filter((m) => m.id !== id);
                break;
              }
              case 'import': {
                const r = await store.importMany(o.names.map((nm) => ({ name: nm, query: QUERY_B, id: idAt(o.reuseId) })));
                for (const s of r.added) model.push({ id: s.id, name: s.name });
                break;
              }
              case 'refresh':
                store.refreshFromStorage();
                break;
            }
          } catch (e) {
            // The only acceptable failure: addressing a query that is not (or no longer) there.
            assert.ok(e instanceof StoreError && e.code === 'notFound', String(e));
            assert.ok(!model.some((m) => m.id === idAt((o as { target: number }).target)));
          }

          const value = storage.get<StoredSavedQueries>(SAVED_QUERIES_KEY);
          const ids = value?.queries.map((q) => q.id) ?? [];
          assert.equal(new Set(ids).size, ids.length, `ids unique: ${ids.join(',')}`);
          assert.deepEqual(
            value?.queries.map((q) => ({ id: q.id, name: q.name })) ?? [],
            model,
          );
          const revision = value?.revision ?? 0;
          if (storage.writes.length > writesBefore) assert.ok(revision > lastRevision, `revision ${revision} after ${lastRevision}`);
          else assert.equal(revision, lastRevision);
          lastRevision = revision;
        }

        // What was written always loads back cleanly in a fresh window.
        const fresh = new SavedQueryStore(storage).load();
        assert.deepEqual(fresh.problems, []);
        assert.deepEqual(
          fresh.queries.map((q) => q.id),
          model.map((m) => m.id),
        );
      }),
      { numRuns: 150 },
    );
  });
});
