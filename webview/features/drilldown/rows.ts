/**
 * One conversation row as plain display values: what each column says, what its tooltip says and
 * what a screen reader hears. Subjects are clipped for the list and given whole in the tooltip.
 * Everything stays a string; pane.ts puts it into the DOM as text.
 */
import type { ConversationRow } from '../../../src/protocol/drilldown';
import { clip, type Formatter } from '../../format';

/** Characters of a subject shown in the list; the tooltip has all of it. */
export const SUBJECT_SHOWN = 160;
const FIELD_SHOWN = 80;

export interface RowView {
  key: string;
  number: string;
  subject: string;
  /** The whole subject, when the list shows less of it. */
  subjectTitle?: string;
  customer: string;
  email: string;
  status: string;
  type: string;
  inbox: string;
  tags: string;
  modified: string;
  modifiedTitle?: string;
  /** Numeric ids to open or copy by; absent when the API sent none (no link then). */
  link?: { id: number; number: number };
  label: string;
}

export const COLUMNS = ['Number', 'Subject', 'Customer', 'Status', 'Type', 'Inbox', 'Tags', 'Last modified'] as const;

export function rowView(row: ConversationRow, position: number, f: Formatter): RowView {
  const subjectText = row.subject || '(no subject)';
  const subject = clip(subjectText, SUBJECT_SHOWN, { oneLine: true });
  const modified = row.modifiedAt ? f.bucketLong(row.modifiedAt, 'day') : '—';
  const view: RowView = {
    key: row.id !== undefined ? `c${row.id}` : `p${position}`,
    number: row.number !== undefined ? `#${row.number}` : '—',
    subject,
    customer: clip(row.customer, FIELD_SHOWN, { oneLine: true }) || '—',
    email: row.email,
    status: clip(row.status, FIELD_SHOWN, { oneLine: true }),
    type: clip(row.type, FIELD_SHOWN, { oneLine: true }),
    inbox: clip(row.inbox, FIELD_SHOWN, { oneLine: true }),
    tags: clip(row.tags.join(', '), FIELD_SHOWN * 2, { oneLine: true }),
    modified,
    label: '',
  };
  if (subject !== subjectText) view.subjectTitle = subjectText;
  const stamp = row.modifiedAt ? f.timestamp(row.modifiedAt) : null;
  if (stamp) view.modifiedTitle = stamp;
  if (row.id !== undefined && row.number !== undefined) view.link = { id: row.id, number: row.number };
  view.label = [
    view.number,
    subject,
    view.customer,
    view.status && `status ${view.status}`,
    view.type,
    view.inbox && `inbox ${view.inbox}`,
    view.tags && `tags ${view.tags}`,
    `last modified ${modified}`,
  ]
    .filter(Boolean)
    .join(', ');
  return view;
}
