import * as vscode from 'vscode';
import { QueryValidationError } from '../core/errors';
import type { ReportQuery, SavedQuery, ViewBy } from '../core/query';
import type { Metric } from '../core/reportSeries';
import type { SavedQueryStore } from '../core/savedQueryStore';
import { validateQuery } from '../core/validate';
import { BACK } from './flow';
import type { RedactingLog } from './log';
import { NotSignedInError, PLANS_URL } from './failures';
import { FailureToasts } from './notifications';
import type { QueryStores } from './queryStores';
import type { ExportFormat } from '../protocol';
import type { ReportPanel, ReportPanels } from './reportPanel';
import type { ReportService } from './reportService';
import { SavedQueryItem } from './savedReportsTree';
import type { HelpScoutSession } from './session';
import { resolveContext } from './settings';
import type { UserInterface } from './userInterface';

/** A command's target: the tree row, a saved query id, or `{ id }` (from tests and links). */
export type QueryTarget = SavedQueryItem | string | { id: string } | undefined;

export interface CommandDeps {
  session: HelpScoutSession;
  stores: QueryStores;
  reports: ReportService;
  panels: ReportPanels;
  log: RedactingLog;
  ui(): UserInterface;
  /** Keeps the tree in step after changes that do not go through the store. */
  refreshTree(): void;
  /** Runs work that fills an empty tree, showing that it is being filled (SavedReportsTree.whilePreparing). */
  whilePreparingTree<T>(work: () => Promise<T>): Promise<T>;
}

/** package.json's contributes.walkthroughs, as `<publisher>.<name>#<id>`. */
export const WALKTHROUGH_ID = 'helpscout-reports.helpscout-reports#firstReport';

/** Every command of the extension, each a method so the flow reads top to bottom. */
export class Commands {
  readonly toasts = new FailureToasts();

  constructor(readonly deps: CommandDeps) {}

