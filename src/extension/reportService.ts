import type * as vscode from 'vscode';
import type { SavedQuery } from '../core/query';
import { loadReport } from '../core/loadReport';
import { resolveQuery, type ResolvedQuery } from '../core/resolve';
import type { RedactingLog } from './log';
import type { HelpScoutSession } from './session';
import { resolveContext } from './settings';
import type { ReportData } from './snapshot';

const CACHE_KEY = 'helpscout.reportCache';
const CACHE_LIMIT = 200;

interface CacheEntry extends ReportData {
  /** The query as fetched: an edited query's old data is not shown (a rename keeps it). */
  queryFingerprint: string;
}

/**
 * Fetches reports and remembers the last result of each query (globalState, no secrets), so a
 * reopened panel shows data at once. Concurrent requests for the same query share one fetch.
 *
 * The cache is read from globalState once and then kept in memory; writes are queued one after
 * another. VS Code keeps an extension's whole globalState as one value and its storage round trip
 * can hand an older copy back while a newer write is in flight, so read-modify-write straight on
 * globalState loses entries when many reports finish at once.
 */
export class ReportService {
  private readonly inFlight = new Map<string, Promise<ReportData>>();
  private cache: Map<string, CacheEntry> | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly session: HelpScoutSession,
    private readonly log: RedactingLog,
  ) {}

  resolve(saved: SavedQuery): ResolvedQuery {
    return resolveQuery(saved.query, resolveContext());
  }

  cached(saved: SavedQuery): ReportData | undefined {
    const entry = this.entries().get(this.cacheKey(saved));
    if (!entry || entry.queryFingerprint !== JSON.stringify(saved.query)) return undefined;
    return { resolved: entry.resolved, report: entry.report, fetchedAt: entry.fetchedAt };
  }

  /** Fetches the report now; a second call while the first runs gets the same promise. */
  fetch(saved: SavedQuery, signal?: AbortSignal): Promise<ReportData> {
    const key = this.cacheKey(saved);
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = this.fetchNow(saved, signal).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  async forget(queryId: string): Promise<void> {
    const entries = this.entries();
    const keys = [...entries.keys()].filter((key) => key.startsWith(this.cachePrefix(queryId)));
    for (const key of keys) entries.delete(key);
    if (keys.length > 0) await this.persist();
  }

  private async fetchNow(saved: SavedQuery, signal?: AbortSignal): Promise<ReportData> {
    const client = await this.session.client();
    const { resolved, report } = await loadReport(client, saved.query, resolveContext(), signal);
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
      const usable = typeof stored === 'object' && stored !== null && !Array.isArray(stored);
      this.cache = new Map(usable ? Object.entries(stored as Record<string, CacheEntry>) : []);
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

  /** Per query and metric: each metric's last figures are kept on their own. */
  private cacheKey(saved: Pick<SavedQuery, 'id' | 'query'>): string {
    return `${this.cachePrefix(saved.id)}${saved.query.metric}`;
  }

  private cachePrefix(queryId: string): string {
    return `${this.session.isSample ? 'sample' : 'account'}:${queryId}:`;
  }
}
