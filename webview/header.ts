/**
 * Who and when: the user (avatar or initials), the report title, the two periods in words, the
 * filters, "Sample data" / "Stale" badges and "fetched X ago" (full timestamp on hover).
 */
import type { ViewBy } from '../src/core/query';
import type { ReportSnapshot } from '../src/protocol';
import { el, replaceChildren } from './dom';
import { clip, type Formatter } from './format';

const BY: Record<ViewBy, string> = { day: 'by day', week: 'by week', month: 'by month' };

/** Up to two initials, from letters (any script); "?" when the name has none. */
export function initials(name: string): string {
  const words = name
    .normalize('NFC')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .split(/\s+/)
    .map((w) => w.match(/\p{L}/u)?.[0] ?? '')
    .filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]!;
  const last = words.length > 1 ? words[words.length - 1]! : '';
  return (first + last).toLocaleUpperCase();
}

/** A team shows how many people it has ("5"), as its tree row and title say; a person, their initials. */
export function avatarText(snapshot: Pick<ReportSnapshot, 'user' | 'team'>): string {
  const people = snapshot.team ? snapshot.team.people.length || (snapshot.team.progress?.total ?? 0) : 0;
  return people > 0 ? String(people) : initials(snapshot.user.name);
}

/** Only https: and data:image/ URLs may become an <img> src; anything else shows initials. */
export function avatarSource(photoUrl: string | undefined): string | null {
  if (!photoUrl || photoUrl.length > 100_000) return null;
  try {
    const url = new URL(photoUrl);
    if (url.protocol === 'https:') return url.href;
    if (url.protocol === 'data:' && /^data:image\/(png|jpeg|gif|webp);base64,/i.test(photoUrl)) return photoUrl;
  } catch {
    return null;
  }
  return null;
}

export function periodText(snapshot: Pick<ReportSnapshot, 'currentLabel' | 'previousLabel' | 'viewBy'>): string {
  const compared = snapshot.previousLabel ? ` vs ${snapshot.previousLabel}` : '';
  return `${snapshot.currentLabel}${compared}, ${BY[snapshot.viewBy]}`;
}

export class Header {
  readonly element: HTMLElement;
  private readonly fetched: HTMLElement;
  private fetchedAt: string | undefined;
  private formatter: Formatter | undefined;

  constructor() {
    this.element = el('header', { className: 'report-header' });
    this.fetched = el('span', { className: 'fetched' });
  }

  update(snapshot: ReportSnapshot, f: Formatter, now: number): void {
    this.formatter = f;
    this.fetchedAt = snapshot.fetchedAt;

    const initialsNode = el('span', { className: 'avatar initials', attrs: { 'aria-hidden': 'true' }, text: avatarText(snapshot) });
    const avatar = el('div', { className: 'avatar-slot' }, [initialsNode]);
    const src = avatarSource(snapshot.user.photoUrl);
    if (src) {
      const img = el('img', { className: 'avatar photo', attrs: { alt: '', width: '40', height: '40', referrerpolicy: 'no-referrer' } });
      img.addEventListener('error', () => img.remove(), { once: true });
      img.addEventListener('load', () => initialsNode.classList.add('covered'), { once: true });
      img.src = src;
      avatar.appendChild(img);
    }

    const badges = el('div', { className: 'badges' }, [
      snapshot.sampleData && el('span', { className: 'badge sample', text: 'Sample data', attrs: { title: 'Numbers come from the built-in sample data, not a Help Scout account' } }),
      snapshot.stale && el('span', { className: 'badge stale', text: 'Stale', attrs: { title: 'Showing cached data' } }),
    ]);

    const name = el('h1', { className: 'user-name', text: snapshot.user.name || 'Unknown user', attrs: { dir: 'auto', title: clip(snapshot.user.email ?? snapshot.user.name, 500) } });
    const eyebrow = el('div', { className: 'eyebrow', text: snapshot.title, attrs: { dir: 'auto', title: clip(snapshot.title, 500) } });
    const period = el('p', { className: 'period' }, [
      el('bdi', { className: 'period-current', text: snapshot.currentLabel }),
      snapshot.previousLabel && el('span', { className: 'period-vs', text: ' vs ' }),
      snapshot.previousLabel && el('bdi', { className: 'period-previous', text: snapshot.previousLabel }),
      el('span', { className: 'period-by', text: ` · ${BY[snapshot.viewBy]}` }),
    ]);
    const filters = el(
      'ul',
      { className: 'filters', attrs: { 'aria-label': 'Filters' } },
      snapshot.filters.length > 0
        ? snapshot.filters.map((text) => el('li', { className: 'filter', text, attrs: { dir: 'auto', title: clip(text, 500) } }))
        : [el('li', { className: 'filter none', text: 'All conversations' })],
    );
    this.renderFetched(now);

    replaceChildren(this.element, [
      avatar,
      el('div', { className: 'identity' }, [
        eyebrow,
        el('div', { className: 'name-row' }, [name, badges]),
        period,
        el('div', { className: 'meta-row' }, [filters, this.fetched]),
      ]),
    ]);
  }

  /** Re-renders only "fetched X ago" (called every 30 s). */
  tick(now: number): void {
    this.renderFetched(now);
  }

  private renderFetched(now: number): void {
    const f = this.formatter;
    const relative = f?.relative(this.fetchedAt, now) ?? null;
    if (!f || relative === null) {
      this.fetched.hidden = true;
      return;
    }
    this.fetched.hidden = false;
    this.fetched.textContent = `Fetched ${relative}`;
    this.fetched.title = f.timestamp(this.fetchedAt) ?? '';
  }
}
