import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HelpScoutClient } from '../../../src/core/client';
import { bucketRange, conversationUrl, drilldownMarkdown, getDrilldown, parseDrilldown, MAX_DRILLDOWN_PAGE } from '../../../src/core/drilldown';
import { HelpScoutError } from '../../../src/core/errors';
import { resolveQuery } from '../../../src/core/resolve';
import { MemoryTokenStore } from '../../../src/core/tokens';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';

/** Help Scout's documented drilldown example, verbatim. */
const DOCUMENTED = {
  conversations: {
    count: 101,
    page: 1,
    pages: 11,
    results: [
      {
        id: 430221821, number: 226358, type: 'email', mailboxid: 85, attachments: false, subject: 'Folder Not Appearing',
        status: 'active', threadCount: 3, preview: '…', customerName: 'John Smith', customerEmail: 'john@example.com',
        customerIds: [2], modifiedAt: '2015-04-24T18:59:49Z', assignedid: 4, assignedName: 'Mary Jones',
        tags: [{ id: 123, name: 'sample-tag', color: 'none' }],
      },
    ],
  },
};

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The local date (yyyy-MM-dd) of an instant in a zone, straight from Intl. */
function localDate(ms: number, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(ms);
}

/** Naive reference: walk the range in 15-minute steps (every zone's offset is a multiple) and keep the first instant of each local day. */
function localMidnights(start: number, end: number, timeZone: string): number[] {
  const found = [start];
  let previous = localDate(start, timeZone);
  for (let t = start + 15 * 60_000; t < end; t += 15 * 60_000) {
    const day = localDate(t, timeZone);
    if (day !== previous) found.push(t);
    previous = day;
  }
  return found;
}

describe('core/drilldown: reading the answer', () => {
  it("reads Help Scout's documented example", () => {
    const page = parseDrilldown(DOCUMENTED, { page: 1, rows: 25 });
    assert.deepEqual(page, {
      count: 101,
      page: 1,
      pages: 11,
      conversations: [
        {
          id: 430221821, number: 226358, subject: 'Folder Not Appearing', customerName: 'John Smith', customerEmail: 'john@example.com',
          status: 'active', type: 'email', mailboxId: 85, tags: ['sample-tag'], modifiedAt: '2015-04-24T18:59:49Z',
        },
      ],
    });
  });

  it('accepts any field missing, and drops ids that are not positive integers', () => {
    const page = parseDrilldown({ conversations: { results: [{}, null, 'x', { id: -1, number: 1.5, mailboxid: '85', tags: 'nope', modifiedAt: 'yesterday' }] } }, { page: 1, rows: 25 });
    assert.deepEqual(page, {
      count: 2,
      page: 1,
      pages: 1,
      conversations: [
        { subject: '', customerName: '', customerEmail: '', status: '', type: '', tags: [] },
        { subject: '', customerName: '', customerEmail: '', status: '', type: '', tags: [] },
      ],
    });
    assert.deepEqual(parseDrilldown({ conversations: {} }, { page: 3, rows: 25 }), { count: 50, page: 3, pages: 3, conversations: [] });
  });

  it('fails only when there is nothing to read, naming what', () => {
    assert.throws(() => parseDrilldown([], { page: 1, rows: 25 }), /the body is an array/);
    assert.throws(() => parseDrilldown({ conversations: 'many' }, { page: 1, rows: 25 }), /conversations is a string/);
  });

  it('keeps hostile text as text, bounded, and never more rows or pages than asked for', () => {
    const long = 'x'.repeat(50_000);
    const hostile = '<img src=x onerror=alert(1)> [x](command:workbench.action.quit) \u202Egnp.exe';
    const results = Array.from({ length: 80 }, (_, i) => ({ id: i + 1, number: i + 1, subject: i === 0 ? long : hostile, tags: [{ name: hostile }] }));
    const page = parseDrilldown({ conversations: { count: 2 ** 60, pages: 1e9, page: 1, results } }, { page: 1, rows: 50 });
    assert.equal(page.conversations.length, 50);
    assert.equal(page.conversations[0]?.subject.length, 20_000);
    assert.equal(page.conversations[1]?.subject, hostile);
    assert.deepEqual(page.conversations[1]?.tags, [hostile]);
    assert.equal(page.pages, MAX_DRILLDOWN_PAGE);
    assert.equal(page.count, 50, 'a count that is not a safe integer is inferred from the rows');
  });
});

