/**
 * Checks what the host sends before anything renders it. A message is untrusted input: every field
 * is type-checked and copied into a fresh object (unknown fields are dropped), and nothing here
 * ever throws — a bad message is reported as a reason and ignored by the caller.
 */
import type { BucketCoverage } from '../src/core/buckets';
import type { Change, ComparisonRow, PeriodLengths, ReportComparison } from '../src/core/comparison';
import type { HelpScoutErrorKind } from '../src/core/errors';
import { describeValue } from '../src/core/fieldProblem';
import { isRecord } from '../src/core/plainData';
import type { ConversationType, ViewBy } from '../src/core/query';
import type { Metric } from '../src/core/reportSeries';
import type { HostToWebview, RecoveryAction, ReportSnapshot } from '../src/protocol';
import type { MetricChoice, MetricView } from '../src/protocol/metric';
import { isUserId, type TeamPersonView, type TeamView } from '../src/protocol/team';
import { MAX_TEAM_SIZE } from '../src/core/subject';

export type Validated<T> = { ok: true; value: T } | { ok: false; reason: string };

/** More buckets than any real report (10 years by day); beyond this we refuse to render. */
export const MAX_ROWS = 4000;
/** Strings longer than this are cut (they still render as text; this only bounds memory). */
export const MAX_STRING = 20_000;

const VIEW_BY: Record<ViewBy, true> = { day: true, week: true, month: true };
const TYPES: Record<ConversationType, true> = { email: true, chat: true, phone: true };
const METRIC: Record<Metric, true> = { customersHelped: true, replies: true, resolutions: true };
const STATUS: Record<ReportSnapshot['status'], true> = { loading: true, ready: true, error: true };
const ACTIONS: Record<RecoveryAction, true> = { signIn: true, editQuery: true, retry: true, openLog: true, comparePlans: true, trySample: true };
const KINDS: Record<HelpScoutErrorKind | 'validation-local', true> = {
  auth: true,
  forbidden: true,
  notFound: true,
  validation: true,
  rateLimit: true,
  server: true,
  network: true,
  timeout: true,
  cancelled: true,
  badResponse: true,
  'validation-local': true,
};

class Invalid extends Error {}

function fail(path: string, what: string): never {
  throw new Invalid(`${path}: ${what}`);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) fail(path, 'expected an object');
  return value;
}

function str(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'expected a string');
  return value.length > MAX_STRING ? value.slice(0, MAX_STRING) : value;
}

function optStr(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : str(value, path);
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'expected a boolean');
  return value;
}

function num(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'expected a finite number');
  return value;
}

function count(value: unknown, path: string): number {
  const n = num(value, path);
  if (n < 0) fail(path, 'expected a count ≥ 0');
  return n;
}

function nullable<T>(value: unknown, path: string, read: (v: unknown, p: string) => T): T | null {
  return value === null ? null : read(value, path);
}

function oneOf<T extends string>(value: unknown, allowed: Record<T, true>, path: string): T {
  if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(allowed, value)) {
    fail(path, `expected one of ${Object.keys(allowed).join(', ')}`);
  }
  return value as T;
}

function array<T>(value: unknown, path: string, read: (v: unknown, p: string) => T, max = MAX_ROWS): T[] {
  if (!Array.isArray(value)) fail(path, 'expected an array');
  if (value.length > max) fail(path, `more than ${max} items`);
  return value.map((item, i) => read(item, `${path}[${i}]`));
}

function readChange(value: unknown, path: string): Change {
  const v = record(value, path);
  return {
    absolute: num(v.absolute, `${path}.absolute`),
    percent: nullable(v.percent, `${path}.percent`, num),
    isNew: bool(v.isNew, `${path}.isNew`),
  };
}

function readCoverage(value: unknown, path: string): BucketCoverage {
  const v = record(value, path);
  const coverage = { days: count(v.days, `${path}.days`), of: count(v.of, `${path}.of`) };
  if (coverage.days > coverage.of) fail(path, 'expected days ≤ of');
  return coverage;
}

function readRow(value: unknown, path: string): ComparisonRow {
  const v = record(value, path);
  const row: ComparisonRow = {
    index: num(v.index, `${path}.index`),
    currentDate: nullable(v.currentDate, `${path}.currentDate`, str),
    current: nullable(v.current, `${path}.current`, count),
    previousDate: nullable(v.previousDate, `${path}.previousDate`, str),
    previous: nullable(v.previous, `${path}.previous`, count),
    change: nullable(v.change, `${path}.change`, readChange),
  };
  if (v.currentPartial !== undefined) row.currentPartial = readCoverage(v.currentPartial, `${path}.currentPartial`);
  if (v.previousPartial !== undefined) row.previousPartial = readCoverage(v.previousPartial, `${path}.previousPartial`);
  return row;
}

