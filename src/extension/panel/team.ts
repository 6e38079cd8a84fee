/**
 * A team report's data for the panel: every person's series (core/teamReport), the Team total
 * and each person's row of the ranking (core/teamRanking), as the snapshot's `team` part.
 *
 * Loaded on demand (a chunk of its own, see scripts/build.mjs): only a team report needs it. The
 * chunk has its own copy of the core classes, so errors are described by the caller's
 * `describe` (which knows the client's error classes), and nothing here tests `instanceof`.
 */
import type { HelpScoutClient } from '../../core/client';
import type { ReportQuery, ResolveContext } from '../../core/query';
import type { SeriesReport } from '../../core/report';
import { rankTeam, teamTotal } from '../../core/teamRanking';
import { loadTeamReport, type TeamLoadOptions } from '../../core/teamReport';
import type { TeamPersonView, TeamView } from '../../protocol/team';

export interface TeamData {
  /** The Team total: what the cards, the total table and the plain exports show. */
  report: SeriesReport;
  team: TeamView;
  /** Present when every person's report failed: the first one's failure, as the client threw it. */
  allFailed?: { error: unknown };
}

export async function loadTeam(
  client: Pick<HelpScoutClient, 'getSeries' | 'listUsers'>,
  query: ReportQuery,
  context: ResolveContext,
  options: Pick<TeamLoadOptions, 'signal' | 'onProgress'>,
  describe: (error: unknown) => NonNullable<TeamPersonView['error']>,
): Promise<TeamData> {
  const loaded = await loadTeamReport(client, query, context, options);
  const ranking = rankTeam(loaded.members);
  const people = loaded.members.map((member, i): TeamPersonView => {
    const row = ranking[i]!;
    const person: TeamPersonView = {
      id: member.id,
      name: member.name,
      currentTotal: row.current,
      previousTotal: row.previous,
      change: row.change,
      share: row.share,
      busiest: row.busiest,
    };
    if (member.report) {
      person.current = member.report.current.map((p) => p.value);
      if (member.report.previous) person.previous = member.report.previous.map((p) => p.value);
    } else {
      person.error = describe(member.error);
    }
    return person;
  });
  const data: TeamData = { report: teamTotal(loaded.members), team: { people, omitted: loaded.omitted } };
  const failed = loaded.members.filter((m) => !m.report);
  if (loaded.members.length > 0 && failed.length === loaded.members.length) data.allFailed = { error: failed[0]!.error };
  return data;
}
