/**
 * The team view of the report panel: what a snapshot says about each person of a team report
 * (several users, or everyone in an inbox), and the messages the team view sends. Types and
 * validators only: no vscode, no DOM.
 *
 * A team snapshot's `comparison` is the Team total (bucket by bucket over everyone whose report
 * loaded), so the headline cards, the total table and the single-report exports keep working; the
 * people are in `team`. Their series are aligned by position with `comparison.rows`.
 */
import { isRecord, own } from '../core/plainData';
import type { TeamPersonFigures } from '../core/teamRanking';

/** One person of the team, as the panel shows them (figures: core/teamRanking.ts). Names are untrusted text. */
export interface TeamPersonView extends TeamPersonFigures {
  current?: number[];
  /** The previous period's figures by bucket, when the report compares. */
  previous?: number[];
}

export interface TeamView {
  /** In the order of the subject (or of the inbox's user list). */
  people: TeamPersonView[];
  /** While loading: how many people have settled of how many ("7 of 12 loaded"). */
  progress?: { loaded: number; total: number };
  /** An inbox with more people than a team may have: how many were left out. */
  omitted: number;
}

/** Which team table an export or copy carries: one column per person, or the ranking. */
export type TeamTable = 'people' | 'ranking';
export const TEAM_TABLES: readonly TeamTable[] = ['people', 'ranking'];

export type TeamFromWebview =
  /** A ranking row was activated: open that person's own report (same range, filters, metric). */
  { type: 'team/openPerson'; userId: number };

/** A Help Scout user id: a positive safe integer. */
export function isUserId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** A team message from the webview, exactly, or undefined. */
export function parseTeamFromWebview(input: unknown): TeamFromWebview | undefined {
  if (!isRecord(input)) return undefined;
  const keys = Object.keys(input);
  if (own(input, 'type') !== 'team/openPerson' || !keys.every((k) => k === 'type' || k === 'userId')) return undefined;
  const userId = own(input, 'userId');
  return isUserId(userId) ? { type: 'team/openPerson', userId } : undefined;
}

/** An optional `teamTable` field of export/copy messages: absent, or one of TEAM_TABLES. */
export function parseTeamTable(value: unknown): TeamTable | undefined | false {
  if (value === undefined) return undefined;
  return typeof value === 'string' && (TEAM_TABLES as readonly string[]).includes(value) ? (value as TeamTable) : false;
}
