import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { get, start, token } from './helpers';

describe('sandbox: HAL list endpoints', () => {
  let sb: Sandbox;
  let small: Sandbox;
  let access: string;
  let smallAccess: string;
  before(async () => {
    sb = await start();
    small = await start({ pageSize: 5 });
    access = await token(sb);
    smallAccess = await token(small);
  });
  after(async () => {
    await sb.close();
    await small.close();
  });

  it('GET /v2/users/me is the owner of the demo account', async () => {
    const a = await get(sb, '/v2/users/me', access);
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('content-type'), 'application/json;charset=UTF-8');
    assert.equal(a.body.id, sb.dataset.me.id);
    assert.equal(a.body.role, 'owner');
    for (const field of ['firstName', 'lastName', 'email', 'timezone', 'type']) assert.equal(typeof a.body[field], 'string', field);
    assert.equal(a.body.mailboxIds, undefined, 'internal fields stay internal');
  });

  it('GET /v2/users lists the team in one page of 50', async () => {
    const a = await get(sb, '/v2/users', access);
    assert.equal(a.status, 200);
    const users = a.body._embedded.users;
    assert.equal(users.length, sb.dataset.users.length);
    assert.ok(users.length >= 10 && users.length <= 15);
    assert.deepEqual(a.body.page, { size: 50, totalElements: users.length, totalPages: 1, number: 1 });
    assert.equal(a.body._links.next, undefined);
    assert.equal(a.body._links.previous, undefined);
    assert.equal(a.body._links.first.href, `${sb.baseUrl}/v2/users?page=1`);
    assert.equal(a.body._links.last.href, `${sb.baseUrl}/v2/users?page=1`);
    for (const u of users) {
      assert.ok(Number.isInteger(u.id) && u.id > 0);
      assert.match(u.email, /^[a-z.]+@brightwave\.example$/);
      assert.ok(u.photoUrl === null || u.photoUrl.startsWith('data:image/svg+xml;base64,'));
      assert.ok(['owner', 'admin', 'user'].includes(u.role));
      assert.doesNotThrow(() => new Intl.DateTimeFormat('en', { timeZone: u.timezone }));
    }
    assert.equal(new Set(users.map((u: { id: number }) => u.id)).size, users.length);
  });

  it('paginates with 1-based pages, next absent on the last page, filters kept in links', async () => {
    const total = small.dataset.users.length;
    const pages = Math.ceil(total / 5);
    const seen: number[] = [];
    for (let n = 1; n <= pages; n++) {
      const a = await get(small, `/v2/users?page=${n}`, smallAccess);
      assert.equal(a.status, 200);
      assert.deepEqual(a.body.page, { size: 5, totalElements: total, totalPages: pages, number: n });
      seen.push(...a.body._embedded.users.map((u: { id: number }) => u.id));
      assert.equal(a.body._links.self.href, `${small.baseUrl}/v2/users?page=${n}`);
      if (n < pages) assert.equal(a.body._links.next.href, `${small.baseUrl}/v2/users?page=${n + 1}`);
      else assert.equal(a.body._links.next, undefined);
      if (n > 1) assert.equal(a.body._links.previous.href, `${small.baseUrl}/v2/users?page=${n - 1}`);
      else assert.equal(a.body._links.previous, undefined);
    }
    assert.deepEqual(seen, small.dataset.users.map((u) => u.id));

    const mailbox = small.dataset.mailboxes[0]?.id;
    const filtered = await get(small, `/v2/users?mailbox=${mailbox}`, smallAccess);
    assert.match(filtered.body._links.next.href, new RegExp(`mailbox=${mailbox}&page=2$`));
  });

  it('omits _embedded for an empty list (no match, or a page past the end)', async () => {
    const none = await get(sb, '/v2/users?email=nobody@example.com', access);
    assert.equal(none.status, 200);
    assert.equal('_embedded' in none.body, false);
    assert.deepEqual(none.body.page, { size: 50, totalElements: 0, totalPages: 0, number: 1 });
    assert.equal(none.body._links.next, undefined);
    const past = await get(small, '/v2/users?page=99', smallAccess);
    assert.equal(past.status, 200);
    assert.equal('_embedded' in past.body, false);
  });

  it('filters users by email (case-insensitive) and by mailbox', async () => {
    const target = sb.dataset.users[3];
    assert.ok(target);
    const byEmail = await get(sb, `/v2/users?email=${encodeURIComponent(target.email.toUpperCase())}`, access);
    assert.deepEqual(byEmail.body._embedded.users.map((u: { id: number }) => u.id), [target.id]);
    const vip = sb.dataset.mailboxes.find((m) => m.name === 'VIP');
    assert.ok(vip);
    const byMailbox = await get(sb, `/v2/users?mailbox=${vip.id}`, access);
    const expected = sb.dataset.users.filter((u) => u.mailboxIds.includes(vip.id)).map((u) => u.id);
    assert.ok(expected.length > 0 && expected.length < sb.dataset.users.length);
    assert.deepEqual(byMailbox.body._embedded.users.map((u: { id: number }) => u.id), expected);
  });

  it('rejects a bad page or mailbox parameter with a vnd.error 400', async () => {
    for (const path of ['/v2/users?page=0', '/v2/tags?page=x', '/v2/users?mailbox=-3']) {
      const a = await get(sb, path, access);
      assert.equal(a.status, 400, path);
      assert.equal(a.headers.get('content-type'), 'application/vnd.error+json;charset=UTF-8');
      assert.equal(a.body.message, 'Bad request');
      assert.equal(a.body._embedded.errors.length, 1);
    }
  });

  it('GET /v2/users/{id} finds a user or answers 404', async () => {
    const u = sb.dataset.users[2];
    assert.equal((await get(sb, `/v2/users/${u?.id}`, access)).body.email, u?.email);
    const missing = await get(sb, '/v2/users/1', access);
    assert.equal(missing.status, 404);
    assert.equal(typeof missing.body.logRef, 'string');
  });

  it('GET /v2/mailboxes lists the inboxes with id, name, slug, email', async () => {
    const a = await get(sb, '/v2/mailboxes', access);
    const names = a.body._embedded.mailboxes.map((m: { name: string }) => m.name);
    assert.deepEqual(names, ['Support', 'Billing', 'Sales', 'VIP', 'Partners & Agencies']);
    for (const m of a.body._embedded.mailboxes) {
      assert.ok(Number.isInteger(m.id));
      assert.match(m.slug, /^[a-z-]+$/);
      assert.match(m.email, /@brightwave\.example$/);
    }
    const paged = await get(small, '/v2/mailboxes?page=1', smallAccess);
    assert.equal(paged.body._embedded.mailboxes.length, 5);
    assert.equal(paged.body._links.next, undefined);
  });

  it('GET /v2/mailboxes/{id}/folders lists folders with counts; unknown inbox → 404', async () => {
    const mailbox = sb.dataset.mailboxes[1];
    const a = await get(sb, `/v2/mailboxes/${mailbox?.id}/folders`, access);
    assert.equal(a.status, 200);
    const folders = a.body._embedded.folders;
    assert.deepEqual(
      folders.map((f: { name: string }) => f.name),
      ['Unassigned', 'Mine', 'Needs Attention', 'Drafts', 'Assigned', 'Closed', 'Spam'],
    );
    const mine = folders.find((f: { type: string }) => f.type === 'mytickets');
    assert.equal(mine.userId, sb.dataset.me.id);
    const closed = folders.find((f: { type: string }) => f.type === 'closed');
    assert.ok(closed.totalCount > 1000);
    assert.equal(closed.activeCount, 0);
    const total = folders.reduce((s: number, f: { totalCount: number }) => s + f.totalCount, 0);
    const inMailbox = sb.dataset.users.reduce(
      (s, u) => s + sb.dataset.conversationsOf(u.id).filter((c) => c.mailboxId === mailbox?.id).length,
      0,
    );
    assert.equal(total, inMailbox);
    assert.equal((await get(sb, '/v2/mailboxes/999/folders', access)).status, 404);
    const pagedFolders = await get(small, `/v2/mailboxes/${small.dataset.mailboxes[0]?.id}/folders?page=2`, smallAccess);
    assert.equal(pagedFolders.body._embedded.folders.length, 2);
  });

  it('GET /v2/tags: a few dozen, alphabetical, with colours and real-world characters', async () => {
    const a = await get(sb, '/v2/tags', access);
    const tags = a.body._embedded.tags as { id: number; name: string; slug: string; color: string; ticketCount: number }[];
    assert.ok(tags.length >= 30 && tags.length <= 50);
    const names = tags.map((t) => t.name);
    assert.deepEqual(names, [...names].sort((x, y) => x.localeCompare(y, 'en')));
    assert.ok(names.some((n) => n.includes('&')));
    assert.ok(names.some((n) => /[éü]/.test(n)));
    for (const t of tags) {
      assert.match(t.color, /^#[0-9a-f]{6}$/);
      assert.match(t.slug, /^[a-z0-9-]+$/);
      assert.ok(t.ticketCount >= 0);
    }
    const paged = await get(small, '/v2/tags?page=2', smallAccess);
    assert.deepEqual(
      paged.body._embedded.tags.map((t: { name: string }) => t.name),
      names.slice(5, 10),
    );
  });

  it('answers 404 for unknown routes and 405 for wrong methods', async () => {
    const unknown = await get(sb, '/v2/conversations', access);
    assert.equal(unknown.status, 404);
    assert.equal(typeof unknown.body.message, 'string');
    assert.equal((await get(sb, '/nothing/here')).status, 404);
    const wrongMethod = await get(sb, '/v2/tags', access, { method: 'POST', body: '{}' });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'GET');
  });
});
