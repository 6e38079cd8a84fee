import * as assert from 'node:assert/strict';
import {
  MAX_QUERY_FILE_ENTRIES,
  parseQueryFile,
  QUERY_FILE_FORMAT,
  serializeQueryFile,
  type ParsedQueryFile,
} from '../../../src/core/queryFile';
import type { SavedQuery } from '../../../src/core/query';
import { QUERY_A, QUERY_B } from './fakes';

const NOW = Date.UTC(2025, 2, 1, 9, 30);

const saved: SavedQuery[] = [
  { id: 'a', name: 'Anna · last 30 days', query: QUERY_A, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' },
  { id: 'b', name: 'January vs December', query: QUERY_B, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' },
];

function file(queries: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: QUERY_FILE_FORMAT, version: 2, exportedAt: '2025-03-01T09:30:00.000Z', queries, ...extra });
}

function assertNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  assert.equal(probe.polluted, undefined, 'Object.prototype.polluted');
  assert.equal(probe.isAdmin, undefined, 'Object.prototype.isAdmin');
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  assert.equal(typeof Object.prototype.toString, 'function');
}

describe('query file: serialize', () => {
  it('writes the documented envelope, no ids or timestamps, keys in a fixed order, trailing newline', () => {
    const text = serializeQueryFile(saved, NOW);
    assert.ok(text.endsWith('}\n'));
    const parsed = JSON.parse(text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), ['format', 'version', 'exportedAt', 'queries']);
    assert.equal(parsed.format, 'helpscout-reports/saved-queries');
    assert.equal(parsed.version, 2);
    assert.equal(parsed.exportedAt, '2025-03-01T09:30:00.000Z');
    const entries = parsed.queries as Record<string, unknown>[];
    assert.deepEqual(Object.keys(entries[0]!), ['name', 'query']);
    assert.deepEqual(Object.keys(entries[0]!.query as object), [
      'metric',
      'subject',
      'range',
      'comparison',
      'viewBy',
      'mailboxes',
      'types',
      'labels',
    ]);
    assert.deepEqual(Object.keys((entries[1]!.query as { range: object }).range), ['kind', 'start', 'end']);
    assert.ok(!/"id": "/.test(text) && !text.includes('createdAt'), 'no saved-query ids (a team member\'s numeric id is data)');
    assert.match(text, /\n {2}"format"/, 'pretty-printed with two spaces');
  });

  it('is stable: the same queries with keys in another order give byte-identical output', () => {
    const shuffled: SavedQuery[] = saved.map((s) => ({
      updatedAt: s.updatedAt,
      query: Object.fromEntries(Object.entries(s.query).reverse()) as unknown as SavedQuery['query'],
      name: s.name,
      createdAt: s.createdAt,
      id: s.id,
    }));
    assert.equal(serializeQueryFile(shuffled, NOW), serializeQueryFile(saved, new Date(NOW)));
  });

  it('round-trips: serialize → parse gives the same names and queries, in order', () => {
    const parsed = parseQueryFile(serializeQueryFile(saved, NOW));
    assert.equal(parsed.fatal, undefined);
    assert.deepEqual(parsed.skipped, []);
    assert.deepEqual(
      parsed.queries,
      saved.map((s) => ({ name: s.name, query: s.query })),
    );
  });

  it('round-trips an empty list', () => {
    assert.deepEqual(parseQueryFile(serializeQueryFile([], NOW)), { queries: [], skipped: [] });
  });
});