describe('core/drilldown: links and Markdown', () => {
  it('builds the web-app URL from positive integers only', () => {
    assert.equal(conversationUrl(430221821, 226358), 'https://secure.helpscout.net/conversation/430221821/226358');
    for (const [id, number] of [[0, 1], [1, -2], [1.5, 2], [Number.NaN, 1], [2 ** 60, 1]] as const) assert.equal(conversationUrl(id, number), undefined);
  });

  it('escapes Markdown so a subject stays text, and leaves rows without ids unlinked', () => {
    const md = drilldownMarkdown([
      { id: 1, number: 7, subject: '[x](command:evil) ![i](http://a/b.png) <b>|\\', customerName: 'Ann\nBerg', customerEmail: '', status: '', type: '', tags: [] },
      { subject: '', customerName: '', customerEmail: 'c@example.com', status: '', type: '', tags: [] },
    ]);
    assert.equal(
      md,
      '- [#7 \\[x\\]\\(command:evil\\) \\!\\[i\\]\\(http://a/b.png\\) &lt;b&gt;\\|\\\\](https://secure.helpscout.net/conversation/1/7) — Ann Berg\n' +
        '- (no subject) — c@example.com',
    );
  });
});

describe('core/drilldown: the range of one bucket', () => {
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'];

  it('each day bucket runs from one local midnight to the next, DST days included, clipped to the range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 60 }), (timeZone, offset, days) => {
        const now = Date.UTC(2018, 0, 1) + offset * 86_400_000;
        const resolved = resolveQuery(
          { metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'last90Days' }, comparison: { kind: 'none' }, viewBy: 'week' },
          { now, timeZone, weekStart: 'monday' },
        );
        const all = localMidnights(resolved.current.start, resolved.current.end, timeZone);
        const range = { ...resolved.current, end: all[days] ?? resolved.current.end };
        const midnights = localMidnights(range.start, range.end, timeZone);
        midnights.forEach((start, i) => {
          assert.deepEqual(bucketRange(range, 'day', i, timeZone), { start, end: midnights[i + 1] ?? range.end }, `${timeZone} day ${i}`);
        });
        assert.equal(bucketRange(range, 'day', midnights.length, timeZone), undefined);
      }),
      { numRuns: 15 },
    );
  });

  it('weeks are seven local days from the first day; months follow the calendar; the last one is clipped', () => {
    const timeZone = 'Europe/Berlin';
    const resolved = resolveQuery(
      { metric: 'customersHelped', subject: { kind: 'user', userId: 1 }, range: { kind: 'absolute', start: '2025-01-31', end: '2025-04-10' }, comparison: { kind: 'none' }, viewBy: 'month' },
      { now: Date.UTC(2026, 0, 1), timeZone, weekStart: 'monday' },
    );
    const local = (iso: string) => new Date(iso).getTime();
    assert.deepEqual(bucketRange(resolved.current, 'month', 0, timeZone), { start: local('2025-01-30T23:00:00Z'), end: local('2025-02-27T23:00:00Z') });
    assert.deepEqual(bucketRange(resolved.current, 'month', 1, timeZone), { start: local('2025-02-27T23:00:00Z'), end: local('2025-03-30T22:00:00Z') });
    assert.deepEqual(bucketRange(resolved.current, 'month', 2, timeZone), { start: local('2025-03-30T22:00:00Z'), end: local('2025-04-10T22:00:00Z') });
    assert.equal(bucketRange(resolved.current, 'month', 3, timeZone), undefined);
    assert.deepEqual(bucketRange(resolved.current, 'week', 8, timeZone), { start: local('2025-03-27T23:00:00Z'), end: local('2025-04-03T22:00:00Z') });
    assert.deepEqual(bucketRange(resolved.current, 'week', 9, timeZone), { start: local('2025-04-03T22:00:00Z'), end: local('2025-04-10T22:00:00Z') });
    assert.equal(bucketRange(resolved.current, 'day', -1, timeZone), undefined);
    assert.equal(bucketRange(resolved.current, 'day', 1.5, timeZone), undefined);
  });
});

