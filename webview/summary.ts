/**
 * The words around the numbers: the headline figures, the one-sentence summary a support lead
 * reads first, the chart's aria-label, and whether there is anything to show at all.
 */
import type { ReportComparison } from '../src/core/comparison';
import type { ViewBy } from '../src/core/query';
import type { ReportSnapshot } from '../src/protocol';
import type { MetricView } from '../src/protocol/metric';
import { clip, coverageText, type ChangeText, type Formatter } from './format';

export interface Figure {
  label: string;
  value: string;
  /** The period, or a detail line under the value. */
  detail: string;
}

export interface Headline {
  current: Figure;
  previous: Figure | null;
  change: ChangeText & { percentOnly: string };
  /** The busiest bucket of the current period: answers "when". */
  peak: Figure | null;
  sentence: string;
  /** How the figures count (customers: unique per bucket, not per period). */
  note: string;
  /** When the two ranges differ in length: "31 days vs 30" and the change per day. */
  lengths: { text: string; perDay: string } | null;
  /** A team report: who is in the total ("5 people"). */
  people?: Figure;
}

const BY: Record<ViewBy, string> = { day: 'by day', week: 'by week', month: 'by month' };
const PEAK: Record<ViewBy, string> = { day: 'Busiest day', week: 'Busiest week', month: 'Busiest month' };
const COUNTED: Record<ViewBy, string> = { day: 'counted per day', week: 'counted per week', month: 'counted per month' };
const UNIT: Record<ViewBy, string> = { day: 'day', week: 'week', month: 'month' };

/**
 * The totals add up the buckets, and Help Scout counts a customer once per bucket: someone
 * helped on three days counts three times by day and once by month. Say so wherever a total is.
 */
export function countingNote(viewBy: ViewBy): string {
  const unit = UNIT[viewBy];
  return `Totals add up the ${unit}s: Help Scout counts each customer once per ${unit}, so a customer helped in several ${unit}s counts once for each.`;
}

/**
 * "Week of 1 Dec 2026 covers 3 of 7 days (drawn lighter)." for the current side's partial
 * buckets, so a short first or last bucket does not read as a collapse; "" when all are whole.
 */
export function partialSentence(comparison: ReportComparison, viewBy: ViewBy, f: Formatter): string {
  const parts = comparison.rows.flatMap((row) => (row.currentPartial ? [`${f.bucketLong(row.currentDate, viewBy)} covers ${coverageText(row.currentPartial)}`] : []));
  return parts.length > 0 ? `${parts.join('; ')} (drawn lighter).` : '';
}

/**
 * No buckets, or nobody helped in either period: the "no data" state. A current period of zeros
 * against a previous one with customers is a drop to zero, shown as the report (−100 %).
 */
export function isEmptyReport(comparison: ReportComparison | undefined): boolean {
  if (!comparison || comparison.rows.length === 0) return true;
  return comparison.rows.every((row) => !row.current && !row.previous);
}

/** Wraps text that came from outside in Unicode isolates, so RTL names don't reorder the sentence. */
export function isolate(text: string, max = LABEL_MAX): string {
  return `\u2068${clip(text, max)}\u2069`;
}

/** Longest name/label that goes into a sentence; the full text stays in the header. */
export const LABEL_MAX = 120;

/** "1 reply", "1,234 customers". */
export function amount(n: number, unit: MetricView['unit'], f: Formatter): string {
  return `${f.number(n)} ${n === 1 ? unit.one : unit.other}`;
}

/** "Replies sent by day": the chart's title. */
export function metricTitle(snapshot: ReportSnapshot): string {
  return `${snapshot.metric.label} ${BY[snapshot.viewBy]}`;
}

/** Customers are unique per bucket, so their totals say "counted per day"; other figures just add up. */
function counted(snapshot: ReportSnapshot): string | null {
  return snapshot.metric.id === 'customersHelped' ? COUNTED[snapshot.viewBy] : null;
}

