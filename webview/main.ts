/**
 * The report webview: says `ready`, then renders every snapshot the host sends, completely. Holds
 * the layout and wires the pure modules (format, summary, chartConfig, table, states) to the DOM.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import './styles/main.css';

import type { ReportComparison } from '../src/core/comparison';
import type { ChartType, RecoveryAction, ReportSnapshot } from '../src/protocol';
import { buildChartConfig, reportLegend, type ReportSeries } from './chartConfig';
import { ChartView } from './chartView';
import { el } from './dom';
import { renderFigures } from './figures';
import { createFormatter, type Formatter } from './format';
import { Header } from './header';
import { pngLegend } from './legend';
import { ChartLegend } from './legendView';
import { readNotice, validateHostMessage } from './messages';
import { actionLabel, bannerActions, isFetching, panelParts, renderBanner, renderEmpty, renderError, renderSkeleton, staleBanner, type PanelMode } from './states';
import { amount, buildHeadline, chartAriaLabel, metricTitle } from './summary';
import { buildTable } from './table';
import { TableView } from './tableView';
import { prefersReducedMotion, readTheme, watchTheme, type ThemeColors } from './theme';
import { Toolbar } from './toolbar';
import { nextSort, restoreUiState, toggleSeries, type UiState } from './uiState';
import { connectHost, type Host } from './vscodeApi';
import { drillActions } from './features/drilldown/actions';
import { DrilldownFeature } from './features/drilldown/feature';
import { teamActions } from './features/team/actions';
import { buildTeamChartConfig, teamChartAriaLabel, teamLegend } from './features/team/chart';
import { TeamFeature } from './features/team/feature';
import { isEmptyView, personName, teamHeadline } from './features/team/view';
import type { TeamTable } from '../src/protocol/team';

type Mode = PanelMode;

/** Marked after the frame that shows a snapshot (see afterPaint); the render bench reads it. */
const PAINTED_MARK = 'helpscout:painted';


class ReportApp {
  private readonly host: Host;
  private ui: UiState;
  private snapshot: ReportSnapshot | undefined;
  /** Made after `ready` is posted: the page's first Intl formatter costs 20–30 ms (ICU set-up). */
  private formatter: Formatter;
  /** The locale and time zone `formatter` was made for: Intl formatters are costly to build. */
  private formatterKey = 'en|UTC';
  /** The theme as last read; cleared when VS Code changes it (watchTheme). */
  private themeColors: ThemeColors | undefined;
  private readonly reducedMotionQuery = window.matchMedia('(prefers-reduced-motion: reduce)');

  private readonly header = new Header();
  private readonly toolbar: Toolbar;
  private readonly banner = el('div', { className: 'banner', attrs: { role: 'status' } });
  private readonly stateSlot = el('section', { className: 'state-slot' });
  private readonly figures = el('section', { className: 'figures', attrs: { 'aria-label': 'Summary' } });
  private readonly chartTitle = el('h2', { className: 'card-title' });
  private readonly chartView = new ChartView();
  /** A single report's legend, beside the title; a team's is the team view's, below it. */
  private readonly legend = new ChartLegend<ReportSeries>('Periods in the chart', 'chart-legend', (series) => {
    this.ui = toggleSeries(this.ui, series);
    this.persist();
    this.renderChart(false);
  });
  private readonly chartCard = el('section', { className: 'card chart-card' }, [
    el('div', { className: 'chart-head' }, [this.chartTitle, this.legend.element]),
    this.chartView.element,
  ]);
  private readonly drill: DrilldownFeature;
  private readonly team: TeamFeature;
  /** Whose line each dataset of the chart is drawn for (team reports); null: the Team total. */
  private datasetPeople: (number | null)[] | undefined;
  /** The chart and, while drilling, the conversations pane beside or below it. */
  private readonly chartRow: HTMLElement;
  /** The bucket that was open before a reload: drilled again with the first fresh data. */
  private restoreDrill: (NonNullable<UiState['drill']> & { queryId: string }) | undefined;
  private readonly tableView: TableView;
  private readonly tableCard: HTMLElement;
  private mode: Mode = 'loading';
  /** A report has been shown: the chart card no longer stands by (see panelParts). */
  private reportShown = false;
  /** The table is behind the snapshot: drawn right after the chart's frame (see afterPaint). */
  private tableStale = true;
  private cancelAfterPaint: (() => void) | undefined;

