/**
 * Saved report queries, persisted in a Memento-shaped key/value store (VS Code's globalState).
 *
 * Stored under `helpscout.savedQueries` as `{ schemaVersion: 2, revision, queries }`, the list
 * in insertion order (the order the tree shows). Version 1 (release 0.1.0) had no metric and no
 * subject: every query was customers helped for `userId`; MIGRATIONS[1] turns it into version 2.
 *
 * What it promises:
 * - Nothing is silently dropped. A value that cannot be read as a whole (not an object, an
 *   unknown version, `queries` not a list) or that holds entries which are invalid or share an
 *   id is copied, untouched, to `helpscout.savedQueries.backup.<ISO time>` *before* anything is
 *   rewritten, and reported in `load().problems`.
 * - A store written by a newer version of the extension (schemaVersion > 2) is never
 *   overwritten: it loads read-only (the entries this version understands are listed) and every
 *   mutation rejects with a StoreError of code "readOnly".
 * - Two VS Code windows share globalState. Every write re-reads the stored value, applies just
 *   its own change to it by id, bumps `revision`, and writes: a window with a stale list never
 *   writes that stale list back. Updating a query another window deleted fails ("notFound")
 *   instead of bringing it back.
 * - Two windows writing at the same moment: after its write a store reads the value back (at
 *   once, and again `confirmDelayMs` later). When another window's write has landed over its
 *   own, it re-applies its change by id where the other window left that entry as it was, and
 *   writes again, at most MAX_REAPPLY times. (This cannot make two processes atomic: a write
 *   that lands after the last read-back goes unnoticed.)
 * - Writes from one store instance are serialized: two fast clicks never interleave.
 *
 * Schema changes: any change to the stored shape (including a new field in an entry) bumps
 * STORE_SCHEMA_VERSION and adds a step to MIGRATIONS, so that an older extension sees a newer
 * store as read-only rather than rewriting it without the new field.
 */

import { QueryValidationError, type FieldProblem } from './errors';
import type { ReportQuery, SavedQuery } from './query';
import { describeValue } from './fieldProblem';
import { isRecord, own } from './plainData';
import { checkQueryEntry, checkQueryName, copyName, formatProblem } from './savedQueryEntry';
import { upgradeQueryV1 } from './subject';
import { parseReportQuery } from './validate';

export const SAVED_QUERIES_KEY = 'helpscout.savedQueries';
export const BACKUP_KEY_PREFIX = 'helpscout.savedQueries.backup.';
export const STORE_SCHEMA_VERSION = 2;
const MAX_ID_LENGTH = 200;
/** Rewrites after finding another window's write over our own, per mutation. */
const MAX_REAPPLY = 10;

/** The part of vscode.Memento this needs; `ExtensionContext.globalState` satisfies it as is. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
  keys?(): readonly string[];
}

/** The stored value, current schema. */
export interface StoredSavedQueries {
  schemaVersion: typeof STORE_SCHEMA_VERSION;
  revision: number;
  queries: SavedQuery[];
}

/**
 * One step of the migration table: turns a stored value of version N into one of version N+1.
 * Receives a record it may not mutate (it is the raw stored value); returns a new one.
 */
