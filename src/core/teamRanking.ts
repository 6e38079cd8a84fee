/**
 * The team's figures from each person's series: the Team total (bucket by bucket), and the
 * ranking table (current, previous, change, share of the team, busiest bucket). A person whose
 * report failed has a row without figures; they count in nothing.
 */
import { compareReport, type Change } from './comparison';
import type { DataPoint, SeriesReport } from './report';

export interface TeamInput {
  id: number;
  name: string;
  report?: SeriesReport;
}

/** One person of a team report with their figures, as the panel's team view and the exports read them. */
export interface TeamPersonFigures {
  /** The Help Scout user id. */
  id: number;
  /** Untrusted text. */
  name: string;
  /** Current figures by bucket, aligned with the Team total's comparison rows; absent when the report failed. */
  current?: readonly number[];
  currentTotal: number | null;
  previousTotal: number | null;
  change: Change | null;
  /** Of the team's current total, in [0, 1]; null when the total is 0 or this report failed. */
  share: number | null;
  /** The first bucket with this person's highest figure; null when every bucket is 0. */
  busiest: { date: string; value: number } | null;
  /** Why this person's report did not load (404 left the company, 403, …); untrusted text. */
  error?: { message: string; status?: number; logRef?: string };
}

export interface RankingRow {
  id: number;
  name: string;
  /** null when this person's report did not load. */
  current: number | null;
  previous: number | null;
  change: Change | null;
  /** Of the team's current total, in [0, 1]; null when the total is 0 or the report failed. */
  share: number | null;
  /** The first bucket with this person's highest figure; null when every bucket is 0. */
  busiest: DataPoint | null;
}

/** Buckets summed by position over everyone whose report loaded; previous only if someone has one. */
export function teamTotal(members: readonly TeamInput[]): SeriesReport {
  const loaded = members.flatMap((m) => (m.report ? [m.report] : []));
  const sum = (pick: (r: SeriesReport) => DataPoint[] | undefined): DataPoint[] => {
    const out: DataPoint[] = [];
    for (const report of loaded) {
      (pick(report) ?? []).forEach((p, i) => {
        const bucket = out[i];
        if (bucket) bucket.value += p.value;
        else out[i] = { date: p.date, value: p.value };
      });
    }
    return out;
  };
  const total: SeriesReport = { current: sum((r) => r.current) };
  if (loaded.some((r) => r.previous)) total.previous = sum((r) => r.previous);
  return total;
}

function busiestOf(points: readonly DataPoint[]): DataPoint | null {
  let best: DataPoint | null = null;
  for (const p of points) if (p.value > (best?.value ?? 0)) best = p;
  return best && { date: best.date, value: best.value };
}

/** One row per person, in the given order (sorting is the view's choice). */
export function rankTeam(members: readonly TeamInput[]): RankingRow[] {
  const comparisons = members.map((m) => (m.report ? compareReport(m.report) : undefined));
  const teamCurrent = comparisons.reduce((sum, c) => sum + (c?.currentTotal ?? 0), 0);
  return members.map((m, i) => {
    const c = comparisons[i];
    if (!c || !m.report) return { id: m.id, name: m.name, current: null, previous: null, change: null, share: null, busiest: null };
    return {
      id: m.id,
      name: m.name,
      current: c.currentTotal,
      previous: c.previousTotal,
      change: c.change,
      share: teamCurrent > 0 ? c.currentTotal / teamCurrent : null,
      busiest: busiestOf(m.report.current),
    };
  });
}
