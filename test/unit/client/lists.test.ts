import * as assert from 'node:assert/strict';
import { HelpScoutError } from '../../../src/core/errors';
import { BASE, harness, json, rejectionOf } from './fakes';

function user(id: number) {
  return { id, firstName: `F${id}`, lastName: `L${id}`, email: `u${id}@example.com`, role: 'user', timezone: 'UTC', type: 'user', photoUrl: 'https://x/p.png' };
}

function halPage(key: string, items: unknown[], number: number, totalPages: number, next = number < totalPages) {
  return {
    _embedded: { [key]: items },
    page: { size: 50, totalElements: items.length * totalPages, totalPages, number },
    _links: { self: { href: 'x' }, ...(next ? { next: { href: 'https://evil.example/steal' } } : {}) },
  };
}

describe('HAL lists', () => {
  it('follows page.totalPages with a 1-based page param, keeping filters on every page, never following _links.next hosts', async () => {
    const h = harness();
    h.server.script = [
      json(200, halPage('users', [user(1), user(2)], 1, 3)),
      json(200, halPage('users', [user(3)], 2, 3)),
      json(200, halPage('users', [user(4)], 3, 3)),
    ];
    const users = await h.client.listUsers({ mailbox: 55, email: 'a+b@example.com' });
    assert.deepEqual(users.map((u) => u.id), [1, 2, 3, 4]);
    assert.deepEqual(users[0], { id: 1, firstName: 'F1', lastName: 'L1', email: 'u1@example.com', role: 'user', timezone: 'UTC', photoUrl: 'https://x/p.png' });
    assert.deepEqual(
      h.server.apiCalls.map((c) => c.url),
      [
        `${BASE}/v2/users?email=a%2Bb%40example.com&mailbox=55`,
        `${BASE}/v2/users?email=a%2Bb%40example.com&mailbox=55&page=2`,
        `${BASE}/v2/users?email=a%2Bb%40example.com&mailbox=55&page=3`,
      ],
    );
  });

  it('an omitted _embedded is an empty list', async () => {
    const h = harness();
    h.server.script = [json(200, { page: { size: 50, totalElements: 0, totalPages: 0, number: 1 }, _links: {} })];
    assert.deepEqual(await h.client.listTags(), []);
    assert.equal(h.server.apiCalls.length, 1);
  });

  it('without page info, follows while _links.next is present', async () => {
    const h = harness();
    h.server.script = [
      json(200, { _embedded: { tags: [{ id: 1, name: 'a', slug: 'a', color: '#fff', ticketCount: 3 }] }, _links: { next: { href: 'n' } } }),
      json(200, { _embedded: { tags: [{ id: 2, name: 'b' }] }, _links: {} }),
    ];
    assert.deepEqual(await h.client.listTags(), [{ id: 1, name: 'a', slug: 'a', color: '#fff' }, { id: 2, name: 'b' }]);
  });

  it('keeps duplicates out across pages', async () => {
    const h = harness({ maxPages: 3 });
    h.server.fallback = (_req, i) => json(200, halPage('mailboxes', [{ id: i + 1, name: `M${i}` }, { id: 1, name: 'M0' }], i + 1, 3));
    const mailboxes = await h.client.listMailboxes();
    assert.deepEqual(mailboxes.map((m) => m.id), [1, 2, 3]);
    assert.equal(h.server.apiCalls.length, 3);
  });

  it('more pages than maxPages: stops there with a badResponse that says so (never a list silently cut short)', async () => {
    const h = harness({ maxPages: 3 });
    h.server.fallback = (_req, i) => json(200, halPage('mailboxes', [{ id: i + 1, name: `M${i}` }], i + 1, 1000));
    const error = await rejectionOf(h.client.listMailboxes());
    assert.ok(error instanceof HelpScoutError);
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /more than 3 pages of mailboxes/);
    assert.equal(h.server.apiCalls.length, 3);
    assert.ok(h.logger.lines.some((l) => l.level === 'warn' && /stopped after 3 pages/.test(l.message)));
  });

  it('folders of a mailbox', async () => {
    const h = harness();
    h.server.script = [json(200, halPage('folders', [{ id: 9, name: 'Unassigned', type: 'open', userId: 0, totalCount: 1, activeCount: 1 }], 1, 1))];
    assert.deepEqual(await h.client.listFolders(12), [{ id: 9, name: 'Unassigned', type: 'open' }]);
    assert.equal(h.server.apiCalls[0]?.url, `${BASE}/v2/mailboxes/12/folders`);
    await assert.rejects(() => h.client.listFolders(-1), RangeError);
  });

  it('an item with a bad id or name is badResponse naming it; wrong optional fields are dropped', async () => {
    const h = harness();
    h.server.script = [json(200, halPage('tags', [{ id: 1, name: 'ok', color: 5 }, { id: '2', name: 'x' }], 1, 1))];
    const error = await rejectionOf(h.client.listTags());
    assert.ok(error instanceof HelpScoutError);
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /_embedded\.tags\[1\]\.id is a string/);

    h.server.script = [json(200, halPage('mailboxes', [{ id: 0, name: 'zero' }], 1, 1))];
    assert.match((await rejectionOf(h.client.listMailboxes())).message, /_embedded\.mailboxes\[0\]\.id is 0, not a positive integer/);

    h.server.script = [json(200, halPage('tags', [{ id: 1, name: 'ok', color: 5, slug: null }], 1, 1))];
    assert.deepEqual(await h.client.listTags(), [{ id: 1, name: 'ok' }]);

    h.server.script = [json(200, { _embedded: { tags: 'nope' } })];
    assert.match((await rejectionOf(h.client.listTags())).message, /_embedded\.tags is a string, not an array/);
  });

  it('me() checks the user shape; null names read as empty', async () => {
    const h = harness();
    h.server.script = [json(200, { id: 5, firstName: 'Only', lastName: null, email: 'o@x' }), json(200, { id: -5 })];
    assert.deepEqual(await h.client.me(), { id: 5, firstName: 'Only', lastName: '', email: 'o@x' });
    assert.match((await rejectionOf(h.client.me())).message, /body\.id is negative/);
  });
});
