import type { HelpScoutClient } from '../core/client';
import { comparisonChoice, describeDateRange, describePreset } from '../core/describe';
import {
  COMPARISON_KINDS,
  CONVERSATION_TYPES,
  RANGE_PRESETS,
  type Comparison,
  type ConversationType,
  type DateRange,
  type ReportQuery,
  type ResolveContext,
  type ViewBy,
} from '../core/query';
import { COMPANY_METRICS, type Metric } from '../core/reportSeries';
import { resolveQuery } from '../core/resolve';
import { MAX_QUERY_NAME_LENGTH, checkQueryName, toSafeLabel } from '../core/savedQueryEntry';
import { subjectLabel, type ReportSubject } from '../core/subject';
import { MAX_TEXT_LENGTH, validateQuery } from '../core/validate';
import { BACK, type Back, type FlowUI, type PickItem, type StepInfo } from './flowUi';

/** What the flow produces: a name and a validated query. */
export interface QueryDraftResult {
  name: string;
  query: ReportQuery;
}

interface Draft {
  metric: Metric;
  subject?: ReportSubject;
  range?: DateRange;
  comparison?: Comparison;
  viewBy?: ViewBy;
  mailboxes: number[];
  folders: number[];
  tags: number[];
  types: ConversationType[];
  labels: { mailboxes: Record<string, string>; folders: Record<string, string>; tags: Record<string, string> };
  name?: string;
}

type StepOutcome = 'next' | 'back' | 'cancel' | 'skip';

const TOTAL_STEPS = 9;
const TYPE_LABELS: Record<ConversationType, string> = { email: 'Email', chat: 'Chat', phone: 'Phone' };

/**
 * The multi-step "New Report" / "Edit Report" QuickPick: user, period, comparison, view by,
 * inboxes, folders, tags, types, name. Back works on every step; Escape returns undefined and
 * changes nothing. Every choice is drawn from the API by name.
 */
