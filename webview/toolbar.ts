/**
 * The actions row: Refresh, Edit query, Metric (what the subject allows), View by (only the
 * allowed resolutions), Line/Bar, an
 * Export menu (CSV, JSON, Markdown), Save PNG and Copy table. Buttons are vscode-elements; the
 * export menu is a small accessible menu button (arrow keys, Escape, click outside).
 */
import type { ViewBy } from '../src/core/query';
import type { Metric } from '../src/core/reportSeries';
import type { MetricChoice } from '../src/protocol/metric';
import type { ChartType, ExportFormat } from '../src/protocol';
import { button, el, replaceChildren } from './dom';

export interface ToolbarActions {
  refresh(): void;
  editQuery(): void;
  setViewBy(viewBy: ViewBy): void;
  setMetric(metric: Metric): void;
  setChartType(type: ChartType): void;
  export(format: ExportFormat): void;
  savePng(): void;
  copyTable(): void;
  copyMarkdown(): void;
}

export interface ToolbarState {
  metric: Metric;
  metrics: MetricChoice[];
  viewBy: ViewBy;
  allowedViewBy: ViewBy[];
  chartType: ChartType;
  /** Data to export/copy/draw exists. */
  hasData: boolean;
  busy: boolean;
}

const VIEW_LABEL: Record<ViewBy, string> = { day: 'Day', week: 'Week', month: 'Month' };
const EXPORTS: Array<[ExportFormat, string]> = [
  ['csv', 'CSV (spreadsheet)'],
  ['json', 'JSON'],
  ['markdown', 'Markdown table'],
];


export class Toolbar {
  readonly element: HTMLElement;
  private readonly viewByGroup: HTMLElement;
  private viewByButtons = new Map<ViewBy, HTMLElement>();
  private viewByKey = '';
  private readonly metricField: HTMLElement;
  private readonly metricGroup: HTMLElement;
  private metricButtons = new Map<Metric, HTMLElement>();
  private metricKey = '';
  private currentMetric: Metric | undefined;
  private readonly lineButton: HTMLElement;
  private readonly barButton: HTMLElement;
  private readonly refreshButton: HTMLElement;
  private readonly dataButtons: HTMLElement[];
  private readonly exportButton: HTMLElement;
  private readonly menu: HTMLElement;
  private readonly status: HTMLElement;