describe('query file: parse', () => {
  it('accepts a UTF-8 byte order mark (Windows editors write one)', () => {
    const parsed = parseQueryFile(`\uFEFF${file([{ name: 'A', query: QUERY_A }])}`);
    assert.equal(parsed.fatal, undefined);
    assert.equal(parsed.queries.length, 1);
  });

  it('accepts a bare array of { name, query } as a version 1 file', () => {
    const parsed = parseQueryFile(JSON.stringify([{ name: 'A', query: QUERY_A }, { name: 'B' }]));
    assert.equal(parsed.fatal, undefined);
    assert.deepEqual(parsed.queries, [{ name: 'A', query: QUERY_A }]);
    assert.deepEqual(parsed.skipped, [{ index: 1, name: 'B', reasons: ['query: missing is not allowed (allowed: a report query object)'] }]);
  });

  it('imports the good entries and skips the bad ones, keeping their positions', () => {
    const parsed = parseQueryFile(file([{ name: 'ok 1', query: QUERY_A }, { name: 42, query: QUERY_A }, { name: 'ok 2', query: QUERY_B }]));
    assert.deepEqual(
      parsed.queries.map((q) => q.name),
      ['ok 1', 'ok 2'],
    );
    assert.equal(parsed.skipped.length, 1);
    assert.equal(parsed.skipped[0]!.index, 1);
    assert.equal(parsed.skipped[0]!.name, undefined);
  });

  it('ignores unknown keys in an entry and returns a fresh query without them', () => {
    const parsed = parseQueryFile(file([{ name: 'A', id: 'old', createdAt: 'x', query: { ...QUERY_A, future: true } }]));
    assert.deepEqual(parsed.queries, [{ name: 'A', query: QUERY_A }]);
  });

  // --- file-level problems: the whole import fails with one message -----------------------------
  const fatalCases: [string, () => string, RegExp][] = [
    ['not JSON', () => '{ "format": ', /not valid JSON/],
    ['an empty file', () => '', /empty/],
    ['only white space', () => ' \n\t ', /empty/],
    ['a file over 5 MB', () => file([{ name: 'A', query: QUERY_A, pad: 'x'.repeat(5 * 1024 * 1024) }]), /larger than 5 MB/],
    ['3-byte characters over 5 MB (2 M characters)', () => JSON.stringify({ pad: '€'.repeat(2 * 1024 * 1024) }), /larger than 5 MB/],
    ['a JSON number', () => '42', /not an object/],
    ['a JSON string', () => '"helpscout-reports/saved-queries"', /not an object/],
    ['JSON null', () => 'null', /not an object/],
    ['no format marker', () => JSON.stringify({ version: 1, queries: [] }), /no "format"/],
    ['another format', () => JSON.stringify({ format: 'vscode-settings', version: 1, queries: [] }), /"format" is "vscode-settings"/],
    ['a format that is not text', () => JSON.stringify({ format: ['helpscout-reports/saved-queries'], version: 1, queries: [] }), /"format" is a list/],
    ['a newer version', () => file([], { version: 3 }), /newer version of the extension.*file version 3, this version reads up to 2/],
    ['version as text', () => file([], { version: '1' }), /"version" is "1"/],
    ['version 0', () => file([], { version: 0 }), /"version" is 0/],
    ['a fractional version', () => file([], { version: 1.5 }), /"version" is 1.5/],
    ['no queries', () => JSON.stringify({ format: QUERY_FILE_FORMAT, version: 1 }), /"queries" is missing; expected a list/],
    ['queries as an object', () => file({ 0: { name: 'A', query: QUERY_A } }), /"queries" is an object; expected a list/],
    ['queries as text', () => file('[]'), /"queries" is "\[\]"/],
    ['more than 1000 entries', () => file(Array.from({ length: MAX_QUERY_FILE_ENTRIES + 1 }, () => ({ name: 'A', query: QUERY_A }))), /1001 queries; at most 1000/],
    ['deeply nested arrays (stack-busting)', () => '['.repeat(200_000) + ']'.repeat(200_000), /.*/],
  ];
  for (const [label, make, message] of fatalCases) {
    it(`fails the whole file for ${label}`, () => {
      const parsed = parseQueryFile(make());
      if (label.startsWith('deeply nested arrays')) {
        // Either the parser gives up (fatal) or the single entry is skipped as too deep: never a crash.
        assert.equal(parsed.queries.length, 0);
        assert.ok(parsed.fatal !== undefined || parsed.skipped.length === 1, JSON.stringify(parsed).slice(0, 200));
        return;
      }
      assert.ok(parsed.fatal, `expected a fatal message, got ${JSON.stringify(parsed).slice(0, 300)}`);
      assert.match(parsed.fatal, message);
      assert.deepEqual(parsed.queries, []);
      assert.deepEqual(parsed.skipped, []);
    });
  }

  it('accepts exactly 1000 entries', () => {
    const parsed = parseQueryFile(file(Array.from({ length: MAX_QUERY_FILE_ENTRIES }, (_, i) => ({ name: `Q${i}`, query: QUERY_A }))));
    assert.equal(parsed.fatal, undefined);
    assert.equal(parsed.queries.length, 1000);
  });

  // --- entry-level problems: skipped with reasons naming the field -------------------------------
  const skippedCases: [string, unknown, RegExp, string | undefined][] = [
    ['a null entry', null, /^entry: null is not allowed/, undefined],
    ['an entry that is a list', [{ name: 'A', query: QUERY_A }], /^entry: a list of 1 is not allowed/, undefined],
    ['an entry that is text', 'Anna', /^entry: "Anna" is not allowed/, undefined],
    ['a missing name', { query: QUERY_A }, /^name: missing is not allowed \(allowed: text of 1 to 100 characters\)/, undefined],
    ['a numeric name', { name: 12345, query: QUERY_A }, /^name: 12345 is not allowed/, undefined],
    ['a name that is an object', { name: { en: 'A' }, query: QUERY_A }, /^name: an object is not allowed/, undefined],
    ['an empty name', { name: '  ', query: QUERY_A }, /^name: .*not empty/, undefined],
    ['a 101-character name', { name: 'n'.repeat(101), query: QUERY_A }, /^name: .*at most 100 characters \(this one has 101\)/, 'n'.repeat(99) + '…'],
    ['a huge name (1 MB)', { name: 'h'.repeat(1024 * 1024), query: QUERY_A }, /^name: "h{10,60}….* is not allowed/, 'h'.repeat(99) + '…'],
    ['a name with a line break', { name: 'Anna\r\nBob', query: QUERY_A }, /^name: .*control characters/, 'Anna\r\nBob'],
    ['a missing query', { name: 'A' }, /^query: missing is not allowed/, 'A'],
    ['a query that is text', { name: 'A', query: '{"userId":42}' }, /^query: .* is not allowed \(allowed: an object describing a report query\)/, 'A'],
    ['a user id as text', { name: 'A', query: { ...QUERY_A, subject: { kind: 'user', userId: '42' } } }, /^query\.subject\.userId: "42" is not allowed/, 'A'],
    ['a negative user id', { name: 'A', query: { ...QUERY_A, subject: { kind: 'user', userId: -1 } } }, /^query\.subject\.userId: -1 is not allowed/, 'A'],
    ['a fractional user id', { name: 'A', query: { ...QUERY_A, subject: { kind: 'user', userId: 4.2 } } }, /^query\.subject\.userId: 4\.2 is not allowed/, 'A'],
    ['a v2 query in the v1 shape', { name: 'A', query: { userId: 42, range: QUERY_A.range, comparison: QUERY_A.comparison } }, /^query\.metric: missing is not allowed/, 'A'],
    ['an unknown metric', { name: 'A', query: { ...QUERY_A, metric: 'happiness' } }, /^query\.metric: "happiness" is not allowed \(allowed: one of customersHelped, replies, resolutions\)/, 'A'],
    ['a team of one', { name: 'A', query: { ...QUERY_A, subject: { kind: 'users', users: [{ id: 1 }, { id: 1 }] } } }, /^query\.subject\.users: 1 person is not allowed \(allowed: a list of 2 to 50 people/, 'A'],
    ['a team of 51', { name: 'A', query: { ...QUERY_A, subject: { kind: 'users', users: Array.from({ length: 51 }, (_, i) => ({ id: i + 1 })) } } }, /^query\.subject\.users: 51 people is not allowed/, 'A'],
    ['company replies', { name: 'A', query: { ...QUERY_A, metric: 'replies', subject: { kind: 'company' } } }, /^query\.metric: "replies" is not allowed \(allowed: customersHelped for the whole company/, 'A'],
    ['an unknown preset', { name: 'A', query: { ...QUERY_A, range: { kind: 'preset', preset: 'forever' } } }, /^query\.range\.preset: "forever"/, 'A'],
    ['mailbox ids as text', { name: 'A', query: { ...QUERY_A, mailboxes: ['7'] } }, /^query\.mailboxes\[0\]: "7" is not allowed/, 'A'],
    ['an impossible date', { name: 'A', query: { ...QUERY_B, range: { kind: 'absolute', start: '2025-02-30', end: '2025-03-01' } } }, /^query\.range\.start: "2025-02-30"/, 'A'],
    ['an unknown viewBy', { name: 'A', query: { ...QUERY_A, viewBy: 'hour' } }, /^query\.viewBy: "hour"/, 'A'],
    ['deeply nested junk in the query', { name: 'A', query: '@NEST' }, /^entry: nested more than 12 levels deep/, undefined],
    ['a label key that is not an id', { name: 'A', query: { ...QUERY_A, labels: { mailboxes: { abc: 'x' } } } }, /^query\.labels\.mailboxes\["abc"\]/, 'A'],
  ];
  for (const [label, entry, reason, name] of skippedCases) {
    it(`skips ${label}`, () => {
      const text = file([{ name: 'fine', query: QUERY_A }, entry]).replace('"@NEST"', nestedText(50_000));
      const parsed = parseQueryFile(text);
      assert.equal(parsed.fatal, undefined);
      assert.deepEqual(
        parsed.queries.map((q) => q.name),
        ['fine'],
      );
      assert.equal(parsed.skipped.length, 1, JSON.stringify(parsed.skipped).slice(0, 300));
      const skipped = parsed.skipped[0]!;
      assert.equal(skipped.index, 1);
      assert.match(skipped.reasons[0]!, reason);
      assert.equal(skipped.name, name);
      for (const r of skipped.reasons) assert.ok(r.length < 400, `reason too long: ${r.length}`);
    });
  }

  it('lists every problem of an entry, not just the first', () => {
    const parsed = parseQueryFile(file([{ name: '', query: { userId: 'x', range: null, comparison: { kind: 'sometimes' } } }], { version: 1 }));
    const reasons = parsed.skipped[0]!.reasons;
    assert.ok(reasons.some((r) => r.startsWith('name:')));
    assert.ok(reasons.some((r) => r.startsWith('query.subject.userId:')));
    assert.ok(reasons.some((r) => r.startsWith('query.range:')));
    assert.ok(reasons.some((r) => r.startsWith('query.comparison.kind:')));
  });
});

describe('query file: prototype pollution', () => {
  afterEach(() => {
    // If a test did pollute, clean up so the others are not affected; the assertion already failed.
    delete (Object.prototype as Record<string, unknown>).polluted;
    delete (Object.prototype as Record<string, unknown>).isAdmin;
  });

  const hostile: [string, string][] = [
    ['__proto__ at the top level', `{"__proto__":{"polluted":"yes"},"format":"${QUERY_FILE_FORMAT}","version":1,"queries":[]}`],
    ['__proto__ in an entry', file([JSON.parse('{"name":"A","__proto__":{"polluted":"yes"}}')]).replace('"name":"A"', `"name":"A","query":${JSON.stringify(QUERY_A)}`)],
    ['__proto__ in a query', `${file([{ name: 'A', query: '@Q' }])}`.replace('"@Q"', `{"__proto__":{"polluted":"yes","isAdmin":true},${JSON.stringify(QUERY_A).slice(1)}`)],
    ['__proto__ in a range', file([{ name: 'A', query: '@Q' }]).replace('"@Q"', JSON.stringify(QUERY_A).replace('"range":{', '"range":{"__proto__":{"polluted":"yes"},'))],
    ['__proto__ as a label key', file([{ name: 'A', query: '@Q' }]).replace('"@Q"', JSON.stringify(QUERY_A).replace('"mailboxes":{', '"mailboxes":{"__proto__":{"polluted":"yes"},'))],
    ['constructor.prototype in an entry', file([{ name: 'A', query: QUERY_A, constructor: { prototype: { polluted: 'yes' } } }])],
    ['constructor.prototype in a query', file([{ name: 'A', query: { ...QUERY_A, constructor: { prototype: { polluted: 'yes' } } } }])],
    ['prototype in labels', file([{ name: 'A', query: { ...QUERY_A, labels: { prototype: { polluted: 'yes' }, mailboxes: { '7': 'x' } } } }])],
    ['__proto__ in a bare array', `[{"name":"A","__proto__":{"polluted":"yes"},"query":${JSON.stringify(QUERY_A)}}]`],
  ];

  for (const [label, text] of hostile) {
    it(`does not pollute Object.prototype with ${label}`, () => {
      assert.ok(text.includes('polluted'), 'the fixture carries the payload');
      const parsed: ParsedQueryFile = parseQueryFile(text);
      assertNoPollution();
      assert.equal(parsed.fatal, undefined);
      // Whatever was imported carries no trace of the payload, not even on its own prototype.
      for (const q of parsed.queries) {
        assert.equal(Object.getPrototypeOf(q), Object.prototype);
        assert.equal(Object.getPrototypeOf(q.query), Object.prototype);
        assert.ok(!JSON.stringify(q).includes('polluted'), JSON.stringify(q));
        assert.equal((q.query as unknown as Record<string, unknown>).polluted, undefined);
        assert.equal((q.query.range as unknown as Record<string, unknown>).polluted, undefined);
        for (const map of Object.values(q.query.labels ?? {})) {
          assert.equal(Object.getPrototypeOf(map), Object.prototype);
          assert.equal((map as Record<string, unknown>).polluted, undefined);
        }
      }
      // Spreading and assigning the results (what callers will do) is safe too.
      const merged = Object.assign({}, ...parsed.queries.map((q) => ({ ...q.query })));
      assert.equal((merged as Record<string, unknown>).polluted, undefined);
      assertNoPollution();
    });
  }

  it('the valid part of a hostile entry still imports', () => {
    const parsed = parseQueryFile(hostile[1]![1]);
    assert.deepEqual(parsed.queries, [{ name: 'A', query: QUERY_A }]);
  });
});

/** {"userId":{"userId":…1…}}, built as text: JSON.stringify itself would overflow the stack. */
function nestedText(depth: number): string {
  return `${'{"userId":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
