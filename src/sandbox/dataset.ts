/**
 * The sandbox's deterministic data: a small support team, its inboxes, folders and tags, and three
 * years of conversations ending at `now` (enough for last year against the year before). Same seed and same `now` → identical data. Ids depend
 * on the seed only, so saved queries keep working on later days.
 *
 * Conversations are stored per user as parallel typed arrays sorted by time, which is what the
 * report engine needs to answer in well under a millisecond.
 */
import {
  COMPANY_DOMAIN,
  CUSTOMER_DOMAINS,
  FIRST_NAMES,
  FOLDERS,
  LAST_NAMES,
  MAILBOXES,
  STAFF,
  TAG_COLORS,
  TAGS,
  type FolderTemplate,
} from './company';
import { Random, cumulative, deriveSeed } from './random';
import { DAY_SECONDS, formatWireDate, startOfUtcDay } from './wireDate';

export const DEFAULT_SEED = 20_190_502;
/** Three years and two days: on Dec 31 the year before last starts 1,095 days back, and up to 14 h more in zones ahead of UTC. */
export const HISTORY_DAYS = 1097;
export const CUSTOMER_POOL_SIZE = 4000;

export const CONVERSATION_TYPE_NAMES = ['email', 'chat', 'phone'] as const;
export type SandboxConversationType = (typeof CONVERSATION_TYPE_NAMES)[number];

export interface SandboxUser {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  role: 'owner' | 'admin' | 'user';
  timezone: string;
  type: 'user';
  photoUrl: string | null;
  jobTitle: string;
  initials: string;
  mention: string;
  createdAt: string;
  updatedAt: string;
  /** Inboxes this user works in (drives `GET /v2/users?mailbox=`). */
  mailboxIds: readonly number[];
}

