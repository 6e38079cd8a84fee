import type * as vscode from 'vscode';
import { SavedQueryStore, type KeyValueStore, type LoadResult, type StoreChange } from '../core/savedQueryStore';
import type { SessionMode } from './session';

/** Sample-mode queries live under their own keys so they never mix with the account's. */
class PrefixedStore implements KeyValueStore {
  constructor(
    private readonly inner: vscode.Memento,
    private readonly prefix: string,
  ) {}
  get<T>(key: string): T | undefined {
    return this.inner.get<T>(this.prefix + key);
  }
  update(key: string, value: unknown): PromiseLike<void> {
    return this.inner.update(this.prefix + key, value);
  }
  keys(): readonly string[] {
    return this.inner.keys().filter((key) => key.startsWith(this.prefix)).map((key) => key.slice(this.prefix.length));
  }
}

/** The saved queries of the account and of sample mode, each loaded on first use. */
export class QueryStores {
  private readonly stores = new Map<'account' | 'sample', { store: SavedQueryStore; loaded: LoadResult }>();
  private readonly listeners = new Set<(change: StoreChange) => void>();

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly onLoadProblems: (result: LoadResult, which: 'account' | 'sample') => void,
  ) {}

  /** The store for a mode; signed out has none. */
  forMode(mode: SessionMode): SavedQueryStore | undefined {
    if (mode === 'signedOut') return undefined;
    let entry = this.stores.get(mode);
    if (!entry) {
      const store = new SavedQueryStore(mode === 'sample' ? new PrefixedStore(this.globalState, 'sample.') : this.globalState);
      const loaded = store.load();
      store.onDidChange((change) => this.listeners.forEach((listener) => listener(change)));
      entry = { store, loaded };
      this.stores.set(mode, entry);
      if (loaded.problems.length > 0) this.onLoadProblems(loaded, mode);
    }
    return entry.store;
  }

  /** Another window may have written: re-read every loaded store. */
  refreshAll(): void {
    for (const { store } of this.stores.values()) store.refreshFromStorage();
  }

  /** Forget a loaded store so the next use reads it afresh (tests, reloads). */
  unload(): void {
    this.stores.clear();
  }

  onDidChange(listener: (change: StoreChange) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
