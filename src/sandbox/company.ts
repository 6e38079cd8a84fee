/**
 * The fictional company behind the sandbox: who works there, which inboxes and tags it has, and
 * the name pools customers are drawn from. All addresses use reserved example domains.
 */

export const COMPANY_DOMAIN = 'brightwave.example';

export interface StaffTemplate {
  firstName: string;
  lastName: string;
  role: 'owner' | 'admin' | 'user';
  timezone: string;
  jobTitle: string;
  /** Relative share of conversations on a normal working day. */
  weight: number;
  /** Weekday availability, Sunday first (0 = off). */
  week: readonly [number, number, number, number, number, number, number];
  /** Days before `now` this person started; undefined = there all along. */
  startedDaysAgo?: number;
  mailboxes: readonly string[];
  hasPhoto: boolean;
}

const WEEKDAYS = [0.05, 1, 1, 1, 1, 1, 0.05] as const;
const WEEKEND_SHIFT = [0.9, 1, 1, 0.6, 0.6, 1, 0.9] as const;
const PART_TIME = [0, 1, 1, 1, 0, 0, 0] as const;

export const STAFF: readonly StaffTemplate[] = [
  { firstName: 'Maya', lastName: 'Lindqvist', role: 'owner', timezone: 'Europe/Stockholm', jobTitle: 'Head of Support', weight: 0.3, week: WEEKDAYS, mailboxes: ['Support', 'Billing', 'Sales', 'VIP', 'Partners & Agencies'], hasPhoto: true },
  { firstName: 'Daniel', lastName: 'Okafor', role: 'admin', timezone: 'Europe/London', jobTitle: 'Support Lead', weight: 1, week: WEEKDAYS, mailboxes: ['Support', 'Billing', 'VIP'], hasPhoto: true },
  { firstName: 'Sofía', lastName: 'Martínez', role: 'user', timezone: 'Europe/Madrid', jobTitle: 'Support Specialist', weight: 1.15, week: WEEKDAYS, mailboxes: ['Support', 'Billing'], hasPhoto: false },
  { firstName: 'Priya', lastName: 'Raman', role: 'user', timezone: 'Asia/Kolkata', jobTitle: 'Billing Specialist', weight: 1.05, week: WEEKDAYS, mailboxes: ['Billing', 'Support'], hasPhoto: true },
  { firstName: 'Lucas', lastName: 'Moreau', role: 'user', timezone: 'Europe/Paris', jobTitle: 'Account Executive', weight: 0.9, week: WEEKDAYS, mailboxes: ['Sales', 'Partners & Agencies'], hasPhoto: false },
  { firstName: 'Hannah', lastName: 'Becker', role: 'user', timezone: 'Europe/Berlin', jobTitle: 'Support Specialist (part-time)', weight: 0.8, week: PART_TIME, mailboxes: ['Support', 'Billing'], hasPhoto: false },
  { firstName: 'Marcus', lastName: 'Johnson', role: 'user', timezone: 'America/New_York', jobTitle: 'Support Specialist', weight: 1.1, week: WEEKEND_SHIFT, mailboxes: ['Support', 'Sales'], hasPhoto: true },
  { firstName: 'Zoë', lastName: 'Clarke', role: 'admin', timezone: 'America/Chicago', jobTitle: 'Customer Success Manager', weight: 0.85, week: WEEKDAYS, mailboxes: ['VIP', 'Support'], hasPhoto: true },
  { firstName: 'Tomás', lastName: 'Silva', role: 'user', timezone: 'America/Sao_Paulo', jobTitle: 'Support Specialist', weight: 1, week: WEEKEND_SHIFT, mailboxes: ['Support', 'Partners & Agencies'], hasPhoto: false },
  { firstName: 'Aisha', lastName: 'Rahman', role: 'user', timezone: 'America/Los_Angeles', jobTitle: 'Sales Engineer', weight: 0.75, week: WEEKDAYS, mailboxes: ['Sales', 'Support'], hasPhoto: true },
  { firstName: 'Kenji', lastName: 'Watanabe', role: 'user', timezone: 'Asia/Tokyo', jobTitle: 'Support Specialist', weight: 0.95, week: WEEKDAYS, mailboxes: ['Support'], hasPhoto: false },
  { firstName: "Oliver", lastName: "O'Brien", role: 'user', timezone: 'Australia/Sydney', jobTitle: 'Support Specialist', weight: 1, week: WEEKDAYS, startedDaysAgo: 270, mailboxes: ['Support', 'Billing'], hasPhoto: false },
];

export interface MailboxTemplate {
  name: string;
  slug: string;
  /** Share of all incoming conversations. */
  share: number;
  /** email, chat, phone shares. */
  types: readonly [number, number, number];
}

