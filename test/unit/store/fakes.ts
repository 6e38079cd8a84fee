import type { KeyValueStore } from '../../../src/core/savedQueryStore';
import type { ReportQuery } from '../../../src/core/query';

/**
 * An in-memory globalState. Like the real one, values go through JSON (get hands out a copy,
 * so a caller mutating what it read changes nothing). `writeDelay` makes update() take time,
 * and the new value becomes visible only when the update resolves: the worst case for writers
 * that do not serialize.
 */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  readonly writes: { key: string; value: unknown }[] = [];
  writeDelay: () => number = () => 0;
  failNextWrite: Error | undefined;

  constructor(initial: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(initial)) this.data.set(k, JSON.stringify(v));
  }

  get<T>(key: string): T | undefined {
    const text = this.data.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async update(key: string, value: unknown): Promise<void> {
    if (this.failNextWrite) {
      const e = this.failNextWrite;
      this.failNextWrite = undefined;
      throw e;
    }
    const text = JSON.stringify(value);
    const delay = this.writeDelay();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    this.writes.push({ key, value: JSON.parse(text) });
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, text);
  }

  keys(): readonly string[] {
    return [...this.data.keys()];
  }

  /** Puts a raw value in place, as another (maybe buggy, maybe newer) writer would. */
  setRaw(key: string, value: unknown): void {
    this.data.set(key, JSON.stringify(value));
  }
}

export function fixedClock(start = Date.UTC(2025, 2, 1, 9, 30)): { now: () => Date; advance: (ms: number) => void } {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

export function counterIds(prefix = 'id-'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

export const QUERY_A: ReportQuery = {
  metric: 'customersHelped',
  subject: { kind: 'user', userId: 42, userName: 'Anna' },
  range: { kind: 'preset', preset: 'last30Days' },
  comparison: { kind: 'previousPeriod' },
  viewBy: 'day',
  mailboxes: [7],
  types: ['chat'],
  labels: { mailboxes: { '7': 'Billing inbox' } },
};

export const QUERY_B: ReportQuery = {
  metric: 'replies',
  subject: { kind: 'users', users: [{ id: 7, name: 'Bob' }, { id: 9 }] },
  range: { kind: 'absolute', start: '2025-01-01', end: '2025-01-31' },
  comparison: { kind: 'custom', start: '2024-12-01', end: '2024-12-31' },
};

export function stored(queries: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemaVersion: 2, revision: 3, queries, ...extra };
}

export function savedEntry(id: string, name: string, query: unknown = QUERY_A): Record<string, unknown> {
  return { id, name, query, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-02T00:00:00.000Z' };
}
