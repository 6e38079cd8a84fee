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
 */
export class ReportService {
  private readonly inFlight = new Map<string, Promise<ReportData>>();

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly session: HelpScoutSession,
    private readonly log: RedactingLog,
  ) {}

  resolve(saved: SavedQuery): ResolvedQuery {
    return resolveQuery(saved.query, resolveContext());
  }

  cached(saved: SavedQuery): ReportData | undefined {
    const entry = this.readCache()[this.cacheKey(saved.id)];
    if (!entry || entry.queryFingerprint !== JSON.stringify(saved.query)) return undefined;
    return { resolved: entry.resolved, report: entry.report, fetchedAt: entry.fetchedAt };
  }

  /** Fetches the report now; a second call while the first runs gets the same promise. */
  fetch(saved: SavedQuery, signal?: AbortSignal): Promise<ReportData> {
    const key = this.cacheKey(saved.id);
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = this.fetchNow(saved, signal).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  isFetching(queryId: string): boolean {
    return this.inFlight.has(this.cacheKey(queryId));
  }

  async forget(queryId: string): Promise<void> {
    const cache = this.readCache();
    delete cache[this.cacheKey(queryId)];
    await this.globalState.update(CACHE_KEY, cache);
  }

  private async fetchNow(saved: SavedQuery, signal?: AbortSignal): Promise<ReportData> {
    const client = await this.session.client();
    const { resolved, report } = await loadReport(client, saved.query, resolveContext(), signal);
    const data: ReportData = { resolved, report, fetchedAt: new Date().toISOString() };
    await this.store(saved, data);
    return data;
  }

  private async store(saved: SavedQuery, data: ReportData): Promise<void> {
    const cache = this.readCache();
    const key = this.cacheKey(saved.id);
    delete cache[key];
    cache[key] = { ...data, queryFingerprint: JSON.stringify(saved.query) };
    const keys = Object.keys(cache);
    for (const old of keys.slice(0, Math.max(0, keys.length - CACHE_LIMIT))) delete cache[old];
    try {
      await this.globalState.update(CACHE_KEY, cache);
    } catch (error) {
      this.log.warn(`Could not cache the report: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private readCache(): Record<string, CacheEntry> {
    const value = this.globalState.get<unknown>(CACHE_KEY);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    // Rebuilt without a prototype so a stored "__proto__" key stays an ordinary key.
    return Object.assign(Object.create(null) as Record<string, CacheEntry>, value);
  }

  private cacheKey(queryId: string): string {
    return `${this.session.isSample ? 'sample' : 'account'}:${queryId}`;
  }
}
