/**
 * The report panel's drill-down, host side: one slot per panel `{requestId, AbortController}`.
 * A new request aborts the one in flight; `cancel` aborts only the request it names; a reply is
 * posted only while its request still holds the slot. Links are built here from the numeric ids of
 * rows this drill has sent, never taken from the webview or the API.
 *
 * No `vscode` import: the panel passes in how to load, post, open and copy, so this is tested
 * with plain mocha and a loader whose promises the test releases.
 */
import { bucketRange, conversationUrl, drilldownMarkdown, DRILLDOWN_PAGE_SIZE, type DrilldownConversation, type DrilldownPage, type DrilldownParams } from '../../core/drilldown';

// The report panel loads this module (a chunk of its own) on its first drill-down message; the
// request itself is made here too, so the drill-down's reading of the API comes with it.
export { getDrilldown } from '../../core/drilldown';
import { isHelpScoutError } from '../../core/errors';
import type { ResolvedQuery } from '../../core/resolve';
import { formatWireDate } from '../../core/wireDate';
import type { ConversationRow, DrilldownFromWebview, DrilldownToWebview, DrillSeries } from '../../protocol/drilldown';

/** What one drill fetches: whose conversations (the report's person, or one of a team's), when, which filters. */
export interface DrillTarget {
  user: number;
  start: number;
  end: number;
  filters: Pick<DrilldownParams, 'mailboxes' | 'tags' | 'types' | 'folders'>;
}

export interface DrilldownDeps {
  /** The bucket the webview named (of `userId`'s line in a team report), as what to fetch; a string says why there is none. */
  target(series: DrillSeries, index: number, userId: number | undefined): DrillTarget | string;
  load(params: DrilldownParams, signal: AbortSignal): Promise<DrilldownPage>;
  /** Inbox names by id; asked once per handler and shared by its drills. A failure only leaves ids unnamed. */
  inboxNames(): Promise<ReadonlyMap<number, string>>;
  post(message: DrilldownToWebview): void;
  openExternal(url: string): PromiseLike<unknown>;
  copy(text: string, announcement: string): Promise<void>;
  warn(message: string): void;
}

/**
 * Bucket `index` of `series` in a loaded report: its exact range (see bucketRange), the report's
 * user and filters. The previous period's buckets drill into the previous range. In a team report
 * (`who.team`: its people's ids) the user is the person whose line was picked, `who.userId`.
 */
export function reportDrillTarget(
  resolved: ResolvedQuery | undefined,
  series: DrillSeries,
  index: number,
  timeZone: string,
  who: { userId?: number; team?: readonly number[] } = {},
): DrillTarget | string {
  if (!resolved) return 'The report has not loaded yet.';
  const range = series === 'current' ? resolved.current : resolved.previous;
  if (!range) return 'This report has no previous period.';
  const bucket = bucketRange(range, resolved.viewBy, index, timeZone);
  if (!bucket) return 'That point is not part of the report.';
  const { mailboxes, tags, types, folders } = resolved.params;
  const user = drillUser(resolved.params.user, who);
  if (typeof user === 'string') return user;
  const filters: DrillTarget['filters'] = {};
  if (mailboxes?.length) filters.mailboxes = mailboxes;
  if (tags?.length) filters.tags = tags;
  if (types?.length) filters.types = types;
  if (folders?.length) filters.folders = folders;
  return { user, start: bucket.start, end: bucket.end, filters };
}

/** Whose conversations: the report's one user, or the picked person of a team. */
function drillUser(reportUser: number | undefined, { userId, team }: { userId?: number; team?: readonly number[] }): number | string {
  if (team) {
    if (userId === undefined) return 'Pick a person’s line to list the conversations behind their number; the Team total has no one person’s conversations.';
    return team.includes(userId) ? userId : 'That person is not part of this team report.';
  }
  // The drilldown is a user report: a company figure has no one user's conversations.
  if (reportUser === undefined) return 'The conversations behind a number are listed for one person’s report only.';
  if (userId !== undefined && userId !== reportUser) return 'That person is not part of this report.';
  return reportUser;
}

interface Drill {
  series: DrillSeries;
  index: number;
  userId: number | undefined;
  /** Every row sent for this bucket so far, by `id/number`. */
  rows: Map<string, DrilldownConversation>;
}

const key = (id: number, number: number) => `${id}/${number}`;

export class DrilldownHandler {
  private slot: { requestId: number; controller: AbortController } | undefined;
  private drill: Drill | undefined;
  private inboxes: Promise<ReadonlyMap<number, string>> | undefined;

  constructor(private readonly deps: DrilldownDeps) {}

  /** True while a request holds the slot (for tests and the panel). */
  get busy(): boolean {
    return this.slot !== undefined;
  }

