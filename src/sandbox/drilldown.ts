/**
 * GET /v2/reports/user/drilldown's answer: the conversations behind a user's report for a range,
 * in Help Scout's documented shape (`{conversations: {count, page, pages, results}}`), newest
 * first. The conversations are exactly those the customers-helped report counts for the same
 * range and filters (the same `passes` rule), so the distinct customers of a bucket's drilldown
 * are that bucket's customers helped.
 *
 * The dataset stores only what the report needs; ids, numbers, subjects and the rest are derived
 * from the user and the conversation's position, so they are deterministic for a given day.
 */
import { CONVERSATION_TYPE_NAMES, lowerBound, type Dataset } from './dataset';
import { buildFilter, passes, type CustomersHelpedQuery } from './reportEngine';
import { formatWireDate } from './wireDate';

export const DEFAULT_DRILLDOWN_ROWS = 25;
export const MAX_DRILLDOWN_ROWS = 50;

export type DrilldownQuery = Omit<CustomersHelpedQuery, 'viewBy' | 'previous' | 'timeZone'> & { page: number; rows: number };

export interface DrilldownTag {
  id: number;
  name: string;
  color: string;
}

export interface DrilldownConversation {
  id: number;
  number: number;
  type: string;
  mailboxid: number;
  attachments: boolean;
  subject: string;
  status: string;
  threadCount: number;
  preview: string;
  customerName: string;
  customerEmail: string;
  customerIds: number[];
  modifiedAt: string;
  assignedid: number;
  assignedName: string;
  tags: DrilldownTag[];
}

export interface DrilldownBody {
  conversations: { count: number; page: number; pages: number; results: DrilldownConversation[] };
}

/** What customers write about; hostile-names mode swaps these for Dataset.subjects. */
export const SUBJECTS: readonly string[] = [
  'Invoice shows the wrong VAT number',
  'Cannot log in after password reset',
  'How do I export my data?',
  'Refund for a double charge',
  'Feature request: dark mode for the dashboard',
  'App crashes when I upload a photo',
  'Change the email address on my account',
  'Is there an API limit?',
  'Webhook not firing since yesterday',
  'Upgrade from Standard to Plus',
  'Two-factor code never arrives',
  'Sync with Google Calendar stopped',
  'Question about the annual plan',
  'Team member cannot see shared folders',
  'Cancel my subscription',
  'Android app stuck on the loading screen',
  'Receipt for last month, please',
  'Import from CSV skips rows',
  'Slow search results',
  'Where is the onboarding guide?',
];

const PREVIEWS: readonly string[] = [
  'Hi there, I tried again this morning and it still happens.',
  'Thanks for the quick reply! One more question though…',
  'Could you have a look at this when you get a chance?',
  'Following up on my earlier message.',
  'We are evaluating the product for our team of twelve.',
];

/** Help Scout's conversation status for the folder a conversation sits in. */
const STATUS_BY_FOLDER: Record<string, string> = {
  open: 'active',
  mytickets: 'pending',
  needsattention: 'active',
  drafts: 'active',
  assigned: 'pending',
  closed: 'closed',
  spam: 'spam',
};

/** A small integer hash (for picking subjects and the like), stable across runs. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 13)) >>> 0;
}

/** "anna.berg@x.example" → "Anna Berg"; digits and separators dropped. */
export function customerNameOf(email: string): string {
  const local = email.split('@')[0] ?? '';
  const words = local.split(/[._]/).map((w) => w.replace(/\d+/g, '')).filter((w) => w.length > 0);
  return words.map((w) => (w.length === 1 ? `${w.toUpperCase()}.` : w[0]!.toUpperCase() + w.slice(1))).join(' ') || email;
}

/** The drilldown page for a validated query. An unknown user yields no conversations. */
export function computeDrilldown(dataset: Dataset, query: DrilldownQuery): DrilldownBody {
  const userIndex = dataset.userIndex.get(query.userId) ?? -1;
  const user = dataset.users[userIndex];
  const t = dataset.timelines[userIndex];
  const matching: number[] = [];
  if (t) {
    const filter = buildFilter(dataset, query);
    const first = lowerBound(t.times, query.start);
    const last = lowerBound(t.times, query.end);
    for (let i = last - 1; i >= first; i--) if (passes(filter, t, i)) matching.push(i);
  }
  const count = matching.length;
  const pages = Math.max(1, Math.ceil(count / query.rows));
  const from = (query.page - 1) * query.rows;
  // Hostile-names mode cycles through its subjects in order, so any dozen conversations in a row show them all.
  const subjects = dataset.subjects ?? SUBJECTS;
  const subjectOf = (i: number, h: number) => subjects[(dataset.subjects ? i : h) % subjects.length] ?? '';
  const results = !t || !user
    ? []
    : matching.slice(from, from + query.rows).map((i): DrilldownConversation => {
        const time = t.times[i] ?? 0;
        const h = mix(userIndex, i);
        const email = dataset.customers[t.customers[i] ?? 0] ?? '';
        const folder = dataset.folders[t.folders[i] ?? 0];
        const tags = [t.tags[i * 3], t.tags[i * 3 + 1], t.tags[i * 3 + 2]]
          .filter((tag): tag is number => tag !== undefined && tag > 0)
          .map((tag) => dataset.tags[tag - 1])
          .filter((tag) => tag !== undefined)
          .map((tag) => ({ id: tag.id, name: tag.name, color: tag.color }));
        return {
          id: 300_000_000 + userIndex * 1_000_000 + i,
          number: 100_000 + i * 16 + userIndex,
          type: CONVERSATION_TYPE_NAMES[t.types[i] ?? 0] ?? 'email',
          mailboxid: dataset.mailboxes[t.mailboxes[i] ?? 0]?.id ?? 0,
          attachments: h % 7 === 0,
          subject: subjectOf(i, h),
          status: STATUS_BY_FOLDER[folder?.type ?? 'closed'] ?? 'closed',
          threadCount: 1 + (h % 6),
          preview: PREVIEWS[(h >>> 8) % PREVIEWS.length] ?? '',
          customerName: customerNameOf(email),
          customerEmail: email,
          customerIds: [1_000 + (t.customers[i] ?? 0)],
          modifiedAt: formatWireDate(Math.min(dataset.now, time + ((h >>> 4) % 72) * 3600)),
          assignedid: user.id,
          assignedName: `${user.firstName} ${user.lastName}`,
          tags,
        };
      });
  return { conversations: { count, page: query.page, pages, results } };
}
