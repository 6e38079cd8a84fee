import type { HelpScoutClient } from '../core/client';
import type { ReportQuery } from '../core/query';
import { toSafeLabel } from '../core/savedQueryEntry';

/**
 * Example queries for sample mode, built from whatever the sandbox serves so the ids are real,
 * each with the comparison a person would pick: the demo user's last 30 days by day against
 * the 30 days on the same weekdays before, a colleague's last 90 days by week against the same
 * weekdays last year, and one inbox's email and chat over last year, by month, against the
 * calendar year before.
 */
export async function buildSampleQueries(client: HelpScoutClient, meId: number): Promise<Array<{ name: string; query: ReportQuery }>> {
  const [users, mailboxes] = await Promise.all([client.listUsers(), client.listMailboxes()]);
  const me = users.find((user) => user.id === meId) ?? users[0];
  const colleague = users.find((user) => user.id !== me?.id) ?? me;
  const inbox = mailboxes.find((mailbox) => /billing/i.test(mailbox.name)) ?? mailboxes[0];
  if (!me || !colleague) return [];
  const nameOf = (user: { firstName?: string; lastName?: string; email?: string }) =>
    toSafeLabel([user.firstName, user.lastName].filter(Boolean).join(' ') || user.email || '', 40, 'User');
  const examples: Array<{ name: string; query: ReportQuery }> = [
    {
      name: 'My last 30 days',
      query: { metric: 'customersHelped', subject: { kind: 'user', userId: me.id, userName: nameOf(me) }, range: { kind: 'preset', preset: 'last30Days' }, comparison: { kind: 'previousPeriodSameWeekdays' }, viewBy: 'day' },
    },
    {
      name: `${nameOf(colleague).split(' ')[0]}’s last 90 days against last year`,
      query: { metric: 'customersHelped', subject: { kind: 'user', userId: colleague.id, userName: nameOf(colleague) }, range: { kind: 'preset', preset: 'last90Days' }, comparison: { kind: 'sameWeekdaysLastYear' }, viewBy: 'week' },
    },
  ];
  if (inbox) {
    examples.push({
      name: `${inbox.name} inbox, email and chat, month by month`,
      query: {
        metric: 'customersHelped',
        subject: { kind: 'user', userId: me.id, userName: nameOf(me) },
        range: { kind: 'preset', preset: 'lastYear' },
        comparison: { kind: 'previousCalendarPeriod' },
        viewBy: 'month',
        mailboxes: [inbox.id],
        types: ['chat', 'email'],
        labels: { mailboxes: { [String(inbox.id)]: inbox.name } },
      },
    });
  }
  return examples;
}
