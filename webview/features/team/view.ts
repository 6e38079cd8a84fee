/**
 * A team snapshot as plain display values: each person's line style, the ranking rows, the
 * people table (a column per person), the words about how a team counts, and the loading
 * progress. Pure, so it is tested without a browser; feature.ts turns it into DOM.
 */
import type { ReportComparison } from '../../../src/core/comparison';
import type { ViewBy } from '../../../src/core/query';
import type { ReportSnapshot } from '../../../src/protocol';
import type { TeamPersonView, TeamView } from '../../../src/protocol/team';
import { MAX_TEAM_SIZE } from '../../../src/core/subject';
import { clip, type Formatter } from '../../format';
import { isEmptyReport, type Figure, type Headline } from '../../summary';
import type { ChangeCell, TableCell } from '../../table';
import { rankPeople, type RankingColumn, type RankingSort } from './state';

/** Longest name shown in the legend, the ranking and the column headers; the title has the rest. */
const NAME_SHOWN = 40;

/** Line patterns, one per round through the palette: beyond the colours, the lines differ by dash. */
const DASHES: readonly (readonly number[])[] = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
/** Point shapes, one per colour: with the dashes, each of 24 people has a pattern of their own. */
const POINT_STYLES = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star'] as const;
export type PointStyle = (typeof POINT_STYLES)[number];

export interface PersonStyle {
  color: string;
  dash: number[];
  pointStyle: PointStyle;
}

/** Person i's line: colour i of the palette, cycled; the dash changes with each round of it. */
export function personStyle(i: number, palette: readonly string[]): PersonStyle {
  const colors = palette.length > 0 ? palette : ['currentColor'];
  return {
    color: colors[i % colors.length]!,
    dash: [...DASHES[Math.floor(i / colors.length) % DASHES.length]!],
    pointStyle: POINT_STYLES[i % POINT_STYLES.length]!,
  };
}

export function personName(person: Pick<TeamPersonView, 'name' | 'id'>): string {
  return clip(person.name.trim(), NAME_SHOWN, { oneLine: true }) || `User ${person.id}`;
}

export interface RankingColumnView {
  id: RankingColumn;
  label: string;
  numeric: boolean;
}

export interface RankingRowView {
  id: number;
  /** Clipped for the cell; `fullName` when it was clipped. */
  name: string;
  fullName?: string;
  /** "Open Anna Kowalski's own report". */
  openLabel: string;
  /** Present when this person's report failed: the row shows it instead of figures. */
  error?: string;
  current: TableCell;
  previous: TableCell;
  change: ChangeCell;
  share: TableCell;
  busiest: TableCell;
}

export interface RankingView {
  caption: string;
  columns: RankingColumnView[];
  rows: RankingRowView[];
  sort: RankingSort;
}

const PEAK: Record<ViewBy, string> = { day: 'Busiest day', week: 'Busiest week', month: 'Busiest month' };

function rankingColumns(viewBy: ViewBy, hasPrevious: boolean): RankingColumnView[] {
  return [
    { id: 'name', label: 'Person', numeric: false },
    { id: 'current', label: 'Current', numeric: true },
    ...(hasPrevious
      ? ([
          { id: 'previous', label: 'Previous', numeric: true },
          { id: 'change', label: 'Change', numeric: true },
        ] as const)
      : []),
    { id: 'share', label: 'Share of team', numeric: true },
    { id: 'busiest', label: PEAK[viewBy], numeric: false },
  ];
}

/** "Status 404 · log ref abc-123: Help Scout could not find this user." */
function personError(error: NonNullable<TeamPersonView['error']>): string {
  const parts = [error.status !== undefined ? `Status ${error.status}` : '', error.logRef ? `log ref ${clip(error.logRef, 80, { oneLine: true })}` : ''].filter(Boolean);
  const message = clip(error.message, 300, { oneLine: true }) || 'The report did not load.';
  return parts.length > 0 ? `${parts.join(' · ')}: ${message}` : message;
}

function count(value: number | null, f: Formatter): TableCell {
  return { text: value === null ? '—' : f.number(value) };
}

export function buildRanking(
  snapshot: Pick<ReportSnapshot, 'viewBy' | 'currentLabel' | 'metric'>,
  comparison: Pick<ReportComparison, 'hasPrevious'>,
  team: TeamView,
  sort: RankingSort,
  f: Formatter,
): RankingView {
  const columns = rankingColumns(snapshot.viewBy, comparison.hasPrevious);
  const effective: RankingSort = columns.some((c) => c.id === sort.column) ? sort : { column: 'current', direction: 'descending' };
  const rows = rankPeople(team.people, effective).map((person): RankingRowView => {
    const name = personName(person);
    const change = f.change(comparison.hasPrevious ? person.change : null);
    const row: RankingRowView = {
      id: person.id,
      name,
      openLabel: `Open the report of ${name}`,
      current: count(person.currentTotal, f),
      previous: count(person.previousTotal, f),
      change: { absolute: change.absolute, glyph: change.glyph, words: change.words, direction: change.direction },
      share: { text: person.share === null ? '—' : f.percent(person.share * 100) },
      busiest: person.busiest
        ? { text: `${f.bucket(person.busiest.date, snapshot.viewBy)} · ${f.number(person.busiest.value)}`, title: f.bucketLong(person.busiest.date, snapshot.viewBy) }
        : { text: '—' },
    };
    if (name !== person.name.trim()) row.fullName = person.name;
    if (person.error) row.error = personError(person.error);
    return row;
  });
  return { caption: `Team ranking: ${snapshot.metric.label.toLowerCase()}, ${clip(snapshot.currentLabel, 120)}`, columns, rows, sort: effective };
}