  constructor(private readonly actions: ToolbarActions) {
    this.refreshButton = button('Refresh', () => actions.refresh(), { secondary: true });
    const edit = button('Edit query', () => actions.editQuery(), { secondary: true });

    // A segmented control rather than vscode-single-select: at most three choices, one click each,
    // and ~50 KB less bundle.
    this.viewByGroup = el('div', { className: 'segmented', attrs: { role: 'group', 'aria-labelledby': 'view-by-label' } });
    const viewBy = el('div', { className: 'field' }, [
      el('span', { className: 'field-label', text: 'View by', attrs: { id: 'view-by-label' } }),
      this.viewByGroup,
    ]);

    this.metricGroup = el('div', { className: 'segmented', attrs: { role: 'group', 'aria-labelledby': 'metric-label' } });
    this.metricField = el('div', { className: 'field' }, [
      el('span', { className: 'field-label', text: 'Metric', attrs: { id: 'metric-label' } }),
      this.metricGroup,
    ]);

    this.lineButton = button('Line', () => actions.setChartType('line'));
    this.barButton = button('Bar', () => actions.setChartType('bar'));
    const chartType = el('div', { className: 'segmented', attrs: { role: 'group', 'aria-label': 'Chart type' } }, [this.lineButton, this.barButton]);

    this.exportButton = button('Export', () => this.toggleMenu(), { secondary: true });
    this.exportButton.append(el('span', { className: 'caret', text: ' ▾', attrs: { 'aria-hidden': 'true' } }));
    this.exportButton.setAttribute('aria-haspopup', 'menu');
    this.exportButton.setAttribute('aria-expanded', 'false');
    this.exportButton.id = 'export-button';
    this.exportButton.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.openMenu(0);
      } else if (event.key === 'Enter' || event.key === ' ') {
        // vscode-button has already clicked (the menu is open, its first item focused). Without
        // this, the browser's activation of the same key press lands on that item and exports.
        event.preventDefault();
      }
    });
    this.menu = el(
      'div',
      { className: 'menu', attrs: { role: 'menu', 'aria-labelledby': 'export-button' } },
      EXPORTS.map(([format, label]) => {
        const item = el('button', { className: 'menu-item', text: label, attrs: { role: 'menuitem', type: 'button', tabindex: '-1' } });
        item.addEventListener('click', () => {
          this.closeMenu(true);
          actions.export(format);
        });
        return item;
      }),
    );
    this.menu.hidden = true;
    this.menu.addEventListener('keydown', (event) => this.onMenuKey(event));
    document.addEventListener('pointerdown', (event) => {
      if (!this.menu.hidden && !this.menu.contains(event.target as Node) && !this.exportButton.contains(event.target as Node)) {
        this.closeMenu(false);
      }
    });
    const exportWrap = el('div', { className: 'menu-anchor' }, [this.exportButton, this.menu]);

    const png = button('Save PNG', () => actions.savePng(), { secondary: true });
    png.title = 'Save the chart as a PNG image';
    const copy = button('Copy table', () => actions.copyTable(), { secondary: true });
    copy.title = 'Copy the table as tab-separated values, which paste into a spreadsheet as columns';
    const copyMarkdown = button('Copy as Markdown', () => actions.copyMarkdown(), { secondary: true });
    copyMarkdown.title = 'Copy the table as a Markdown table';
    this.dataButtons = [this.lineButton, this.barButton, this.exportButton, png, copy, copyMarkdown];
    // Visible as well as announced: "Table copied", "Saved: by week".
    this.status = el('span', { className: 'toolbar-status', attrs: { role: 'status', 'aria-live': 'polite' } });

    this.element = el('div', { className: 'toolbar', attrs: { role: 'group', 'aria-label': 'Report actions' } }, [
      el('div', { className: 'toolbar-group' }, [this.refreshButton, edit]),
      el('div', { className: 'toolbar-group' }, [this.metricField, viewBy, chartType]),
      el('div', { className: 'toolbar-group end' }, [exportWrap, png, copy, copyMarkdown]),
      this.status,
    ]);
  }

  private currentViewBy: ViewBy | undefined;

  update(state: ToolbarState): void {
    this.updateMetric(state);
    this.currentViewBy = state.viewBy;
    const allowed = state.allowedViewBy.includes(state.viewBy) ? state.allowedViewBy : [...state.allowedViewBy, state.viewBy];
    const key = allowed.join(',');
    if (key !== this.viewByKey) {
      this.viewByKey = key;
      // Rebuilding the buttons must not drop the keyboard focus on the one that was pressed.
      const focused = [...this.viewByButtons].find(([, node]) => node === document.activeElement)?.[0];
      this.viewByButtons = new Map(
        (['day', 'week', 'month'] as const)
          .filter((v) => allowed.includes(v))
          .map((v) => [v, button(VIEW_LABEL[v], () => {
            if (v !== this.currentViewBy) this.actions.setViewBy(v);
          })]),
      );
      replaceChildren(this.viewByGroup, [...this.viewByButtons.values()]);
      if (focused) (this.viewByButtons.get(focused) ?? this.viewByButtons.get(state.viewBy))?.focus();
    }
    for (const [v, node] of this.viewByButtons) {
      const pressed = v === state.viewBy;
      node.setAttribute('aria-pressed', String(pressed));
      node.toggleAttribute('secondary', !pressed);
      this.setDisabled(node, state.busy && !pressed);
    }

    for (const [node, type] of [
      [this.lineButton, 'line'],
      [this.barButton, 'bar'],
    ] as const) {
      const pressed = state.chartType === type;
      node.setAttribute('aria-pressed', String(pressed));
      node.toggleAttribute('secondary', !pressed);
    }
    for (const node of this.dataButtons) this.setDisabled(node, !state.hasData);
    this.setDisabled(this.refreshButton, false);
    this.refreshButton.textContent = state.busy ? 'Refreshing…' : 'Refresh';
  }

  /** One button per metric the subject allows; hidden when there is no choice. */
  private updateMetric(state: ToolbarState): void {
    this.currentMetric = state.metric;
    const key = state.metrics.map((m) => `${m.id}:${m.label}`).join('|');
    if (key !== this.metricKey) {
      this.metricKey = key;
      this.metricButtons = new Map(
        state.metrics.map((m) => [m.id, button(m.label, () => {
          if (m.id !== this.currentMetric) this.actions.setMetric(m.id);
        })]),
      );
      replaceChildren(this.metricGroup, [...this.metricButtons.values()]);
    }
    this.metricField.hidden = state.metrics.length < 2;
    for (const [id, node] of this.metricButtons) {
      const pressed = id === state.metric;
      node.setAttribute('aria-pressed', String(pressed));
      node.toggleAttribute('secondary', !pressed);
      this.setDisabled(node, state.busy && !pressed);
    }
  }

  /** Announces a short confirmation ("Table copied") to screen readers. */
  announce(text: string): void {
    this.status.textContent = '';
    window.setTimeout(() => (this.status.textContent = text), 50);
  }

  private setDisabled(node: HTMLElement, disabled: boolean): void {
    node.toggleAttribute('disabled', disabled);
    node.setAttribute('aria-disabled', String(disabled));
  }

  private items(): HTMLElement[] {
    return Array.from(this.menu.querySelectorAll<HTMLElement>('[role="menuitem"]'));
  }

  private toggleMenu(): void {
    if (this.menu.hidden) this.openMenu(0);
    else this.closeMenu(true);
  }

  private openMenu(index: number): void {
    this.menu.hidden = false;
    // Opened from a button at the start of a wrapped row, a right-aligned menu would leave the panel.
    this.menu.classList.remove('align-start');
    if (this.menu.getBoundingClientRect().left < 0) this.menu.classList.add('align-start');
    this.exportButton.setAttribute('aria-expanded', 'true');
    this.items()[index]?.focus();
  }

  private closeMenu(returnFocus: boolean): void {
    this.menu.hidden = true;
    this.exportButton.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.exportButton.focus();
  }

  private onMenuKey(event: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number): void => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(at + 1);
      case 'ArrowUp':
        return move(at - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
      case 'Escape':
        event.preventDefault();
        return this.closeMenu(true);
      case 'Tab':
        return this.closeMenu(false);
    }
  }
}
