import type { HelpScoutClient } from '../core/client';
import { comparisonChoice, describeDateRange, describePreset, describeRange } from '../core/describe';
import { naturalCollator, sortByName } from '../core/naturalOrder';
import { resolvePeriods } from '../core/period';
import { sayProblem } from '../core/problemWords';
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
import { COMPANY_METRICS, METRICS, REPORT_SERIES, type Metric } from '../core/reportSeries';
import { resolveQuery } from '../core/resolve';
import type { Folder, HelpScoutUser, Mailbox, Tag } from '../core/resources';
import { MAX_QUERY_NAME_LENGTH, checkQueryName, toSafeLabel } from '../core/savedQueryEntry';
import { MAX_TEAM_SIZE, MIN_TEAM_SIZE, subjectLabel, subjectWords, type ReportSubject, type TeamMember } from '../core/subject';
import { MAX_TEXT_LENGTH, validateQuery } from '../core/validate';
import { BACK, type Back, type FlowUI, type PickItem, type StepInfo } from './flow';

/** What the flow produces: a name and a validated query. */
export interface QueryDraftResult {
  name: string;
  query: ReportQuery;
}

export interface Draft {
  metric: Metric;
  /** Undefined until someone is picked: a person, several, an inbox's people or the whole company. */
  subject?: ReportSubject;
  range: DateRange;
  comparison: Comparison;
  /** Undefined: the finest the period allows. */
  viewBy?: ViewBy;
  mailboxes: number[];
  folders: number[];
  tags: number[];
  types: ConversationType[];
  labels: { mailboxes: Record<string, string>; folders: Record<string, string>; tags: Record<string, string> };
  /** The inbox each folder seen in this flow belongs to, so changing inboxes drops only theirs. */
  folderInbox: Map<number, number>;
  /** Set once the person types a name; until then the name follows the query. */
  typedName?: string;
}

/** What every step sees. */
export interface FlowState {
  ui: FlowUI;
  client: HelpScoutClient;
  context: ResolveContext;
  draft: Draft;
  title: string;
  meId?: number;
  locale?: string;
  collator: Intl.Collator;
  lists: {
    users(): Promise<HelpScoutUser[]>;
    /** The people of one inbox (GET /v2/users?mailbox=). */
    inboxUsers(mailboxId: number): Promise<HelpScoutUser[]>;
    mailboxes(): Promise<Mailbox[]>;
    tags(): Promise<Tag[]>;
    folders(mailboxId: number): Promise<Folder[]>;
  };
}

export type StepOutcome = 'next' | 'back' | 'cancel';
export type Step = (flow: FlowState, info: StepInfo) => Promise<StepOutcome>;

/**
 * One line of the review step: a choice in words and the step that changes it. A new choice
 * (a metric, several users) is one more entry in REVIEW_CHOICES.
 */
export interface ReviewChoice {
  /** The query field a validation problem names, to open the right step ("range", "viewBy"). */
  field: string;
  label: string;
  describe(flow: FlowState): string;
  /** Dimmed words after the value, e.g. that the name follows the query. */
  note?(flow: FlowState): string | undefined;
  edit: Step;
}

const TYPE_LABELS: Record<ConversationType, string> = { email: 'Email', chat: 'Chat', phone: 'Phone' };
const FILTERS_TITLE = 'Filters';

/**
 * "New Report" / "Edit Report": user and period, then a review of the whole query with Create
 * report first, so the settings' defaults are three Enters away. Every other choice is a line of
 * the review; "Add filters…" walks inboxes, folders, tags and types. Edit opens on the review.
 * Back works on every step; Escape returns undefined and changes nothing.
 */
