/**
 * The chart's legend as HTML beside the canvas: a toggle button per entry (aria-pressed), with a
 * sample of its series drawn by `drawSwatch`, which also draws the legend into a saved PNG. Labels
 * go into the DOM as text.
 */
import { drawPoint } from 'chart.js/helpers';
import { el, replaceChildren } from './dom';
import { SWATCH_HEIGHT, SWATCH_WIDTH, type LegendEntry, type SwatchStyle } from './legend';
import './styles/legend.css';

/** Draws a sample `width` × `height` at (left, top), in the canvas's units (`scale` for dashes and widths). */
export function drawSwatch(ctx: CanvasRenderingContext2D, style: SwatchStyle, left: number, top: number, width: number, height: number, scale = 1): void {
  ctx.save();
  ctx.strokeStyle = style.color;
  ctx.lineWidth = (style.width ?? 2) * scale;
  ctx.setLineDash(style.dash.map((d) => d * scale));
  if (style.fill !== undefined) {
    ctx.fillStyle = style.fill;
    ctx.fillRect(left, top, width, height);
    const inset = ctx.lineWidth / 2;
    if (ctx.lineWidth > 0) ctx.strokeRect(left + inset, top + inset, width - ctx.lineWidth, height - ctx.lineWidth);
  } else {
    const middle = top + height / 2;
    ctx.beginPath();
    ctx.moveTo(left, middle);
    ctx.lineTo(left + width, middle);
    ctx.stroke();
    if (style.pointStyle) {
      ctx.setLineDash([]);
      ctx.fillStyle = style.color;
      ctx.lineWidth = scale;
      drawPoint(ctx, { pointStyle: style.pointStyle, radius: 3.5 * scale, borderWidth: scale, rotation: 0 }, left + width / 2, middle);
    }
  }
  ctx.restore();
}

function swatchCanvas(style: SwatchStyle): HTMLCanvasElement {
  const ratio = Math.max(1, Math.min(3, Math.round(window.devicePixelRatio || 1)));
  const canvas = el('canvas', { className: 'legend-swatch', attrs: { 'aria-hidden': 'true', width: String(SWATCH_WIDTH * ratio), height: String(SWATCH_HEIGHT * ratio) } });
  const ctx = canvas.getContext('2d');
  if (ctx) drawSwatch(ctx, style, 0, 0, canvas.width, canvas.height, ratio);
  return canvas;
}

/**
 * The buttons, rebuilt only when the entries' labels or looks change (a snapshot with the same
 * series only updates aria-pressed), keeping the keyboard focus on the same entry.
 */
export class ChartLegend<K extends string | number> {
  readonly element: HTMLElement;
  private shape = '';
  private buttons = new Map<K, HTMLButtonElement>();

  constructor(ariaLabel: string, testId: string, private readonly toggle: (key: K) => void) {
    this.element = el('div', { className: 'chart-legend', attrs: { role: 'group', 'aria-label': ariaLabel, 'data-testid': testId } });
  }

  render(entries: readonly LegendEntry<K>[]): void {
    const shape = JSON.stringify(entries.map(({ shown: _, ...rest }) => rest));
    if (shape !== this.shape) {
      this.shape = shape;
      const focused = [...this.buttons].find(([, b]) => b === document.activeElement)?.[0];
      this.buttons = new Map();
      replaceChildren(
        this.element,
        entries.map((entry) => {
          const b = el('button', { className: `legend-toggle${entry.className ? ` ${entry.className}` : ''}`, attrs: { ...entry.attrs, type: 'button' } }, [
            swatchCanvas(entry.swatch),
            el('bdi', { text: entry.label }),
          ]);
          b.addEventListener('click', () => this.toggle(entry.key));
          this.buttons.set(entry.key, b);
          return b;
        }),
      );
      if (focused !== undefined) this.buttons.get(focused)?.focus();
    }
    for (const entry of entries) this.buttons.get(entry.key)?.setAttribute('aria-pressed', String(entry.shown));
  }
}
