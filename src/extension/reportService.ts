import type * as vscode from 'vscode';
import type { ResolveContext, SavedQuery } from '../core/query';
import { loadReport } from '../core/loadReport';
import { resolveQuery, type ResolvedQuery } from '../core/resolve';
import { isRecord } from '../core/plainData';
import { SharedFlights } from '../core/sharedFlight';
import type { Logger } from '../core/logger';
import type { HelpScoutSession } from './session';
import type { ReportData } from './snapshot';

const CACHE_KEY = 'helpscout.reportCache';
const CACHE_LIMIT = 200;

interface CacheEntry extends ReportData {
  /** The query as fetched: an edited query's old data is not shown (a rename keeps it). */
  queryFingerprint: string;
}

/**
 * Fetches reports and remembers the last result of each query per account (globalState, no
 * secrets; deleted at sign-out), so a reopened panel shows data at once. Concurrent requests for
 * the same query share one fetch, which is cancelled only when every caller waiting on it has
 * cancelled (closing a panel must not drop the result Refresh All is waiting for).
 *
 * The cache is read from globalState once and then kept in memory; writes are queued one after
 * another. VS Code keeps an extension's whole globalState as one value and its storage round trip
 * can hand an older copy back while a newer write is in flight, so read-modify-write straight on
 * globalState loses entries when many reports finish at once.
 */
export class ReportService {
  private readonly inFlight = new SharedFlights<ReportData>();
  private cache: Map<string, CacheEntry> | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly globalState: Pick<vscode.Memento, 'get' | 'update'>,
    private readonly session: Pick<HelpScoutSession, 'client' | 'isSample' | 'accountInfo'>,
    private readonly log: Logger,
    /** What queries are resolved against now (settings.resolveContext; injected so tests need no vscode). */
    private readonly resolveContext: () => ResolveContext,
  ) {}

  resolve(saved: SavedQuery): ResolvedQuery {
    return resolveQuery(saved.query, this.resolveContext());
  }

  cached(saved: SavedQuery): ReportData | undefined {
    const entry = this.entries().get(this.cacheKey(saved));
    if (!entry || entry.queryFingerprint !== JSON.stringify(saved.query)) return undefined;
    return { resolved: entry.resolved, report: entry.report, fetchedAt: entry.fetchedAt };
  }

  /** Fetches the report now; a second call while the first runs shares its request. */
  fetch(saved: SavedQuery, signal?: AbortSignal): Promise<ReportData> {
    return this.inFlight.run(this.cacheKey(saved), signal, (shared) => this.fetchNow(saved, shared));
  }

  async forget(queryId: string): Promise<void> {
    const entries = this.entries();
    const keys = [...entries.keys()].filter((key) => key.startsWith(this.cachePrefix(queryId)));
    for (const key of keys) entries.delete(key);
    if (keys.length > 0) await this.persist();
  }

  private async fetchNow(saved: SavedQuery, signal?: AbortSignal): Promise<ReportData> {
    const client = await this.session.client();
    const { resolved, report } = await loadReport(client, saved.query, this.resolveContext(), signal);
    const data: ReportData = { resolved, report, fetchedAt: new Date().toISOString() };
    const entries = this.entries();
    const key = this.cacheKey(saved);
    entries.delete(key);
    entries.set(key, { ...data, queryFingerprint: JSON.stringify(saved.query) });
    for (const old of [...entries.keys()].slice(0, Math.max(0, entries.size - CACHE_LIMIT))) entries.delete(old);
    await this.persist();
    return data;
  }

  private entries(): Map<string, CacheEntry> {
    if (!this.cache) {
      const stored = this.globalState.get<unknown>(CACHE_KEY);
      this.cache = new Map(isRecord(stored) ? Object.entries(stored as Record<string, CacheEntry>) : []);
    }
    return this.cache;
  }

  /** Queues a write of the whole cache; a failed write is logged, the data is still shown. */
  private persist(): Promise<void> {
    this.writes = this.writes.then(async () => {
      try {
        await this.globalState.update(CACHE_KEY, Object.fromEntries(this.entries()));
      } catch (error) {
        this.log.warn(`Could not cache the report: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.writes;
  }

  /**
   * Drops every cached report of an account (sign-out), and entries from before the cache was
   * keyed by account, whose owner is unknown.
   */
  async forgetAccount(accountId: number): Promise<void> {
    const entries = this.entries();
    let changed = false;
    for (const key of [...entries.keys()]) {
      if (key.startsWith(`account:${accountId}:`) || /^account:[^:]+$/.test(key)) changed = entries.delete(key) || changed;
    }
    if (changed) await this.persist();
  }

  /** Per account, query and metric: each metric's last figures are kept on their own. */
  private cacheKey(saved: Pick<SavedQuery, 'id' | 'query'>): string {
    return `${this.cachePrefix(saved.id)}${saved.query.metric}`;
  }

  /** Per account, so a different account never sees another's data, not even for a moment. */
  private cachePrefix(queryId: string): string {
    return this.session.isSample ? `sample:${queryId}:` : `account:${this.session.accountInfo?.id ?? 'none'}:${queryId}:`;
  }
}
