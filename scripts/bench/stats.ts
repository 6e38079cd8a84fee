// Small statistics and result types shared by the benchmarks. No timing assertions live here:
// a benchmark returns figures, run.ts compares them with their budgets and prints the table.

export function sorted(values: readonly number[]): number[] {
  return [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in [0, 100]) of the finite values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  const s = sorted(values);
  if (s.length === 0) return NaN;
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1]!;
}

export function median(values: readonly number[]): number {
  const s = sorted(values);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function min(values: readonly number[]): number {
  const s = sorted(values);
  return s.length ? s[0]! : NaN;
}

export function max(values: readonly number[]): number {
  const s = sorted(values);
  return s.length ? s[s.length - 1]! : NaN;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Summary of a sample: median, min, max, p99 and n. */
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  p99: number;
}

export function summarize(values: readonly number[]): Summary {
  return { n: sorted(values).length, median: median(values), min: min(values), max: max(values), p99: percentile(values, 99) };
}

/** One row of the results table. */
export interface Figure {
  /** Stable id, e.g. `size.extension`. */
  id: string;
  /** What is measured, as printed. */
  figure: string;
  /** ms, ×, KB, … */
  unit: string;
  /** The value compared with the budget (a median, a p99, a ratio, a size). */
  value: number;
  /** Printed in the "median" column when the value is not a median (e.g. "p99 0.31"). */
  valueLabel?: string;
  /** Range over the runs, when there were runs. */
  range?: [number, number];
  /** Human-readable budget, e.g. "≤ 150 KB". */
  budget: string;
  /** true/false; null = informational (no budget) or not measured. */
  pass: boolean | null;
  /** Set when the figure could not be measured: why. Never counted as a pass. */
  notMeasured?: string;
  /** Extra facts (absolute times, counts, per-run samples). */
  details?: Record<string, unknown>;
}

export function notMeasured(id: string, figure: string, budget: string, why: string): Figure {
  return { id, figure, unit: '', value: NaN, budget, pass: null, notMeasured: why };
}

export function fmt(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = unit === '×' ? 3 : abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return `${value.toFixed(digits)}${unit ? (unit === '×' ? '×' : ` ${unit}`) : ''}`;
}

/** Measures an async function's wall time in ms with performance.now(). */
export async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}
