/**
 * The headline: one sentence, then cards for this period, the previous one, the change and the
 * busiest bucket. Direction is told by glyph and words; colour only adds to it.
 */
import { el, replaceChildren } from './dom';
import type { Figure, Headline } from './summary';

function card(figure: Figure, className: string): HTMLElement {
  return el('div', { className: `figure ${className}`, attrs: { role: 'group', 'aria-label': figure.label } }, [
    el('div', { className: 'figure-label', text: figure.label }),
    el('div', { className: 'figure-value', text: figure.value }),
    el('div', { className: 'figure-detail', text: figure.detail, attrs: { dir: 'auto', title: figure.detail } }),
  ]);
}

export function renderFigures(container: HTMLElement, headline: Headline): void {
  const change = headline.change;
  const cards: HTMLElement[] = [card(headline.current, 'current')];
  if (headline.previous) {
    cards.push(card(headline.previous, 'previous'));
    const detail =
      change.direction === 'up' || change.direction === 'down'
        ? `${change.words} on the previous period`
        : change.direction === 'new'
          ? 'none in the previous period'
          : change.direction === 'flat'
            ? 'same as the previous period'
            : 'no comparison';
    cards.push(
      el('div', { className: `figure change ${change.direction}`, attrs: { role: 'group', 'aria-label': 'Change' } }, [
        el('div', { className: 'figure-label', text: 'Change' }),
        el('div', { className: 'figure-value' }, [
          change.glyph && el('span', { className: 'glyph', text: change.glyph, attrs: { 'aria-hidden': 'true' } }),
          el('span', { text: change.direction === 'none' ? '—' : change.absolute }),
          change.direction !== 'none' &&
            change.direction !== 'flat' &&
            el('span', { className: 'pill', text: change.direction === 'new' ? 'new' : change.percentOnly }),
        ]),
        el('div', { className: 'figure-detail', text: detail }),
        headline.lengths && el('div', { className: 'figure-lengths', text: `${headline.lengths.text} · ${headline.lengths.perDay}` }),
      ]),
    );
  }
  if (headline.peak) cards.push(card(headline.peak, 'peak'));
  if (headline.people) cards.push(card(headline.people, 'people'));
  replaceChildren(container, [
    el('p', { className: 'summary-sentence', text: headline.sentence }),
    el('div', { className: 'figures-grid' }, cards),
    el('p', { className: 'figures-note', text: headline.note }),
  ]);
}
