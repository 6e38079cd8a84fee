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
import type { Change } from '../core/comparison';

/** One person of the team, as the panel shows them. Names are untrusted text. */
export interface TeamPersonView {
  /** The Help Scout user id. */
  id: number;
  name: string;
  /** The person's current figures by bucket (index i = comparison.rows[i]); absent when the report failed. */
  current?: number[];
  /** The previous period's figures by bucket, when the report compares. */
  previous?: number[];
  currentTotal: number | null;
  previousTotal: number | null;
  change: Change | null;
  /** Of the team's current total, in [0, 1]; null when the total is 0 or this report failed. */
  share: number | null;
  /** The first bucket with this person's highest figure; null when every bucket is 0. */
  busiest: { date: string; value: number } | null;
  /** Why this person's report did not load (404 left the company, 403, …). */
  error?: { message: string; status?: number; logRef?: string };
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

function isUserId(value: unknown): value is number {
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
