import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_ROWS, validateHostMessage } from '../../../webview/messages';
import { snapshot } from './fixtures';

const valid = () => ({ type: 'snapshot', snapshot: snapshot() });

describe('webview/messages', () => {
  it('accepts a complete snapshot and returns a clean copy', () => {
    const message = valid();
    const result = validateHostMessage(message);
    assert.ok(result.ok);
    assert.deepEqual(result.value, message);
    assert.notEqual(result.value.snapshot, message.snapshot);
  });

  it('accepts every status and optional part', () => {
    for (const extra of [
      { status: 'loading', comparison: undefined, fetchedAt: undefined },
      { status: 'error', comparison: undefined, error: { kind: 'auth', message: 'Sign in', status: 401, apiMessage: 'x', logRef: 'r', actions: ['signIn'] } },
      { status: 'error', error: { kind: 'validation-local', message: 'bad', actions: [] } },
      { previousLabel: undefined, types: ['chat', 'email'], user: { name: 'A', email: 'a@b.c', photoUrl: 'https://x/y.png' } },
    ] as const) {
      const s = { ...snapshot(), ...extra } as Record<string, unknown>;
      for (const key of Object.keys(s)) if (s[key] === undefined) delete s[key];
      const result = validateHostMessage({ type: 'snapshot', snapshot: s });
      assert.ok(result.ok, JSON.stringify(result));
    }
  });

  it('drops unknown fields', () => {
    const message = { type: 'snapshot', snapshot: { ...snapshot(), evil: '<script>', user: { name: 'A', html: '<b>' } }, extra: 1 };
    const result = validateHostMessage(message);
    assert.ok(result.ok);
    assert.equal('evil' in result.value.snapshot, false);
    assert.equal('html' in result.value.snapshot.user, false);
  });

  const broken: Array<[string, (s: Record<string, unknown>) => void]> = [
    ['unknown status', (s) => (s.status = 'done')],
    ['viewBy', (s) => (s.viewBy = 'year')],
    ['allowedViewBy item', (s) => (s.allowedViewBy = ['day', 'hour'])],
    ['filters not strings', (s) => (s.filters = [1])],
    ['user missing', (s) => delete s.user],
    ['user name number', (s) => (s.user = { name: 3 })],
    ['stale not boolean', (s) => (s.stale = 'yes')],
    ['rows not array', (s) => (s.comparison = { ...(s.comparison as object), rows: {} })],
    ['negative count', (s) => ((s.comparison as { currentTotal: number }).currentTotal = -1)],
    ['NaN-ish count', (s) => ((s.comparison as { currentTotal: unknown }).currentTotal = '12')],
    ['Infinity percent', (s) => ((s.comparison as { change: unknown }).change = { absolute: 1, percent: Infinity, isNew: false })],
    ['row current string', (s) => (((s.comparison as { rows: Array<Record<string, unknown>> }).rows[0]!).current = '1')],
    ['error kind', (s) => (s.error = { kind: 'oops', message: 'x', actions: [] })],
    ['error action', (s) => (s.error = { kind: 'auth', message: 'x', actions: ['format'] })],
    ['types item', (s) => (s.types = ['fax'])],
    ['locale missing', (s) => delete s.locale],
  ];
  for (const [name, breakIt] of broken) {
    it(`rejects a snapshot with a bad ${name}`, () => {
      const s = structuredClone(snapshot()) as unknown as Record<string, unknown>;
      breakIt(s);
      const result = validateHostMessage({ type: 'snapshot', snapshot: s });
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.reason, /snapshot/);
    });
  }

  it('rejects other message types and non-objects', () => {
    for (const junk of [null, undefined, 0, 'snapshot', [], { type: 'delta' }, { type: 'snapshot' }, { type: 'snapshot', snapshot: [] }]) {
      assert.equal(validateHostMessage(junk).ok, false);
    }
  });

  it('refuses absurd row counts', () => {
    const s = snapshot();
    const row = s.comparison!.rows[0]!;
    s.comparison!.rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => ({ ...row, index: i }));
    assert.equal(validateHostMessage({ type: 'snapshot', snapshot: s }).ok, false);
  });

  it('does not throw on objects whose getters throw', () => {
    const trap = new Proxy({}, { get: () => { throw new Error('boom'); } });
    assert.equal(validateHostMessage(trap).ok, false);
    const getter = { type: 'snapshot', get snapshot() { throw new Error('boom'); } };
    assert.equal(validateHostMessage(getter).ok, false);
  });

  it('fuzz: arbitrary junk never throws and is never accepted', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withMap: true, withSet: true }), (junk) => {
        const result = validateHostMessage(junk);
        assert.equal(result.ok, false);
      }),
      { numRuns: 500 },
    );
  });

  it('fuzz: a valid snapshot with one field replaced by junk never throws, and is accepted only if still valid', () => {
    const keys = Object.keys(snapshot());
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), (key, junk) => {
        const s = { ...snapshot(), [key]: junk };
        const result = validateHostMessage({ type: 'snapshot', snapshot: s });
        if (result.ok) {
          // Whatever was accepted has the right shape for the renderer.
          assert.equal(typeof result.value.snapshot.user.name, 'string');
          assert.ok(Array.isArray(result.value.snapshot.filters));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('fuzz: valid generated snapshots are always accepted', () => {
    const count = fc.nat({ max: 10_000 });
    const rows = fc.array(
      fc.record({ current: fc.option(count, { nil: null }), previous: fc.option(count, { nil: null }) }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(rows, fc.string(), fc.constantFrom('day', 'week', 'month'), (raw, name, viewBy) => {
        const s = snapshot({ user: { name }, viewBy: viewBy as 'day' });
        s.comparison = {
          rows: raw.map((r, index) => ({
            index,
            currentDate: r.current === null ? null : '2026-10-01',
            current: r.current,
            previousDate: r.previous === null ? null : '2026-09-01',
            previous: r.previous,
            change: r.current !== null && r.previous !== null ? { absolute: r.current - r.previous, percent: null, isNew: false } : null,
          })),
          hasPrevious: true,
          currentTotal: 0,
          previousTotal: 0,
          change: null,
        };
        const result = validateHostMessage({ type: 'snapshot', snapshot: s });
        assert.ok(result.ok);
        assert.deepEqual(result.value.snapshot, s);
      }),
      { numRuns: 200 },
    );
  });
});
