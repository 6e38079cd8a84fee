import * as assert from 'node:assert/strict';
import { parsePersonQueryId, personQuery, personQueryId } from '../../../src/core/personQuery';
import type { SavedQuery } from '../../../src/core/query';

const team: SavedQuery = {
  id: 'a/person/b',
  name: 'Support team',
  query: {
    metric: 'resolutions',
    subject: { kind: 'users', users: [{ id: 7, name: 'Anna' }, { id: 8 }] },
    range: { kind: 'preset', preset: 'last30Days' },
    comparison: { kind: 'previousPeriod' },
    viewBy: 'week',
    mailboxes: [5],
    types: ['chat'],
  },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

describe('a team person’s own report (issue 12)', () => {
  it('has the team’s range, comparison, View by, filters and metric; only the subject is the person', () => {
    const anna = personQuery(team, { id: 7 })!;
    assert.deepEqual(anna.query, { ...team.query, subject: { kind: 'user', userId: 7, userName: 'Anna' } });
    assert.equal(anna.name, 'Anna · Support team');
    assert.equal(personQuery(team, { id: 8, name: 'Ben' })!.name, 'Ben · Support team');
    assert.equal(personQuery(team, { id: 8 })!.name, 'User 8 · Support team');
  });

  it('its id names the team query and the user, and reads back (even when the team id looks like one)', () => {
    assert.equal(personQuery(team, { id: 7 })!.id, 'a/person/b/person/7');
    assert.deepEqual(parsePersonQueryId(personQueryId(team.id, 7)), { teamId: 'a/person/b', userId: 7 });
    for (const id of ['q-1', '/person/7', 'q/person/', 'q/person/07', 'q/person/7x', 'q/person/-7', 'q/person/99999999999999999']) {
      assert.equal(parsePersonQueryId(id), undefined, id);
    }
  });

  it('is refused for someone who is not one of the team, and for a report that is not a team', () => {
    assert.equal(personQuery(team, { id: 9 }), undefined);
    assert.equal(personQuery({ ...team, query: { ...team.query, subject: { kind: 'user', userId: 7 } } }, { id: 7 }), undefined);
    const inbox = { ...team, query: { ...team.query, subject: { kind: 'inbox' as const, mailboxId: 5 } } };
    assert.deepEqual(personQuery(inbox, { id: 9, name: 'Ida' })!.query.subject, { kind: 'user', userId: 9, userName: 'Ida' });
  });
});
