/**
 * Hostile data: the sandbox's `hostileNames` option gives users, inboxes, folders and tags names
 * with HTML, script tags, an RTL override, Arabic and Hebrew, zero-width characters, emoji, a line
 * break and 10,000 characters. The client must hand every one back exactly as the server sent
 * it (no crash, no truncation, no normalisation); rendering them as text is the webview's job.
 */
import * as assert from 'node:assert/strict';
import { HelpScoutClient } from '../../../src/core/client';
import type { ReportQuery } from '../../../src/core/query';
import { parseQueryFile, serializeQueryFile } from '../../../src/core/queryFile';
import { MemoryTokenStore } from '../../../src/core/tokens';
import { parseReportQuery } from '../../../src/core/validate';
import { parseCli } from '../../../src/sandbox/cliOptions';
import { HOSTILE_NAMES, LONG_NAME } from '../../../src/sandbox/hostileNames';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';

const DATA_END = Date.UTC(2025, 5, 1);
const wire = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Same string, same UTF-8 bytes. */
function assertIdentical(actual: string, expected: string, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length}, expected ${expected.length}`);
  assert.ok(Buffer.from(actual, 'utf8').equals(Buffer.from(expected, 'utf8')), `${what}: bytes differ`);
}

describe('reliability: hostile names from the API', function () {
  this.timeout(20_000);
  let sb: Sandbox;
  let client: HelpScoutClient;

  before(async () => {
    sb = await startSandbox({ now: DATA_END, hostileNames: true, rateLimitPerMinute: 0 });
    client = new HelpScoutClient({
      baseUrl: sb.baseUrl,
      fetch: (url, init) => fetch(url, init),
      tokenStore: new MemoryTokenStore(),
      getCredentials: async () => ({ kind: 'clientCredentials', appId: sb.appId, appSecret: sb.appSecret }),
    });
  });
  after(() => sb.close());

  it('the fixture is what it says: 10,000 characters, HTML, RTL override, zero-width, emoji, line break', () => {
    assert.equal(LONG_NAME.length, 10_000);
    const all = HOSTILE_NAMES.join('');
    for (const needle of ['<img src=x onerror=alert(1)>', '<script>', '\u202E', '\u200B', '\uFEFF', '\u200D', '👩🏽‍💻', '\r\n', 'ال', 'ת']) {
      assert.ok(all.includes(needle), needle);
    }
  });

  it('users (list and me): first and last names come back byte for byte', async () => {
    const users = await client.listUsers();
    assert.equal(users.length, sb.dataset.users.length);
    for (const u of users) {
      const expected = sb.dataset.users.find((d) => d.id === u.id)!;
      assertIdentical(u.firstName, expected.firstName, `user ${u.id} firstName`);
      assertIdentical(u.lastName, expected.lastName, `user ${u.id} lastName`);
    }
    const names = new Set(users.flatMap((u) => [u.firstName, u.lastName]));
    for (const name of HOSTILE_NAMES) assert.ok(names.has(name), `no user is named ${JSON.stringify(name.slice(0, 40))}`);
    const me = await client.me();
    assertIdentical(me.firstName, sb.dataset.me.firstName, 'me.firstName');
    assert.ok(HOSTILE_NAMES.includes(me.firstName));
  });

  it('users filtered by inbox: the same names, intact', async () => {
    const mailbox = sb.dataset.mailboxes[0]!;
    const users = await client.listUsers({ mailbox: mailbox.id });
    assert.ok(users.length > 0);
    for (const u of users) assertIdentical(u.lastName, sb.dataset.users.find((d) => d.id === u.id)!.lastName, `user ${u.id}`);
  });

  it('inboxes: names come back byte for byte, the 10,000-character one included', async () => {
    const mailboxes = await client.listMailboxes();
    assert.equal(mailboxes.length, sb.dataset.mailboxes.length);
    for (const m of mailboxes) assertIdentical(m.name, sb.dataset.mailboxes.find((d) => d.id === m.id)!.name, `mailbox ${m.id}`);
    assert.ok(mailboxes.some((m) => m.name === LONG_NAME));
    assert.ok(mailboxes.some((m) => m.name.includes('onerror=')));
    assert.ok(mailboxes.some((m) => m.name.includes('<script>')));
  });

  it('folders of every inbox: names come back byte for byte', async () => {
    const seen = new Set<string>();
    for (const mailbox of sb.dataset.mailboxes) {
      const folders = await client.listFolders(mailbox.id);
      const expected = sb.dataset.folders.filter((f) => f.mailboxId === mailbox.id);
      assert.equal(folders.length, expected.length);
      for (const f of folders) {
        assertIdentical(f.name, expected.find((d) => d.id === f.id)!.name, `folder ${f.id}`);
        seen.add(f.name);
      }
    }
    for (const name of HOSTILE_NAMES) assert.ok(seen.has(name), `no folder is named ${JSON.stringify(name.slice(0, 40))}`);
  });

  it('tags: names come back byte for byte, across pages', async () => {
    const small = await startSandbox({ now: DATA_END, hostileNames: true, rateLimitPerMinute: 0, pageSize: 7 });
    try {
      const paged = new HelpScoutClient({
        baseUrl: small.baseUrl,
        fetch: (url, init) => fetch(url, init),
        tokenStore: new MemoryTokenStore(),
        getCredentials: async () => ({ kind: 'clientCredentials', appId: small.appId, appSecret: small.appSecret }),
      });
      const tags = await paged.listTags();
      assert.equal(tags.length, small.dataset.tags.length);
      assert.ok(small.stats.byPath['/v2/tags']! >= 5, 'more than one page');
      for (const t of tags) assertIdentical(t.name, small.dataset.tags.find((d) => d.id === t.id)!.name, `tag ${t.id}`);
      const names = new Set(tags.map((t) => t.name));
      for (const name of HOSTILE_NAMES) assert.ok(names.has(name), `no tag is named ${JSON.stringify(name.slice(0, 40))}`);
    } finally {
      await small.close();
    }
  });

  it('reports for a user with a hostile name work as usual', async () => {
    const user = sb.dataset.users.find((u) => u.firstName === LONG_NAME)!;
    const report = await client.getCustomersHelped({ user: user.id, start: wire(DATA_END - 7 * 86_400_000), end: wire(DATA_END), viewBy: 'day' });
    assert.ok(report.current.length >= 7);
  });

  it('is deterministic, off by default, and leaves ids, emails and the cached dataset alone', async () => {
    const again = await startSandbox({ now: DATA_END, hostileNames: true });
    const plain = await startSandbox({ now: DATA_END });
    try {
      assert.deepEqual(again.dataset.users, sb.dataset.users);
      assert.deepEqual(again.dataset.tags, sb.dataset.tags);
      assert.deepEqual(plain.dataset.users.map((u) => [u.id, u.email]), sb.dataset.users.map((u) => [u.id, u.email]));
      assert.deepEqual(plain.dataset.mailboxes.map((m) => m.id), sb.dataset.mailboxes.map((m) => m.id));
      const plainNames = [...plain.dataset.users.map((u) => u.firstName), ...plain.dataset.mailboxes.map((m) => m.name), ...plain.dataset.tags.map((t) => t.name)];
      assert.ok(plainNames.every((n) => !HOSTILE_NAMES.includes(n)), 'the option must not leak into the shared cached dataset');
    } finally {
      await Promise.all([again.close(), plain.close()]);
    }
  });

  it('the CLI takes --hostile-names', () => {
    const parsed = parseCli(['--hostile-names']);
    assert.equal(parsed.kind, 'run');
    assert.equal(parsed.kind === 'run' && parsed.options.hostileNames, true);
    const plain = parseCli([]);
    assert.equal(plain.kind === 'run' && plain.options.hostileNames, undefined);
  });

  it('hostile names of up to 200 characters survive a saved query and its export file byte for byte', () => {
    const short = HOSTILE_NAMES.filter((n) => n.length <= 200);
    assert.ok(short.length >= HOSTILE_NAMES.length - 1);
    const labels = Object.fromEntries(short.map((name, i) => [String(i + 1), name]));
    const query: ReportQuery = {
      metric: 'customersHelped',
      subject: { kind: 'users', users: [{ id: 42, name: `${short[0]} ${short[3]}` }, { id: 43, name: short[1]! }] },
      range: { kind: 'preset', preset: 'last30Days' },
      comparison: { kind: 'previousPeriod' },
      mailboxes: short.map((_, i) => i + 1),
      labels: { mailboxes: labels, tags: labels, folders: labels },
    };
    const parsed = parseReportQuery(query);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
    assert.deepEqual(parsed.query, query);
    const file = serializeQueryFile([{ id: 'a', name: 'Hostile labels', query, createdAt: '', updatedAt: '' }], 0);
    const back = parseQueryFile(file);
    assert.deepEqual(back.skipped, []);
    for (const [id, name] of Object.entries(labels)) assertIdentical(back.queries[0]!.query.labels!.mailboxes![id]!, name, `label ${id}`);
  });

  it('contract for the extension: a label or user name over 200 characters is rejected, so callers must clip API names', () => {
    const r = parseReportQuery({ metric: 'customersHelped', subject: { kind: 'user', userId: 42, userName: LONG_NAME }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' }, mailboxes: [5], labels: { mailboxes: { '5': LONG_NAME } } });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.problems.map((p) => p.field).sort(), ['labels.mailboxes["5"]', 'subject.userName']);
  });
});
