/**
 * Whose numbers a report shows (its subject) and what it counts (its metric), as a saved query
 * holds them, checked when they come from somewhere untrusted, and upgraded from the first stored
 * shape (`userId` + `userName`, customers helped) that every query had before there was a choice.
 */
import { isRecord, own } from './plainData';
import { COMPANY_METRICS, METRICS, REPORT_SERIES, type Metric } from './reportSeries';

export const MIN_TEAM_SIZE = 2;
export const MAX_TEAM_SIZE = 50;

export interface TeamMember {
  id: number;
  /** Display name remembered when the query was saved; the API is the source of truth. */
  name?: string;
}

export type ReportSubject =
  | { kind: 'user'; userId: number; userName?: string }
  /** 2 to 50 people, side by side, in the order picked. */
  | { kind: 'users'; users: TeamMember[] }
  /** Everyone who works in an inbox, looked up when the report loads (GET /v2/users?mailbox=). */
  | { kind: 'inbox'; mailboxId: number; mailboxName?: string }
  /** Help Scout's company-wide report (customers helped only). */
  | { kind: 'company' };

export type SubjectKind = ReportSubject['kind'];
const SUBJECT_KINDS: readonly SubjectKind[] = ['user', 'users', 'inbox', 'company'];

/** True for the subjects that load one series per person. */
export function isTeamSubject(subject: ReportSubject): subject is Extract<ReportSubject, { kind: 'users' | 'inbox' }> {
  return subject.kind === 'users' || subject.kind === 'inbox';
}

/** "Anna Berg", "3 people", "Everyone in Billing", "Everyone (whole company)". */
export function subjectLabel(subject: ReportSubject): string {
  switch (subject.kind) {
    case 'user':
      return subject.userName ?? `User ${subject.userId}`;
    case 'users':
      return `${subject.users.length} people`;
    case 'inbox':
      return `Everyone in ${subject.mailboxName ?? `inbox ${subject.mailboxId}`}`;
    case 'company':
      return 'Everyone (whole company)';
  }
}

/** How many names subjectWords spells out before "and N more". */
const NAMES_IN_WORDS = 3;

/**
 * The subject in a sentence, for a review or a tooltip: "3 people: Anna, Ben, Cleo",
 * "12 people: Anna, Ben, Cleo and 9 more"; other subjects read as their label.
 */
