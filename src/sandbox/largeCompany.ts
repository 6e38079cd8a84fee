/**
 * The `largeCompany` option: the same company grown to 57 users, named so that a plain string
 * sort gets them wrong ("Tester12" before "Tester6"), and one more inbox that has no folders.
 * The new users share an existing user's conversations (reports work for them); the new inbox
 * has no conversations. Nothing existing is renumbered, so saved queries keep working.
 */
import type { Dataset, SandboxMailbox, SandboxUser } from './dataset';

export const LARGE_COMPANY_USERS = 57;
export const INBOX_WITHOUT_FOLDERS = 'Partners';

export function withLargeCompany(dataset: Dataset): Dataset {
  const template = dataset.users[dataset.users.length - 1];
  const timeline = dataset.timelines[dataset.timelines.length - 1];
  if (!template || !timeline) return dataset;
  const firstId = Math.max(...dataset.users.map((u) => u.id)) + 1;
  const extra: SandboxUser[] = Array.from({ length: Math.max(0, LARGE_COMPANY_USERS - dataset.users.length) }, (_v, i) => {
    const n = i + 1;
    return {
      ...template,
      id: firstId + i,
      firstName: `Tester${n}`,
      lastName: 'Sample',
      email: `tester${n}@example.com`,
      role: 'user',
      photoUrl: null,
      initials: 'TS',
      mention: `tester${n}`,
    };
  });
  const users = [...dataset.users, ...extra];
  const last = dataset.mailboxes[dataset.mailboxes.length - 1];
  const inbox: SandboxMailbox = {
    id: Math.max(...dataset.mailboxes.map((m) => m.id)) + 1,
    name: INBOX_WITHOUT_FOLDERS,
    slug: 'partners',
    email: 'partners@example.com',
    createdAt: last?.createdAt ?? dataset.me.createdAt,
    updatedAt: last?.updatedAt ?? dataset.me.updatedAt,
  };
  const mailboxes = [...dataset.mailboxes, inbox];
  return {
    ...dataset,
    users,
    timelines: [...dataset.timelines, ...extra.map(() => timeline)],
    userIndex: new Map(users.map((u, i) => [u.id, i])),
    mailboxes,
    mailboxIndex: new Map(mailboxes.map((m, i) => [m.id, i])),
  };
}
