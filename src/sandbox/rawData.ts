/**
 * The sandbox's raw data as plain records, for tests that recount it independently: who works
 * there and every conversation, spelled out. Nothing here counts, buckets or filters; a test
 * that uses it must do its own arithmetic (that is the point).
 */
import { DEFAULT_SEED, getDataset, type SandboxConversation } from './dataset';

export interface RawUser {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  isMe: boolean;
}

export type RawConversation = SandboxConversation;

/** The users of the data a sandbox started at `nowMs` serves; `isMe` marks the demo user. */
export function rawUsers(nowMs: number, seed = DEFAULT_SEED): RawUser[] {
  const d = getDataset(seed, nowMs);
  return d.users.map((u) => ({ id: u.id, firstName: u.firstName, lastName: u.lastName, email: u.email, isMe: u.id === d.me.id }));
}

/** Every conversation of one user in the data a sandbox started at `nowMs` serves, oldest first. */
export function rawConversations(userId: number, nowMs: number, seed = DEFAULT_SEED): RawConversation[] {
  return getDataset(seed, nowMs).conversationsOf(userId);
}