export async function runQueryFlow(options: {
  ui: FlowUI;
  client: HelpScoutClient;
  context: ResolveContext;
  defaults: { period: DateRange; comparison: Comparison };
  title: string;
  initial?: { name: string; query: ReportQuery };
  meId?: number;
}): Promise<QueryDraftResult | undefined> {
  const { ui, client, context } = options;
  const initial = options.initial?.query;
  const draft: Draft = {
    metric: initial?.metric ?? 'customersHelped',
    subject: initial?.subject,
    range: initial?.range ?? options.defaults.period,
    comparison: initial?.comparison ?? options.defaults.comparison,
    viewBy: initial?.viewBy,
    mailboxes: [...(initial?.mailboxes ?? [])],
    folders: [...(initial?.folders ?? [])],
    tags: [...(initial?.tags ?? [])],
    types: [...(initial?.types ?? [])],
    labels: {
      mailboxes: { ...initial?.labels?.mailboxes },
      folders: { ...initial?.labels?.folders },
      tags: { ...initial?.labels?.tags },
    },
    name: options.initial?.name,
  };
  const step = (n: number, placeholder: string): StepInfo => ({ title: options.title, step: n, totalSteps: TOTAL_STEPS, placeholder });

  // Lists are fetched once per flow, and only when their step is first shown.
  const memo = <T>(load: () => Promise<T>) => {
    let value: Promise<T> | undefined;
    return () => (value ??= load());
  };
  const users = memo(() => client.listUsers());
  const mailboxes = memo(() => client.listMailboxes());
  const tags = memo(() => client.listTags());

  const steps: Array<() => Promise<StepOutcome>> = [
    async () => {
      const items = users().then((list) => {
        const sorted = [...list].sort((a, b) => (a.id === options.meId ? -1 : b.id === options.meId ? 1 : fullName(a).localeCompare(fullName(b))));
        const people = sorted.map<PickItem<number | 'company'>>((user) => ({
          label: fullName(user) + (user.id === options.meId ? ' (you)' : ''),
          description: user.email,
          value: user.id,
          picked: draft.subject?.kind === 'user' && user.id === draft.subject.userId,
        }));
        // Help Scout has a company-wide figure for some metrics only.
        if (!COMPANY_METRICS.includes(draft.metric)) return people;
        const company: ReportSubject = { kind: 'company' };
        return [{ label: subjectLabel(company), description: 'Unique customers across all users', value: 'company' as const, picked: draft.subject?.kind === 'company' }, ...people];
      });
      const answer = await ui.pickOne(step(1, 'Whose customers? Pick a user'), items);
      if (answer === BACK || answer === undefined) return outcome(answer);
      if (answer === 'company') {
        draft.subject = { kind: 'company' };
        return 'next';
      }
      const user = (await users()).find((u) => u.id === answer);
      draft.subject = user ? { kind: 'user', userId: answer, userName: fullName(user) } : { kind: 'user', userId: answer };
      return 'next';
    },
    async () => {
      const current = draft.range;
      const items: PickItem<DateRange | 'custom'>[] = RANGE_PRESETS.map((preset) => ({
        label: describePreset(preset),
        value: { kind: 'preset', preset } as DateRange,
        picked: current?.kind === 'preset' && current.preset === preset,
      }));
      items.push({ label: 'Custom range…', description: current?.kind === 'absolute' ? `${current.start} → ${current.end}` : 'Pick start and end dates', value: 'custom', picked: current?.kind === 'absolute' });
      for (;;) {
        const answer = await ui.pickOne(step(2, 'Which period?'), items);
        if (answer === BACK || answer === undefined) return outcome(answer);
        if (answer !== 'custom') {
          draft.range = answer;
          return 'next';
        }
        const range = await askDateRange(ui, step(2, ''), 'range', current?.kind === 'absolute' ? current : undefined, (candidate) =>
          problemsFor({ ...draftQuery(draft), range: candidate, comparison: { kind: 'none' }, viewBy: undefined }, context, 'range'),
        );
        if (range === undefined) return 'cancel';
        if (range === BACK) continue;
        draft.range = range;
        return 'next';
      }
    },
    async () => {
      const current = draft.comparison;
      const range = draft.range ?? { kind: 'preset', preset: 'last30Days' };
      const items: PickItem<Comparison | 'custom'>[] = [];
      for (const kind of COMPARISON_KINDS) {
        const comparison = { kind } as Exclude<Comparison, { kind: 'custom' }>;
        const offered = comparisonOffer(comparison, { ...draftQuery(draft), range }, context);
        if (offered === undefined) continue;
        items.push({ label: comparisonChoice(comparison, range), description: offered || undefined, value: comparison, picked: current?.kind === kind });
      }
      items.splice(items.length - 1, 0, { label: 'Against a custom range…', value: 'custom', picked: current?.kind === 'custom', description: current?.kind === 'custom' ? `${current.start} → ${current.end}` : undefined });
      // A saved comparison the new period cannot have (the previous month of "last 30 days") falls back to the first.
      if (!items.some((item) => item.picked) && items[0]) items[0].picked = true;
      for (;;) {
        const answer = await ui.pickOne(step(3, 'Compare against?'), items);
        if (answer === BACK || answer === undefined) return outcome(answer);
        if (answer !== 'custom') {
          draft.comparison = answer;
          return 'next';
        }
        const range = await askDateRange(ui, step(3, ''), 'comparison', current?.kind === 'custom' ? current : undefined, (candidate) =>
          problemsFor({ ...draftQuery(draft), comparison: { kind: 'custom', start: candidate.start, end: candidate.end }, viewBy: undefined }, context, 'comparison'),
        );
        if (range === undefined) return 'cancel';
        if (range === BACK) continue;
        draft.comparison = { kind: 'custom', start: range.start, end: range.end };
        return 'next';
      }
    },
    async () => {
      const resolved = resolveQuery({ ...draftQuery(draft), viewBy: undefined }, context);
      const allowed = resolved.allowedViewBy;
      const chosen = draft.viewBy && allowed.includes(draft.viewBy) ? draft.viewBy : allowed[0];
      const items = allowed.map<PickItem<ViewBy>>((viewBy, i) => ({
        label: `By ${viewBy}`,
        description: viewBy === allowed[0] ? 'finest this period allows' : undefined,
        // A DST change can move the day or month limit by a day: say why a resolution is missing.
        detail: i === 0 ? resolved.viewByNote : undefined,
        value: viewBy,
        picked: viewBy === chosen,
      }));
      const answer = await ui.pickOne(step(4, `Show customers helped per… (a ${resolved.current.days}-day period allows ${allowed.join(', ')})`), items);
      if (answer === BACK || answer === undefined) return outcome(answer);
      draft.viewBy = answer;
      return 'next';
    },
    async () => {
      const items = mailboxes().then((list) =>
        list.map<PickItem<number>>((mailbox) => ({ label: mailbox.name, description: mailbox.email, value: mailbox.id, picked: draft.mailboxes.includes(mailbox.id) })),
      );
      const answer = await ui.pickMany(step(5, 'Only some inboxes? Select none for all inboxes'), items);
      if (answer === BACK || answer === undefined) return outcome(answer);
      const list = await mailboxes();
      draft.mailboxes = answer;
      draft.labels.mailboxes = labelsFor(answer, list);
      // Folders belong to inboxes: drop folders of inboxes no longer chosen.
      if (answer.length === 0) draft.folders = [];
      return 'next';
    },
    async () => {
      if (draft.mailboxes.length === 0) return 'skip';
      const chosen = (await mailboxes()).filter((m) => draft.mailboxes.includes(m.id));
      const folderLists = Promise.all(chosen.map(async (mailbox) => ({ mailbox, folders: await client.listFolders(mailbox.id) })));
      const items = folderLists.then((lists) =>
        lists.flatMap(({ mailbox, folders }) =>
          folders.map<PickItem<number>>((folder) => ({ label: folder.name, description: mailbox.name, value: folder.id, picked: draft.folders.includes(folder.id) })),
        ),
      );
      const answer = await ui.pickMany(step(6, 'Only some folders? Select none for all folders'), items);
      if (answer === BACK || answer === undefined) return outcome(answer);
      const all = (await folderLists).flatMap(({ mailbox, folders }) => folders.map((f) => ({ id: f.id, name: `${mailbox.name} › ${f.name}` })));
      draft.folders = answer;
      draft.labels.folders = labelsFor(answer, all);
      return 'next';
    },
    async () => {
      const items = tags().then((list) => list.map<PickItem<number>>((tag) => ({ label: tag.name, value: tag.id, picked: draft.tags.includes(tag.id) })));
      const answer = await ui.pickMany(step(7, 'Only conversations with some tags? Select none for any tag'), items);
      if (answer === BACK || answer === undefined) return outcome(answer);
      draft.tags = answer;
      draft.labels.tags = labelsFor(answer, await tags());
      return 'next';
    },
    async () => {
      const items = CONVERSATION_TYPES.map<PickItem<ConversationType>>((type) => ({ label: TYPE_LABELS[type], value: type, picked: draft.types.includes(type) }));
      const answer = await ui.pickMany(step(8, 'Only some conversation types? Select none for all'), items);
      if (answer === BACK || answer === undefined) return outcome(answer);
      draft.types = answer;
      return 'next';
    },
    async () => {
      const answer = await ui.input(step(9, ''), {
        prompt: 'Name this report',
        value: draft.name ?? suggestName(draft),
        validate: (text) => nameProblem(text),
      });
      if (answer === BACK || answer === undefined) return outcome(answer);
      draft.name = answer.trim();
      return 'next';
    },
  ];

  const history: number[] = [];
  let index = 0;
  while (index < steps.length) {
    const result = await steps[index]!();
    if (result === 'cancel') return undefined;
    if (result === 'back') {
      index = history.pop() ?? 0;
      continue;
    }
    if (result === 'next') history.push(index);
    index += 1;
  }
  const query = draftQuery(draft);
  const problems = validateQuery(query, context);
  if (problems.length > 0) {
    throw new Error(problems.map((p) => `${p.field}: ${p.allowed}`).join('; '));
  }
  return { name: draft.name ?? suggestName(draft), query };
}