export function subjectWords(subject: ReportSubject): string {
  if (subject.kind !== 'users') return subjectLabel(subject);
  const names = subject.users.map((member) => member.name ?? `User ${member.id}`);
  const shown = names.length === NAMES_IN_WORDS + 1 ? names : names.slice(0, NAMES_IN_WORDS);
  const more = names.length - shown.length;
  return `${subjectLabel(subject)}: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** What validate.ts's collector offers: problems that name the field, and its text rule. */
export interface FieldSink {
  add(field: string, value: unknown, allowed: string): void;
  addText(field: string, description: string, allowed: string): void;
  /** A short label (1–200 characters), or undefined after adding a problem. */
  text(field: string, value: unknown): string | undefined;
}

type Get = (key: string) => unknown;

function isPositiveId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** Own data properties only (never a getter), `null` as absent: the same reading as validate.ts. */
function ownOf(obj: Record<string, unknown>): Get {
  return (key) => {
    const v = own(obj, key);
    return v === null ? undefined : v;
  };
}

/** A remembered display name: absent is fine, present must pass the text rule. */
function optionalName(sink: FieldSink, field: string, value: unknown): string | undefined {
  return value === undefined ? undefined : sink.text(field, value);
}

export function parseMetric(sink: FieldSink, value: unknown): Metric | undefined {
  if (typeof value === 'string' && (METRICS as readonly string[]).includes(value)) return value as Metric;
  sink.add('metric', value, `one of ${METRICS.join(', ')}`);
  return undefined;
}

function members(sink: FieldSink, value: unknown): TeamMember[] | undefined {
  const allowed = `a list of ${MIN_TEAM_SIZE} to ${MAX_TEAM_SIZE} people, each { "id": a Help Scout user id, "name"?: text }`;
  if (!Array.isArray(value)) return void sink.add('subject.users', value, allowed);
  if (value.length > MAX_TEAM_SIZE) return void sink.addText('subject.users', `${value.length} people`, allowed);
  const out: TeamMember[] = [];
  let bad = 0;
  value.forEach((item: unknown, i) => {
    const field = `subject.users[${i}]`;
    const id = isRecord(item) ? ownOf(item)('id') : undefined;
    if (!isRecord(item)) sink.add(field, item, 'an object { "id": a Help Scout user id, "name"?: text }');
    else if (!isPositiveId(id)) sink.add(`${field}.id`, id, 'a Help Scout user id (a positive whole number)');
    if (!isRecord(item) || !isPositiveId(id)) return void bad++;
    const name = optionalName(sink, `${field}.name`, ownOf(item)('name'));
    if (out.some((m) => m.id === id)) return; // the same person twice is harmless: keep the first
    out.push(name !== undefined ? { id, name } : { id });
  });
  // Fewer than two different people is not a team (but say so only when every item was readable).
  if (bad === 0 && out.length < MIN_TEAM_SIZE) {
    sink.addText('subject.users', `${out.length} ${out.length === 1 ? 'person' : 'people'}`, allowed);
  }
  return out;
}

export function parseSubject(sink: FieldSink, value: unknown): ReportSubject | undefined {
  if (!isRecord(value)) return void sink.add('subject', value, `an object with kind ${SUBJECT_KINDS.join(', ')}`);
  const get = ownOf(value);
  const kind = get('kind');
  switch (kind) {
    case 'user': {
      const userId = get('userId');
      if (!isPositiveId(userId)) return void sink.add('subject.userId', userId, 'a Help Scout user id (a positive whole number)');
      const userName = optionalName(sink, 'subject.userName', get('userName'));
      return userName !== undefined ? { kind, userId, userName } : { kind, userId };
    }
    case 'users': {
      const users = members(sink, get('users'));
      return users && { kind, users };
    }
    case 'inbox': {
      const mailboxId = get('mailboxId');
      if (!isPositiveId(mailboxId)) return void sink.add('subject.mailboxId', mailboxId, 'an inbox id (a positive whole number)');
      const mailboxName = optionalName(sink, 'subject.mailboxName', get('mailboxName'));
      return mailboxName !== undefined ? { kind, mailboxId, mailboxName } : { kind, mailboxId };
    }
    case 'company':
      return { kind };
    default:
      return void sink.add('subject.kind', kind, SUBJECT_KINDS.join(', '));
  }
}

/** The one combination rule: Help Scout has company-wide figures for some metrics only. */
export function checkCombination(sink: FieldSink, metric: Metric, subject: ReportSubject): void {
  if (subject.kind === 'company' && !COMPANY_METRICS.includes(metric)) {
    sink.add('metric', metric, `${COMPANY_METRICS.join(', ')} for the whole company (Help Scout has no company-wide ${REPORT_SERIES[metric].label.toLowerCase()} report)`);
  }
}

/**
 * A query in the first stored shape (schema / file version 1: `userId`, `userName`, always
 * customers helped) → the current shape. Anything else, including a query that already has a
 * `subject`, is returned as it is: validation then says what is wrong with it. Builds a fresh
 * object; never mutates its input.
 */
export function upgradeQueryV1(query: unknown): unknown {
  if (!isRecord(query) || Object.prototype.hasOwnProperty.call(query, 'subject')) return query;
  // Own data properties only, copied one by one: a getter is never run, nothing is inherited.
  const upgraded: Record<string, unknown> = {};
  for (const key of Object.keys(query)) if (key !== 'userId' && key !== 'userName') upgraded[key] = own(query, key);
  const subject: Record<string, unknown> = { kind: 'user', userId: own(query, 'userId') };
  const userName = own(query, 'userName');
  if (userName !== undefined && userName !== null) subject.userName = userName;
  upgraded.metric = 'customersHelped';
  upgraded.subject = subject;
  return upgraded;
}
