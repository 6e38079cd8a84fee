/**
 * The documented examples both the client's rules (src/core) and the sandbox's (src/sandbox) are
 * checked against, so neither is tested by mirroring the other. Each row is worked out by hand
 * from Help Scout's rules (`day` ≤ 60 days, `week` ≤ 1 year, `month` ≥ 61 days, each read as
 * calendar days and as hours; see period.ts) and from the zone's offsets on those dates.
 */
export interface RangeExample {
  what: string;
  zone: string;
  /** Inclusive local days. */
  firstDay: string;
  lastDay: string;
  /** The wire dates: first instant of firstDay, first instant after lastDay. */
  start: string;
  end: string;
  allowed: ('day' | 'week' | 'month')[];
}

export const RANGE_EXAMPLES: readonly RangeExample[] = [
  { what: '60 days', zone: 'UTC', firstDay: '2026-01-01', lastDay: '2026-03-01', start: '2026-01-01T00:00:00Z', end: '2026-03-02T00:00:00Z', allowed: ['day', 'week'] },
  { what: '61 days', zone: 'UTC', firstDay: '2026-01-01', lastDay: '2026-03-02', start: '2026-01-01T00:00:00Z', end: '2026-03-03T00:00:00Z', allowed: ['week', 'month'] },
  { what: '365 days, exactly a year', zone: 'UTC', firstDay: '2025-01-01', lastDay: '2025-12-31', start: '2025-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z', allowed: ['week', 'month'] },
  { what: '366 days, more than a year', zone: 'UTC', firstDay: '2025-01-01', lastDay: '2026-01-01', start: '2025-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z', allowed: ['month'] },
  { what: 'a leap year in full', zone: 'UTC', firstDay: '2024-01-01', lastDay: '2024-12-31', start: '2024-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z', allowed: ['week', 'month'] },
  { what: 'Feb 29 + 1 year is Feb 28', zone: 'UTC', firstDay: '2024-02-29', lastDay: '2025-02-28', start: '2024-02-29T00:00:00Z', end: '2025-03-01T00:00:00Z', allowed: ['month'] },
  { what: '1 day', zone: 'UTC', firstDay: '2026-06-15', lastDay: '2026-06-15', start: '2026-06-15T00:00:00Z', end: '2026-06-16T00:00:00Z', allowed: ['day', 'week'] },
  {
    what: '60 Berlin days across the October change: 60 × 24 h + 1 h',
    zone: 'Europe/Berlin',
    firstDay: '2026-09-01',
    lastDay: '2026-10-30',
    start: '2026-08-31T22:00:00Z',
    end: '2026-10-30T23:00:00Z',
    allowed: ['week'],
  },
  { what: '59 Berlin days across the October change', zone: 'Europe/Berlin', firstDay: '2026-09-02', lastDay: '2026-10-30', start: '2026-09-01T22:00:00Z', end: '2026-10-30T23:00:00Z', allowed: ['day', 'week'] },
  {
    what: '61 Berlin days across the March change: 61 × 24 h − 1 h',
    zone: 'Europe/Berlin',
    firstDay: '2026-02-01',
    lastDay: '2026-04-02',
    start: '2026-01-31T23:00:00Z',
    end: '2026-04-02T22:00:00Z',
    allowed: ['week'],
  },
  { what: '62 Berlin days across the March change', zone: 'Europe/Berlin', firstDay: '2026-02-01', lastDay: '2026-04-03', start: '2026-01-31T23:00:00Z', end: '2026-04-03T22:00:00Z', allowed: ['week', 'month'] },
  {
    what: 'a Berlin year from summer to winter time: a year + 1 h between the instants',
    zone: 'Europe/Berlin',
    firstDay: '2025-10-26',
    lastDay: '2026-10-25',
    start: '2025-10-25T22:00:00Z',
    end: '2026-10-25T23:00:00Z',
    allowed: ['month'],
  },
  { what: 'October in Kiritimati (UTC+14)', zone: 'Pacific/Kiritimati', firstDay: '2026-10-01', lastDay: '2026-10-31', start: '2026-09-30T10:00:00Z', end: '2026-10-31T10:00:00Z', allowed: ['day', 'week'] },
  { what: 'October in Pago Pago (UTC−11)', zone: 'Pacific/Pago_Pago', firstDay: '2026-10-01', lastDay: '2026-10-31', start: '2026-10-01T11:00:00Z', end: '2026-11-01T11:00:00Z', allowed: ['day', 'week'] },
  { what: 'a quarter in Kathmandu (UTC+5:45)', zone: 'Asia/Kathmandu', firstDay: '2026-01-01', lastDay: '2026-03-31', start: '2025-12-31T18:15:00Z', end: '2026-03-31T18:15:00Z', allowed: ['week', 'month'] },
];

/** Wire dates (requests) with whether Help Scout's format admits them. */
export const WIRE_DATE_EXAMPLES: readonly { text: string; valid: boolean }[] = [
  { text: '2026-10-01T00:00:00Z', valid: true },
  { text: '2024-02-29T23:59:59Z', valid: true },
  { text: '2026-10-01T00:00:00.000Z', valid: false },
  { text: '2026-10-01T00:00:00+02:00', valid: false },
  { text: '2026-10-01', valid: false },
  { text: '2023-02-29T00:00:00Z', valid: false },
  { text: '2026-10-01T24:00:00Z', valid: false },
  { text: '2026-10-01 00:00:00Z', valid: false },
];