export async function runQueryFlow(options: {
  ui: FlowUI;
  client: HelpScoutClient;
  context: ResolveContext;
  defaults: { period: DateRange; comparison: Comparison };
  title: string;
  initial?: { name: string; query: ReportQuery };
  meId?: number;
  /** The display language, for sorting names. */
  locale?: string;
}): Promise<QueryDraftResult | undefined> {
  const flow: FlowState = {
    ui: options.ui,
    client: options.client,
    context: options.context,
    draft: initialDraft(options.initial?.query, options.defaults),
    title: options.title,
    meId: options.meId,
    locale: options.locale,
    collator: naturalCollator(options.locale),
    lists: loaders(options.client),
  };
  if (options.initial && options.initial.name !== suggestName(flow.draft, options.locale)) flow.draft.typedName = options.initial.name;

  // The short path: its steps, then the review as its last step. Edit starts on the review.
  const path: Step[] = options.initial ? [] : [userStep, periodStep];
  const total = path.length + 1;
  let index = 0;
  for (;;) {
    const step = path[index];
    if (step) {
      const outcome = await step(flow, { title: flow.title, step: index + 1, totalSteps: total });
      if (outcome === 'cancel') return undefined;
      index = outcome === 'back' ? Math.max(0, index - 1) : index + 1;
      continue;
    }
    const info: StepInfo = path.length > 0 ? { title: flow.title, step: total, totalSteps: total } : { title: flow.title, back: false };
    const outcome = await reviewStep(flow, info, options.initial ? 'Save changes' : 'Create report');
    if (outcome === 'cancel') return undefined;
    if (outcome === 'back') {
      index = path.length - 1;
      continue;
    }
    return finished(flow);
  }
}

export const REVIEW_CHOICES: ReviewChoice[] = [
  { field: 'subject', label: 'Who', describe: (flow) => userWords(flow), edit: userStep },
  { field: 'range', label: 'Period', describe: (flow) => describeRange(flow.draft.range, flow.locale), edit: periodStep },
  { field: 'metric', label: 'Metric', describe: (flow) => REPORT_SERIES[flow.draft.metric].label, edit: metricStep },
  { field: 'comparison', label: 'Comparison', describe: (flow) => comparisonWords(flow.draft.comparison, flow.draft.range, flow.locale), edit: comparisonStep },
  { field: 'viewBy', label: 'View by', describe: viewByWords, edit: viewByStep },
  { field: 'mailboxes', label: 'Inboxes', describe: (flow) => namesOr(flow.draft.mailboxes, flow.draft.labels.mailboxes, 'All inboxes'), edit: mailboxStep },
  { field: 'folders', label: 'Folders', describe: (flow) => namesOr(flow.draft.folders, flow.draft.labels.folders, 'All folders'), edit: folderStep },
  { field: 'tags', label: 'Tags', describe: (flow) => namesOr(flow.draft.tags, flow.draft.labels.tags, 'All tags'), edit: tagStep },
  {
    field: 'types',
    label: 'Types',
    describe: (flow) => (flow.draft.types.length === 0 ? 'All types' : flow.draft.types.map((t) => TYPE_LABELS[t]).join(', ')),
    edit: typeStep,
  },
  {
    field: 'name',
    label: 'Name',
    describe: (flow) => currentName(flow),
    note: (flow) => (flow.draft.typedName === undefined ? 'suggested, follows your choices' : undefined),
    edit: nameStep,
  },
];

const FILTER_STEPS: Step[] = [mailboxStep, folderStep, tagStep, typeStep];

type ReviewAnswer = { create: true } | { choice: ReviewChoice } | { filters: true };

async function reviewStep(flow: FlowState, info: StepInfo, createLabel: string): Promise<'create' | 'back' | 'cancel'> {
  for (;;) {
    keepViewByAllowed(flow.draft, flow.context);
    const problems = validateQuery(draftQuery(flow.draft), flow.context);
    const problem = problems[0];
    const items: PickItem<ReviewAnswer>[] = [
      problem
        ? { label: createLabel, icon: 'warning', description: 'not yet', detail: sayProblem(problem), value: { create: true } }
        : { label: createLabel, icon: 'check', description: currentName(flow), value: { create: true }, picked: true },
      ...REVIEW_CHOICES.map<PickItem<ReviewAnswer>>((choice) => ({
        label: `${choice.label}: ${choice.describe(flow)}`,
        description: choice.note?.(flow),
        value: { choice },
      })),
      { label: 'Add filters…', description: 'inboxes, folders, tags, types', value: { filters: true } },
    ];
    const answer = await flow.ui.pickOne({ ...info, placeholder: `Press Enter to ${createLabel.toLowerCase()}, or pick a line to change it` }, items);
    if (answer === BACK) return 'back';
    if (answer === undefined) return 'cancel';
    let outcome: StepOutcome;
    if ('create' in answer) {
      if (!problem) return 'create';
      // Open the step that can fix what stands in the way.
      const fixer = REVIEW_CHOICES.find((choice) => problem.field === choice.field || problem.field.startsWith(`${choice.field}.`)) ?? REVIEW_CHOICES[1]!;
      outcome = await fixer.edit(flow, { title: `${flow.title} › ${fixer.label}`, back: true });
    } else if ('choice' in answer) {
      outcome = await answer.choice.edit(flow, { title: `${flow.title} › ${answer.choice.label}`, back: true });
    } else {
      outcome = await walk(FILTER_STEPS, flow, `${flow.title} › ${FILTERS_TITLE}`);
    }
    if (outcome === 'cancel') return 'cancel';
  }
}