  async handle(message: DrilldownFromWebview): Promise<void> {
    switch (message.type) {
      case 'drilldown/open':
        return this.open(message.requestId, message.series, message.index, message.page, message.userId);
      case 'drilldown/cancel':
        if (this.slot?.requestId === message.requestId) this.abort();
        return;
      case 'drilldown/openConversation':
      case 'drilldown/copyLink': {
        const row = this.drill?.rows.get(key(message.id, message.number));
        const url = row?.id !== undefined && row.number !== undefined ? conversationUrl(row.id, row.number) : undefined;
        if (!url) return this.deps.warn(`Ignored a request to ${message.type === 'drilldown/copyLink' ? 'copy' : 'open'} a conversation this drill-down did not list.`);
        if (message.type === 'drilldown/copyLink') return this.deps.copy(url, `Copied the link to conversation #${message.number}.`);
        await this.deps.openExternal(url);
        return;
      }
      case 'drilldown/copyNumber': {
        const listed = [...(this.drill?.rows.values() ?? [])].some((row) => row.number === message.number);
        if (!listed) return this.deps.warn('Ignored a request to copy a conversation number this drill-down did not list.');
        return this.deps.copy(String(message.number), `Copied conversation number ${message.number}.`);
      }
      case 'drilldown/copyMarkdown': {
        const rows = [...(this.drill?.rows.values() ?? [])];
        if (rows.length === 0) return;
        return this.deps.copy(drilldownMarkdown(rows), `Copied ${rows.length === 1 ? 'one conversation' : `${rows.length} conversations`} as a Markdown list.`);
      }
    }
  }

  /**
   * The report is being fetched again: what was drilled no longer applies. A request in flight is
   * aborted and told so, so the pane does not wait for a reply that will not come.
   */
  reset(): void {
    const slot = this.slot;
    if (slot) this.finish(slot, { type: 'drilldown/error', requestId: slot.requestId, message: 'The report is being refreshed; pick the point again when it is done.' });
    slot?.controller.abort();
    this.drill = undefined;
  }

  dispose(): void {
    this.abort();
    this.drill = undefined;
  }

  private abort(): void {
    this.slot?.controller.abort();
    this.slot = undefined;
  }

  private async open(requestId: number, series: DrillSeries, index: number, page: number, userId: number | undefined): Promise<void> {
    this.abort();
    const controller = new AbortController();
    const slot = { requestId, controller };
    this.slot = slot;
    if (page === 1 || this.drill?.series !== series || this.drill.index !== index || this.drill.userId !== userId) this.drill = { series, index, userId, rows: new Map() };
    const drill = this.drill;
    const target = this.deps.target(series, index, userId);
    if (typeof target === 'string') {
      this.finish(slot, { type: 'drilldown/error', requestId, message: target });
      return;
    }
    try {
      const params: DrilldownParams = {
        user: target.user,
        start: formatWireDate(target.start),
        end: formatWireDate(target.end),
        ...target.filters,
        page,
        rows: DRILLDOWN_PAGE_SIZE,
      };
      const [result, names] = await Promise.all([this.deps.load(params, controller.signal), this.inboxNames()]);
      if (this.slot !== slot) return;
      for (const row of result.conversations) if (row.id !== undefined && row.number !== undefined) drill.rows.set(key(row.id, row.number), row);
      this.finish(slot, {
        type: 'drilldown/page',
        requestId,
        series,
        index,
        page: result.page,
        pages: result.pages,
        count: result.count,
        rows: result.conversations.map((row) => toRow(row, names)),
      });
    } catch (error) {
      if (this.slot !== slot || controller.signal.aborted) return;
      this.finish(slot, { type: 'drilldown/error', requestId, message: describeFailure(error) });
    }
  }

  /** Posts the reply and frees the slot, if `slot` still holds it. */
  private finish(slot: NonNullable<DrilldownHandler['slot']>, message: DrilldownToWebview): void {
    if (this.slot !== slot) return;
    this.slot = undefined;
    this.deps.post(message);
  }

  private inboxNames(): Promise<ReadonlyMap<number, string>> {
    this.inboxes ??= this.deps.inboxNames().catch((error: unknown) => {
      this.inboxes = undefined;
      this.deps.warn(`Inbox names could not be loaded for the drill-down: ${describeFailure(error)}`);
      return new Map<number, string>();
    });
    return this.inboxes;
  }
}

function toRow(row: DrilldownConversation, inboxes: ReadonlyMap<number, string>): ConversationRow {
  const out: ConversationRow = {
    subject: row.subject,
    customer: row.customerName || row.customerEmail,
    email: row.customerEmail,
    status: row.status,
    type: row.type,
    inbox: row.mailboxId === undefined ? '' : inboxes.get(row.mailboxId) ?? `Inbox ${row.mailboxId}`,
    tags: row.tags,
  };
  if (row.id !== undefined) out.id = row.id;
  if (row.number !== undefined) out.number = row.number;
  if (row.modifiedAt !== undefined) out.modifiedAt = row.modifiedAt;
  return out;
}

function describeFailure(error: unknown): string {
  if (isHelpScoutError(error)) return error.logRef ? `${error.message} (logRef ${error.logRef})` : error.message;
  return error instanceof Error ? error.message : String(error);
}
