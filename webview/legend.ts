/**
 * What a chart legend shows, as plain data: an entry per series with its label, a small sample of
 * its line or bar, and whether it is drawn. The single report (this period, previous) and the team
 * view (people, Team total) both make these; legendView.ts turns them into toggle buttons and
 * draws the same samples into a saved PNG.
 */
import type { PointStyle } from 'chart.js';

/** How a series is drawn, in small. */
export interface SwatchStyle {
  color: string;
  dash: number[];
  /** The line's width, or a bar's outline; 2 when not given. */
  width?: number;
  /** A point shape drawn in the middle of a line sample. */
  pointStyle?: PointStyle;
  /** A bar sample: a box filled with this, outlined in `color` (dashed by `dash`). */
  fill?: string;
}

export interface LegendEntry<K extends string | number> {
  key: K;
  label: string;
  swatch: SwatchStyle;
  /** The series is drawn (the button is pressed). */
  shown: boolean;
  className?: string;
  /** Set on the button as they are (title, data-testid, data-user-id); plain strings, never markup. */
  attrs?: Record<string, string>;
}

/** One entry of the legend a saved PNG carries: only what the chart draws. */
export interface PngLegendItem {
  label: string;
  swatch: SwatchStyle;
}

export const SWATCH_WIDTH = 28;
export const SWATCH_HEIGHT = 10;

export function pngLegend(entries: readonly LegendEntry<string | number>[]): PngLegendItem[] {
  return entries.filter((e) => e.shown).map((e) => ({ label: e.label, swatch: e.swatch }));
}
