/**
 * One person's own report opened from a team report: a transient query derived from the team's,
 * never saved. Its id names the team query and the user (`<team id>/person/<user id>`), so a
 * restored panel finds it again from the team query, and deleting the team query takes it away.
 * It has the team's range, comparison, View by, filters and metric; only the subject differs.
 */
import type { SavedQuery } from './query';
import { isTeamSubject } from './subject';

const MARK = '/person/';

/** What every person query id of a team starts with. */
export function personQueryIdPrefix(teamId: string): string {
  return `${teamId}${MARK}`;
}

export function personQueryId(teamId: string, userId: number): string {
  return `${personQueryIdPrefix(teamId)}${userId}`;
}

/** The team query's id and the user id a person query id names, or undefined when it names none. */
export function parsePersonQueryId(id: string): { teamId: string; userId: number } | undefined {
  const at = id.lastIndexOf(MARK);
  if (at <= 0) return undefined;
  const digits = id.slice(at + MARK.length);
  const userId = /^[1-9]\d{0,15}$/.test(digits) ? Number(digits) : NaN;
  return Number.isSafeInteger(userId) ? { teamId: id.slice(0, at), userId } : undefined;
}

/**
 * The person's report, or undefined when `team` is not a team report or (for a list of people)
 * the user is not one of them. `name` is what the team report showed for them.
 */
export function personQuery(team: SavedQuery, person: { id: number; name?: string }): SavedQuery | undefined {
  const subject = team.query.subject;
  if (!isTeamSubject(subject)) return undefined;
  const member = subject.kind === 'users' ? subject.users.find((u) => u.id === person.id) : undefined;
  if (subject.kind === 'users' && !member) return undefined;
  const userName = person.name ?? member?.name;
  return {
    id: personQueryId(team.id, person.id),
    name: `${userName ?? `User ${person.id}`} · ${team.name}`,
    query: { ...team.query, subject: userName !== undefined ? { kind: 'user', userId: person.id, userName } : { kind: 'user', userId: person.id } },
    createdAt: team.createdAt,
    updatedAt: team.updatedAt,
  };
}
