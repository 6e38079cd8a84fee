/**
 * State: whatever is found under the saved-queries key (another version, a crash mid-write, a
 * hand-edited settings sync, a hostile value) loading never throws or pollutes, lists only valid
 * queries with unique ids, keeps the damaged original in a backup before rewriting, never writes
 * over a newer version's store, and repairs to a value that loads cleanly the next time.
 *
 * The hand-written cases (corrupt values, newer versions, two windows, serialized writes) are in
 * test/unit/store/savedQueryStore.test.ts and savedQueryStore.property.test.ts; this adds the fuzz.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { BACKUP_KEY_PREFIX, SAVED_QUERIES_KEY, SavedQueryStore } from '../../../src/core/savedQueryStore';
import { checkQueryName } from '../../../src/core/savedQueryEntry';
import { parseReportQuery } from '../../../src/core/validate';
import { poison } from './helpers';
import { MemoryKeyValueStore, QUERY_A, QUERY_B, counterIds, fixedClock, savedEntry } from '../store/fakes';

const nearMiss = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom<unknown>(QUERY_A, QUERY_B, 'id-1', '', 42, -1, null, [], {}, '2025-02-29', { subject: { kind: 'user', userId: '42' } }),
);
const entry = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }).map((i) => savedEntry(`id-${i}`, `Query ${i}`, i % 2 ? QUERY_A : QUERY_B)) },
  {
    weight: 1,
    arbitrary: fc.record({
      id: fc.oneof(fc.constantFrom<unknown>('id-1', 'id-2'), nearMiss),
      name: fc.oneof(fc.string(), nearMiss),
      query: fc.oneof(fc.constant<unknown>(QUERY_A), nearMiss),
      createdAt: nearMiss,
      updatedAt: nearMiss,
    }),
  },
  { weight: 1, arbitrary: nearMiss },
);
const storedValue = fc.oneof(
  { weight: 1, arbitrary: fc.jsonValue() },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        schemaVersion: fc.oneof({ weight: 6, arbitrary: fc.constant<unknown>(1) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(0, 2, 99, '1', -1, 1.5) }, { weight: 1, arbitrary: nearMiss }),
        revision: fc.oneof({ weight: 4, arbitrary: fc.nat() }, { weight: 1, arbitrary: nearMiss }),
        queries: fc.oneof({ weight: 6, arbitrary: fc.array(entry, { maxLength: 8 }) }, { weight: 1, arbitrary: nearMiss }),
      },
      { requiredKeys: [] },
    ),
  },
);

describe('reliability: saved-query store state fuzz', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });
  const RUNS = 300;

  it(`${RUNS} arbitrary stored values: load never throws, lists only valid queries, backs up before rewriting, repairs to a clean value`, async () => {
    let withProblems = 0;
    let listed = 0;
    await fc.assert(
      fc.asyncProperty(storedValue, fc.integer({ min: 0, max: 3 }), async (raw, every) => {
        const value = every > 0 ? poison(raw, every) : raw;
        const storage = new MemoryKeyValueStore();
        storage.setRaw(SAVED_QUERIES_KEY, value);
        const original = storage.data.get(SAVED_QUERIES_KEY);
        const store = new SavedQueryStore(storage, { now: fixedClock().now, newId: counterIds('new-') });

        const loaded = store.load();
        const outcome = await loaded.repair;
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
        assert.notEqual(outcome.status, 'failed', JSON.stringify(outcome));

        const ids = loaded.queries.map((q) => q.id);
        assert.equal(new Set(ids).size, ids.length, 'ids are unique');
        for (const q of loaded.queries) {
          listed++;
          assert.ok(checkQueryName(q.name).ok, q.name);
          const again = parseReportQuery(q.query);
          assert.ok(again.ok, JSON.stringify(q.query));
          assert.ok(!JSON.stringify(q).includes('polluted'));
        }
        if (loaded.problems.length > 0) withProblems++;

        const backups = storage.keys().filter((k) => k.startsWith(BACKUP_KEY_PREFIX));
        if (loaded.readOnly) {
          assert.equal(storage.writes.length, 0, 'a newer store is never written');
          assert.equal(storage.data.get(SAVED_QUERIES_KEY), original);
          return;
        }
        if (outcome.status === 'repaired') {
          // Anything lost from the list is kept, untouched, in the backup.
          const lossy = loaded.problems.some((p) => p.kind === 'corrupt' || p.kind === 'invalidEntry' || p.kind === 'duplicateId');
          if (lossy) {
            assert.equal(backups.length, 1, 'one backup');
            assert.equal(storage.data.get(backups[0]!), original, 'the backup is the original, byte for byte');
          }
          // The repaired value loads cleanly, with the same list.
          const fresh = new SavedQueryStore(storage).load();
          assert.deepEqual(fresh.problems, []);
          assert.deepEqual(fresh.queries, loaded.queries);
          assert.equal((await fresh.repair).status, 'notNeeded');
        } else {
          assert.equal(storage.writes.length, 0, 'nothing to repair, nothing written');
        }
        // And the store is usable afterwards.
        const added = await store.add('After fuzz', QUERY_A);
        assert.ok(store.list().some((q) => q.id === added.id));
      }),
      { numRuns: RUNS, seed: 20250615 },
    );
    assert.ok(withProblems > RUNS / 4 && listed > 20, `fuzz too tame: ${withProblems} damaged, ${listed} listed`);
    console.log(`      store fuzz: ${RUNS} runs, ${withProblems} damaged values, ${listed} queries listed and re-validated`);
  });
});