  constructor(private readonly root: HTMLElement) {
    this.host = connectHost();
    this.ui = restoreUiState(this.host.getState());
    // Say `ready` first: the host's answer arrives as a later task, so everything below (the
    // layout, the formatter, the chart) overlaps with the host building or fetching it.
    window.addEventListener('message', (event) => this.onMessage(event.data));
    this.host.post({ type: 'ready' });
    this.toolbar = new Toolbar({
      refresh: () => this.host.post({ type: 'refresh' }),
      editQuery: () => this.host.post({ type: 'editQuery' }),
      setViewBy: (viewBy) => this.host.post({ type: 'setViewBy', viewBy }),
      setMetric: (metric) => this.host.post({ type: 'setMetric', metric }),
      setChartType: (type) => this.setChartType(type),
      export: (format) => this.host.post({ type: 'export', format, ...this.teamTable() }),
      savePng: () => this.savePng(),
      copyTable: () => this.host.post({ type: 'copyTable', ...this.teamTable() }),
      copyMarkdown: () => this.host.post({ type: 'copyMarkdown', ...this.teamTable() }),
    });
    this.tableView = new TableView(
      (column) => {
        this.ui = { ...this.ui, sort: nextSort(this.ui.sort, column) };
        this.persist();
        this.renderTable();
      },
      (key, row) => this.drillInto('current', key, row),
    );
    this.drill = new DrilldownFeature(drillActions(this.host), () => this.formatter, (bucket) => {
      this.chartRow.classList.toggle('drilling', bucket !== undefined);
      this.ui = { ...this.ui, drill: bucket };
      this.persist();
    });
    this.restoreDrill = this.ui.drill && this.ui.queryId ? { ...this.ui.drill, queryId: this.ui.queryId } : undefined;
    this.chartRow = el('div', { className: 'chart-drill' }, [this.chartCard, this.drill.element]);
    this.team = new TeamFeature(teamActions(this.host), () => this.ui.team, (next, change) => {
      this.ui = { ...this.ui, team: next };
      this.persist();
      if (change === 'chart') this.renderChart(false);
      else this.renderTable();
    });
    this.chartView.onPointClick((dataset, index) => {
      const people = this.datasetPeople;
      if (!people) return this.drillInto(dataset === 1 ? 'previous' : 'current', index, this.chartView.canvas);
      // The Team total has no conversations of its own to list: only a person's line drills.
      const userId = people[dataset];
      if (userId !== null && userId !== undefined) this.drillInto('current', index, this.chartView.canvas, true, userId);
    });
    this.team.legend.hidden = true;
    this.team.tables.hidden = true;
    this.chartCard.insertBefore(this.team.legend, this.chartView.element);
    this.tableCard = el('section', { className: 'card table-card' }, [this.tableView.element, this.team.tables]);
    this.banner.hidden = true;

    root.replaceChildren(
      el('div', { className: 'top' }, [this.header.element, this.toolbar.element]),
      this.banner,
      this.team.progress,
      this.stateSlot,
      this.figures,
      this.chartRow,
      this.tableCard,
    );
    this.show('loading');
    renderSkeleton(this.stateSlot);
    this.header.element.hidden = true;
    this.toolbar.element.hidden = true;
    this.toolbar.update({ metric: 'customersHelped', metrics: [], viewBy: 'day', allowedViewBy: [], chartType: this.ui.chartType, hasData: false, busy: true });

    watchTheme(() => {
      this.themeColors = undefined;
      this.renderChart(false);
    });
    window.setInterval(() => this.tick(), 30_000);
    this.formatter = createFormatter('en', 'UTC');
    // While the host answers (it may be fetching), set the chart up so the first snapshot is an update.
    this.prepareChart();
  }

  private prepareChart(): void {
    try {
      const config = buildChartConfig({
        snapshot: { viewBy: 'day', currentLabel: '', previousLabel: '' },
        comparison: { rows: [], hasPrevious: true, currentTotal: 0, previousTotal: 0, change: null },
        chartType: this.ui.chartType,
        theme: this.theme(),
        reducedMotion: true,
        formatter: this.formatter,
      });
      this.chartView.prepare(config);
      warmUpText(this.chartCard);
    } catch (error) {
      // Not fatal: the first snapshot creates the chart instead.
      console.warn('[helpscout] could not prepare the chart', error);
    }
  }