function outcome(answer: Back | undefined): StepOutcome {
  return answer === BACK ? 'back' : 'cancel';
}

function draftQuery(draft: Draft): ReportQuery {
  const query: ReportQuery = {
    metric: draft.metric,
    subject: draft.subject ?? { kind: 'user', userId: 0 },
    range: draft.range ?? { kind: 'preset', preset: 'last30Days' },
    comparison: draft.comparison ?? { kind: 'none' },
  };
  if (draft.viewBy) query.viewBy = draft.viewBy;
  if (draft.mailboxes.length) query.mailboxes = [...draft.mailboxes];
  if (draft.folders.length) query.folders = [...draft.folders];
  if (draft.tags.length) query.tags = [...draft.tags];
  if (draft.types.length) query.types = [...draft.types];
  const labels: NonNullable<ReportQuery['labels']> = {};
  if (draft.mailboxes.length) labels.mailboxes = draft.labels.mailboxes;
  if (draft.folders.length) labels.folders = draft.labels.folders;
  if (draft.tags.length) labels.tags = draft.labels.tags;
  if (Object.keys(labels).length) query.labels = labels;
  return query;
}

/** Asks for a start and an end date, each checked as it is typed. */
async function askDateRange(
  ui: FlowUI,
  step: StepInfo,
  what: 'range' | 'comparison',
  initial: { start: string; end: string } | undefined,
  problems: (candidate: { kind: 'absolute'; start: string; end: string }) => string | undefined,
): Promise<{ kind: 'absolute'; start: string; end: string } | Back | undefined> {
  const noun = what === 'range' ? 'the period' : 'the comparison period';
  const dateShape = (text: string) => (/^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? undefined : 'Type a date as yyyy-MM-dd, e.g. 2026-10-01.');
  for (;;) {
    const start = await ui.input({ ...step, placeholder: 'yyyy-MM-dd' }, {
      prompt: `First day of ${noun} (yyyy-MM-dd)`,
      value: initial?.start,
      validate: (text) => dateShape(text) ?? problems({ kind: 'absolute', start: text.trim(), end: text.trim() }),
    });
    if (start === BACK || start === undefined) return start;
    const end = await ui.input({ ...step, placeholder: 'yyyy-MM-dd' }, {
      prompt: `Last day of ${noun}, inclusive (yyyy-MM-dd); it starts ${start.trim()}`,
      value: initial?.end,
      validate: (text) => dateShape(text) ?? problems({ kind: 'absolute', start: start.trim(), end: text.trim() }),
    });
    if (end === undefined) return undefined;
    if (end === BACK) continue;
    return { kind: 'absolute', start: start.trim(), end: end.trim() };
  }
}

