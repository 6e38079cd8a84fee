/**
 * The Help Scout resources a UI needs so people pick names, not ids: users, mailboxes
 * ("Inboxes"), folders and tags, with minimal shape checks. `id` must be a positive integer and
 * names strings; optional fields of the wrong type are dropped rather than failing the list.
 */
import { describeApiValue, ShapeError } from './responseShape';
import { isRecord } from './plainData';

export interface HelpScoutUser {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  role?: string;
  timezone?: string;
  photoUrl?: string;
}

export interface Mailbox {
  id: number;
  name: string;
  slug?: string;
  email?: string;
}

export interface Folder {
  id: number;
  name: string;
  type?: string;
}

export interface Tag {
  id: number;
  name: string;
  slug?: string;
  color?: string;
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new ShapeError(`${path} is ${describeApiValue(value)}, not an object`);
  return value;
}

function id(item: Record<string, unknown>, path: string): number {
  const v = item.id;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
    throw new ShapeError(`${path}.id is ${describeApiValue(v)}${typeof v === 'number' ? ', not a positive integer' : ''}`);
  }
  return v;
}

/** A required name: a string; null/missing reads as '' only when `lenient`. */
function name(item: Record<string, unknown>, key: string, path: string, lenient = false): string {
  const v = item[key];
  if (typeof v === 'string') return v;
  if (lenient && (v === undefined || v === null)) return '';
  throw new ShapeError(`${path}.${key} is ${describeApiValue(v)}`);
}

function optional(item: Record<string, unknown>, key: string): string | undefined {
  const v = item[key];
  return typeof v === 'string' ? v : undefined;
}

function withOptional<T extends object>(base: T, extras: Record<string, string | undefined>): T {
  for (const [k, v] of Object.entries(extras)) if (v !== undefined) (base as Record<string, unknown>)[k] = v;
  return base;
}

export function parseUser(value: unknown, path: string): HelpScoutUser {
  const item = record(value, path);
  return withOptional(
    {
      id: id(item, path),
      firstName: name(item, 'firstName', path, true),
      lastName: name(item, 'lastName', path, true),
      email: name(item, 'email', path, true),
    },
    { role: optional(item, 'role'), timezone: optional(item, 'timezone'), photoUrl: optional(item, 'photoUrl') },
  );
}

export function parseMailbox(value: unknown, path: string): Mailbox {
  const item = record(value, path);
  return withOptional({ id: id(item, path), name: name(item, 'name', path) }, { slug: optional(item, 'slug'), email: optional(item, 'email') });
}

export function parseFolder(value: unknown, path: string): Folder {
  const item = record(value, path);
  return withOptional({ id: id(item, path), name: name(item, 'name', path) }, { type: optional(item, 'type') });
}

export function parseTag(value: unknown, path: string): Tag {
  const item = record(value, path);
  return withOptional({ id: id(item, path), name: name(item, 'name', path) }, { slug: optional(item, 'slug'), color: optional(item, 'color') });
}

/** A user's display name: "Anna Berg", or the email when both names are empty. */
export function userDisplayName(user: HelpScoutUser): string {
  const full = `${user.firstName} ${user.lastName}`.trim();
  return full || user.email || `User ${user.id}`;
}
