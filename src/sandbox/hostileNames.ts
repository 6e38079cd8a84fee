/**
 * The `hostileNames` option: the same company, but users, inboxes, folders and tags carry names
 * a careless client would break on or turn into markup — HTML and script tags, a right-to-left
 * override, Arabic and Hebrew, zero-width characters, emoji sequences, a line break, and one
 * name of 10,000 characters. Deterministic: item i of each list gets HOSTILE_NAMES[i % n], so
 * lists shorter than HOSTILE_NAMES (the five inboxes) get its first entries. Ids, emails and
 * slugs are unchanged, so saved queries and filters keep working. Drilldown subjects come from
 * HOSTILE_SUBJECTS.
 */
import type { Dataset, SandboxFolder, SandboxMailbox, SandboxTag, SandboxUser } from './dataset';

/** 10,000 UTF-16 code units, all in the BMP, with multi-byte characters so byte/char confusions show. */
export const LONG_NAME = ('Long name — 名前 ').repeat(700).slice(0, 10_000);

export const HOSTILE_NAMES: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert("xss")</script>Billing',
  LONG_NAME,
  'Invoice \u202Egnp.exe', // right-to-left override: renders as "Invoice exe.png"
  'الدعم الفني', // Arabic
  'תמיכה טכנית', // Hebrew
  'Zero\u200Bwidth\u200C\u200Djoin\uFEFFer\u2060',
  '👩🏽‍💻 Support 🚀🇸🇪',
  'Tom & Jerry\'s "quoted" \\ <b>bold</b>',
  'Line one\r\nLine two\ttab',
];

/** Subjects as customers could write them: markup, a Markdown command link, RTL override, 10,000 characters. */
export const HOSTILE_SUBJECTS: readonly string[] = [
  ...HOSTILE_NAMES,
  '[Click me](command:workbench.action.quit) please',
  '![x](https://attacker.example/p.png) | pipe | `tick`',
];

function named<T extends { name: string }>(items: readonly T[], offset = 0): T[] {
  return items.map((item, i) => ({ ...item, name: HOSTILE_NAMES[(i + offset) % HOSTILE_NAMES.length] ?? item.name }));
}

/** A copy of `dataset` with hostile names; the cached original is not touched. */
export function withHostileNames(dataset: Dataset): Dataset {
  const n = HOSTILE_NAMES.length;
  const users: SandboxUser[] = dataset.users.map((u, i) => ({
    ...u,
    firstName: HOSTILE_NAMES[i % n] ?? u.firstName,
    lastName: HOSTILE_NAMES[(i + 3) % n] ?? u.lastName,
  }));
  const mailboxes: SandboxMailbox[] = named(dataset.mailboxes);
  const folders: SandboxFolder[] = named(dataset.folders);
  const tags: SandboxTag[] = named(dataset.tags);
  const me = users[dataset.userIndex.get(dataset.me.id) ?? -1] ?? dataset.me;
  return { ...dataset, users, mailboxes, folders, tags, me, subjects: HOSTILE_SUBJECTS };
}
