/**
 * The one Chart.js instance of the panel: created on the first snapshot, then updated in place
 * (data, options, type) for every later snapshot and theme change. Only the controllers, elements,
 * scales and plugins we use are registered, so the bundle stays small.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ReportChartConfig } from './chartConfig';
import { el } from './dom';
import { SWATCH_HEIGHT, SWATCH_WIDTH, type PngLegendItem } from './legend';
import { drawSwatch } from './legendView';

// No Legend plugin: the legend is HTML outside the canvas (legendView.ts).
Chart.register(LineController, BarController, LineElement, BarElement, PointElement, LinearScale, CategoryScale, Tooltip, Filler);

/** How far outside the plot area a click still picks the nearest point (a point's radius and a bit). */
const POINT_HIT_SLACK_PX = 8;

export class ChartView {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private chart: Chart<'line' | 'bar', (number | null)[], string> | undefined;
  /** The box was out of the layout (display: none) since the chart last took its size. */
  private boxHidden = false;

  constructor() {
    // Focusable, so focus can come back to the chart when the drill-down pane closes.
    this.canvas = el('canvas', { attrs: { role: 'img', tabindex: '0' } });
    this.element = el('div', { className: 'chart-box' }, [this.canvas]);
  }

  /** Calls `pick` with the dataset (0 current, 1 previous) and bucket index of the point nearest a click. */
  onPointClick(pick: (datasetIndex: number, index: number) => void): void {
    this.canvas.addEventListener('click', (event) => {
      const chart = this.chart;
      const area = chart?.chartArea;
      // Clicks on the axes are not a point; the first and last points sit on the
      // area's edges, so their halves outside it still count.
      const slack = POINT_HIT_SLACK_PX;
      if (!chart || !area || event.offsetX < area.left - slack || event.offsetX > area.right + slack
        || event.offsetY < area.top - slack || event.offsetY > area.bottom + slack) return;
      const hit = chart.getElementsAtEventForMode(event, 'nearest', { intersect: false }, false)[0];
      if (hit) pick(hit.datasetIndex, hit.index);
    });
  }

  /**
   * Creates the chart ahead of the first snapshot (while the host answers or fetches), with no
   * data and no animation, so that the first snapshot only updates it: Chart.js's setup (two full
   * updates in its constructor) and the first run of its code come before the data, not between
   * the data and the frame. main.ts lays the card out invisibly meanwhile (.chart-card.standby),
   * so the chart already has its size; if it has none, `render` measures it.
   */
  prepare(config: ReportChartConfig): void {
    if (this.chart) return;
    this.chart = new Chart(this.canvas, { ...config, options: { ...config.options, animation: false } });
  }

  /** Says the box is out of the layout now; the next `render` measures it again. */
  boxWasHidden(): void {
    this.boxHidden = true;
  }

  /** Draws `config`; reuses the existing chart. `animate` false updates without animation. */
  render(config: ReportChartConfig, ariaLabel: string, animate: boolean): void {
    this.canvas.setAttribute('aria-label', ariaLabel);
    // The fallback content of a canvas is what assistive tech that ignores aria-label reads.
    this.canvas.textContent = ariaLabel;
    if (!this.chart) {
      this.chart = new Chart(this.canvas, config);
      return;
    }
    const chart = this.chart;
    const unsized = this.boxHidden || !(chart.width > 0 && chart.height > 0);
    this.boxHidden = false;
    // Chart.js v4 rebuilds the dataset controllers when the type changes on update().
    (chart.config as unknown as { type: string }).type = config.type;
    chart.data = config.data;
    chart.options = config.options ?? {};
    if (unsized) {
      // Prepared or last drawn while its card was hidden: take the card's size now (Chart.js's
      // own resize observer would only redraw a frame later). A new size updates and draws the
      // chart with the data above, as a new Chart's first draw does.
      const { width, height } = chart;
      chart.resize();
      if (chart.width !== width || chart.height !== height) return;
    }
    chart.update(animate ? undefined : 'none');
  }

  /**
   * The chart as an opaque PNG: the canvas drawn onto the theme background, with the title and
   * periods above it so the image stands on its own. `legend` (the legend is outside the canvas)
   * is drawn under them, wrapped to the width.
   */
  toPng(background: string, foreground: string, muted: string, fontFamily: string, title: string, subtitle: string, legend: PngLegendItem[] = []): string | null {
    if (!this.chart) return null;
    const source = this.canvas;
    const ratio = source.width / Math.max(1, source.clientWidth || source.width);
    const pad = Math.round(16 * ratio);
    const out = document.createElement('canvas');
    out.width = source.width + pad * 2;
    const ctx = out.getContext('2d');
    if (!ctx) return null;
    const maxWidth = out.width - pad * 2;
    const legendFont = `${Math.round(12 * ratio)}px ${fontFamily}`;
    ctx.font = legendFont;
    const sample = Math.round(SWATCH_WIDTH * ratio);
    const sampleHeight = Math.round(SWATCH_HEIGHT * ratio);
    const gap = Math.round(14 * ratio);
    const lineHeight = Math.round(18 * ratio);
    // Lay the legend out first: its rows set the header's height.
    const placed: Array<PngLegendItem & { x: number; row: number; text: string }> = [];
    let x = 0;
    let row = 0;
    for (const item of legend) {
      const text = fit(ctx, item.label, maxWidth - sample - 6 * ratio);
      const width = sample + 6 * ratio + ctx.measureText(text).width;
      if (x > 0 && x + width > maxWidth) {
        x = 0;
        row++;
      }
      placed.push({ ...item, x, row, text });
      x += width + gap;
    }
    const legendTop = pad + Math.round(44 * ratio);
    const headerHeight = Math.round(44 * ratio) + (placed.length > 0 ? (row + 1) * lineHeight + Math.round(6 * ratio) : 0);
    out.height = source.height + headerHeight + pad * 2;
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.textBaseline = 'top';
    ctx.fillStyle = foreground;
    ctx.font = `600 ${Math.round(15 * ratio)}px ${fontFamily}`;
    ctx.fillText(fit(ctx, title, maxWidth), pad, pad);
    ctx.fillStyle = muted;
    ctx.font = `${Math.round(12 * ratio)}px ${fontFamily}`;
    ctx.fillText(fit(ctx, subtitle, maxWidth), pad, pad + Math.round(22 * ratio));
    ctx.font = legendFont;
    ctx.textBaseline = 'middle';
    for (const item of placed) {
      const left = pad + item.x;
      const middle = legendTop + item.row * lineHeight + lineHeight / 2;
      drawSwatch(ctx, item.swatch, left, middle - sampleHeight / 2, sample, sampleHeight, ratio);
      ctx.fillStyle = foreground;
      ctx.fillText(item.text, left + sample + 6 * ratio, middle);
    }
    ctx.drawImage(source, pad, pad + headerHeight);
    return out.toDataURL('image/png');
  }

}

function fit(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  const clean = text.replace(/\s+/g, ' ').slice(0, 300);
  if (ctx.measureText(clean).width <= maxWidth) return clean;
  let lo = 0;
  let hi = clean.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${clean.slice(0, mid)}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${clean.slice(0, lo)}…`;
}