export type Migration = (stored: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/**
 * From-version → step. 1 → 2: each query gains `metric` (customers helped, the only one there
 * was) and `subject` (the one user of `userId` / `userName`). Entries that are not objects are
 * passed on untouched, so validation reports (and the backup keeps) them as before.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: (v1) => {
    const queries = own(v1, 'queries');
    return {
      ...v1,
      schemaVersion: 2,
      queries: Array.isArray(queries) ? queries.map((entry: unknown) => (isRecord(entry) ? { ...entry, query: upgradeQueryV1(own(entry, 'query')) } : entry)) : queries,
    };
  },
};

export type StoreProblemKind =
  /** The whole value was unreadable; the store starts empty. */
  | 'corrupt'
  /** One entry was invalid and is not listed. */
  | 'invalidEntry'
  /** An entry had the id of an earlier one and is not listed. */
  | 'duplicateId'
  /** `revision` was not a whole number ≥ 0; counting restarts. */
  | 'invalidRevision'
  /** Written by a newer extension: read-only. */
  | 'newerVersion';

export interface StoreProblem {
  kind: StoreProblemKind;
  /** A sentence for the user or the log. */
  message: string;
  /** Position in the stored list, for entry problems. */
  index?: number;
  id?: string;
  name?: string;
  /** Field-level reasons, e.g. "query.userId: "42" is not allowed (allowed: …)". */
  reasons?: string[];
  /** Where the untouched stored value was (or is being) copied before the rewrite. */
  backupKey?: string;
}

export type RepairOutcome =
  | { status: 'notNeeded' }
  | { status: 'repaired'; backupKey?: string }
  | { status: 'failed'; error: unknown };

export interface LoadResult {
  queries: SavedQuery[];
  problems: StoreProblem[];
  readOnly: boolean;
  revision: number;
  /** Set when the stored value was migrated from this older schema version. */
  migratedFrom?: number;
  /**
   * Settles once the backup and the rewrite a damaged or old store needs are done. Never
   * rejects: a failure is `{ status: 'failed' }` (the stored value is then left as it was).
   */
  repair: Promise<RepairOutcome>;
}

export interface StoreChange {
  queries: SavedQuery[];
  revision: number;
  /** "local": this instance wrote; "storage": refreshFromStorage found another window's change. */
  origin: 'local' | 'storage';
}

export interface Disposable {
  dispose(): void;
}

export type StoreErrorCode = 'readOnly' | 'notFound' | 'invalidName';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** For "invalidName": the field problem, naming the field. */
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
  get field(): string {
    return this.problems[0]?.field ?? '';
  }
}

/** Anything with a name and a query; id and createdAt are kept when usable. */
export interface ImportCandidate {
  name: unknown;
  query: unknown;
  id?: unknown;
  createdAt?: unknown;
}

export interface ImportResult {
  added: SavedQuery[];
  skipped: { index: number; name?: string; reasons: string[] }[];
}

export interface SavedQueryStoreOptions {
  /** Default: crypto.randomUUID(). */
  newId?: () => string;
  /** Default: the system clock. */
  now?: () => Date;
  /** Default: MIGRATIONS. Tests inject their own. */
  migrations?: Readonly<Record<number, Migration>>;
  /**
   * How long after a write to read it back again, to notice another window's write that landed
   * over it. Default: as long as the write itself took (another window's write takes about as
   * long); a write that took no time is read back at once only.
   */
  confirmDelayMs?: number;
}

const NEWER_VERSION_MESSAGE =
  'Saved queries were saved by a newer version of the extension and are read-only here. Update the extension to change them.';

export class SavedQueryStore {
  private readonly newId: () => string;
  private readonly now: () => Date;
  private readonly migrations: Readonly<Record<number, Migration>>;
  private readonly confirmDelayMs: number | undefined;