export interface PeopleTableView {
  caption: string;
  /** "Day", then each person who loaded, then "Team total". */
  columns: { label: string; title?: string }[];
  rows: { key: number; date: TableCell; values: string[] }[];
  totals: string[];
}

const UNIT: Record<ViewBy, string> = { day: 'Day', week: 'Week of', month: 'Month' };

/** One row per bucket of the current period; one column per person whose report loaded, then the Team total. */
export function buildPeopleTable(
  snapshot: Pick<ReportSnapshot, 'viewBy' | 'currentLabel' | 'metric'>,
  comparison: ReportComparison,
  team: TeamView,
  f: Formatter,
): PeopleTableView {
  const people = team.people.filter((p) => !p.error && p.current);
  const value = (n: number | null | undefined) => (n === null || n === undefined ? '—' : f.number(n));
  return {
    caption: `${snapshot.metric.label} per person, ${clip(snapshot.currentLabel, 120)}`,
    columns: [
      { label: UNIT[snapshot.viewBy] },
      ...people.map((p) => {
        const label = personName(p);
        return label !== p.name.trim() ? { label, title: p.name } : { label };
      }),
      { label: 'Team total' },
    ],
    rows: comparison.rows
      .filter((row) => row.currentDate !== null)
      .map((row) => ({
        key: row.index,
        date: { text: f.bucket(row.currentDate, snapshot.viewBy), title: f.bucketLong(row.currentDate, snapshot.viewBy) },
        values: [...people.map((p) => value(p.current?.[row.index])), value(row.current)],
      })),
    totals: [...people.map((p) => value(p.currentTotal)), value(comparison.currentTotal)],
  };
}

/**
 * Said once under the headline: how a team's total is made, and who an inbox's team left out.
 * A customer helped by two people is in both their figures, so the total counts them twice.
 */
export function teamNote(snapshot: Pick<ReportSnapshot, 'metric'>, team: TeamView, f: Formatter): string {
  const how =
    snapshot.metric.id === 'customersHelped'
      ? 'The Team total adds up each person’s figures, so a customer helped by two people counts once for each.'
      : `The Team total is the sum of each person’s ${snapshot.metric.label.toLowerCase()}.`;
  const failed = team.people.filter((p) => p.error).length;
  const parts = [how];
  if (failed > 0) parts.push(`${failed === 1 ? '1 person’s report' : `${f.number(failed)} people’s reports`} did not load and ${failed === 1 ? 'is' : 'are'} not in it.`);
  if (team.omitted > 0) {
    parts.push(`${f.number(team.omitted)} ${team.omitted === 1 ? 'person' : 'people'} of this inbox ${team.omitted === 1 ? 'is' : 'are'} left out: a team report takes at most ${MAX_TEAM_SIZE}.`);
  }
  return parts.join(' ');
}

/** The headline card that says who is in the total. */
function peopleFigure(team: TeamView, f: Formatter): Figure {
  const n = team.people.length;
  const failed = team.people.filter((p) => p.error).length;
  const detail = [failed > 0 ? `${f.number(failed)} did not load` : 'in the Team total', team.omitted > 0 ? `${f.number(team.omitted)} left out` : ''].filter(Boolean).join(' · ');
  return { label: 'Team', value: `${f.number(n)} ${n === 1 ? 'person' : 'people'}`, detail };
}

/** "7 of 12 loaded", with the fraction for a progress bar; null without progress. */
export function progressView(team: TeamView | undefined, f: Formatter): { text: string; loaded: number; total: number } | null {
  const progress = team?.progress;
  if (!progress || progress.total <= 0) return null;
  const loaded = Math.min(progress.loaded, progress.total);
  return { text: `${f.number(loaded)} of ${f.number(progress.total)} loaded`, loaded, total: progress.total };
}

/** The headline of a team report: its first card is the Team total, a card says who is in it, and the note says how it adds up. */
export function teamHeadline(headline: Headline, snapshot: Pick<ReportSnapshot, 'metric'>, team: TeamView, f: Formatter): Headline {
  return {
    ...headline,
    current: { ...headline.current, label: 'Team total' },
    people: peopleFigure(team, f),
    note: `${headline.note} ${teamNote(snapshot, team, f)}`,
  };
}

/**
 * The "no data" state, for a single report or a team: a team whose figures are all zero still
 * shows its ranking when someone's report failed, so the errors are seen.
 */
export function isEmptyView(comparison: ReportComparison | undefined, team: TeamView | undefined): boolean {
  return isEmptyReport(comparison) && !team?.people.some((p) => p.error);
}