export const MAILBOXES: readonly MailboxTemplate[] = [
  { name: 'Support', slug: 'support', share: 0.56, types: [0.64, 0.29, 0.07] },
  { name: 'Billing', slug: 'billing', share: 0.18, types: [0.82, 0.1, 0.08] },
  { name: 'Sales', slug: 'sales', share: 0.14, types: [0.55, 0.2, 0.25] },
  { name: 'VIP', slug: 'vip', share: 0.07, types: [0.6, 0.12, 0.28] },
  { name: 'Partners & Agencies', slug: 'partners-agencies', share: 0.05, types: [0.85, 0.05, 0.1] },
];

export interface FolderTemplate {
  name: string;
  type: 'open' | 'mytickets' | 'needsattention' | 'drafts' | 'assigned' | 'closed' | 'spam';
  /** Conversations in it count as active (shown in the folder's activeCount). */
  active: boolean;
}

export const FOLDERS: readonly FolderTemplate[] = [
  { name: 'Unassigned', type: 'open', active: true },
  { name: 'Mine', type: 'mytickets', active: true },
  { name: 'Needs Attention', type: 'needsattention', active: true },
  { name: 'Drafts', type: 'drafts', active: false },
  { name: 'Assigned', type: 'assigned', active: true },
  { name: 'Closed', type: 'closed', active: false },
  { name: 'Spam', type: 'spam', active: false },
];

/** Tag name and relative popularity. Sorted alphabetically when served. */
export const TAGS: readonly (readonly [string, number])[] = [
  ['account access', 6], ['android', 3], ['api', 4], ['billing & invoices', 9], ['bug', 8],
  ['café partners', 1], ['cancellation', 4], ['chat widget', 3], ['csv import/export', 2],
  ['data deletion (gdpr)', 1.5], ['downgrade', 2], ['feature request', 7], ['feedback', 5],
  ['how-to', 10], ['integrations', 4], ['ios', 3], ['migration', 2], ['mobile app', 4],
  ['onboarding', 5], ['outage', 1], ['password reset', 6], ['pricing', 4], ['refund', 4],
  ['reporting', 3], ['résumé parsing', 1], ['security', 2], ['shipping', 2], ['sso / saml', 2],
  ['tax & vat', 2], ['trial extension', 3], ['upgrade', 4], ['urgent', 3], ['vip', 2],
  ['webhooks', 2], ['zapier', 2], ['über-admin requests', 1],
];

export const TAG_COLORS: readonly string[] = [
  '#c1cbd4', '#f2c94c', '#e36b6b', '#5aabd9', '#57c28d', '#9e7ccf', '#f29d4c', '#4d5c6b', '#e07fb5', '#3aa3a3',
];

export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Chris', 'Karen',
  'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Steven', 'Emily',
  'Paul', 'Michelle', 'Andrew', 'Amanda', 'Joshua', 'Melissa', 'Kevin', 'Stephanie', 'Brian', 'Rebecca',
  'Noah', 'Emma', 'Liam', 'Olivia', 'Mateo', 'Sofia', 'Lukas', 'Mia', 'Jonas', 'Lea',
  'Hugo', 'Chloe', 'Arjun', 'Ananya', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Omar', 'Fatima',
  'Ivan', 'Olga', 'Pedro', 'Ana', 'Luca', 'Giulia', 'Erik', 'Ingrid', 'Kwame', 'Amara',
  'Diego', 'Camila', 'Finn', 'Freya', 'Tariq', 'Leila', 'Mohammed', 'Nadia', 'Jakub', 'Zuzana',
];

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Young', 'Allen', 'King',
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Dubois', 'Laurent', 'Rossi', 'Russo', 'Ferrari',
  'Nowak', 'Kowalski', 'Novák', 'Svensson', 'Hansen', 'Jensen', 'Nielsen', 'Virtanen', 'Kim', 'Park',
  'Nguyen', 'Tran', 'Wang', 'Zhang', 'Chen', 'Tanaka', 'Suzuki', 'Sato', 'Patel', 'Shah',
  'Singh', 'Kumar', 'Haddad', 'Khan', 'Ali', 'Mensah', 'Okoye', 'Silva', 'Santos', 'Costa',
];

export const CUSTOMER_DOMAINS: readonly string[] = [
  'example.com', 'example.org', 'example.net', 'mail.example', 'acme.example', 'globex.example',
  'initech.example', 'umbrella.example', 'hooli.example', 'piedpiper.example', 'wayne.example',
  'stark.example', 'northwind.example', 'contoso.example', 'fabrikam.example', 'tailspin.example',
];
