/**
 * How a percentage change is rounded for people: one decimal below 100 %, whole percent from
 * 100 % on, halves away from zero (−12.25 → −12.3, as +12.25 → +12.3). The panel and every
 * export use this one rule, so a figure reads the same wherever it is shown.
 */

/** The shown value of `percent` (percentage points). Never −0. */
export function roundPercent(percent: number): number {
  if (!Number.isFinite(percent)) return percent;
  const magnitude = Math.abs(percent);
  const scale = magnitude >= 100 ? 1 : 10;
  // toPrecision drops binary noise first, so 1.15 (1.149999…) rounds as the 1.15 a person sees.
  const rounded = Math.round(Number((magnitude * scale).toPrecision(12))) / scale;
  return percent < 0 && rounded !== 0 ? -rounded : rounded;
}