  private queries: SavedQuery[] = [];
  private revision = 0;
  /** The highest revision this instance has seen or written: the next write goes above it. */
  private highestRevision = 0;
  private readOnly = false;
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: KeyValueStore,
    options: SavedQueryStoreOptions = {},
  ) {
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
    this.now = options.now ?? (() => new Date());
    this.migrations = options.migrations ?? MIGRATIONS;
    this.confirmDelayMs = options.confirmDelayMs;
  }

  // --- reading ----------------------------------------------------------------------------------

  /**
   * Reads the stored value into memory. When it is damaged or old, the repair (backup, then a
   * clean rewrite) is queued behind any pending writes; `repair` tells when it is done.
   */
  load(): LoadResult {
    const raw = this.storage.get<unknown>(SAVED_QUERIES_KEY);
    const analysis = this.newest(analyze(raw, this.migrations));
    let backupKey: string | undefined;
    if (analysis.needsBackup) {
      backupKey = this.freeBackupKey();
      for (const p of analysis.problems) p.backupKey = backupKey;
    }
    this.adopt(analysis);
    const repair = analysis.needsRewrite ? this.enqueue(() => this.repair(backupKey)) : Promise.resolve<RepairOutcome>({ status: 'notNeeded' });
    return {
      queries: this.list(),
      problems: analysis.problems,
      readOnly: analysis.readOnly,
      revision: analysis.revision,
      ...(analysis.migratedFrom !== undefined ? { migratedFrom: analysis.migratedFrom } : {}),
      repair: repair.catch((error: unknown): RepairOutcome => ({ status: 'failed', error })),
    };
  }

  /**
   * For the extension to call when another window may have changed the store (for example on
   * window focus). Same as load(), and fires onDidChange (origin "storage") when the list or
   * revision differs from what this instance held.
   */
  refreshFromStorage(): LoadResult {
    const before = this.memoryFingerprint();
    const result = this.load();
    if (this.memoryFingerprint() !== before) this.fire('storage');
    return result;
  }

  /** The queries in insertion order (copies: changing them changes nothing). */
  list(): SavedQuery[] {
    return this.queries.map(cloneSaved);
  }

  get(id: string): SavedQuery | undefined {
    const found = this.queries.find((q) => q.id === id);
    return found && cloneSaved(found);
  }

  get isReadOnly(): boolean {
    return this.readOnly;
  }

  /** Backup keys present in storage (needs `keys()`; empty without it), oldest first. */
  listBackups(): string[] {
    return (this.storage.keys?.() ?? []).filter((k) => k.startsWith(BACKUP_KEY_PREFIX)).sort();
  }

  onDidChange(listener: (change: StoreChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Settles when every write queued so far has finished (successfully or not). */
  whenIdle(): Promise<void> {
    return this.chain.then(
      () => undefined,
      () => undefined,
    );
  }

  // --- mutations --------------------------------------------------------------------------------

  /** Saves a new query at the end of the list. Rejects with StoreError / QueryValidationError. */
  async add(name: string, query: ReportQuery): Promise<SavedQuery> {
    const cleanName = requireName(name);
    const cleanQuery = requireQuery(query);
    return this.mutate((queries) => {
      const at = this.now().toISOString();
      const saved: SavedQuery = { id: this.freshId(queries), name: cleanName, query: cleanQuery, createdAt: at, updatedAt: at };
      queries.push(saved);
      return changed(cloneSaved(saved));
    });
  }

  /** Changes the name and/or the query of an existing saved query; keeps its place and id. */
  async update(id: string, changes: { name?: string; query?: ReportQuery }): Promise<SavedQuery> {
    const cleanName = changes.name !== undefined ? requireName(changes.name) : undefined;
    const cleanQuery = changes.query !== undefined ? requireQuery(changes.query) : undefined;
    return this.mutate((queries) => {
      const index = requireIndex(queries, id);
      const current = queries[index]!;
      const next: SavedQuery = {
        id: current.id,
        name: cleanName ?? current.name,
        query: cleanQuery ?? current.query,
        createdAt: current.createdAt,
        updatedAt: this.now().toISOString(),
      };
      queries[index] = next;
      return changed(cloneSaved(next));
    });
  }

  rename(id: string, name: string): Promise<SavedQuery> {
    return this.update(id, { name });
  }

  /** A copy at the end of the list, named "<name> (copy)", "<name> (copy 2)", … */
  async duplicate(id: string): Promise<SavedQuery> {
    return this.mutate((queries) => {
      const original = queries[requireIndex(queries, id)]!;
      const at = this.now().toISOString();
      const copy: SavedQuery = {
        id: this.freshId(queries),
        name: copyName(original.name, queries.map((q) => q.name)),
        query: cloneQuery(original.query),
        createdAt: at,
        updatedAt: at,
      };
      queries.push(copy);
      return changed(cloneSaved(copy));
    });
  }

  /**
   * Removes a saved query. Resolves false, without writing, when it is already gone (another
   * window removed it first): removing is idempotent, unlike updating.
   */
  async remove(id: string): Promise<boolean> {
    return this.mutate((queries) => {
      const index = queries.findIndex((q) => q.id === id);
      if (index < 0) return unchanged(false);
      queries.splice(index, 1);
      return changed(true);
    });
  }

  /**
   * Adds many at once (one write, one revision): an import. Each candidate is checked like a
   * file entry; invalid ones are skipped with reasons. An id is kept when it is well-formed
   * and not in use, otherwise a new one is made. A candidate identical in name and query to a
   * query already saved is skipped ("already saved"), so importing a file twice adds nothing.
   */
  async importMany(candidates: readonly ImportCandidate[]): Promise<ImportResult> {
    const checked = candidates.map((c) => ({ check: checkQueryEntry(c), raw: c }));
    return this.mutate((queries) => {
      const result: ImportResult = { added: [], skipped: [] };
      const at = this.now().toISOString();
      checked.forEach(({ check, raw }, index) => {
        if (!check.ok) {
          result.skipped.push({ index, ...(check.name !== undefined ? { name: check.name } : {}), reasons: check.reasons });
          return;
        }
        const { name, query } = check.entry;
        if (queries.some((q) => q.name === name && sameJson(q.query, query))) {
          result.skipped.push({ index, name, reasons: ['already saved: a query with this name and these settings exists'] });
          return;
        }
        const rawId = isRecord(raw) ? own(raw, 'id') : undefined;
        const rawCreated = isRecord(raw) ? own(raw, 'createdAt') : undefined;
        const id = isValidId(rawId) && !queries.some((q) => q.id === rawId) ? rawId : this.freshId(queries);
        const createdAt = isTimestamp(rawCreated) ? rawCreated : at;
        const saved: SavedQuery = { id, name, query, createdAt, updatedAt: at };
        queries.push(saved);
        result.added.push(cloneSaved(saved));
      });
      return result.added.length > 0 ? changed(result) : unchanged(result);
    });
  }

  // --- the write path ---------------------------------------------------------------------------

  /**
   * Queues a change: re-read the latest stored value, back it up if rewriting it would lose
   * anything, apply `change` to its queries, bump the revision, write, then notify.
   * `change` edits the list it is given and says whether it changed anything; when it did
   * not (and the stored value needs no repair either) nothing is written.
   */
  private mutate<R>(change: (queries: SavedQuery[]) => Change<R>): Promise<R> {
    return this.enqueue(async () => {
      const latest = this.newest(await this.readLatestForWrite());
      const queries = latest.queries.map(cloneSaved);
      let outcome: Change<R>;
      try {
        outcome = change(queries);
      } catch (e) {
        // Rejected (e.g. the query was deleted in another window): still show what is stored now.
        this.adoptAndNotify(latest);
        throw e;
      }
      const { value, write } = outcome;
      if (!write && !latest.needsRewrite) {
        this.adoptAndNotify(latest);
        return value;
      }
      const took = await this.write(queries, latest);
      if (write) {
        await this.confirm(diffById(latest.queries, queries), took);
        this.fire('local');
      }
      return value;
    });
  }

  /** The repair load() queues: the same write path with no change of its own. */
  private async repair(backupKeyAtLoad: string | undefined): Promise<RepairOutcome> {
    let latest: Analysis & { backupKey?: string };
    try {
      latest = await this.readLatestForWrite(backupKeyAtLoad);
    } catch (e) {
      // Another window with a newer extension rewrote the store meanwhile: nothing to repair.
      if (e instanceof StoreError && e.code === 'readOnly') return { status: 'notNeeded' };
      throw e;
    }
    latest = this.newest(latest);
    if (!latest.needsRewrite) return { status: 'notNeeded' };
    await this.write(latest.queries.map(cloneSaved), latest);
    return latest.backupKey !== undefined ? { status: 'repaired', backupKey: latest.backupKey } : { status: 'repaired' };
  }

  /**
   * Reads and analyses the stored value; rejects on a newer schema; when the value would lose
   * something on rewrite, copies it to a backup key first and reads again (another window may
   * have written during the backup's await) until what it read is what it backed up.
   */
  private async readLatestForWrite(keyHint?: string): Promise<Analysis & { backupKey?: string }> {
    let backedUp: string | undefined;
    let backupKey: string | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const raw = this.storage.get<unknown>(SAVED_QUERIES_KEY);
      const analysis = analyze(raw, this.migrations);
      if (analysis.readOnly) {
        this.adoptAndNotify(analysis);
        throw new StoreError('readOnly', NEWER_VERSION_MESSAGE);
      }
      if (!analysis.needsBackup) return analysis;
      const fingerprint = fingerprintOf(raw);
      if (backedUp !== undefined && fingerprint === backedUp) return { ...analysis, ...(backupKey !== undefined ? { backupKey } : {}) };
      backupKey = keyHint !== undefined && this.storage.get(keyHint) === undefined ? keyHint : this.freeBackupKey();
      await this.storage.update(backupKey, raw);
      backedUp = fingerprint;
      // Read again: another window may have written while the backup was being stored.
    }
    throw new Error('Saved queries keep changing while being repaired; try again.');
  }

  /** Writes `queries` above every revision seen; resolves with how long the write took (ms). */
  private async write(queries: SavedQuery[], latest: Analysis): Promise<number> {
    const revision = Math.max(latest.revision, this.highestRevision) + 1;
    const value: StoredSavedQueries = { schemaVersion: STORE_SCHEMA_VERSION, revision, queries };
    const started = Date.now();
    await this.storage.update(SAVED_QUERIES_KEY, value);
    this.queries = queries;
    this.revision = revision;
    this.highestRevision = revision;
    this.readOnly = false;
    return Date.now() - started;
  }

  /**
   * Reads back what was just written, at once and again a little later; when another window's
   * write has replaced it, re-applies `mine` to that and writes again (bounded). What is read
   * back in the end is adopted, so memory shows the other window's change too.
   */
  private async confirm(mine: OwnChange, writeMs: number): Promise<void> {
    let took = writeMs;
    let waited = false;
    for (let rewrites = 0; ; ) {
      let latest: Analysis;
      try {
        latest = this.newest(await this.readLatestForWrite());
      } catch (e) {
        // A newer extension took the store over meanwhile: nothing of ours to re-apply there.
        if (e instanceof StoreError && e.code === 'readOnly') return;
        throw e;
      }
      const merged = reapply(mine, latest.queries);
      if (merged && rewrites < MAX_REAPPLY) {
        rewrites++;
        took = await this.write(merged, latest);
        waited = false;
        continue;
      }
      this.adoptAndNotify(latest);
      const wait = this.confirmDelayMs ?? took;
      if (merged || waited || wait <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
      waited = true;
    }
  }

  /**
   * What a read of the stored value means here: a revision below the highest this instance has
   * written or seen is an echo of an earlier write (VS Code's storage round trip can hand one
   * back while a newer one is in flight), so the list in memory is newer and stays. The echo's
   * problems are kept, so a damaged one is still backed up and then rewritten with memory.
   */
  private newest<A extends Analysis>(stored: A): A {
    if (stored.readOnly || stored.revision >= this.highestRevision) return stored;
    return { ...stored, queries: this.queries, revision: this.highestRevision };
  }

  /** Adopts a read made on the write path; tells listeners if it differs from what they saw. */
  private adoptAndNotify(analysis: Analysis): void {
    const before = this.memoryFingerprint();
    this.adopt(analysis);
    if (this.memoryFingerprint() !== before) this.fire('storage');
  }

  private memoryFingerprint(): string {
    return `${this.revision}:${JSON.stringify(this.queries)}`;
  }

  private adopt(analysis: Analysis): void {
    this.queries = analysis.queries;
    this.revision = analysis.revision;
    this.highestRevision = Math.max(this.highestRevision, analysis.revision);
    this.readOnly = analysis.readOnly;
  }

  private enqueue<R>(task: () => Promise<R>): Promise<R> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private fire(origin: StoreChange['origin']): void {
    for (const listener of [...this.listeners]) {
      try {
        listener({ queries: this.list(), revision: this.revision, origin });
      } catch {
        // A failing listener must not fail the write that already happened, nor the others.
      }
    }
  }

  private freshId(queries: readonly SavedQuery[]): string {
    for (let attempt = 0; attempt < 10; attempt++) {
      const id = this.newId();
      if (isValidId(id) && !queries.some((q) => q.id === id)) return id;
    }
    throw new Error('Could not make a unique id for the saved query.');
  }

  private freeBackupKey(): string {
    const base = `${BACKUP_KEY_PREFIX}${this.now().toISOString()}`;
    if (this.storage.get(base) === undefined) return base;
    for (let n = 2; ; n++) {
      const key = `${base}.${n}`;
      if (this.storage.get(key) === undefined) return key;
    }
  }
}

// --- analysing a stored value ---------------------------------------------------------------------

interface Analysis {
  queries: SavedQuery[];
  revision: number;
  problems: StoreProblem[];
  readOnly: boolean;
  migratedFrom?: number;
  /** Rewriting would drop something: copy the raw value to a backup key first. */
  needsBackup: boolean;
  /** The stored value should be rewritten in the current schema (damaged or migrated). */
  needsRewrite: boolean;
}

/** Equal for equal stored values even when storage hands out a fresh copy on every get. */
function fingerprintOf(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? 'undefined';
  } catch {
    return `unserializable:${Math.random()}`;
  }
}

