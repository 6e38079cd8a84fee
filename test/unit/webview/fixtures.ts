/** Snapshots for the webview tests: a compact builder around a ReportComparison. */
import type { Change, ComparisonRow, ReportComparison } from '../../../src/core/comparison';
import type { ReportSnapshot } from '../../../src/protocol';

export function change(current: number, previous: number): Change {
  const absolute = current - previous;
  if (previous === 0) return { absolute, percent: null, isNew: current > 0 };
  return { absolute, percent: (absolute / previous) * 100, isNew: false };
}

/** Rows for daily buckets from 2026-10-01 (current) and 2026-09-01 (previous). */
export function comparison(current: number[], previous?: number[]): ReportComparison {
  const n = Math.max(current.length, previous?.length ?? 0);
  const rows: ComparisonRow[] = [];
  for (let i = 0; i < n; i++) {
    const c = current[i];
    const p = previous?.[i];
    rows.push({
      index: i,
      currentDate: c === undefined ? null : `2026-10-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
      current: c ?? null,
      previousDate: p === undefined ? null : `2026-09-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
      previous: p ?? null,
      change: previous && c !== undefined && p !== undefined ? change(c, p) : null,
    });
  }
  const currentTotal = current.reduce((a, b) => a + b, 0);
  const previousTotal = previous ? previous.reduce((a, b) => a + b, 0) : null;
  return {
    rows,
    hasPrevious: previous !== undefined,
    currentTotal,
    previousTotal,
    change: previousTotal === null ? null : change(currentTotal, previousTotal),
  };
}

export function snapshot(overrides: Partial<ReportSnapshot> = {}): ReportSnapshot {
  return {
    queryId: 'q1',
    title: 'Anna · last 30 days',
    status: 'ready',
    stale: false,
    sampleData: false,
    user: { name: 'Anna Kowalski' },
    metric: { id: 'customersHelped', label: 'Customers helped', unit: { one: 'customer', other: 'customers' }, verb: 'helped', counting: 'Unique customers, counted once per bucket.' },
    metrics: [
      { id: 'customersHelped', label: 'Customers helped' },
      { id: 'replies', label: 'Replies sent' },
      { id: 'resolutions', label: 'Conversations resolved' },
    ],
    currentLabel: '1–31 Oct 2026',
    previousLabel: '1–30 Sep 2026',
    viewBy: 'day',
    allowedViewBy: ['day', 'week'],
    filters: ['Inboxes: Billing'],
    fetchedAt: '2026-11-03T09:00:00Z',
    locale: 'en-GB',
    timeZone: 'UTC',
    comparison: comparison([10, 20, 30], [10, 10, 10]),
    ...overrides,
  };
}