export interface SandboxMailbox {
  id: number;
  name: string;
  slug: string;
  email: string;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxFolder {
  id: number;
  mailboxId: number;
  name: string;
  type: FolderTemplate['type'];
  userId: number;
  totalCount: number;
  activeCount: number;
  updatedAt: string;
}

export interface SandboxTag {
  id: number;
  slug: string;
  name: string;
  color: string;
  ticketCount: number;
  createdAt: string;
  updatedAt: string;
}

/** One user's conversations, oldest first, as parallel arrays. */
export interface UserTimeline {
  /** Epoch seconds, ascending. */
  times: Float64Array;
  /** Index into Dataset.customers. */
  customers: Int32Array;
  /** Index into CONVERSATION_TYPE_NAMES. */
  types: Uint8Array;
  /** Index into Dataset.mailboxes. */
  mailboxes: Uint8Array;
  /** Index into Dataset.folders. */
  folders: Uint8Array;
  /** Three slots per conversation: tag index + 1, 0 = empty slot. */
  tags: Uint8Array;
}

/** A conversation spelled out, for tests that want to recount independently. */
export interface SandboxConversation {
  date: string;
  epochSeconds: number;
  customerEmail: string;
  type: SandboxConversationType;
  mailboxId: number;
  folderId: number;
  tagIds: number[];
}

export interface Dataset {
  seed: number;
  /** Epoch seconds: the newest conversation is at or before this. */
  now: number;
  /** Epoch seconds: midnight UTC of the first day with conversations. */
  start: number;
  users: readonly SandboxUser[];
  mailboxes: readonly SandboxMailbox[];
  folders: readonly SandboxFolder[];
  tags: readonly SandboxTag[];
  customers: readonly string[];
  /** Parallel to `users`. */
  timelines: readonly UserTimeline[];
  conversationCount: number;
  userIndex: ReadonlyMap<number, number>;
  mailboxIndex: ReadonlyMap<number, number>;
  folderIndex: ReadonlyMap<number, number>;
  tagIndex: ReadonlyMap<number, number>;
  /** The user whose token this is (`/v2/users/me`). */
  me: SandboxUser;
  /** Conversation subjects for the drilldown; absent: its everyday list (see drilldown.ts). */
  subjects?: readonly string[];
  conversationsOf(userId: number): SandboxConversation[];
}

interface Company {
  users: SandboxUser[];
  mailboxes: SandboxMailbox[];
  folderIds: number[];
  tagIds: number[];
  customers: string[];
}

interface GeneratedHistory {
  company: Company;
  endOfDay: number;
  timelines: UserTimeline[];
}

const WEEKDAY_VOLUME = [0.22, 1.15, 1.1, 1.05, 1, 0.85, 0.28];
const HOUR_WEIGHTS = [
  0.3, 0.25, 0.25, 0.3, 0.4, 0.5, 0.7, 0.9, 1.1, 1.2, 1.2, 1.1, 1.1, 1.3, 1.5, 1.5, 1.4, 1.2, 1, 0.9, 0.8, 0.6, 0.5, 0.4,
];
const BASE_DAILY_CONVERSATIONS = 125;
const TAG_COUNT_WEIGHTS = cumulative([0.35, 0.4, 0.18, 0.07]);
const HOUR_CUMULATIVE = cumulative(HOUR_WEIGHTS);

function holidayFactor(month0: number, day: number): number {
  if (month0 === 11) {
    if (day === 24 || day === 26) return 0.3;
    if (day === 25) return 0.12;
    if (day >= 27 && day <= 30) return 0.6;
    if (day === 31) return 0.35;
  }
  if (month0 === 0) {
    if (day === 1) return 0.15;
    if (day === 2) return 0.7;
  }
  if (month0 === 7) return 0.9;
  return 1;
}

function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function initialsAvatar(initials: string, hue: number): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="32" fill="hsl(${hue},45%,45%)"/>` +
    `<text x="32" y="41" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Increasing ids with realistic gaps, from the seed alone. */
function idSequence(rng: Random, from: number, to: number, count: number): number[] {
  const ids: number[] = [];
  let id = rng.between(from, to);
  for (let i = 0; i < count; i++) {
    ids.push(id);
    id += rng.between(1, 2500);
  }
  return ids;
}

function buildCompany(seed: number, endOfDay: number): Company {
  const ids = new Random(deriveSeed(seed, 'ids'));
  const userIds = idSequence(ids, 100_000, 600_000, STAFF.length);
  const mailboxIds = idSequence(ids, 10_000, 90_000, MAILBOXES.length);
  const folderIds = idSequence(ids, 1_000_000, 5_000_000, MAILBOXES.length * FOLDERS.length);
  const tagIds = idSequence(ids, 100_000, 900_000, TAGS.length);

  const companyBorn = endOfDay - 6 * 365 * DAY_SECONDS;
  const mailboxes: SandboxMailbox[] = MAILBOXES.map((m, i) => ({
    id: mailboxIds[i] ?? 0,
    name: m.name,
    slug: m.slug,
    email: `${m.slug}@${COMPANY_DOMAIN}`,
    createdAt: formatWireDate(companyBorn + i * 40 * DAY_SECONDS),
    updatedAt: formatWireDate(endOfDay - (20 + i * 11) * DAY_SECONDS),
  }));

  const users: SandboxUser[] = STAFF.map((s, i) => {
    const id = userIds[i] ?? 0;
    const initials = `${s.firstName[0] ?? ''}${s.lastName.replace(/^O'/, '')[0] ?? ''}`.toUpperCase();
    const created = s.startedDaysAgo === undefined ? companyBorn + i * 60 * DAY_SECONDS : endOfDay - s.startedDaysAgo * DAY_SECONDS;
    return {
      id,
      firstName: s.firstName,
      lastName: s.lastName,
      email: `${asciiFold(s.firstName)}.${asciiFold(s.lastName)}@${COMPANY_DOMAIN}`,
      role: s.role,
      timezone: s.timezone,
      type: 'user',
      photoUrl: s.hasPhoto ? initialsAvatar(initials, (i * 47) % 360) : null,
      jobTitle: s.jobTitle,
      initials,
      mention: asciiFold(s.firstName),
      createdAt: formatWireDate(created),
      updatedAt: formatWireDate(endOfDay - (3 + i * 5) * DAY_SECONDS),
      mailboxIds: s.mailboxes.map((name) => mailboxes[MAILBOXES.findIndex((m) => m.name === name)]?.id ?? 0),
    };
  });

  const people = new Random(deriveSeed(seed, 'customers'));
  const seen = new Set<string>();
  const customers: string[] = [];
  while (customers.length < CUSTOMER_POOL_SIZE) {
    const first = asciiFold(people.pick(FIRST_NAMES));
    const last = asciiFold(people.pick(LAST_NAMES));
    const domain = people.pick(CUSTOMER_DOMAINS);
    const local = [
      `${first}.${last}`,
      `${first}${last}`,
      `${first[0]}.${last}`,
      `${first}_${last}${people.between(10, 99)}`,
      `${first}${people.between(1, 9999)}`,
    ][people.int(5)];
    const email = `${local}@${domain}`;
    if (!seen.has(email)) {
      seen.add(email);
      customers.push(email);
    }
  }
  return { users, mailboxes, folderIds, tagIds, customers };
}

/** Per-user availability for each day of the history: weekday pattern, start date, vacations. */
function availability(seed: number, firstDay: number): Float64Array[] {
  const rng = new Random(deriveSeed(seed, 'vacations'));
  return STAFF.map((s) => {
    const days = new Float64Array(HISTORY_DAYS);
    for (let d = 0; d < HISTORY_DAYS; d++) {
      const dow = new Date((firstDay + d * DAY_SECONDS) * 1000).getUTCDay();
      let a = s.week[dow] ?? 0;
      if (s.startedDaysAgo !== undefined) {
        const daysIn = d - (HISTORY_DAYS - 1 - s.startedDaysAgo);
        a = daysIn < 0 ? 0 : a * Math.min(1, 0.25 + daysIn / 40);
      }
      days[d] = a;
    }
    for (let year = 0; year < 3; year++) {
      const from = year * 365 + rng.between(20, 330);
      const length = rng.between(7, 15);
      for (let d = from; d < Math.min(HISTORY_DAYS, from + length); d++) days[d] = 0;
    }
    return days;
  });
}

/** Daily volume: weekday rhythm, gentle growth, holiday dips and a little noise. */
function dailyCounts(seed: number, firstDay: number): Int32Array {
  const rng = new Random(deriveSeed(seed, 'volume', firstDay));
  const counts = new Int32Array(HISTORY_DAYS);
  for (let d = 0; d < HISTORY_DAYS; d++) {
    const date = new Date((firstDay + d * DAY_SECONDS) * 1000);
    const growth = 0.78 + (0.22 * d) / (HISTORY_DAYS - 1);
    const noise = Math.max(0.5, 1 + 0.12 * rng.gaussian());
    counts[d] = Math.round(
      BASE_DAILY_CONVERSATIONS *
        (WEEKDAY_VOLUME[date.getUTCDay()] ?? 1) *
        growth *
        holidayFactor(date.getUTCMonth(), date.getUTCDate()) *
        noise,
    );
  }
  return counts;
}

function generateHistory(seed: number, endOfDay: number): GeneratedHistory {
  const company = buildCompany(seed, endOfDay);
  const firstDay = endOfDay - HISTORY_DAYS * DAY_SECONDS;
  const available = availability(seed, firstDay);
  const perDay = dailyCounts(seed, firstDay);
  const rng = new Random(deriveSeed(seed, 'conversations', endOfDay));
  const ownerIndex = STAFF.findIndex((s) => s.role === 'owner');

  const mailboxCumulative = cumulative(MAILBOXES.map((m) => m.share));
  const typeCumulative = MAILBOXES.map((m) => cumulative([...m.types]));
  const tagCumulative = cumulative(TAGS.map(([, w]) => w));
  const membership = MAILBOXES.map((m) => STAFF.map((s) => (s.mailboxes.includes(m.name) ? s.weight : 0)));
  const vipMailbox = MAILBOXES.findIndex((m) => m.slug === 'vip');
  const partnersMailbox = MAILBOXES.findIndex((m) => m.slug === 'partners-agencies');
  const vipEnd = 200;
  const partnersEnd = 450;

  // Everything goes into preallocated typed arrays first (no per-conversation objects), then is
  // split per user; the GC stays quiet even when the caller's heap is large.
  const total = perDay.reduce((sum, n) => sum + n, 0);
  const times = new Float64Array(total);
  const customers = new Int32Array(total);
  const types = new Uint8Array(total);
  const mailboxes = new Uint8Array(total);
  const folders = new Uint8Array(total);
  const users = new Uint8Array(total);
  const tags = new Uint8Array(total * 3);

  const userWeights = new Array<number>(STAFF.length).fill(0);
  let n = 0;
  for (let d = 0; d < HISTORY_DAYS; d++) {
    const dayStart = firstDay + d * DAY_SECONDS;
    const perMailbox = membership.map((weights) => {
      for (let u = 0; u < STAFF.length; u++) userWeights[u] = (weights[u] ?? 0) * (available[u]?.[d] ?? 0);
      const cum = cumulative(userWeights);
      return (cum[cum.length - 1] ?? 0) > 0 ? cum : null;
    });
    const anyone = cumulative(STAFF.map((s, u) => s.weight * (available[u]?.[d] ?? 0)));
    const fallback = (anyone[anyone.length - 1] ?? 0) > 0 ? anyone : null;

    const dayFirst = n;
    const count = perDay[d] ?? 0;
    for (let i = 0; i < count; i++) times[n + i] = dayStart + rng.weighted(HOUR_CUMULATIVE) * 3600 + rng.int(3600);
    times.subarray(dayFirst, dayFirst + count).sort();

    for (; n < dayFirst + count; n++) {
      const mailbox = rng.weighted(mailboxCumulative);
      const pool = perMailbox[mailbox] ?? fallback;
      const user = pool ? rng.weighted(pool) : ownerIndex;
      const skew = Math.pow(rng.next(), 1.8);
      mailboxes[n] = mailbox;
      types[n] = rng.weighted(typeCumulative[mailbox] ?? mailboxCumulative);
      users[n] = user;
      customers[n] =
        mailbox === vipMailbox
          ? Math.floor(skew * vipEnd)
          : mailbox === partnersMailbox
            ? vipEnd + Math.floor(skew * (partnersEnd - vipEnd))
            : Math.floor(skew * CUSTOMER_POOL_SIZE);
      const ageDays = (endOfDay - (times[n] ?? 0)) / DAY_SECONDS;
      folders[n] = mailbox * FOLDERS.length + pickFolder(rng, ageDays, user === ownerIndex);
      const tagCount = rng.weighted(TAG_COUNT_WEIGHTS);
      for (let t = 0; t < tagCount; t++) {
        const tag = rng.weighted(tagCumulative) + 1;
        if (tags[n * 3] !== tag && tags[n * 3 + 1] !== tag) tags[n * 3 + t] = tag;
      }
    }
  }

  const sizes = new Int32Array(STAFF.length);
  for (let i = 0; i < total; i++) {
    const u = users[i] ?? 0;
    sizes[u] = (sizes[u] ?? 0) + 1;
  }
  const timelines: UserTimeline[] = Array.from(sizes, (size) => ({
    times: new Float64Array(size),
    customers: new Int32Array(size),
    types: new Uint8Array(size),
    mailboxes: new Uint8Array(size),
    folders: new Uint8Array(size),
    tags: new Uint8Array(size * 3),
  }));
  const filled = new Int32Array(STAFF.length);
  for (let i = 0; i < total; i++) {
    const u = users[i] ?? 0;
    const t = timelines[u];
    if (!t) continue;
    const k = filled[u] ?? 0;
    filled[u] = k + 1;
    t.times[k] = times[i] ?? 0;
    t.customers[k] = customers[i] ?? 0;
    t.types[k] = types[i] ?? 0;
    t.mailboxes[k] = mailboxes[i] ?? 0;
    t.folders[k] = folders[i] ?? 0;
    t.tags[k * 3] = tags[i * 3] ?? 0;
    t.tags[k * 3 + 1] = tags[i * 3 + 1] ?? 0;
    t.tags[k * 3 + 2] = tags[i * 3 + 2] ?? 0;
  }
  return { company, endOfDay, timelines };
}

const FOLDER_INDEX = Object.fromEntries(FOLDERS.map((f, i) => [f.type, i])) as Record<FolderTemplate['type'], number>;

function pickFolder(rng: Random, ageDays: number, isMe: boolean): number {
  const x = rng.next();
  const assigned = isMe ? FOLDER_INDEX.mytickets : FOLDER_INDEX.assigned;
  if (x < 0.002) return FOLDER_INDEX.drafts;
  if (x < 0.01) return FOLDER_INDEX.spam;
  if (ageDays < 1) {
    if (x < 0.3) return FOLDER_INDEX.open;
    if (x < 0.4) return FOLDER_INDEX.needsattention;
    if (x < 0.8) return assigned;
    return FOLDER_INDEX.closed;
  }
  if (ageDays < 7) {
    if (x < 0.05) return FOLDER_INDEX.open;
    if (x < 0.12) return FOLDER_INDEX.needsattention;
    if (x < 0.33) return assigned;
    return FOLDER_INDEX.closed;
  }
  return x < 0.025 ? assigned : FOLDER_INDEX.closed;
}

/** Index of the first element > value. */
export function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element >= value. */
export function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function trim(timeline: UserTimeline, now: number): UserTimeline {
  const n = upperBound(timeline.times, now);
  return {
    times: timeline.times.subarray(0, n),
    customers: timeline.customers.subarray(0, n),
    types: timeline.types.subarray(0, n),
    mailboxes: timeline.mailboxes.subarray(0, n),
    folders: timeline.folders.subarray(0, n),
    tags: timeline.tags.subarray(0, n * 3),
  };
}

function assemble(seed: number, now: number, history: GeneratedHistory): Dataset {
  const { company } = history;
  const timelines = history.timelines.map((t) => trim(t, now));
  const me = company.users[STAFF.findIndex((s) => s.role === 'owner')] ?? company.users[0];
  if (!me) throw new Error('the sandbox company has no users');

  const folderTotals = new Int32Array(company.folderIds.length);
  const tagTotals = new Int32Array(TAGS.length + 1);
  const folderNewest = new Float64Array(company.folderIds.length);
  let conversationCount = 0;
  for (const t of timelines) {
    conversationCount += t.times.length;
    for (let i = 0; i < t.times.length; i++) {
      const f = t.folders[i] ?? 0;
      folderTotals[f] = (folderTotals[f] ?? 0) + 1;
      folderNewest[f] = Math.max(folderNewest[f] ?? 0, t.times[i] ?? 0);
    }
    for (const tag of t.tags) tagTotals[tag] = (tagTotals[tag] ?? 0) + 1;
  }

  const folders: SandboxFolder[] = company.mailboxes.flatMap((mailbox, m) =>
    FOLDERS.map((f, k) => {
      const index = m * FOLDERS.length + k;
      const total = folderTotals[index] ?? 0;
      return {
        id: company.folderIds[index] ?? 0,
        mailboxId: mailbox.id,
        name: f.name,
        type: f.type,
        userId: f.type === 'mytickets' ? me.id : 0,
        totalCount: total,
        activeCount: f.active ? total : 0,
        updatedAt: formatWireDate(folderNewest[index] || history.endOfDay - 400 * DAY_SECONDS),
      };
    }),
  );

  // Tag indices stay in TAGS order (that is what timelines store); the served list is sorted.
  const tags: SandboxTag[] = TAGS.map(([name], i) => ({
    id: company.tagIds[i] ?? 0,
    slug: slugify(name),
    name,
    color: TAG_COLORS[i % TAG_COLORS.length] ?? '#c1cbd4',
    ticketCount: tagTotals[i + 1] ?? 0,
    createdAt: formatWireDate(history.endOfDay - (900 + i * 13) * DAY_SECONDS),
    updatedAt: formatWireDate(history.endOfDay - (10 + i * 3) * DAY_SECONDS),
  }));

  const indexBy = <T extends { id: number }>(items: readonly T[]) => new Map(items.map((item, i) => [item.id, i]));
  const userIndex = indexBy(company.users);

  return {
    seed,
    now,
    start: history.endOfDay - HISTORY_DAYS * DAY_SECONDS,
    users: company.users,
    mailboxes: company.mailboxes,
    folders,
    tags,
    customers: company.customers,
    timelines,
    conversationCount,
    userIndex,
    mailboxIndex: indexBy(company.mailboxes),
    folderIndex: indexBy(folders),
    tagIndex: indexBy(tags),
    me,
    conversationsOf(userId: number): SandboxConversation[] {
      const t = timelines[userIndex.get(userId) ?? -1];
      if (!t) return [];
      return Array.from(t.times, (time, i) => ({
        date: formatWireDate(time),
        epochSeconds: time,
        customerEmail: company.customers[t.customers[i] ?? 0] ?? '',
        type: CONVERSATION_TYPE_NAMES[t.types[i] ?? 0] ?? 'email',
        mailboxId: company.mailboxes[t.mailboxes[i] ?? 0]?.id ?? 0,
        folderId: folders[t.folders[i] ?? 0]?.id ?? 0,
        tagIds: [t.tags[i * 3], t.tags[i * 3 + 1], t.tags[i * 3 + 2]]
          .filter((tag): tag is number => tag !== undefined && tag > 0)
          .map((tag) => tags[tag - 1]?.id ?? 0),
      }));
    },
  };
}

const historyCache = new Map<string, GeneratedHistory>();
const datasetCache = new Map<string, Dataset>();
const CACHE_LIMIT = 4;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit) return hit;
  const value = make();
  cache.set(key, value);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return value;
}

/**
 * The dataset for `seed` whose history ends at `nowMs`. The expensive part is generated once per
 * (seed, UTC day of now) and cached; a different `now` on the same day only trims it.
 */
export function getDataset(seed: number, nowMs: number): Dataset {
  const now = Math.floor(nowMs / 1000);
  const endOfDay = startOfUtcDay(now) + DAY_SECONDS;
  const history = remember(historyCache, `${seed}|${endOfDay}`, () => generateHistory(seed, endOfDay));
  return remember(datasetCache, `${seed}|${now}`, () => assemble(seed, now, history));
}

/** Test hook: forget cached data so generation can be timed from scratch. */
export function clearDatasetCache(): void {
  historyCache.clear();
  datasetCache.clear();
}