function readLengths(value: unknown, path: string): PeriodLengths {
  const v = record(value, path);
  const lengths: PeriodLengths = { currentDays: count(v.currentDays, `${path}.currentDays`), previousDays: count(v.previousDays, `${path}.previousDays`) };
  if (v.perDay !== undefined) {
    const perDay = record(v.perDay, `${path}.perDay`);
    lengths.perDay = {
      current: count(perDay.current, `${path}.perDay.current`),
      previous: count(perDay.previous, `${path}.perDay.previous`),
      change: readChange(perDay.change, `${path}.perDay.change`),
    };
  }
  return lengths;
}

function readComparison(value: unknown, path: string): ReportComparison {
  const v = record(value, path);
  const comparison: ReportComparison = {
    rows: array(v.rows, `${path}.rows`, readRow),
    hasPrevious: bool(v.hasPrevious, `${path}.hasPrevious`),
    currentTotal: count(v.currentTotal, `${path}.currentTotal`),
    previousTotal: nullable(v.previousTotal, `${path}.previousTotal`, count),
    change: nullable(v.change, `${path}.change`, readChange),
  };
  if (v.lengths !== undefined) comparison.lengths = readLengths(v.lengths, `${path}.lengths`);
  return comparison;
}

function readError(value: unknown, path: string): NonNullable<ReportSnapshot['error']> {
  const v = record(value, path);
  const error: NonNullable<ReportSnapshot['error']> = {
    kind: oneOf(v.kind, KINDS, `${path}.kind`),
    message: str(v.message, `${path}.message`),
    actions: array(v.actions, `${path}.actions`, (a, p) => oneOf(a, ACTIONS, p), 10),
  };
  if (v.status !== undefined) error.status = num(v.status, `${path}.status`);
  const apiMessage = optStr(v.apiMessage, `${path}.apiMessage`);
  if (apiMessage !== undefined) error.apiMessage = apiMessage;
  const logRef = optStr(v.logRef, `${path}.logRef`);
  if (logRef !== undefined) error.logRef = logRef;
  return error;
}

function readUser(value: unknown, path: string): ReportSnapshot['user'] {
  const v = record(value, path);
  const user: ReportSnapshot['user'] = { name: str(v.name, `${path}.name`) };
  const email = optStr(v.email, `${path}.email`);
  if (email !== undefined) user.email = email;
  const photoUrl = optStr(v.photoUrl, `${path}.photoUrl`);
  if (photoUrl !== undefined) user.photoUrl = photoUrl;
  return user;
}

function readMetric(value: unknown, path: string): MetricView {
  const v = record(value, path);
  const unit = record(v.unit, `${path}.unit`);
  return {
    id: oneOf(v.id, METRIC, `${path}.id`),
    label: str(v.label, `${path}.label`),
    unit: { one: str(unit.one, `${path}.unit.one`), other: str(unit.other, `${path}.unit.other`) },
    verb: str(v.verb, `${path}.verb`),
    counting: str(v.counting, `${path}.counting`),
  };
}

function readMetricChoice(value: unknown, path: string): MetricChoice {
  const v = record(value, path);
  return { id: oneOf(v.id, METRIC, `${path}.id`), label: str(v.label, `${path}.label`) };
}

function readPerson(value: unknown, path: string): TeamPersonView {
  const v = record(value, path);
  const id = num(v.id, `${path}.id`);
  if (!isUserId(id)) fail(`${path}.id`, 'expected a user id');
  const person: TeamPersonView = {
    id,
    name: str(v.name, `${path}.name`),
    currentTotal: nullable(v.currentTotal, `${path}.currentTotal`, count),
    previousTotal: nullable(v.previousTotal, `${path}.previousTotal`, count),
    change: nullable(v.change, `${path}.change`, readChange),
    share: nullable(v.share, `${path}.share`, (s, p) => {
      const share = count(s, p);
      if (share > 1) fail(p, 'expected a share ≤ 1');
      return share;
    }),
    busiest: nullable(v.busiest, `${path}.busiest`, (b, p) => {
      const busiest = record(b, p);
      return { date: str(busiest.date, `${p}.date`), value: count(busiest.value, `${p}.value`) };
    }),
  };
  if (v.current !== undefined) person.current = array(v.current, `${path}.current`, count);
  if (v.previous !== undefined) person.previous = array(v.previous, `${path}.previous`, count);
  if (v.error !== undefined) {
    const e = record(v.error, `${path}.error`);
    const error: NonNullable<TeamPersonView['error']> = { message: str(e.message, `${path}.error.message`) };
    if (e.status !== undefined) error.status = num(e.status, `${path}.error.status`);
    const logRef = optStr(e.logRef, `${path}.error.logRef`);
    if (logRef !== undefined) error.logRef = logRef;
    person.error = error;
  }
  return person;
}