/** Runs steps in order with a steady counter; Back from the first returns 'back'. */
async function walk(steps: Step[], flow: FlowState, title: string): Promise<StepOutcome> {
  let index = 0;
  while (index < steps.length) {
    const outcome = await steps[index]!(flow, { title, step: index + 1, totalSteps: steps.length, back: true });
    if (outcome === 'cancel') return 'cancel';
    if (outcome === 'back') {
      if (index === 0) return 'back';
      index -= 1;
    } else index += 1;
  }
  return 'next';
}

function finished(flow: FlowState): QueryDraftResult {
  const query = draftQuery(flow.draft);
  // The finest view is saved explicitly, so the report keeps it when the period changes later.
  if (!query.viewBy) query.viewBy = allowedViewBys(flow.draft, flow.context)[0];
  const problems = validateQuery(query, flow.context);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.field}: ${p.allowed}`).join('; '));
  return { name: currentName(flow), query };
}

// --- steps ---------------------------------------------------------------------------------------

/** What the user step asks about, for the metric chosen (a new report starts on customers helped). */
const WHOSE: Record<Metric, string> = { customersHelped: 'customers', replies: 'replies', resolutions: 'resolutions' };

/** The user step's rows: the company, a team of several, an inbox's people, or one person. */
type WhoAnswer = number | 'company' | 'several' | 'inbox';

async function userStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft } = flow;
  for (;;) {
    const subject = draft.subject;
    const items = () =>
      flow.lists.users().then((list) => {
        // A new report starts on the person at the keyboard, so Enter picks "(you)": one person stays one Enter.
        const people = personItems(flow, list, (user) => (subject === undefined ? user.id === flow.meId : subject.kind === 'user' && user.id === subject.userId));
        const groups: PickItem<WhoAnswer>[] = [
          {
            label: 'Several people…',
            description: subject?.kind === 'users' ? subjectWords(subject) : `${MIN_TEAM_SIZE} to ${MAX_TEAM_SIZE} people side by side`,
            value: 'several',
            picked: subject?.kind === 'users',
          },
          {
            label: 'Everyone in an inbox…',
            description: subject?.kind === 'inbox' ? subjectLabel(subject) : 'the people of one inbox, looked up each time the report loads',
            value: 'inbox',
            picked: subject?.kind === 'inbox',
          },
        ];
        // Help Scout has a company-wide figure for some metrics only.
        if (!COMPANY_METRICS.includes(draft.metric)) return [...groups, ...people];
        const company: ReportSubject = { kind: 'company' };
        return [{ label: subjectLabel(company), description: 'Unique customers across all users', value: 'company' as const, picked: subject?.kind === 'company' }, ...groups, ...people];
      });
    const answer = await flow.ui.pickOne<WhoAnswer>({ ...info, placeholder: `Whose ${WHOSE[draft.metric]}? Pick a person, several people or an inbox` }, items);
    if (answer === BACK || answer === undefined) return outcome(answer);
    if (answer === 'company') {
      draft.subject = { kind: 'company' };
      return 'next';
    }
    if (answer === 'several' || answer === 'inbox') {
      // Back from either returns here, to the same counter.
      const chosen = await (answer === 'several' ? peopleStep : inboxStep)(flow, { ...info, back: true });
      if (chosen === 'back') continue;
      return chosen;
    }
    draft.subject = personSubject(answer, await flow.lists.users());
    return 'next';
  }
}

/** Several people by name; exactly one makes a one-person report. */
async function peopleStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft } = flow;
  const subject = draft.subject;
  // The report's people as saved: someone no longer listed by the API stays a row, so reopening this step drops no one silently.
  const saved: TeamMember[] = subject?.kind === 'users' ? subject.users : subject?.kind === 'user' ? [{ id: subject.userId, name: subject.userName }] : [];
  let selected = new Set(saved.map((member) => member.id));
  let placeholder = `Pick ${MIN_TEAM_SIZE} to ${MAX_TEAM_SIZE} people to compare (just one: a one-person report)`;
  const items = () =>
    flow.lists.users().then((list) => [
      ...personItems(flow, list, (user) => selected.has(user.id)),
      ...saved
        .filter((member) => !list.some((user) => user.id === member.id))
        .map<PickItem<number>>((member) => ({ label: member.name ?? `User ${member.id}`, description: 'not among your account’s users now', value: member.id, picked: selected.has(member.id) })),
    ]);
  for (;;) {
    const answer = await flow.ui.pickMany({ ...info, placeholder }, items);
    if (answer === BACK || answer === undefined) return outcome(answer);
    selected = new Set(answer);
    if (answer.length === 0) {
      placeholder = 'No one is selected: pick at least one person, or go Back';
      continue;
    }
    if (answer.length > MAX_TEAM_SIZE) {
      // Said before anything is saved or loaded: the store would refuse the team anyway.
      placeholder = `People: at most ${MAX_TEAM_SIZE} in one report, and ${answer.length} are selected. Unselect ${answer.length - MAX_TEAM_SIZE} to go on`;
      continue;
    }
    const users = await flow.lists.users();
    const members = answer.map<TeamMember>((id) => {
      const user = users.find((u) => u.id === id);
      const name = user ? fullName(user) : saved.find((member) => member.id === id)?.name;
      return name === undefined ? { id } : { id, name };
    });
    const [one] = members;
    if (one && members.length === 1) draft.subject = one.name === undefined ? { kind: 'user', userId: one.id } : { kind: 'user', userId: one.id, userName: one.name };
    else draft.subject = { kind: 'users', users: members };
    return 'next';
  }
}

/** Everyone in one inbox: the inbox, then who is in it today, so an empty inbox is said at once. */
async function inboxStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft } = flow;
  let current = draft.subject?.kind === 'inbox' ? draft.subject.mailboxId : undefined;
  for (;;) {
    const items = () => flow.lists.mailboxes().then((list) => mailboxItems(flow, list, (id) => id === current));
    const answer = await flow.ui.pickOne({ ...info, placeholder: 'Everyone in which inbox? Its people are looked up each time the report loads' }, items);
    if (answer === BACK || answer === undefined) return outcome(answer);
    current = answer;
    const mailbox = (await flow.lists.mailboxes()).find((m) => m.id === answer);
    const subject: ReportSubject = mailbox
      ? { kind: 'inbox', mailboxId: answer, mailboxName: toSafeLabel(mailbox.name, MAX_TEXT_LENGTH, `inbox ${answer}`) }
      : { kind: 'inbox', mailboxId: answer };
    const confirmed = await inboxPeopleStep(flow, info, subject);
    if (confirmed === 'cancel') return 'cancel';
    if (confirmed === 'back') continue;
    draft.subject = subject;
    return 'next';
  }
}

/** One row: who is in the inbox now (Enter takes it), or that nobody is (Enter picks another). */
async function inboxPeopleStep(flow: FlowState, info: StepInfo, subject: Extract<ReportSubject, { kind: 'inbox' }>): Promise<StepOutcome> {
  const inbox = subject.mailboxName ?? `inbox ${subject.mailboxId}`;
  const items = () =>
    flow.lists.inboxUsers(subject.mailboxId).then<PickItem<'next' | 'back'>[]>((list) => {
      if (list.length === 0) return [{ label: `${inbox} has no users`, detail: 'Press Enter to pick another inbox.', value: 'back', picked: true }];
      const team: ReportSubject = { kind: 'users', users: sortByName(list, fullName, flow.collator).map((user) => ({ id: user.id, name: fullName(user) })) };
      const over = list.length > MAX_TEAM_SIZE ? ` A report shows the first ${MAX_TEAM_SIZE}.` : '';
      return [{ label: subjectLabel(subject), description: `${list.length} ${list.length === 1 ? 'person' : 'people'} today`, detail: `${subjectWords(team)}.${over}`, value: 'next', picked: true }];
    });
  const answer = await flow.ui.pickOne({ ...info, placeholder: `Who works in ${inbox} today` }, items);
  if (answer === BACK || answer === undefined) return outcome(answer);
  return answer;
}

async function metricStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft } = flow;
  // The whole company has a figure for some metrics only; the others need people.
  const offered = draft.subject?.kind === 'company' ? COMPANY_METRICS : METRICS;
  const items = offered.map<PickItem<Metric>>((metric) => ({
    label: REPORT_SERIES[metric].label,
    detail: REPORT_SERIES[metric].counting,
    value: metric,
    picked: metric === draft.metric,
  }));
  const answer = await flow.ui.pickOne({ ...info, placeholder: 'What should the report count?' }, items);
  if (answer === BACK || answer === undefined) return outcome(answer);
  draft.metric = answer;
  return 'next';
}

async function periodStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft, context } = flow;
  const current = draft.range;
  const items: PickItem<DateRange | 'custom'>[] = RANGE_PRESETS.map((preset) => ({
    label: describePreset(preset),
    value: { kind: 'preset', preset } as DateRange,
    picked: current.kind === 'preset' && current.preset === preset,
  }));
  items.push({
    label: 'Custom range…',
    description: current.kind === 'absolute' ? describeRange(current, flow.locale) : 'Pick start and end dates',
    value: 'custom',
    picked: current.kind === 'absolute',
  });
  for (;;) {
    const answer = await flow.ui.pickOne({ ...info, placeholder: 'Which period?' }, items);
    if (answer === BACK || answer === undefined) return outcome(answer);
    if (answer !== 'custom') {
      draft.range = answer;
      return 'next';
    }
    const range = await askDateRange(flow.ui, info, 'range', current.kind === 'absolute' ? current : undefined, (candidate) =>
      problemsFor({ ...draftQuery(draft), range: candidate, comparison: { kind: 'none' }, viewBy: undefined }, context, 'range'),
    );
    if (range === undefined) return 'cancel';
    if (range === BACK) continue;
    draft.range = range;
    return 'next';
  }
}

async function comparisonStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft, context } = flow;
  const current = draft.comparison;
  const range = draft.range;
  const items: PickItem<Comparison | 'custom'>[] = [];
  for (const kind of COMPARISON_KINDS) {
    const comparison = { kind } as Exclude<Comparison, { kind: 'custom' }>;
    const offered = comparisonOffer(comparison, draftQuery(draft), context, flow.locale);
    if (offered === undefined) continue;
    items.push({ label: comparisonChoice(comparison, range), description: offered || undefined, value: comparison, picked: current.kind === kind });
  }
  // The custom range goes just before "No comparison", the last of COMPARISON_KINDS.
  items.splice(items.length - 1, 0, {
    label: 'Compared with a custom range…',
    value: 'custom',
    picked: current.kind === 'custom',
    description: current.kind === 'custom' ? comparisonWords(current, range, flow.locale) : undefined,
  });
  // A saved comparison the new period cannot have (the previous month of "last 30 days") falls back to the first.
  if (!items.some((item) => item.picked) && items[0]) items[0].picked = true;
  for (;;) {
    const answer = await flow.ui.pickOne({ ...info, placeholder: 'Compare against?' }, items);
    if (answer === BACK || answer === undefined) return outcome(answer);
    if (answer !== 'custom') {
      draft.comparison = answer;
      return 'next';
    }
    const range = await askDateRange(flow.ui, info, 'comparison', current.kind === 'custom' ? current : undefined, (candidate) =>
      problemsFor({ ...draftQuery(draft), comparison: { kind: 'custom', start: candidate.start, end: candidate.end }, viewBy: undefined }, context, 'comparison'),
    );
    if (range === undefined) return 'cancel';
    if (range === BACK) continue;
    draft.comparison = { kind: 'custom', start: range.start, end: range.end };
    return 'next';
  }
}

async function viewByStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft } = flow;
  const resolved = resolveQuery({ ...draftQuery(draft), viewBy: undefined }, flow.context);
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
  const what = REPORT_SERIES[draft.metric].label.toLowerCase();
  const answer = await flow.ui.pickOne({ ...info, placeholder: `Show ${what} per… (a ${resolved.current.days}-day period allows ${allowed.join(', ')})` }, items);
  if (answer === BACK || answer === undefined) return outcome(answer);
  draft.viewBy = answer;
  return 'next';
}

async function mailboxStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft } = flow;
  const items = () => flow.lists.mailboxes().then((list) => mailboxItems(flow, list, (id) => draft.mailboxes.includes(id)));
  const answer = await flow.ui.pickMany({ ...info, placeholder: 'Only some inboxes? Select none for all inboxes' }, items);
  if (answer === BACK || answer === undefined) return outcome(answer);
  draft.mailboxes = answer;
  draft.labels.mailboxes = labelsFor(answer, await flow.lists.mailboxes());
  // Folders belong to inboxes: keep only those of inboxes still chosen.
  draft.folders = answer.length === 0 ? [] : draft.folders.filter((id) => answer.includes(draft.folderInbox.get(id) ?? -1));
  draft.labels.folders = pick(draft.labels.folders, draft.folders);
  return 'next';
}

async function folderStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft } = flow;
  const placeholder = 'Only some folders? Select none for all folders';
  if (draft.mailboxes.length === 0) {
    return nothingToOffer(flow, { ...info, placeholder }, 'All folders', 'Folders belong to inboxes: choose some inboxes first to pick their folders.');
  }
  const lists = async () => {
    const chosen = (await flow.lists.mailboxes()).filter((m) => draft.mailboxes.includes(m.id));
    return Promise.all(chosen.map(async (mailbox) => ({ mailbox, folders: await flow.lists.folders(mailbox.id) })));
  };
  let loaded: Awaited<ReturnType<typeof lists>> = [];
  const items = async () => {
    loaded = await lists();
    return loaded.flatMap(({ mailbox, folders }) =>
      sortByName(folders, (f) => f.name, flow.collator).map<PickItem<number>>((folder) => ({
        label: folder.name,
        description: mailbox.name,
        value: folder.id,
        picked: draft.folders.includes(folder.id),
      })),
    );
  };
  // Load first, so an empty list becomes a sentence instead of a blank step.
  let offered: PickItem<number>[] | (() => Promise<PickItem<number>[]>);
  try {
    offered = await items();
  } catch (error) {
    // The step shows this failure with Retry, which loads again.
    let failure: unknown = error;
    offered = () => (failure === undefined ? items() : Promise.reject(failure).finally(() => (failure = undefined)));
  }
  if (Array.isArray(offered) && offered.length === 0) {
    const none = draft.mailboxes.length === 1 ? 'This inbox has no folders' : 'These inboxes have no folders';
    return nothingToOffer(flow, { ...info, placeholder }, none, 'Press Enter to go on; the report counts the whole inbox.');
  }
  const answer = await flow.ui.pickMany({ ...info, placeholder }, offered);
  if (answer === BACK || answer === undefined) return outcome(answer);
  const all = loaded.flatMap(({ mailbox, folders }) => folders.map((f) => ({ id: f.id, name: `${mailbox.name} › ${f.name}`, inbox: mailbox.id })));
  for (const folder of all) draft.folderInbox.set(folder.id, folder.inbox);
  draft.folders = answer;
  draft.labels.folders = labelsFor(answer, all);
  return 'next';
}

async function tagStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft } = flow;
  const items = () =>
    flow.lists.tags().then((list) =>
      sortByName(list, (t) => t.name, flow.collator).map<PickItem<number>>((tag) => ({ label: tag.name, value: tag.id, picked: draft.tags.includes(tag.id) })),
    );
  const answer = await flow.ui.pickMany({ ...info, placeholder: 'Only conversations with some tags? Select none for any tag' }, items);
  if (answer === BACK || answer === undefined) return outcome(answer);
  draft.tags = answer;
  draft.labels.tags = labelsFor(answer, await flow.lists.tags());
  return 'next';
}

async function typeStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const { draft } = flow;
  const items = CONVERSATION_TYPES.map<PickItem<ConversationType>>((type) => ({ label: TYPE_LABELS[type], value: type, picked: draft.types.includes(type) }));
  const answer = await flow.ui.pickMany({ ...info, placeholder: 'Only some conversation types? Select none for all' }, items);
  if (answer === BACK || answer === undefined) return outcome(answer);
  draft.types = answer;
  return 'next';
}

async function nameStep(flow: FlowState, info: StepInfo): Promise<StepOutcome> {
  const suggestion = suggestName(flow.draft, flow.locale);
  const answer = await flow.ui.input(info, { prompt: 'Name this report', value: currentName(flow), validate: nameProblem });
  if (answer === BACK || answer === undefined) return outcome(answer);
  const name = answer.trim();
  // Accepting the suggestion unchanged keeps it following the query.
  flow.draft.typedName = name === suggestion ? undefined : name;
  return 'next';
}

/** A step with nothing to pick says so in one row; Enter goes on. */
async function nothingToOffer(flow: FlowState, info: StepInfo, label: string, detail: string): Promise<StepOutcome> {
  const answer = await flow.ui.pickOne(info, [{ label, detail, value: 'next' as const, picked: true }]);
  if (answer === BACK || answer === undefined) return outcome(answer);
  return 'next';
}

// --- the draft -----------------------------------------------------------------------------------

function initialDraft(query: ReportQuery | undefined, defaults: { period: DateRange; comparison: Comparison }): Draft {
  return {
    metric: query?.metric ?? 'customersHelped',
    subject: query?.subject,
    range: query?.range ?? defaults.period,
    comparison: query?.comparison ?? defaults.comparison,
    viewBy: query?.viewBy,
    mailboxes: [...(query?.mailboxes ?? [])],
    folders: [...(query?.folders ?? [])],
    tags: [...(query?.tags ?? [])],
    types: [...(query?.types ?? [])],
    labels: {
      mailboxes: { ...query?.labels?.mailboxes },
      folders: { ...query?.labels?.folders },
      tags: { ...query?.labels?.tags },
    },
    folderInbox: new Map(),
  };
}

/** Lists are fetched once per flow and only when a step first needs them; a failure is not kept. */
function loaders(client: HelpScoutClient): FlowState['lists'] {
  const memo = <T>(load: () => Promise<T>) => {
    let value: Promise<T> | undefined;
    return () => {
      value ??= load().catch((error: unknown) => {
        value = undefined;
        throw error;
      });
      return value;
    };
  };
  const perInbox = <T>(load: (mailboxId: number) => Promise<T>) => {
    const loads = new Map<number, () => Promise<T>>();
    return (mailboxId: number) => {
      let loadOne = loads.get(mailboxId);
      if (!loadOne) loads.set(mailboxId, (loadOne = memo(() => load(mailboxId))));
      return loadOne();
    };
  };
  return {
    users: memo(() => client.listUsers()),
    inboxUsers: perInbox((mailbox) => client.listUsers({ mailbox })),
    mailboxes: memo(() => client.listMailboxes()),
    tags: memo(() => client.listTags()),
    folders: perInbox((mailboxId) => client.listFolders(mailboxId)),
  };
}

function draftQuery(draft: Draft): ReportQuery {
  const query: ReportQuery = {
    metric: draft.metric,
    subject: draft.subject ?? { kind: 'user', userId: 0 },
    range: draft.range,
    comparison: draft.comparison,
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

function allowedViewBys(draft: Draft, context: ResolveContext): ViewBy[] {
  const resolved = resolvePeriods({ range: draft.range, comparison: draft.comparison }, context);
  return resolved.ok ? resolved.periods.allowedViewBy : [];
}

/** A changed period may no longer allow the chosen view; it then falls back to the finest. */
function keepViewByAllowed(draft: Draft, context: ResolveContext): void {
  const allowed = allowedViewBys(draft, context);
  if (draft.viewBy && allowed.length > 0 && !allowed.includes(draft.viewBy)) draft.viewBy = undefined;
}

function viewByWords(flow: FlowState): string {
  const viewBy = flow.draft.viewBy;
  if (viewBy) return `By ${viewBy}`;
  const finest = allowedViewBys(flow.draft, flow.context)[0];
  return finest ? `By ${finest} (the finest this period allows)` : 'The finest this period allows';
}

function userWords(flow: FlowState): string {
  const subject = flow.draft.subject;
  if (subject === undefined) return 'not chosen';
  const name = subjectWords(subject);
  return subject.kind === 'user' && subject.userId === flow.meId ? `${name} (you)` : name;
}

/** "Compared with the previous period", "Compared with Sep 1 – 30, 2026", "No comparison". */
function comparisonWords(comparison: Comparison, range: DateRange, locale?: string): string {
  if (comparison.kind !== 'custom') return comparisonChoice(comparison, range);
  return `Compared with ${describeRange({ kind: 'absolute', start: comparison.start, end: comparison.end }, locale)}`;
}

/**
 * The description of a comparison in the picker ("Sep 2 – Oct 1, 2026", with "30 days vs 31" when
 * the lengths differ), or undefined when the current range cannot be compared that way (the
 * previous calendar period needs a calendar preset; no comparison may leave no shared viewBy).
 */
function comparisonOffer(comparison: Exclude<Comparison, { kind: 'custom' }>, query: ReportQuery, context: ResolveContext, locale?: string): string | undefined {
  if (comparison.kind === 'none') return '';
  let resolved;
  try {
    resolved = resolveQuery({ ...query, comparison, viewBy: undefined }, context);
  } catch {
    return undefined;
  }
  const previous = resolved.previous;
  if (!previous) return undefined;
  const dates = describeDateRange(previous.start, previous.end, context.timeZone, locale);
  return previous.days === resolved.current.days ? dates : `${dates} · ${resolved.current.days} days vs ${previous.days}`;
}

function namesOr(ids: number[], labels: Record<string, string>, all: string): string {
  if (ids.length === 0) return all;
  return ids.map((id) => (Object.prototype.hasOwnProperty.call(labels, String(id)) ? labels[String(id)] : `#${id}`)).join(', ');
}

