import assert from 'node:assert/strict';
import { INBOX_WITHOUT_FOLDERS, LARGE_COMPANY_USERS } from '../../../src/sandbox/largeCompany';
import type { Sandbox } from '../../../src/sandbox/server';
import { get, reportPath, start, token } from './helpers';

describe('sandbox: the largeCompany option', () => {
  let sb: Sandbox;
  let access: string;
  before(async () => {
    sb = await start({ largeCompany: true });
    access = await token(sb);
  });
  after(async () => {
    await sb.close();
  });

  it('lists 57 users over two pages, with names a plain sort orders wrongly', async () => {
    const page1 = await get(sb, '/v2/users?page=1', access);
    const page2 = await get(sb, '/v2/users?page=2', access);
    const users = [...page1.body._embedded.users, ...page2.body._embedded.users] as Array<{ id: number; firstName: string; lastName: string }>;
    assert.equal(page1.body.page.totalPages, 2);
    assert.equal(users.length, LARGE_COMPANY_USERS);
    assert.equal(new Set(users.map((u) => u.id)).size, LARGE_COMPANY_USERS, 'ids are unique');
    const names = users.map((u) => `${u.firstName} ${u.lastName}`);
    assert.ok(names.includes('Tester6 Sample') && names.includes('Tester12 Sample'));
    assert.ok('Tester12 Sample' < 'Tester6 Sample', 'a plain sort would put 12 before 6');
  });

  it('has an inbox without folders, and reports work for the added users', async () => {
    const inboxes = (await get(sb, '/v2/mailboxes', access)).body._embedded.mailboxes as Array<{ id: number; name: string }>;
    const partners = inboxes.find((m) => m.name === INBOX_WITHOUT_FOLDERS);
    assert.ok(partners);
    const folders = await get(sb, `/v2/mailboxes/${partners.id}/folders`, access);
    assert.equal(folders.status, 200);
    assert.deepEqual(folders.body._embedded?.folders ?? [], []);
    const tester = sb.dataset.users[sb.dataset.users.length - 1]!;
    const report = await get(sb, reportPath({ user: tester.id, start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z', viewBy: 'week' }), access);
    assert.equal(report.status, 200);
    assert.ok(Array.isArray(report.body.current));
  });
});