function readTeam(value: unknown, path: string): TeamView {
  const v = record(value, path);
  const team: TeamView = { people: array(v.people, `${path}.people`, readPerson, MAX_TEAM_SIZE), omitted: count(v.omitted, `${path}.omitted`) };
  // The legend, the ranking and the drill-down know a person by id: one id, one person.
  const ids = new Set<number>();
  team.people.forEach((person, i) => {
    if (ids.has(person.id)) fail(`${path}.people[${i}].id`, `expected a user id not already in the team (${person.id} is there twice)`);
    ids.add(person.id);
  });
  if (v.progress !== undefined) {
    const p = record(v.progress, `${path}.progress`);
    const progress = { loaded: count(p.loaded, `${path}.progress.loaded`), total: count(p.total, `${path}.progress.total`) };
    if (progress.loaded > progress.total) fail(`${path}.progress`, 'expected loaded ≤ total');
    team.progress = progress;
  }
  return team;
}

function readSnapshot(value: unknown, path: string): ReportSnapshot {
  const v = record(value, path);
  const snapshot: ReportSnapshot = {
    queryId: str(v.queryId, `${path}.queryId`),
    title: str(v.title, `${path}.title`),
    status: oneOf(v.status, STATUS, `${path}.status`),
    stale: bool(v.stale, `${path}.stale`),
    sampleData: bool(v.sampleData, `${path}.sampleData`),
    user: readUser(v.user, `${path}.user`),
    metric: readMetric(v.metric, `${path}.metric`),
    metrics: array(v.metrics, `${path}.metrics`, readMetricChoice, 3),
    currentLabel: str(v.currentLabel, `${path}.currentLabel`),
    viewBy: oneOf(v.viewBy, VIEW_BY, `${path}.viewBy`),
    allowedViewBy: array(v.allowedViewBy, `${path}.allowedViewBy`, (a, p) => oneOf(a, VIEW_BY, p), 3),
    filters: array(v.filters, `${path}.filters`, str, 100),
    locale: str(v.locale, `${path}.locale`),
    timeZone: str(v.timeZone, `${path}.timeZone`),
  };
  const previousLabel = optStr(v.previousLabel, `${path}.previousLabel`);
  if (previousLabel !== undefined) snapshot.previousLabel = previousLabel;
  if (v.types !== undefined) snapshot.types = array(v.types, `${path}.types`, (a, p) => oneOf(a, TYPES, p), 3);
  const fetchedAt = optStr(v.fetchedAt, `${path}.fetchedAt`);
  if (fetchedAt !== undefined) snapshot.fetchedAt = fetchedAt;
  if (v.comparison !== undefined) snapshot.comparison = readComparison(v.comparison, `${path}.comparison`);
  if (v.error !== undefined) snapshot.error = readError(v.error, `${path}.error`);
  if (v.team !== undefined) snapshot.team = readTeam(v.team, `${path}.team`);
  return snapshot;
}

/** The longest notice shown; the host's are a few words. */
const MAX_NOTICE = 200;

/** The text of a `notice` message, or undefined for anything else. */
export function readNotice(data: unknown): string | undefined {
  if (!isRecord(data) || data.type !== 'notice' || typeof data.text !== 'string') return undefined;
  return data.text.slice(0, MAX_NOTICE);
}

/** Validates one snapshot message from the host (drill-down messages: src/protocol/drilldown.ts). Never throws. */
export function validateHostMessage(data: unknown): Validated<Extract<HostToWebview, { type: 'snapshot' }>> {
  try {
    const v = record(data, 'message');
    if (v.type !== 'snapshot') return { ok: false, reason: `message.type: unknown ${describeValue(v.type, { max: 40 })}` };
    return { ok: true, value: { type: 'snapshot', snapshot: readSnapshot(v.snapshot, 'snapshot') } };
  } catch (error) {
    return { ok: false, reason: error instanceof Invalid ? error.message : 'message could not be read' };
  }
}