  private onMessage(data: unknown): void {
    if (this.drill.receive(data)) return;
    const notice = readNotice(data);
    if (notice !== undefined) {
      this.toolbar.announce(notice);
      return;
    }
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
    // Queued after the event's listeners, so whoever waits for the painted frame from there gets
    // it before the table is built.
    this.afterPaint();
  }

  /**
   * After the frame that shows this snapshot (a requestAnimationFrame, then one task: that frame
   * has been painted by then): marks `helpscout:painted` and draws the table. The table is below
   * the chart, so its 60–120 rows do not hold up the chart's frame; they show one frame later.
   * A newer snapshot replaces the pending run. Without frames (a hidden panel pauses
   * requestAnimationFrame) a timer draws the table, and nothing is marked.
   */
  private afterPaint(): void {
    this.cancelAfterPaint?.();
    const channel = new MessageChannel();
    const run = (painted: boolean): void => {
      cancel();
      if (painted) {
        performance.clearMarks(PAINTED_MARK);
        performance.mark(PAINTED_MARK, { detail: { mode: this.mode } });
      }
      if (!this.tableStale) return;
      try {
        this.renderTable();
      } catch (error) {
        console.error('[helpscout] could not render the table', error);
      }
    };
    const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
    const timer = window.setTimeout(() => run(false), 250);
    channel.port1.onmessage = () => run(true);
    const cancel = (): void => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      channel.port1.close();
      if (this.cancelAfterPaint === cancel) this.cancelAfterPaint = undefined;
    };
    this.cancelAfterPaint = cancel;
  }

  private render(snapshot: ReportSnapshot): void {
    this.snapshot = snapshot;
    if (this.ui.queryId !== snapshot.queryId) {
      this.ui.queryId = snapshot.queryId;
      this.persist();
    }
    const formatterKey = `${snapshot.locale}|${snapshot.timeZone}`;
    if (formatterKey !== this.formatterKey) {
      this.formatter = createFormatter(snapshot.locale, snapshot.timeZone);
      this.formatterKey = formatterKey;
    }
    // Setting lang, even to the same value, makes the browser recalculate style.
    if (document.documentElement.lang !== this.formatter.locale) document.documentElement.lang = this.formatter.locale;
    const now = Date.now();
    const comparison = snapshot.comparison;
    const mode: Mode = comparison
      ? isEmptyView(comparison, snapshot.team)
        ? 'empty'
        : 'data'
      : snapshot.status === 'error' && snapshot.error
        ? 'error'
        : snapshot.status === 'loading'
          ? 'loading'
          : 'empty';

    this.root.setAttribute('aria-busy', String(snapshot.status === 'loading'));
    // First load: the skeleton stands in for the header and the toolbar too. Later loads keep
    // them, so the control that started the load (View by) keeps the keyboard focus.
    const firstLoad = mode === 'loading' && !this.reportShown;
    this.header.element.hidden = firstLoad;
    this.toolbar.element.hidden = firstLoad;
    if (mode !== 'loading') this.header.update(snapshot, this.formatter, now);
    this.toolbar.update({
      metric: snapshot.metric.id,
      metrics: snapshot.metrics,
      viewBy: snapshot.viewBy,
      allowedViewBy: snapshot.allowedViewBy,
      chartType: this.ui.chartType,
      hasData: mode === 'data',
      busy: isFetching(snapshot),
    });
    this.renderBanner(comparison ? snapshot : undefined, now);
    this.drill.reportChanged(`${snapshot.queryId}|${snapshot.fetchedAt ?? ''}|${snapshot.viewBy}|${mode}`);
    this.show(mode);

    const team = snapshot.team;
    // Outside the skeleton, so the live region stays in the page and each step is announced.
    this.team.renderProgress(snapshot.status === 'loading' ? team : undefined, this.formatter);
    this.team.legend.hidden = !team;
    this.legend.element.hidden = team !== undefined;
    this.chartCard.classList.toggle('team', team !== undefined);
    this.team.tables.hidden = !team;
    this.tableView.element.hidden = team !== undefined;
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
            ? `For comparison, ${snapshot.previousLabel ?? 'the previous period'} had ${amount(comparison.previousTotal, snapshot.metric.unit, this.formatter)}.`
            : null;
        renderEmpty(this.stateSlot, snapshot, previous, {
          editQuery: () => this.host.post({ type: 'editQuery' }),
          refresh: () => this.host.post({ type: 'refresh' }),
        });
        break;
      }
      case 'data':
        {
          const headline = buildHeadline(snapshot, comparison!, this.formatter);
          renderFigures(this.figures, team ? teamHeadline(headline, snapshot, team, this.formatter) : headline);
        }
        this.chartTitle.textContent = metricTitle(snapshot);
        this.renderChart(true);
        this.tableStale = true; // drawn by afterPaint, after the chart's frame
        if (this.restoreDrill && !snapshot.stale && this.restoreDrill.queryId === snapshot.queryId) {
          const { series, index, userId } = this.restoreDrill;
          this.restoreDrill = undefined;
          this.drillInto(series, index, this.chartView.canvas, false, userId);
        }
        break;
    }
  }

  private show(mode: Mode): void {
    this.mode = mode;
    if (mode === 'data') this.reportShown = true;
    const parts = panelParts(mode, { reportShown: this.reportShown, tableDrawn: this.tableView.drawn });
    this.stateSlot.hidden = !parts.stateSlot;
    this.stateSlot.className = `state-slot ${mode}`;
    this.figures.hidden = !parts.figures;
    this.chartCard.classList.toggle('standby', parts.chart === 'standby');
    this.chartCard.hidden = parts.chart === 'hidden';
    if (this.chartCard.hidden) this.chartView.boxWasHidden();
    this.tableCard.hidden = !parts.table;
  }

  private dataComparison(): ReportComparison | undefined {
    const comparison = this.snapshot?.comparison;
    return comparison && !isEmptyView(comparison, this.snapshot?.team) ? comparison : undefined;
  }

  private renderChart(animate: boolean): void {
    const snapshot = this.snapshot;
    const comparison = this.dataComparison();
    if (!snapshot || !comparison) return;
    const classes = document.body.classList;
    const reducedMotion = prefersReducedMotion(classes, this.reducedMotionQuery.matches);
    const theme = this.theme();
    const input = { snapshot, comparison, chartType: this.ui.chartType, theme, reducedMotion, formatter: this.formatter };
    const team = snapshot.team;
    if (team) {
      const chart = buildTeamChartConfig(input, team, this.ui.team);
      this.datasetPeople = chart.datasetPeople;
      this.team.renderLegend(team, theme, this.ui.chartType);
      this.chartView.render(chart.config, teamChartAriaLabel(snapshot, team, this.ui.team.showTotal, this.formatter), animate && !reducedMotion);
      return;
    }
    this.datasetPeople = undefined;
    const single = { ...input, hidden: this.ui.hiddenSeries };
    this.legend.render(reportLegend(single));
    const config = buildChartConfig(single);
    this.chartView.render(config, chartAriaLabel(snapshot, comparison, this.formatter), animate && !reducedMotion);
  }

  /**
   * The theme colours. Read once and kept until VS Code changes the theme: reading computed style
   * right after the snapshot's DOM writes would force a style recalculation in the handler.
   */
  private theme(): ThemeColors {
    this.themeColors ??= readTheme(getComputedStyle(document.body), document.body.classList);
    return this.themeColors;
  }

  private renderTable(): void {
    const snapshot = this.snapshot;
    const comparison = this.dataComparison();
    if (!snapshot || !comparison) return;
    if (snapshot.team) {
      this.team.renderTables(snapshot, comparison, snapshot.team, this.formatter);
      this.tableStale = false;
      this.tableView.drawn = true;
      this.tableCard.hidden = this.mode !== 'data';
      return;
    }
    const model = buildTable(
      comparison,
      { viewBy: snapshot.viewBy, currentLabel: snapshot.currentLabel, previousLabel: snapshot.previousLabel, sort: this.ui.sort, metric: snapshot.metric },
      this.formatter,
    );
    this.tableView.render(model, this.ui.sort);
    this.tableStale = false;
    this.tableCard.hidden = this.mode !== 'data';
  }

  private renderBanner(snapshot: ReportSnapshot | undefined, now: number): void {
    const banner = snapshot ? staleBanner(snapshot, this.formatter, now) : null;
    const actions = snapshot ? bannerActions(snapshot).map((action) => ({ label: actionLabel(action), run: () => this.recover(action) })) : [];
    renderBanner(this.banner, banner, actions);
  }

  /** A point or a table row was picked: its conversations, in the pane. */
  private drillInto(series: 'current' | 'previous', index: number, origin: HTMLElement, focus = true, userId?: number): void {
    const snapshot = this.snapshot;
    const row = this.dataComparison()?.rows[index];
    const date = series === 'current' ? row?.currentDate : row?.previousDate;
    if (!snapshot || !date) return;
    const when = this.formatter.bucketLong(date, snapshot.viewBy);
    const label = series === 'previous' ? `Previous period · ${when}` : when;
    if (userId === undefined) return this.drill.open({ series, index, label }, origin, focus);
    const person = snapshot.team?.people.find((p) => p.id === userId);
    if (!person || person.error) return;
    this.drill.open({ series, index, label: `${personName(person)} · ${label}`, userId }, origin, focus);
  }

  /** In a team report, the table the user is looking at: what an export or copy carries. */
  private teamTable(): { teamTable?: TeamTable } {
    return this.snapshot?.team ? { teamTable: this.ui.team.table } : {};
  }

  private setChartType(type: ChartType): void {
    if (this.ui.chartType === type) return;
    this.ui = { ...this.ui, chartType: type };
    this.persist();
    const snapshot = this.snapshot;
    if (snapshot) {
      this.toolbar.update({
        metric: snapshot.metric.id,
        metrics: snapshot.metrics,
        viewBy: snapshot.viewBy,
        allowedViewBy: snapshot.allowedViewBy,
        chartType: type,
        hasData: this.dataComparison() !== undefined,
        busy: isFetching(snapshot),
      });
    }
    this.renderChart(true);
  }

  private savePng(): void {
    const snapshot = this.snapshot;
    const comparison = this.dataComparison();
    if (!snapshot || !comparison) return;
    const theme = this.theme();
    const team = snapshot.team;
    // The legend is outside the canvas, so the PNG draws the entries whose series are drawn.
    const legend = pngLegend(
      team ? teamLegend(team, this.ui.team, theme, this.ui.chartType) : reportLegend({ snapshot, comparison, chartType: this.ui.chartType, theme, hidden: this.ui.hiddenSeries }),
    );
    // A team's chart has no previous period.
    const compared = snapshot.previousLabel && !team && !this.ui.hiddenSeries.includes('previous') ? ` vs ${snapshot.previousLabel}` : '';
    const subtitle = `${metricTitle(snapshot)} · ${snapshot.currentLabel}${compared}`;
    const dataUrl = this.chartView.toPng(theme.background, theme.text, theme.mutedText, theme.fontFamily, snapshot.user.name || snapshot.title, subtitle, legend);
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

/**
 * A page's first text in a given weight and size costs a font look-up (and fallback fonts for
 * ▲ ▼ ★ ⓘ ⚠ ↕), 1–3 ms each, and the first report uses about a dozen: measured, that was 10 ms
 * of laying out the header on the first snapshot. So while the host answers, one line in each of
 * the report's text styles (its own classes, so it follows the stylesheet) is laid out inside the
 * invisible standby chart card, then removed. Nothing of it is ever painted or exposed.
 */
const WARM_UP_CLASSES = [
  'eyebrow',
  'user-name',
  'badge',
  'period-current',
  'filter',
  'fetched',
  'summary-sentence',
  'figure-label',
  'figure-value',
  'figure-detail',
  'pill',
  'card-title',
  'figures-note',
  'banner-icon',
  'sort-indicator',
];
const WARM_UP_TEXT = 'Customers helped 1,234 −56% 2026 – · … ▲ ▼ ★ ⓘ ⚠ ↕ ↑ ↓';

function warmUpText(standby: HTMLElement): void {
  if (!standby.classList.contains('standby')) return;
  const sample = el(
    'div',
    { attrs: { 'aria-hidden': 'true' } },
    WARM_UP_CLASSES.map((className) => el('div', { className, text: WARM_UP_TEXT })),
  );
  standby.appendChild(sample);
  void sample.offsetHeight; // lays it out now
  sample.remove();
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
