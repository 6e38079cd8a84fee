/**
 * A team side by side: one request per person (Help Scout's time series take one `user`; a team
 * id is undocumented for them), at most TEAM_CONCURRENCY at a time on top of the client's own
 * rate gate. A person whose request fails (404 left the company, 403) becomes a row with its
 * error; the rest of the team still loads. Cancelling stops the whole load.
 */
import { throwIfCancelled } from './cancellation';
import type { HelpScoutClient } from './client';
import { QueryValidationError } from './errors';
import type { ReportQuery, ResolveContext } from './query';
import type { SeriesReport } from './report';
import { seriesFor, type SeriesId } from './reportSeries';
import { resolveQuery, type ResolvedQuery } from './resolve';
import { toSafeLabel } from './savedQueryEntry';
import { isTeamSubject, MAX_TEAM_SIZE, subjectLabel, type TeamMember } from './subject';

export const TEAM_CONCURRENCY = 4;
const MAX_NAME_LENGTH = 200;

export interface TeamMemberResult {
  id: number;
  name: string;
  /** Present when this person's report loaded. */
  report?: SeriesReport;
  /** Present when it did not: the failure, as the client threw it. */
  error?: unknown;
}

export interface LoadedTeamReport {
  resolved: ResolvedQuery;
  series: SeriesId;
  /** In the order of the subject (or of the inbox's user list). */
  members: TeamMemberResult[];
  /** An inbox with more than MAX_TEAM_SIZE people: how many were left out. */
  omitted: number;
}

export interface TeamProgress {
  loaded: number;
  total: number;
}

export interface TeamLoadOptions {
  signal?: AbortSignal;
  /** Called once the list of people is known (loaded 0) and after each person settles. */
  onProgress?: (progress: TeamProgress) => void;
  /** Default TEAM_CONCURRENCY. */
  concurrency?: number;
}

function nameOf(user: { id: number; firstName?: string; lastName?: string; email?: string }): string {
  const full = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email || '';
  return toSafeLabel(full, MAX_NAME_LENGTH, `User ${user.id}`);
}

/** @throws QueryValidationError before any request when the query is not valid or not a team. */
export async function loadTeamReport(
  client: Pick<HelpScoutClient, 'getSeries' | 'listUsers'>,
  query: ReportQuery,
  context: ResolveContext,
  options: TeamLoadOptions = {},
): Promise<LoadedTeamReport> {
  const resolved = resolveQuery(query, context);
  const subject = query.subject;
  if (!isTeamSubject(subject)) {
    throw new QueryValidationError([{ field: 'subject', value: subjectLabel(subject), allowed: 'several people or everyone in an inbox' }]);
  }
  const { signal } = options;
  let people: TeamMember[];
  let omitted = 0;
  if (subject.kind === 'users') {
    people = subject.users;
  } else {
    // One row per person, even if a list page repeats someone (pages can shift while they are read).
    const users = [...new Map((await client.listUsers({ mailbox: subject.mailboxId }, signal)).map((u) => [u.id, u])).values()];
    omitted = Math.max(0, users.length - MAX_TEAM_SIZE);
    people = users.slice(0, MAX_TEAM_SIZE).map((u) => ({ id: u.id, name: nameOf(u) }));
  }
  const series = seriesFor(query.metric, 'user');
  const members: TeamMemberResult[] = people.map((p) => ({ id: p.id, name: p.name ?? `User ${p.id}` }));
  const total = members.length;
  let loaded = 0;
  options.onProgress?.({ loaded, total });

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < members.length) {
      throwIfCancelled(signal);
      const member = members[next++]!;
      try {
        member.report = await client.getSeries(series, { ...resolved.params, user: member.id }, signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        member.error = error;
      }
      loaded++;
      options.onProgress?.({ loaded, total });
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? TEAM_CONCURRENCY, total));
  await Promise.all(Array.from({ length: width }, worker));
  return { resolved, series, members, omitted };
}
