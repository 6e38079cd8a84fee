/**
 * The other time-series reports, from the same conversations, filters and buckets as
 * customers helped (reportEngine.ts):
 * - replies: every reply the user sent in the bucket;
 * - resolutions: conversations the user closed after replying, once each, in the bucket of the
 *   closing;
 * - company customers helped: unique customers across all users in the bucket.
 */
import { activityOfTimeline, MAX_CLOSE_DELAY_SECONDS } from './activity';
import { lowerBound, type Dataset } from './dataset';
import { bucketDate, buckets, buildFilter, passes, type CustomersHelpedQuery, type Filter } from './reportEngine';

export type SeriesBody<K extends string> = {
  current: Array<{ date: string } & Record<K, number>>;
  previous?: Array<{ date: string } & Record<K, number>>;
};

/** Fills `counts` (one per bucket) for one range; `counts.length` is the number of buckets. */
type Counter = (dataset: Dataset, query: CustomersHelpedQuery, filter: Filter, starts: readonly number[], end: number, counts: Float64Array) => void;

/** Index of the bucket holding `t`, or -1 outside [starts[0], end) (and for NaN). */
function bucketOf(starts: readonly number[], end: number, t: number): number {
  if (starts.length === 0 || !(t >= (starts[0] ?? Infinity) && t < end)) return -1;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? Infinity) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const countReplies: Counter = (dataset, query, filter, starts, end, counts) => {
  const userIndex = dataset.userIndex.get(query.userId) ?? -1;
  const t = dataset.timelines[userIndex];
  const activity = activityOfTimeline(dataset, userIndex);
  if (!t || !activity || starts.length === 0) return;
  let b = 0;
  for (let i = lowerBound(t.times, starts[0] ?? 0); i < t.times.length; i++) {
    const time = t.times[i] ?? Infinity;
    if (time >= end) break;
    while (b + 1 < starts.length && (starts[b + 1] ?? Infinity) <= time) b++;
    if (passes(filter, t, i)) counts[b]! += activity.replies[i] ?? 0;
  }
};

const countResolutions: Counter = (dataset, query, filter, starts, end, counts) => {
  const userIndex = dataset.userIndex.get(query.userId) ?? -1;
  const t = dataset.timelines[userIndex];
  const activity = activityOfTimeline(dataset, userIndex);
  if (!t || !activity || starts.length === 0) return;
  // A conversation closed in range was replied to at most MAX_CLOSE_DELAY before its closing.
  for (let i = lowerBound(t.times, (starts[0] ?? 0) - MAX_CLOSE_DELAY_SECONDS); i < t.times.length; i++) {
    if ((t.times[i] ?? Infinity) >= end) break;
    const b = bucketOf(starts, end, activity.closedAt[i] ?? NaN);
    if (b >= 0 && passes(filter, t, i)) counts[b]!++;
  }
};

const countCompanyCustomers: Counter = (dataset, _query, filter, starts, end, counts) => {
  // Bucket by bucket across every user, so "seen in bucket b" is one mark per customer.
  const seenIn = new Int32Array(dataset.customers.length).fill(-1);
  const cursors = dataset.timelines.map((t) => lowerBound(t.times, starts[0] ?? 0));
  for (let b = 0; b < starts.length; b++) {
    const bucketEnd = starts[b + 1] ?? end;
    dataset.timelines.forEach((t, u) => {
      let i = cursors[u] ?? 0;
      for (; i < t.times.length && (t.times[i] ?? Infinity) < bucketEnd; i++) {
        const c = t.customers[i] ?? 0;
        if (seenIn[c] !== b && passes(filter, t, i)) {
          seenIn[c] = b;
          counts[b]!++;
        }
      }
      cursors[u] = i;
    });
  }
};

function series<K extends string>(key: K, count: Counter, dataset: Dataset, query: CustomersHelpedQuery, filter: Filter, start: number, end: number) {
  const bs = buckets(start, end, query.viewBy, query.timeZone);
  const counts = new Float64Array(bs.length);
  count(dataset, query, filter, bs.map((b) => b.start), end, counts);
  return bs.map((b, i) => ({ date: bucketDate(b), [key]: counts[i] ?? 0 }) as { date: string } & Record<K, number>);
}

function compute<K extends string>(key: K, count: Counter) {
  return (dataset: Dataset, query: CustomersHelpedQuery): SeriesBody<K> => {
    const filter = buildFilter(dataset, query);
    const body: SeriesBody<K> = { current: series(key, count, dataset, query, filter, query.start, query.end) };
    if (query.previous) body.previous = series(key, count, dataset, query, filter, query.previous.start, query.previous.end);
    return body;
  };
}

export const computeReplies = compute('replies', countReplies);
export const computeResolutions = compute('resolved', countResolutions);
export const computeCompanyCustomersHelped = compute('customers', countCompanyCustomers);
