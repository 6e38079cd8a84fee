/**
 * What the sandbox's people did in each conversation beyond helping its customer: how many
 * replies they sent and whether (and when) they closed it. Derived deterministically from the
 * dataset (seed, user, position), so the generator itself needs no change and the same data
 * always gives the same figures.
 *
 * Model: a timeline entry is one conversation the user replied to at `times[i]`. They sent 1–4
 * replies then (at that instant: the bucket of the entry), and closed about 60 % of the
 * conversations some time in the next MAX_CLOSE_DELAY_SECONDS. A closing after the dataset's
 * `now` has not happened yet.
 */
import type { Dataset, SandboxConversation, UserTimeline } from './dataset';
import { deriveSeed } from './random';

export const MAX_CLOSE_DELAY_SECONDS = 36 * 3600;
const CLOSED_SHARE = 0.6;

export interface UserActivity {
  /** Replies sent in conversation i (≥ 1). */
  replies: Uint8Array;
  /** Epoch seconds of the closing of conversation i, NaN when it is not closed (yet). */
  closedAt: Float64Array;
}

/** A conversation spelled out with its replies and closing, for tests that recount. */
export interface ActiveConversation extends SandboxConversation {
  replies: number;
  /** Epoch seconds, or null while open. */
  closedAt: number | null;
}

const cache = new WeakMap<UserTimeline, UserActivity>();

/** 32-bit mix of a seed and a position (a murmur3 finaliser): cheap and well spread. */
function mix(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function activityOfTimeline(dataset: Dataset, userIndex: number): UserActivity | undefined {
  const timeline = dataset.timelines[userIndex];
  const user = dataset.users[userIndex];
  if (!timeline || !user) return undefined;
  const cached = cache.get(timeline);
  if (cached) return cached;
  const seed = deriveSeed(dataset.seed, 'activity', user.id);
  const n = timeline.times.length;
  const replies = new Uint8Array(n);
  const closedAt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = mix(seed, i);
    replies[i] = 1 + (h & 3);
    const closes = ((h >>> 2) & 0xff) < CLOSED_SHARE * 256;
    const at = (timeline.times[i] ?? 0) + ((h >>> 10) % MAX_CLOSE_DELAY_SECONDS);
    closedAt[i] = closes && at <= dataset.now ? at : NaN;
  }
  const activity = { replies, closedAt };
  cache.set(timeline, activity);
  return activity;
}

/** One user's conversations with replies and closings, oldest first. */
export function activeConversationsOf(dataset: Dataset, userId: number): ActiveConversation[] {
  const activity = activityOfTimeline(dataset, dataset.userIndex.get(userId) ?? -1);
  if (!activity) return [];
  return dataset.conversationsOf(userId).map((c, i) => {
    const closed = activity.closedAt[i] ?? NaN;
    return { ...c, replies: activity.replies[i] ?? 1, closedAt: Number.isNaN(closed) ? null : closed };
  });
}
