import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TeamPersonView } from '../../../src/protocol/team';
import { DEFAULT_TEAM_STATE, rankPeople, restoreTeamState, showTable, sortBy, togglePerson, toggleTotal, type RankingColumn } from '../../../webview/features/team/state';

function person(id: number, name: string, current: number | null, extra: Partial<TeamPersonView> = {}): TeamPersonView {
  return {
    id,
    name,
    currentTotal: current,
    previousTotal: current === null ? null : 10,
    change: current === null ? null : { absolute: current - 10, percent: (current - 10) * 10, isNew: false },
    share: current === null ? null : current / 100,
    busiest: current === null ? null : { date: '2026-10-01T00:00:00Z', value: current },
    ...extra,
  };
}

const failed = (id: number, name: string) => person(id, name, null, { error: { message: 'Not found', status: 404 } });

describe('webview/features/team/state', () => {
  it('starts with everyone shown, no Team total, the ranking sorted by current, highest first', () => {
    assert.deepEqual(restoreTeamState(undefined), { hidden: [], showTotal: false, sort: { column: 'current', direction: 'descending' }, table: 'ranking' });
  });

  it('a legend toggle hides a person and shows them again; the Team total switches on and off', () => {
    let s = togglePerson(DEFAULT_TEAM_STATE, 5);
    assert.deepEqual(s.hidden, [5]);
    s = togglePerson(s, 8);
    assert.deepEqual(s.hidden, [5, 8]);
    s = togglePerson(s, 5);
    assert.deepEqual(s.hidden, [8]);
    assert.equal(DEFAULT_TEAM_STATE.hidden.length, 0, 'the default is not changed in place');
    assert.equal(toggleTotal(DEFAULT_TEAM_STATE).showTotal, true);
    assert.equal(toggleTotal(toggleTotal(DEFAULT_TEAM_STATE)).showTotal, false);
    assert.equal(showTable(DEFAULT_TEAM_STATE, 'people').table, 'people');
    assert.equal(showTable(DEFAULT_TEAM_STATE, 'ranking'), DEFAULT_TEAM_STATE, 'no change, same state');
  });

  it('a header flips its own direction; a new figure starts highest first, the name A→Z', () => {
    const byCurrent = sortBy(DEFAULT_TEAM_STATE, 'current');
    assert.deepEqual(byCurrent.sort, { column: 'current', direction: 'ascending' });
    assert.deepEqual(sortBy(byCurrent, 'current').sort, { column: 'current', direction: 'descending' });
    assert.deepEqual(sortBy(DEFAULT_TEAM_STATE, 'name').sort, { column: 'name', direction: 'ascending' });
    assert.deepEqual(sortBy(DEFAULT_TEAM_STATE, 'share').sort, { column: 'share', direction: 'descending' });
  });

  it('restores what was persisted, through JSON', () => {
    const saved = { hidden: [3, 4], showTotal: true, sort: { column: 'busiest', direction: 'ascending' }, table: 'people' };
    assert.deepEqual(restoreTeamState(JSON.parse(JSON.stringify(saved))), saved);
  });

  it('reads bad persisted state field by field, keeps only real user ids, never throws', () => {
    assert.deepEqual(restoreTeamState({ hidden: [1, 1, -2, 0, 2.5, '3', null, 2 ** 60, 4], showTotal: 'yes', sort: { column: 'salary', direction: 'up' }, table: 'pie' }), {
      ...DEFAULT_TEAM_STATE,
      hidden: [1, 4],
    });
    assert.equal(restoreTeamState({ hidden: Array.from({ length: 500 }, (_, i) => i + 1) }).hidden.length, 50);
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const s = restoreTeamState(junk);
        assert.ok(s.hidden.every((id) => Number.isSafeInteger(id) && id > 0));
        assert.ok(['people', 'ranking'].includes(s.table));
        assert.equal(typeof s.showTotal, 'boolean');
      }),
    );
  });

  describe('ranking order', () => {
    const people = [person(1, 'Cleo', 30), failed(2, 'Ali'), person(3, 'bea', 50), person(4, 'Dan', 30), failed(5, 'Eve'), person(6, 'Ana', 10)];

    it('defaults to current, highest first; ties keep the team order; failed reports last, in team order', () => {
      assert.deepEqual(rankPeople(people, DEFAULT_TEAM_STATE.sort).map((p) => p.id), [3, 1, 4, 6, 2, 5]);
    });

    it('failed reports stay last in the other direction too', () => {
      assert.deepEqual(rankPeople(people, { column: 'current', direction: 'ascending' }).map((p) => p.id), [6, 1, 4, 3, 2, 5]);
    });

    it('sorts names case-insensitively', () => {
      assert.deepEqual(rankPeople(people, { column: 'name', direction: 'ascending' }).map((p) => p.name), ['Ana', 'bea', 'Cleo', 'Dan', 'Ali', 'Eve']);
      assert.deepEqual(rankPeople(people, { column: 'name', direction: 'descending' }).map((p) => p.name), ['Dan', 'Cleo', 'bea', 'Ana', 'Ali', 'Eve']);
    });

    it('a person without the figure (no previous period) comes after those with it, failed ones still last', () => {
      const mixed = [person(1, 'A', 5, { previousTotal: null, change: null }), person(2, 'B', 5), failed(3, 'C'), person(4, 'D', 9)];
      assert.deepEqual(rankPeople(mixed, { column: 'previous', direction: 'ascending' }).map((p) => p.id), [2, 4, 1, 3]);
      assert.deepEqual(rankPeople(mixed, { column: 'change', direction: 'descending' }).map((p) => p.id), [4, 2, 1, 3]);
    });

    it('every column: a permutation, loaded people ordered by a naive comparison, failed ones after them', () => {
      const columns: RankingColumn[] = ['name', 'current', 'previous', 'change', 'share', 'busiest'];
      const arbitraryPerson = fc.record({ n: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), fail: fc.boolean(), name: fc.constantFrom('a', 'B', 'c', 'D') });
      fc.assert(
        fc.property(fc.array(arbitraryPerson, { maxLength: 12 }), fc.constantFrom(...columns), fc.boolean(), (specs, column, ascending) => {
          const team = specs.map((s, i) => (s.fail ? failed(i + 1, s.name) : person(i + 1, s.name, s.n)));
          const out = rankPeople(team, { column, direction: ascending ? 'ascending' : 'descending' });
          assert.deepEqual([...out].map((p) => p.id).sort((a, b) => a - b), team.map((p) => p.id));
          const firstFailed = out.findIndex((p) => p.error);
          if (firstFailed >= 0) assert.ok(out.slice(firstFailed).every((p) => p.error), 'failed last');
          const value = (p: TeamPersonView): number | null =>
            ({ name: null, current: p.currentTotal, previous: p.previousTotal, change: p.change?.absolute ?? null, share: p.share, busiest: p.busiest?.value ?? null })[column];
          const loaded = out.filter((p) => !p.error);
          for (let i = 1; i < loaded.length; i++) {
            const a = loaded[i - 1]!;
            const b = loaded[i]!;
            if (column === 'name') {
              const cmp = a.name.toLowerCase().localeCompare(b.name.toLowerCase());
              assert.ok(ascending ? cmp <= 0 : cmp >= 0, `${a.name} before ${b.name}`);
              continue;
            }
            const va = value(a);
            const vb = value(b);
            if (va === null) assert.equal(vb, null, 'missing figures last');
            else if (vb !== null) assert.ok(ascending ? va <= vb : va >= vb, `${va} before ${vb}`);
            if (va === vb) assert.ok(a.id < b.id, 'ties keep team order');
          }
        }),
      );
    });
  });
});