export function buildHeadline(snapshot: ReportSnapshot, comparison: ReportComparison, f: Formatter): Headline {
  const change = f.change(comparison.hasPrevious ? comparison.change : null);
  const previousLabel = snapshot.previousLabel ?? 'Previous period';
  const previous: Figure | null =
    comparison.hasPrevious && comparison.previousTotal !== null
      ? { label: 'Previous period', value: f.number(comparison.previousTotal), detail: previousLabel }
      : null;

  let peak: Figure | null = null;
  let best = 0;
  for (const row of comparison.rows) {
    if (row.current !== null && row.current > best) {
      best = row.current;
      peak = { label: PEAK[snapshot.viewBy], value: f.number(row.current), detail: f.bucketLong(row.currentDate, snapshot.viewBy) };
    }
  }

  const name = clip(snapshot.user.name.trim(), 80) || 'This user';
  let sentence = `${isolate(name)} ${snapshot.metric.verb} ${amount(comparison.currentTotal, snapshot.metric.unit, f)}${counted(snapshot) ? ` (${counted(snapshot)})` : ''} in ${isolate(snapshot.currentLabel)}`;
  if (previous) {
    if (change.direction === 'up' || change.direction === 'down') {
      const more = change.direction === 'up' ? 'more' : 'fewer';
      const diff = comparison.change ? f.number(Math.abs(comparison.change.absolute)) : '';
      const pct = change.words.replace(/^(up|down) ?/, '');
      sentence += ` — ${diff} ${more} than in ${isolate(previousLabel)}${pct ? ` (${change.direction} ${pct})` : ''}.`;
    } else if (change.direction === 'flat') {
      sentence += ` — the same as in ${isolate(previousLabel)}.`;
    } else if (change.direction === 'new') {
      sentence += ` — none in ${isolate(previousLabel)}.`;
    } else {
      sentence += '.';
    }
  } else {
    sentence += '.';
  }

  const partial = partialSentence(comparison, snapshot.viewBy, f);
  let lengths: Headline['lengths'] = null;
  const l = comparison.lengths;
  if (l?.perDay && l.currentDays !== l.previousDays) {
    const perDay = f.change(l.perDay.change);
    const words = perDay.direction === 'flat' ? 'no change' : perDay.direction === 'new' ? 'new' : perDay.words;
    lengths = {
      text: `${f.number(l.currentDays)} days vs ${f.number(l.previousDays)}`,
      perDay: `Per day: ${f.decimal(l.perDay.current)} vs ${f.decimal(l.perDay.previous)} (${words})`,
    };
  }

  const counting = snapshot.metric.id === 'customersHelped' ? countingNote(snapshot.viewBy) : snapshot.metric.counting;
  return {
    lengths,
    current: { label: snapshot.metric.label, value: f.number(comparison.currentTotal), detail: snapshot.currentLabel },
    previous,
    change: { ...change, percentOnly: change.words.replace(/^(up|down) /, '') },
    peak,
    sentence,
    note: partial ? `${counting} ${partial}` : counting,
  };
}

/** "Customers helped by day, 1–31 Oct 2026: 1,234 in total, counted per day, up 12% on the previous period (1–30 Sep 2026)." */
export function chartAriaLabel(snapshot: ReportSnapshot, comparison: ReportComparison, f: Formatter): string {
  let text = `${metricTitle(snapshot)}, ${clip(snapshot.currentLabel, LABEL_MAX)}: ${f.number(comparison.currentTotal)} in total${counted(snapshot) ? `, ${counted(snapshot)}` : ''}`;
  if (comparison.hasPrevious && comparison.previousTotal !== null) {
    const change = f.change(comparison.change);
    const period = snapshot.previousLabel ? ` (${clip(snapshot.previousLabel, LABEL_MAX)})` : '';
    if (change.direction === 'up' || change.direction === 'down') {
      text += `, ${change.words} on the previous period${period}, which had ${f.number(comparison.previousTotal)}`;
    } else if (change.direction === 'flat') {
      text += `, the same as the previous period${period}`;
    } else if (change.direction === 'new') {
      text += `, none in the previous period${period}`;
    } else {
      text += `; the previous period${period} had ${f.number(comparison.previousTotal)}`;
    }
  }
  const headline = buildHeadline(snapshot, comparison, f);
  if (headline.peak) text += `. ${headline.peak.label}: ${headline.peak.detail} with ${headline.peak.value}`;
  const partial = partialSentence(comparison, snapshot.viewBy, f);
  if (partial) text += `. ${partial.replace(/\.$/, '')}`;
  return `${text}.`;
}
