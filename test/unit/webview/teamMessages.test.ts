import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateHostMessage } from '../../../webview/messages';
import { CLOSED, loadMore, openBucket, receive } from '../../../webview/features/drilldown/state';
import { snapshot } from './fixtures';

const anna = {
  id: 11,
  name: 'Anna',
  current: [1, 2, 3],
  previous: [1, 1, 1],
  currentTotal: 6,
  previousTotal: 3,
  change: { absolute: 3, percent: 100, isNew: false },
  share: 0.6,
  busiest: { date: '2026-10-03T00:00:00Z', value: 3 },
};
const cem = { id: 13, name: 'Cem', currentTotal: null, previousTotal: null, change: null, share: null, busiest: null, error: { message: 'Not found', status: 404, logRef: 'r-1' } };
const team = { people: [anna, cem], omitted: 2, progress: { loaded: 2, total: 2 } };
const message = (t: unknown) => ({ type: 'snapshot', snapshot: { ...snapshot(), team: t } });

describe('webview/messages: the team part of a snapshot', () => {
  it('accepts a team and returns a clean copy without unknown fields', () => {
    const result = validateHostMessage(message({ ...team, extra: 1, people: [{ ...anna, secret: 'x' }, cem] }));
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value.snapshot.team, team);
  });

  it('refuses a bad team with the field named', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...team, people: 'all' }, /^snapshot\.team\.people: expected an array/],
      [{ ...team, people: [{ ...anna, id: 0 }] }, /^snapshot\.team\.people\[0\]\.id: expected a user id/],
      [{ ...team, people: [{ ...anna, share: 1.5 }] }, /^snapshot\.team\.people\[0\]\.share: expected a share ≤ 1/],
      [{ ...team, people: [{ ...anna, current: [1, -1] }] }, /^snapshot\.team\.people\[0\]\.current\[1\]: expected a count ≥ 0/],
      [{ ...team, people: [{ ...cem, error: { status: 404 } }] }, /^snapshot\.team\.people\[0\]\.error\.message: expected a string/],
      [{ ...team, people: Array.from({ length: 51 }, (_, i) => ({ ...anna, id: i + 1 })) }, /^snapshot\.team\.people: more than 50 items/],
      [{ ...team, progress: { loaded: 8, total: 7 } }, /^snapshot\.team\.progress: expected loaded ≤ total/],
      [{ people: [], omitted: -1 }, /^snapshot\.team\.omitted: expected a count ≥ 0/],
      [{ ...team, people: [anna, cem, { ...anna, name: 'Anna again' }] }, /^snapshot\.team\.people\[2\]\.id: expected a user id not already in the team \(11 is there twice\)/],
    ];
    for (const [bad, reason] of cases) {
      const result = validateHostMessage(message(bad));
      assert.ok(!result.ok, JSON.stringify(bad).slice(0, 80));
      assert.match(result.reason, reason);
    }
  });

  it('never throws on junk in the team', () => {
    fc.assert(fc.property(fc.anything(), (junk) => {
      const result = validateHostMessage(message(junk));
      assert.equal(typeof result.ok, 'boolean');
    }));
  });
});

describe('drill-down of one person of a team', () => {
  it('names the person in the first page and in every further page', () => {
    const step = openBucket(CLOSED, { series: 'current', index: 4, label: 'Anna · Tue 3 Nov', userId: 11 });
    assert.deepEqual(step.post, [{ type: 'drilldown/open', requestId: 1, series: 'current', index: 4, page: 1, userId: 11 }]);
    const ready = receive(step.state, { type: 'drilldown/page', requestId: 1, series: 'current', index: 4, page: 1, pages: 2, count: 60, rows: [] });
    assert.deepEqual(loadMore(ready).post, [{ type: 'drilldown/open', requestId: 2, series: 'current', index: 4, page: 2, userId: 11 }]);
  });

  it('a single report posts no userId', () => {
    assert.deepEqual(openBucket(CLOSED, { series: 'current', index: 4, label: 'x' }).post, [{ type: 'drilldown/open', requestId: 1, series: 'current', index: 4, page: 1 }]);
  });
});
