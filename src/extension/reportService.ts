import type * as vscode from 'vscode';
import type { ResolveContext, SavedQuery } from '../core/query';
import { loadReport } from '../core/loadReport';
import { resolveQuery, type ResolvedQuery } from '../core/resolve';
import { isRecord } from '../core/plainData';
import { SharedFlights } from '../core/sharedFlight';
import type { Logger } from '../core/logger';
import { cancelledError } from '../core/cancellation';
import type { HelpScoutClient } from '../core/client';
import { personQueryIdPrefix } from '../core/personQuery';
import { QueryValidationError } from '../core/errors';
import { isTeamSubject, subjectLabel } from '../core/subject';
import type { TeamProgress } from '../core/teamReport';
import type { HelpScoutSession } from './session';
import { describeError, type ReportData } from './snapshot';

const CACHE_KEY = 'helpscout.reportCache';
const CACHE_LIMIT = 200;

interface CacheEntry extends ReportData {
  /** The query as fetched: an edited query's old data is not shown (a rename keeps it). */
  queryFingerprint: string;
}

interface ProgressChannel {
  latest?: TeamProgress;
  listeners: Set<(progress: TeamProgress) => void>;
}

/** A person's failure in a team report, as the error card would word it (status and logRef on their own). */
function teamPersonError(error: unknown): { message: string; status?: number; logRef?: string } {
  const { message, status, logRef } = describeError(error);
  return { message, ...(status !== undefined ? { status } : {}), ...(logRef !== undefined ? { logRef } : {}) };
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
  /** The progress of the load running for a cache key: its newest figures and who is listening. */
  private readonly progress = new Map<string, ProgressChannel>();
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
    const data: ReportData = { resolved: entry.resolved, report: entry.report, fetchedAt: entry.fetchedAt };
    if (entry.team) data.team = entry.team;
    return data;
  }

  /**
   * Fetches the report now; a second call while the first runs shares its request. A team report
   * tells `onProgress` how many people have settled (at once, if its load is already under way).
   */
  fetch(saved: SavedQuery, signal?: AbortSignal, onProgress?: (progress: TeamProgress) => void): Promise<ReportData> {
    const key = this.cacheKey(saved);
    // `start` runs (synchronously) only for a new load: each load has a channel of its own.
    const fetched = this.inFlight.run(key, signal, (shared) => {
      const channel: ProgressChannel = { listeners: new Set() };
      this.progress.set(key, channel);
      return this.fetchNow(saved, shared, key, channel).finally(() => {
        if (this.progress.get(key) === channel) this.progress.delete(key);
      });
    });
    const channel = this.progress.get(key);
    if (!onProgress || !channel) return fetched;
    channel.listeners.add(onProgress);
    if (channel.latest) onProgress(channel.latest);
    const leave = (): void => void channel.listeners.delete(onProgress);
    fetched.then(leave, leave);
    return fetched;
  }

  async forget(queryId: string): Promise<void> {
    const entries = this.entries();
    // A team's people's own reports (personQuery.ts) go with it.
    const own = `${this.cacheScope()}${queryId}:`;
    const people = `${this.cacheScope()}${personQueryIdPrefix(queryId)}`;
    const keys = [...entries.keys()].filter((key) => key.startsWith(own) || key.startsWith(people));
    for (const key of keys) entries.delete(key);
    if (keys.length > 0) await this.persist();
  }

  private async fetchNow(saved: SavedQuery, signal: AbortSignal, key: string, progress: ProgressChannel): Promise<ReportData> {
    const client = await this.session.client();
    const data: ReportData = isTeamSubject(saved.query.subject)
      ? await this.fetchTeam(client, saved, signal, progress)
      : { ...(await loadReport(client, saved.query, this.resolveContext(), signal)), fetchedAt: new Date().toISOString() };
    const entries = this.entries();
    entries.delete(key);
    entries.set(key, { ...data, queryFingerprint: JSON.stringify(saved.query) });
    for (const old of [...entries.keys()].slice(0, Math.max(0, entries.size - CACHE_LIMIT))) entries.delete(old);
    await this.persist();
    return data;
  }

  /**
   * One request per person (lazily loaded chunk). The query is resolved here first, so a
   * QueryValidationError is this bundle's own class; a cancelled load rejects with this bundle's
   * cancelled error; when everyone failed, the first person's error (from the client) is thrown,
   * and an inbox nobody works in is an error that names the field.
   */
  private async fetchTeam(client: HelpScoutClient, saved: SavedQuery, signal: AbortSignal, channel: ProgressChannel): Promise<ReportData> {
    const resolved = this.resolve(saved);
    const onProgress = (progress: TeamProgress): void => {
      channel.latest = { ...progress };
      for (const listener of [...channel.listeners]) listener(progress);
    };
    try {
      const { loadTeam } = await import('./panel/team');
      const loaded = await loadTeam(client, saved.query, this.resolveContext(), { signal, onProgress }, teamPersonError);
      const failed = loaded.team.people.flatMap((p) => (p.error ? [`user ${p.id}: ${p.error.status ?? 'no status'}${p.error.logRef ? `, logRef ${p.error.logRef}` : ''}`] : []));
      if (failed.length > 0) this.log.warn(`“${saved.name}”: ${failed.length} of ${loaded.team.people.length} people could not be loaded (${failed.join('; ')}).`);
      if (loaded.allFailed) throw loaded.allFailed.error;
      if (loaded.team.people.length === 0) {
        throw new QueryValidationError([{ field: 'subject.mailboxId', value: subjectLabel(saved.query.subject), allowed: 'an inbox at least one person works in' }]);
      }
      return { resolved, report: loaded.report, team: loaded.team, fetchedAt: new Date().toISOString() };
    } catch (error) {
      if (signal.aborted) throw cancelledError();
      throw error;
    }
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
    return `${this.cacheScope()}${saved.id}:${saved.query.metric}`;
  }

  /** Per account, so a different account never sees another's data, not even for a moment. */
  private cacheScope(): string {
    return this.session.isSample ? 'sample:' : `account:${this.session.accountInfo?.id ?? 'none'}:`;
  }
}
