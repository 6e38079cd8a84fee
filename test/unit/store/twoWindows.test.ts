/**
 * Two windows saving at the same moment (issue 9, defect 7). VS Code cannot make two windows'
 * writes to one globalState atomic; each store reads back after its write and re-applies its
 * own change by id when another window's write landed over it.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SAVED_QUERIES_KEY, SavedQueryStore, type StoredSavedQueries } from '../../../src/core/savedQueryStore';
import { counterIds, fixedClock, MemoryKeyValueStore, QUERY_A, QUERY_B } from './fakes';

function names(storage: MemoryKeyValueStore): string[] {
  return (storage.get<StoredSavedQueries>(SAVED_QUERIES_KEY)?.queries ?? []).map((q) => q.name);
}

function windows(storage: MemoryKeyValueStore, options: { confirmDelayMs?: number } = {}): [SavedQueryStore, SavedQueryStore] {
  const clock = fixedClock();
  const a = new SavedQueryStore(storage, { now: clock.now, newId: counterIds('a-'), ...options });
  const b = new SavedQueryStore(storage, { now: clock.now, newId: counterIds('b-'), ...options });
  a.load();
  b.load();
  return [a, b];
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('saved query store: two windows saving at the same moment', () => {
  it('Promise.all of an add in each window, 5 ms write delay: both are kept', async () => {
    const storage = new MemoryKeyValueStore();
    storage.writeDelay = () => 5;
    const [a, b] = windows(storage);
    await Promise.all([a.add('from A', QUERY_A), b.add('from B', QUERY_B)]);
    assert.deepEqual(names(storage).sort(), ['from A', 'from B']);
    // Each window ends up knowing both, and a fresh window loads both.
    assert.deepEqual(new SavedQueryStore(storage).load().queries.map((q) => q.name).sort(), ['from A', 'from B']);
  });

  it('a rename and a remove that another window wrote over are re-applied, a change the other window made is kept', async () => {
    const storage = new MemoryKeyValueStore();
    const [a, b] = windows(storage);
    const one = await a.add('One', QUERY_A);
    const two = await a.add('Two', QUERY_A);
    const three = await a.add('Three', QUERY_A);
    b.refreshFromStorage();
    storage.writeDelay = () => 5;
    await Promise.all([a.rename(one.id, 'One renamed by A'), b.rename(two.id, 'Two renamed by B')]);
    assert.deepEqual(names(storage), ['One renamed by A', 'Two renamed by B', 'Three']);
    a.refreshFromStorage();
    b.refreshFromStorage();
    await Promise.all([a.remove(three.id), b.rename(one.id, 'One renamed by B')]);
    assert.deepEqual(names(storage), ['One renamed by B', 'Two renamed by B']);
  });

  it('randomised interleavings of adds and renames from two windows with random write delays lose nothing', async () => {
    type Op = { win: 0 | 1; startAfter: number; kind: 'add' | 'rename' };
    const op = fc.record({
      win: fc.constantFrom<0 | 1>(0, 1),
      startAfter: fc.integer({ min: 0, max: 6 }),
      kind: fc.constantFrom<'add' | 'rename'>('add', 'add', 'rename'),
    });
    let runs = 0;
    let rewritesSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 8 }), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 16 }), async (ops: Op[], delays) => {
        runs++;
        const storage = new MemoryKeyValueStore();
        let w = 0;
        storage.writeDelay = () => delays[w++ % delays.length]!;
        // A window notices a write that lands up to confirmDelayMs after its own: the longest write here.
        const stores = windows(storage, { confirmDelayMs: 5 });
        // Expected: every add is stored, with the last name its own window gave it.
        const expected = new Map<string, string>();
        const mine: Array<Array<{ id: string; n: number }>> = [[], []];
        await Promise.all(
          ops.map(async (o, i) => {
            await pause(o.startAfter);
            const store = stores[o.win];
            const own = mine[o.win]!;
            if (o.kind === 'rename' && own.length > 0) {
              const target = own[i % own.length]!;
              const renamed = await store.rename(target.id, `${target.id} renamed ${i}`);
              // Renames of one window run in call order; the last one wins.
              expected.set(target.id, renamed.name);
              return;
            }
            const saved = await store.add(`op ${i}`, QUERY_A);
            own.push({ id: saved.id, n: i });
            if (!expected.has(saved.id)) expected.set(saved.id, saved.name);
          }),
        );
        await Promise.all(stores.map((s) => s.whenIdle()));
        const writes = storage.writes.filter((x) => x.key === SAVED_QUERIES_KEY).length;
        if (writes > ops.length) rewritesSeen++;
        const stored = new Map((storage.get<StoredSavedQueries>(SAVED_QUERIES_KEY)?.queries ?? []).map((q) => [q.id, q.name]));
        for (const [id, name] of expected) assert.equal(stored.get(id), name, `${id}: stored ${JSON.stringify([...stored])}`);
        assert.equal(stored.size, expected.size);
      }),
      { numRuns: 60 },
    );
    assert.equal(runs, 60);
    assert.ok(rewritesSeen > 0, 'some runs had a write landing over another and were repaired');
  });
});
