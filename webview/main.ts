/**
 * The report webview: says `ready`, then renders every snapshot the host sends, completely. Holds
 * the layout and wires the pure modules (format, summary, chartConfig, table, states) to the DOM.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import './styles/main.css';

import type { ReportComparison } from '../src/core/comparison';
import type { ChartType, RecoveryAction, ReportSnapshot } from '../src/protocol';
import { buildChartConfig } from './chartConfig';
import { ChartView, lineSample } from './chartView';
import { el } from './dom';
import { renderFigures } from './figures';
import { createFormatter, type Formatter } from './format';
import { Header } from './header';
import { validateHostMessage } from './messages';
import { actionLabel, renderBanner, renderEmpty, renderError, renderSkeleton, staleBanner } from './states';
import { buildHeadline, chartAriaLabel, customers, isEmptyReport } from './summary';
import { buildTable } from './table';
import { TableView } from './tableView';
import { prefersReducedMotion, readTheme, watchTheme } from './theme';
import { Toolbar } from './toolbar';
import { nextSort, restoreUiState, type UiState } from './uiState';
import { connectHost, type Host } from './vscodeApi';

type Mode = 'loading' | 'error' | 'empty' | 'data';

const BY_TITLE = { day: 'Customers helped by day', week: 'Customers helped by week', month: 'Customers helped by month' } as const;

class ReportApp {
  private readonly host: Host;
  private ui: UiState;
  private snapshot: ReportSnapshot | undefined;
  private formatter: Formatter = createFormatter('en', 'UTC');

  private readonly header = new Header();
  private readonly toolbar: Toolbar;
  private readonly banner = el('div', { className: 'banner', attrs: { role: 'status' } });
  private readonly stateSlot = el('section', { className: 'state-slot' });
  private readonly figures = el('section', { className: 'figures', attrs: { 'aria-label': 'Summary' } });
  private readonly chartTitle = el('h2', { className: 'card-title' });
  private readonly chartView = new ChartView();
  private readonly chartCard = el('section', { className: 'card chart-card' }, [this.chartTitle, this.chartView.element]);
  private readonly tableView: TableView;
  private readonly tableCard: HTMLElement;

  constructor(private readonly root: HTMLElement) {
    this.host = connectHost();
    this.ui = restoreUiState(this.host.getState());
    this.toolbar = new Toolbar({
      refresh: () => this.host.post({ type: 'refresh' }),
      editQuery: () => this.host.post({ type: 'editQuery' }),
      setViewBy: (viewBy) => this.host.post({ type: 'setViewBy', viewBy }),
      setChartType: (type) => this.setChartType(type),
      export: (format) => this.host.post({ type: 'export', format }),
      savePng: () => this.savePng(),
      copyTable: () => {
        this.host.post({ type: 'copyTable' });
        this.toolbar.announce('Copying the table');
      },
    });
    this.tableView = new TableView((column) => {
      this.ui = { ...this.ui, sort: nextSort(this.ui.sort, column) };
      this.persist();
      this.renderTable();
    });
    this.tableCard = el('section', { className: 'card table-card' }, [this.tableView.element]);
    this.banner.hidden = true;

    root.replaceChildren(
      el('div', { className: 'top' }, [this.header.element, this.toolbar.element]),
      this.banner,
      this.stateSlot,
      this.figures,
      this.chartCard,
      this.tableCard,
    );
    this.show('loading');
    renderSkeleton(this.stateSlot);
    this.header.element.hidden = true;
    this.toolbar.element.hidden = true;
    this.toolbar.update({ viewBy: 'day', allowedViewBy: [], chartType: this.ui.chartType, hasData: false, busy: true });

    window.addEventListener('message', (event) => this.onMessage(event.data));
    watchTheme(() => this.renderChart(false));
    window.setInterval(() => this.tick(), 30_000);
    this.host.post({ type: 'ready' });
  }

  private onMessage(data: unknown): void {
    const started = performance.now();
    const result = validateHostMessage(data);
    if (!result.ok) {
      console.warn(`[helpscout] ignored an invalid message: ${result.reason}`);
      return;
    }
    try {
      this.render(result.value.snapshot);
    } catch (error) {
      console.error('[helpscout] could not render the report', error);
      return;
    }
    const renderedMs = performance.now() - started;
    document.dispatchEvent(new CustomEvent('helpscout-rendered', { detail: { renderedMs } }));
  }

  private render(snapshot: ReportSnapshot): void {
    this.snapshot = snapshot;
    this.formatter = createFormatter(snapshot.locale, snapshot.timeZone);
    document.documentElement.lang = this.formatter.locale;
    const now = Date.now();
    const comparison = snapshot.comparison;
    const mode: Mode = comparison
      ? isEmptyReport(comparison)
        ? 'empty'
        : 'data'
      : snapshot.status === 'error' && snapshot.error
        ? 'error'
        : snapshot.status === 'loading'
          ? 'loading'
          : 'empty';

    this.root.setAttribute('aria-busy', String(snapshot.status === 'loading'));
    // First load: the skeleton stands in for the header and the toolbar too.
    this.header.element.hidden = mode === 'loading';
    this.toolbar.element.hidden = mode === 'loading';
    if (mode !== 'loading') this.header.update(snapshot, this.formatter, now);
    this.toolbar.update({
      viewBy: snapshot.viewBy,
      allowedViewBy: snapshot.allowedViewBy,
      chartType: this.ui.chartType,
      hasData: mode === 'data',
      busy: snapshot.status === 'loading',
    });
    this.renderBanner(comparison ? snapshot : undefined, now);
    this.show(mode);

    switch (mode) {
      case 'loading':
        renderSkeleton(this.stateSlot);
        break;
      case 'error':
        renderError(this.stateSlot, snapshot.error!, (action) => this.recover(action), copyText);
        break;
      case 'empty': {
        const previous =
          comparison?.hasPrevious && comparison.previousTotal
            ? `For comparison, ${snapshot.previousLabel ?? 'the previous period'} had ${customers(comparison.previousTotal, this.formatter)}.`
            : null;
        renderEmpty(this.stateSlot, snapshot, previous, {
          editQuery: () => this.host.post({ type: 'editQuery' }),
          refresh: () => this.host.post({ type: 'refresh' }),
        });
        break;
      }
      case 'data':
        renderFigures(this.figures, buildHeadline(snapshot, comparison!, this.formatter));
        this.chartTitle.textContent = BY_TITLE[snapshot.viewBy];
        this.renderChart(true);
        this.renderTable();
        break;
    }
  }

  private show(mode: Mode): void {
    const data = mode === 'data';
    this.stateSlot.hidden = data;
    this.stateSlot.className = `state-slot ${mode}`;
    this.figures.hidden = !data;
    this.chartCard.hidden = !data;
    this.tableCard.hidden = !data;
  }

  private dataComparison(): ReportComparison | undefined {
    const comparison = this.snapshot?.comparison;
    return comparison && !isEmptyReport(comparison) ? comparison : undefined;
  }

  private renderChart(animate: boolean): void {
    const snapshot = this.snapshot;
    const comparison = this.dataComparison();
    if (!snapshot || !comparison) return;
    const classes = document.body.classList;
    const reducedMotion = prefersReducedMotion(classes, window.matchMedia('(prefers-reduced-motion: reduce)').matches);
    const theme = readTheme(getComputedStyle(document.body), classes);
    const config = buildChartConfig({
      snapshot,
      comparison,
      chartType: this.ui.chartType,
      theme,
      reducedMotion,
      formatter: this.formatter,
      legendSample: lineSample,
    });
    this.chartView.render(config, chartAriaLabel(snapshot, comparison, this.formatter), animate && !reducedMotion);
  }

  private renderTable(): void {
    const snapshot = this.snapshot;
    const comparison = this.dataComparison();
    if (!snapshot || !comparison) return;
    const model = buildTable(
      comparison,
      { viewBy: snapshot.viewBy, currentLabel: snapshot.currentLabel, previousLabel: snapshot.previousLabel, sort: this.ui.sort },
      this.formatter,
    );
    this.tableView.render(model, this.ui.sort);
  }

  private renderBanner(snapshot: ReportSnapshot | undefined, now: number): void {
    const banner = snapshot ? staleBanner(snapshot, this.formatter, now) : null;
    const actions =
      snapshot?.status === 'error' && snapshot.error
        ? snapshot.error.actions.map((action) => ({ label: actionLabel(action), run: () => this.recover(action) }))
        : [];
    renderBanner(this.banner, banner, actions);
  }

  private setChartType(type: ChartType): void {
    if (this.ui.chartType === type) return;
    this.ui = { ...this.ui, chartType: type };
    this.persist();
    const snapshot = this.snapshot;
    if (snapshot) {
      this.toolbar.update({
        viewBy: snapshot.viewBy,
        allowedViewBy: snapshot.allowedViewBy,
        chartType: type,
        hasData: this.dataComparison() !== undefined,
        busy: snapshot.status === 'loading',
      });
    }
    this.renderChart(true);
  }

  private savePng(): void {
    const snapshot = this.snapshot;
    if (!snapshot || !this.dataComparison()) return;
    const theme = readTheme(getComputedStyle(document.body), document.body.classList);
    const subtitle = `${BY_TITLE[snapshot.viewBy]} · ${snapshot.currentLabel}${snapshot.previousLabel ? ` vs ${snapshot.previousLabel}` : ''}`;
    const dataUrl = this.chartView.toPng(theme.background, theme.text, theme.mutedText, theme.fontFamily, snapshot.user.name || snapshot.title, subtitle);
    if (dataUrl) this.host.post({ type: 'savePng', dataUrl });
  }

  private recover(action: RecoveryAction): void {
    this.host.post({ type: 'recover', action });
  }

  private tick(): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    const now = Date.now();
    this.header.tick(now);
    if (snapshot.comparison) this.renderBanner(snapshot, now);
  }

  private persist(): void {
    this.host.setState(this.ui);
  }
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function start(): void {
  let root = document.getElementById('app');
  if (!root) {
    root = el('main', { attrs: { id: 'app' } });
    document.body.appendChild(root);
  }
  root.classList.add('app');
  new ReportApp(root);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