/** Pure: what a raw stored value means to this version. Never throws. */
function analyze(raw: unknown, migrations: Readonly<Record<number, Migration>>): Analysis {
  const empty = { queries: [], revision: 0, readOnly: false, needsBackup: false, needsRewrite: false };
  if (raw === undefined) return { ...empty, problems: [] };

  const corrupt = (why: string): Analysis => ({
    ...empty,
    problems: [{ kind: 'corrupt', message: `Saved queries could not be read (${why}); a backup was kept and the list starts empty.` }],
    needsBackup: true,
    needsRewrite: true,
  });

  if (!isRecord(raw)) return corrupt(`the stored value is ${describeValue(raw)}, not an object`);
  const version = own(raw, 'schemaVersion');
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    return corrupt(`schemaVersion is ${describeValue(version)}`);
  }

  if (version > STORE_SCHEMA_VERSION) {
    const entries = own(raw, 'queries');
    const read = Array.isArray(entries) ? readEntries(entries) : { queries: [], problems: [] };
    const revision = own(raw, 'revision');
    return {
      queries: read.queries,
      revision: typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 0 ? revision : 0,
      problems: [{ kind: 'newerVersion', message: NEWER_VERSION_MESSAGE }, ...read.problems],
      readOnly: true,
      needsBackup: false,
      needsRewrite: false,
    };
  }

  let current: Record<string, unknown> = raw;
  let migratedFrom: number | undefined;
  if (version < STORE_SCHEMA_VERSION) {
    migratedFrom = version;
    for (let v = version; v < STORE_SCHEMA_VERSION; v++) {
      const step = migrations[v];
      if (!step) return corrupt(`schemaVersion ${version} is not one this version can read`);
      try {
        const next = step(current);
        if (!isRecord(next)) return corrupt(`migrating from schemaVersion ${v} gave ${describeValue(next)}`);
        current = next;
      } catch (e) {
        return corrupt(`migrating from schemaVersion ${v} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  const entries = own(current, 'queries');
  if (!Array.isArray(entries)) return corrupt(`"queries" is ${describeValue(entries)}, not a list`);

  const problems: StoreProblem[] = [];
  const rawRevision = own(current, 'revision');
  let revision = 0;
  if (typeof rawRevision === 'number' && Number.isSafeInteger(rawRevision) && rawRevision >= 0) {
    revision = rawRevision;
  } else {
    problems.push({ kind: 'invalidRevision', message: `The stored revision ${describeValue(rawRevision)} is not a whole number; counting restarts.` });
  }
  const read = readEntries(entries);
  problems.push(...read.problems);
  const damaged = problems.length > 0;
  return {
    queries: read.queries,
    revision,
    problems,
    readOnly: false,
    ...(migratedFrom !== undefined ? { migratedFrom } : {}),
    needsBackup: damaged || migratedFrom !== undefined,
    needsRewrite: damaged || migratedFrom !== undefined,
  };
}

function readEntries(entries: readonly unknown[]): { queries: SavedQuery[]; problems: StoreProblem[] } {
  const queries: SavedQuery[] = [];
  const problems: StoreProblem[] = [];
  const seen = new Set<string>();
  entries.forEach((raw, index) => {
    const checked = checkStoredEntry(raw);
    if (!checked.ok) {
      problems.push({
        kind: 'invalidEntry',
        message: `Saved query ${checked.name !== undefined ? `"${checked.name}"` : `#${index + 1}`} is invalid and was left out.`,
        index,
        ...(checked.id !== undefined ? { id: checked.id } : {}),
        ...(checked.name !== undefined ? { name: checked.name } : {}),
        reasons: checked.reasons,
      });
      return;
    }
    const saved = checked.saved;
    if (seen.has(saved.id)) {
      problems.push({
        kind: 'duplicateId',
        message: `Saved query "${saved.name}" has the same id as an earlier one and was left out.`,
        index,
        id: saved.id,
        name: saved.name,
        reasons: [`id: ${describeValue(saved.id)} is not allowed (allowed: an id no other saved query has)`],
      });
      return;
    }
    seen.add(saved.id);
    queries.push(saved);
  });
  return { queries, problems };
}

type StoredEntryCheck = { ok: true; saved: SavedQuery } | { ok: false; id?: string; name?: string; reasons: string[] };

function checkStoredEntry(raw: unknown): StoredEntryCheck {
  const entry = checkQueryEntry(raw);
  const reasons = entry.ok ? [] : [...entry.reasons];
  if (!isRecord(raw)) return { ok: false, reasons };
  const id = own(raw, 'id');
  const createdAt = own(raw, 'createdAt');
  const updatedAt = own(raw, 'updatedAt');
  if (!isValidId(id)) reasons.push(`id: ${describeValue(id)} is not allowed (allowed: text of 1 to ${MAX_ID_LENGTH} characters)`);
  if (!isTimestamp(createdAt)) reasons.push(`createdAt: ${describeValue(createdAt)} is not allowed (allowed: an ISO time such as 2025-01-31T09:00:00.000Z)`);
  if (!isTimestamp(updatedAt)) reasons.push(`updatedAt: ${describeValue(updatedAt)} is not allowed (allowed: an ISO time such as 2025-01-31T09:00:00.000Z)`);
  if (entry.ok && reasons.length === 0) {
    return { ok: true, saved: { id: id as string, name: entry.entry.name, query: entry.entry.query, createdAt: createdAt as string, updatedAt: updatedAt as string } };
  }
  const name = entry.ok ? entry.entry.name : entry.name;
  return {
    ok: false,
    ...(isValidId(id) ? { id } : {}),
    ...(name !== undefined ? { name } : {}),
    reasons,
  };
}

// --- one mutation's own change, by id ---------------------------------------------------------

/** What one mutation changed: entries it added, replaced (before → after) and removed. */
interface OwnChange {
  added: SavedQuery[];
  updated: { before: SavedQuery; after: SavedQuery }[];
  removed: SavedQuery[];
}

function diffById(before: readonly SavedQuery[], after: readonly SavedQuery[]): OwnChange {
  const old = new Map(before.map((q) => [q.id, q]));
  const kept = new Set(after.map((q) => q.id));
  const change: OwnChange = { added: [], updated: [], removed: before.filter((q) => !kept.has(q.id)) };
  for (const q of after) {
    const was = old.get(q.id);
    if (!was) change.added.push(q);
    else if (!sameJson(was, q)) change.updated.push({ before: was, after: q });
  }
  return change;
}

/**
 * `own` applied to a list another window wrote, by id: an added entry that is missing is
 * appended, and a replaced or removed entry is replaced or removed again where the other
 * window left it as it was before our change (a change of its own to that entry wins).
 * Undefined when our change is all there already.
 */
function reapply(own: OwnChange, current: readonly SavedQuery[]): SavedQuery[] | undefined {
  const out = current.map(cloneSaved);
  let touched = false;
  const indexOf = (id: string): number => out.findIndex((q) => q.id === id);
  const present = new Set(out.map((q) => q.id));
  for (const q of own.added) {
    if (present.has(q.id)) continue;
    out.push(cloneSaved(q));
    touched = true;
  }
  for (const { before, after } of own.updated) {
    const i = indexOf(before.id);
    if (i < 0 || !sameJson(out[i], before)) continue;
    out[i] = cloneSaved(after);
    touched = true;
  }
  for (const q of own.removed) {
    const i = indexOf(q.id);
    if (i < 0 || !sameJson(out[i], q)) continue;
    out.splice(i, 1);
    touched = true;
  }
  return touched ? out : undefined;
}

// --- small helpers ------------------------------------------------------------------------------

interface Change<R> {
  value: R;
  write: boolean;
}
const changed = <R>(value: R): Change<R> => ({ value, write: true });
const unchanged = <R>(value: R): Change<R> => ({ value, write: false });

function requireName(name: unknown): string {
  const checked = checkQueryName(name, 'name');
  if (!checked.ok) throw new StoreError('invalidName', `The name is not allowed: ${formatProblem(checked.problem)}`, [checked.problem]);
  return checked.name;
}

function requireQuery(query: unknown): ReportQuery {
  const parsed = parseReportQuery(query);
  if (!parsed.ok) throw new QueryValidationError(parsed.problems);
  return parsed.query;
}

function requireIndex(queries: readonly SavedQuery[], id: string): number {
  const index = queries.findIndex((q) => q.id === id);
  if (index < 0) {
    throw new StoreError('notFound', 'This saved query no longer exists; it may have been deleted in another window.');
  }
  return index;
}

// eslint-disable-next-line no-control-regex -- ids are checked for control characters
const ID_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]/u;
function isValidId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH && id.trim() === id && !ID_FORBIDDEN.test(id);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function cloneSaved(q: SavedQuery): SavedQuery {
  return { id: q.id, name: q.name, query: cloneQuery(q.query), createdAt: q.createdAt, updatedAt: q.updatedAt };
}

/** Queries are plain JSON data (validated), so a JSON round trip is an exact deep copy. */
function cloneQuery(q: ReportQuery): ReportQuery {
  return JSON.parse(JSON.stringify(q)) as ReportQuery;
}

/** Order-insensitive for object keys, order-sensitive for arrays. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}