function problemsFor(query: ReportQuery, context: ResolveContext, fieldPrefix: string): string | undefined {
  const relevant = validateQuery(query, context).filter((p) => p.field.startsWith(fieldPrefix) || p.field === 'viewBy');
  const first = relevant.find((p) => p.field !== 'viewBy') ?? undefined;
  return first ? `${first.field}: ${first.value} is not allowed — ${first.allowed}` : undefined;
}

/** Names are remembered for labels only; API text is made to fit the stored rules. */
function labelsFor(ids: number[], list: Array<{ id: number; name: string }>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const id of ids) {
    const found = list.find((item) => item.id === id);
    if (found) labels[String(id)] = toSafeLabel(found.name, MAX_TEXT_LENGTH, `#${id}`);
  }
  return labels;
}

function fullName(user: { firstName?: string; lastName?: string; email?: string; id: number }): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email || '';
  return toSafeLabel(name, MAX_TEXT_LENGTH, `User ${user.id}`);
}

function suggestName(draft: Draft): string {
  const who = draft.subject ? subjectLabel(draft.subject) : 'Report';
  const period = draft.range?.kind === 'preset' ? describePreset(draft.range.preset) : draft.range ? `${draft.range.start} → ${draft.range.end}` : '';
  return toSafeLabel(`${who} · ${period}`, MAX_QUERY_NAME_LENGTH, 'Report');
}

/**
 * The description of a comparison in the picker ("Sep 2 – Oct 1, 2026", with "30 days vs 31" when
 * the lengths differ), or undefined when the current range cannot be compared that way (the
 * previous calendar period needs a calendar preset; no comparison may leave no shared viewBy).
 */
function comparisonOffer(comparison: Exclude<Comparison, { kind: 'custom' }>, query: ReportQuery, context: ResolveContext): string | undefined {
  if (comparison.kind === 'none') return '';
  let resolved;
  try {
    resolved = resolveQuery({ ...query, comparison, viewBy: undefined }, context);
  } catch {
    return undefined;
  }
  const previous = resolved.previous;
  if (!previous) return undefined;
  const dates = describeDateRange(previous.start, previous.end, context.timeZone);
  return previous.days === resolved.current.days ? dates : `${dates} · ${resolved.current.days} days vs ${previous.days}`;
}

/** The store's own rule, shown while typing so Enter is never refused later. */
export function nameProblem(text: string): string | undefined {
  const check = checkQueryName(text);
  return check.ok ? undefined : `The name must be ${check.problem.allowed}.`;
}