describe('core/drilldown: the client call', () => {
  let sb: Sandbox;
  let client: HelpScoutClient;
  let user: number;
  let requests: string[];
  const DATA_END = Date.UTC(2024, 5, 1);
  const range = { start: '2024-05-20T00:00:00Z', end: '2024-05-27T00:00:00Z' };

  before(async () => {
    sb = await startSandbox({ port: 0, now: DATA_END, rateLimitPerMinute: 0 });
    user = sb.dataset.users[1]!.id;
    requests = [];
    client = new HelpScoutClient({
      baseUrl: sb.baseUrl,
      fetch: (url, init) => {
        requests.push(String(url));
        return fetch(url, init);
      },
      tokenStore: new MemoryTokenStore(),
      getCredentials: async () => ({ kind: 'clientCredentials', appId: sb.appId, appSecret: sb.appSecret }),
    });
  });
  after(() => sb.close());

  it('fetches a page with the filters on the wire, through the same pipeline (token, then the call)', async () => {
    requests.length = 0;
    const mailbox = sb.dataset.mailboxes[0]!.id;
    const page = await getDrilldown(client, { user, ...range, mailboxes: [mailbox], types: ['email', 'chat'], page: 2, rows: 10 });
    assert.equal(page.page, 2);
    assert.ok(page.conversations.length > 0 && page.conversations.length <= 10);
    assert.ok(page.conversations.every((c) => c.mailboxId === mailbox && (c.type === 'email' || c.type === 'chat')));
    const call = new URL(requests.at(-1)!);
    assert.equal(call.pathname, '/v2/reports/user/drilldown');
    assert.equal(call.searchParams.get('page'), '2');
    assert.equal(call.searchParams.get('rows'), '10');
    assert.equal(call.searchParams.get('start'), range.start);
    assert.equal(call.searchParams.get('mailboxes'), String(mailbox));
  });

  it('refuses out-of-bounds paging before any request', async () => {
    requests.length = 0;
    await assert.rejects(getDrilldown(client, { user, ...range, page: MAX_DRILLDOWN_PAGE + 1, rows: 25 }), /page must be at most/);
    await assert.rejects(getDrilldown(client, { user, ...range, page: 1, rows: 51 }), /rows must be at most 50/);
    await assert.rejects(getDrilldown(client, { user: 0, ...range, page: 1, rows: 25 }), /user must be a positive integer/);
    assert.equal(requests.length, 0);
  });

  it('is cancelled by its signal, as every call is', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await getDrilldown(client, { user, ...range, page: 1, rows: 25 }, controller.signal).catch((e: unknown) => e);
    assert.ok(error instanceof HelpScoutError && error.kind === 'cancelled', String(error));
  });

  it("maps the API's validation error to one typed error naming the field", async () => {
    const error = await getDrilldown(client, { user, start: range.end, end: range.start, page: 1, rows: 25 }).catch((e: unknown) => e);
    assert.ok(error instanceof HelpScoutError && error.kind === 'validation', String(error));
    assert.ok(error.fieldErrors?.some((f) => f.path === 'end'), JSON.stringify(error.fieldErrors));
  });
});