function currentName(flow: FlowState): string {
  return flow.draft.typedName ?? suggestName(flow.draft, flow.locale);
}

/** "Maya Lindqvist · Last 30 days", "3 people · Oct 1 – 31, 2026", "Everyone in Billing · Last 7 days". */
export function suggestName(draft: Pick<Draft, 'subject' | 'range'>, locale?: string): string {
  const who = draft.subject ? subjectLabel(draft.subject) : 'Report';
  return toSafeLabel(`${who} · ${describeRange(draft.range, locale)}`, MAX_QUERY_NAME_LENGTH, 'Report');
}

// --- small pieces --------------------------------------------------------------------------------

function outcome(answer: Back | undefined): StepOutcome {
  return answer === BACK ? 'back' : 'cancel';
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
  const dateShape = (text: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? undefined : sayProblem({ field: `${what}.start`, value: text, allowed: 'a real date written yyyy-MM-dd' });
  const box = { ...step, placeholder: 'yyyy-MM-dd', back: true };
  for (;;) {
    const start = await ui.input(box, {
      prompt: `First day of ${noun} (yyyy-MM-dd)`,
      value: initial?.start,
      validate: (text) => dateShape(text) ?? problems({ kind: 'absolute', start: text.trim(), end: text.trim() }),
    });
    if (start === BACK || start === undefined) return start;
    const end = await ui.input(box, {
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
  const first = validateQuery(query, context).find((p) => p.field.startsWith(fieldPrefix));
  return first ? sayProblem(first) : undefined;
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

function pick(labels: Record<string, string>, ids: number[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const id of ids) if (Object.prototype.hasOwnProperty.call(labels, String(id))) kept[String(id)] = labels[String(id)]!;
  return kept;
}

/** The people of the user step and the multi-select: "(you)" first, then natural order. */
function personItems(flow: FlowState, list: HelpScoutUser[], picked: (user: HelpScoutUser) => boolean): PickItem<number>[] {
  return sortByName(list, fullName, flow.collator, (user) => user.id === flow.meId).map((user) => ({
    label: fullName(user) + (user.id === flow.meId ? ' (you)' : ''),
    description: user.email,
    value: user.id,
    picked: picked(user),
  }));
}

/** The inboxes of the inbox filter and of "Everyone in an inbox…", in natural order. */
function mailboxItems(flow: FlowState, list: Mailbox[], picked: (id: number) => boolean): PickItem<number>[] {
  return sortByName(list, (m) => m.name, flow.collator).map((mailbox) => ({ label: mailbox.name, description: mailbox.email, value: mailbox.id, picked: picked(mailbox.id) }));
}

function personSubject(userId: number, users: HelpScoutUser[]): ReportSubject {
  const user = users.find((u) => u.id === userId);
  return user ? { kind: 'user', userId, userName: fullName(user) } : { kind: 'user', userId };
}

function fullName(user: { firstName?: string; lastName?: string; email?: string; id: number }): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email || '';
  return toSafeLabel(name, MAX_TEXT_LENGTH, `User ${user.id}`);
}

/** The store's own rule, shown while typing so Enter is never refused later. */
export function nameProblem(text: string): string | undefined {
  const check = checkQueryName(text);
  return check.ok ? undefined : sayProblem(check.problem);
}