  register(): vscode.Disposable[] {
    const table: Record<string, (...args: never[]) => unknown> = {
      // Credentials and file URIs are never taken from a command's arguments: any extension or
      // command link can pass those. These commands always ask the user.
      'helpscout.signIn': () => this.signIn(),
      'helpscout.signInWithToken': () => this.signInWithToken(),
      'helpscout.signOut': () => this.signOut(),
      'helpscout.trySampleData': () => this.trySampleData(),
      'helpscout.exitSampleData': () => this.exitSampleData(),
      'helpscout.newReport': (args?: { name?: string; query?: ReportQuery; open?: boolean }) => this.newReport(args),
      'helpscout.openReport': (target?: QueryTarget) => this.openReport(target),
      'helpscout.pickReport': () => this.pickReport(),
      'helpscout.refreshReport': (target?: QueryTarget) => this.refreshReport(target),
      'helpscout.refreshAll': () => this.refreshAll(),
      'helpscout.editReport': (target?: QueryTarget, args?: { name?: string; query?: ReportQuery }) => this.editReport(target, args),
      'helpscout.renameReport': (target?: QueryTarget, name?: string) => this.renameReport(target, name),
      'helpscout.duplicateReport': (target?: QueryTarget) => this.duplicateReport(target),
      'helpscout.deleteReport': (target?: QueryTarget) => this.deleteReport(target),
      'helpscout.copyReportJson': (target?: QueryTarget) => this.copyReportJson(target),
      'helpscout.exportQueries': () => this.exportQueries(),
      'helpscout.importQueries': () => this.importQueries(),
      'helpscout.showLog': () => this.deps.log.channel.show(),
      'helpscout.panel.refresh': () => this.onActivePanel((panel) => panel.handleMessage({ type: 'refresh' })),
      'helpscout.panel.viewBy': () => this.onActivePanel((panel) => this.pickPanelViewBy(panel)),
      'helpscout.panel.export': () => this.onActivePanel((panel) => this.pickPanelExport(panel)),
      'helpscout.getStarted': () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    };
    return Object.entries(table).map(([id, handler]) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await (handler as (...a: unknown[]) => unknown)(...args);
        } catch (error) {
          this.deps.log.error(`${id} failed: ${error instanceof Error ? error.message : String(error)}`);
          await this.fail(error, 'the command failed', undefined);
          return undefined;
        }
      }),
    );
  }

  // --- account -----------------------------------------------------------------------------------

  /** App ID + App Secret; `args` is for the integration tests (the command passes none). */
  async signIn(args?: { appId?: string; appSecret?: string }): Promise<boolean> {
    return (await import('./signInPrompts')).signIn(this, args);
  }

  async signInWithToken(args?: { token?: string }): Promise<boolean> {
    return (await import('./signInPrompts')).signInWithToken(this, args);
  }

  async signOut(): Promise<void> {
    await this.deps.session.signOut();
    void this.deps.ui().notify.info(
      'Help Scout: signed out. The App Secret and tokens were removed from secret storage and this account’s cached reports were deleted; your saved report queries are kept.',
    );
  }

  async trySampleData(): Promise<void> {
    await this.deps.whilePreparingTree(async () => {
      const account = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Starting the Help Scout sample data…' }, () =>
        this.deps.session.enterSampleMode(),
      );
      const store = this.deps.stores.forMode('sample');
      if (store && store.list().length === 0) {
        const client = await this.deps.session.client();
        const { buildSampleQueries } = await import('./sampleQueries');
        for (const example of await buildSampleQueries(client, account.id)) await store.add(example.name, example.query);
      }
    });
    await vscode.commands.executeCommand('helpscout.savedReports.focus');
  }

  async exitSampleData(): Promise<void> {
    this.deps.panels.closeAll();
    await this.deps.session.exitSampleMode();
    this.deps.refreshTree();
  }

  // --- saved queries ---------------------------------------------------------------------------------

  async newReport(args?: { name?: string; query?: ReportQuery; open?: boolean }): Promise<SavedQuery | undefined> {
    return (await import('./savedReportCommands')).newReport(this, args);
  }

  async editReport(target: QueryTarget, args?: { name?: string; query?: ReportQuery }): Promise<SavedQuery | undefined> {
    return (await import('./savedReportCommands')).editReport(this, target, args);
  }

  setViewBy(id: string, viewBy: ViewBy): Promise<SavedQuery | undefined> {
    return this.patchQuery(id, { viewBy });
  }

  /** The panel's metric switch: the same query, counting something else. */
  setMetric(id: string, metric: Metric): Promise<SavedQuery | undefined> {
    return this.patchQuery(id, { metric });
  }

  /** One setting changed from the panel, checked and saved; undefined when the query is gone. */
  private async patchQuery(id: string, patch: Pick<Partial<ReportQuery>, 'viewBy' | 'metric'>): Promise<SavedQuery | undefined> {
    const store = await this.requireStore();
    const saved = store.get(id);
    if (!saved) return undefined;
    const query = { ...saved.query, ...patch };
    this.assertValid(query);
    return store.update(id, { query });
  }

  async renameReport(target: QueryTarget, name?: string): Promise<SavedQuery | undefined> {
    return (await import('./savedReportCommands')).renameReport(this, target, name);
  }

  async duplicateReport(target: QueryTarget): Promise<SavedQuery | undefined> {
    return (await import('./savedReportCommands')).duplicateReport(this, target);
  }

  async deleteReport(target: QueryTarget): Promise<boolean> {
    return (await import('./savedReportCommands')).deleteReport(this, target);
  }

  async copyReportJson(target: QueryTarget): Promise<string | undefined> {
    return (await import('./savedReportCommands')).copyReportJson(this, target);
  }

  async exportQueries(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    return (await import('./savedReportCommands')).exportQueries(this, target);
  }

  async importQueries(source?: vscode.Uri): Promise<{ added: number; skipped: string[] } | undefined> {
    return (await import('./savedReportCommands')).importQueries(this, source);
  }

  // --- reports -------------------------------------------------------------------------------------

  async openReport(target: QueryTarget): Promise<void> {
    const store = await this.requireStore();
    const saved = this.findTarget(store, target);
    if (saved) this.deps.panels.open(saved);
  }

  /** "Open Report…": a saved report picked by name. */
  async pickReport(): Promise<SavedQuery | undefined> {
    return (await import('./savedReportCommands')).pickReport(this);
  }

  async refreshReport(target: QueryTarget): Promise<void> {
    const store = await this.requireStore();
    const saved = this.findTarget(store, target);
    if (saved) this.deps.panels.open(saved, { forceRefresh: true });
  }

  /** Refreshes every saved query's cached data; the client's rate gate keeps under the limit. */
  async refreshAll(): Promise<{ refreshed: number; failed: number }> {
    return (await import('./savedReportCommands')).refreshAll(this);
  }

  /** Shows a failure with the actions that fix it. */
  async fail(error: unknown, subject: string, saved: SavedQuery | undefined): Promise<void> {
    const answered = import('./failureNotice').then(({ showFailure }) => showFailure(this.deps.ui().notify, error, subject, {
      signIn: () => vscode.commands.executeCommand('helpscout.signIn'),
      comparePlans: () => vscode.env.openExternal(vscode.Uri.parse(PLANS_URL)),
      trySample: () => vscode.commands.executeCommand('helpscout.trySampleData'),
      editQuery: () => (saved ? vscode.commands.executeCommand('helpscout.editReport', saved.id) : undefined),
      retry: () => (saved ? vscode.commands.executeCommand('helpscout.refreshReport', saved.id) : undefined),
      openLog: () => this.deps.log.channel.show(),
    }));
    if (saved) this.toasts.shown(saved.id, answered);
    await answered;
  }

  /** A report loaded: the failure toasts about it are answered. */
  reportSucceeded(saved: SavedQuery): void {
    void this.toasts.succeeded(saved.id);
  }

  // --- the active report panel, from the palette -------------------------------------------------------

  /** Runs `act` on the report panel in the active editor; says so when there is none. */
  private async onActivePanel(act: (panel: ReportPanel) => Promise<void>): Promise<void> {
    const panel = this.deps.panels.active;
    if (!panel) {
      void this.deps.ui().notify.info('Help Scout: open a report first; these commands act on the report in the active editor.');
      return;
    }
    await act(panel);
  }

  /** The same messages the panel's buttons send, so both paths are checked alike. */
  private async pickPanelViewBy(panel: ReportPanel): Promise<void> {
    const snapshot = panel.snapshot;
    const items = (snapshot?.allowedViewBy ?? []).map((viewBy) => ({ label: `By ${viewBy}`, value: viewBy, picked: viewBy === snapshot?.viewBy }));
    const viewBy = await this.deps.ui().flow.pickOne({ title: 'View the report by', placeholder: 'Changes the saved report' }, items);
    if (viewBy !== undefined && viewBy !== BACK && viewBy !== snapshot?.viewBy) await panel.handleMessage({ type: 'setViewBy', viewBy });
  }

  private async pickPanelExport(panel: ReportPanel): Promise<void> {
    const items: Array<{ label: string; value: ExportFormat }> = [
      { label: 'CSV (spreadsheet)', value: 'csv' },
      { label: 'JSON', value: 'json' },
      { label: 'Markdown table', value: 'markdown' },
    ];
    const format = await this.deps.ui().flow.pickOne({ title: 'Export the report', placeholder: 'As…' }, items);
    if (format !== undefined && format !== BACK) await panel.handleMessage({ type: 'export', format });
  }

  // --- helpers -------------------------------------------------------------------------------------

  assertValid(query: ReportQuery): void {
    const problems = validateQuery(query, resolveContext());
    if (problems.length > 0) throw new QueryValidationError(problems);
  }

  async requireStore(): Promise<SavedQueryStore> {
    await this.deps.session.initialize();
    const store = this.deps.stores.forMode(this.deps.session.mode);
    if (!store) throw new NotSignedInError();
    return store;
  }

  findTarget(store: SavedQueryStore, target: QueryTarget): SavedQuery | undefined {
    const id = target instanceof SavedQueryItem ? target.saved.id : typeof target === 'string' ? target : target?.id;
    if (!id) {
      void this.deps.ui().notify.warn('Help Scout: pick a saved report in the Help Scout view first.');
      return undefined;
    }
    const saved = store.get(id);
    if (!saved) void this.deps.ui().notify.warn('Help Scout: that saved report no longer exists (deleted in another window?).');
    return saved;
  }
}
