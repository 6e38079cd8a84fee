import * as vscode from 'vscode';
import { HelpScoutError, QueryValidationError } from '../core/errors';
import { describeQuery } from '../core/describe';
import { naturalCollator, sortByName } from '../core/naturalOrder';
import type { ReportQuery, SavedQuery, ViewBy } from '../core/query';
import type { Metric } from '../core/reportSeries';
import type { SavedQueryStore } from '../core/savedQueryStore';
import { validateQuery } from '../core/validate';
import { BACK } from './flowUi';
import type { RedactingLog } from './log';
import { ACTION, NotSignedInError, PLANS_URL } from './failures';
import { FailureToasts, showFailure, showSavedFile } from './notifications';
import type { QueryStores } from './queryStores';
import type { ExportFormat } from '../protocol';
import type { ReportPanel, ReportPanels } from './reportPanel';
import type { ReportService } from './reportService';
import { SavedQueryItem } from './savedReportsTree';
import type { HelpScoutSession } from './session';
import { readSettings, resolveContext } from './settings';
import type { UserInterface } from './userInterface';

/** A command's target: the tree row, a saved query id, or `{ id }` (from tests and links). */
type QueryTarget = SavedQueryItem | string | { id: string } | undefined;

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

const SIGN_IN_TITLE = 'Sign in to Help Scout';
const NEW_REPORT = 'New Report';
/** package.json's contributes.walkthroughs, as `<publisher>.<name>#<id>`. */
export const WALKTHROUGH_ID = 'helpscout-reports.helpscout-reports#firstReport';

/** Every command of the extension, each a method so the flow reads top to bottom. */
export class Commands {
  readonly toasts = new FailureToasts();

  constructor(private readonly deps: CommandDeps) {}

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

  /**
   * App ID + App Secret (client credentials). Returns true when signed in. When the typed
   * credentials are refused, the App ID is kept and only the secret is asked again, with the
   * reason in the prompt. `args` is for the integration tests (through the test-only build);
   * the command passes none.
   */
  async signIn(args?: { appId?: string; appSecret?: string }): Promise<boolean> {
    const { flow } = this.deps.ui();
    let appId = args?.appId?.trim();
    let appSecret = args?.appSecret?.trim();
    const typed = !(appId && appSecret);
    let refused: string | undefined;
    let askAppId = !appId;
    const { apiBaseUrl, apiBaseUrlIgnored } = readSettings();
    if (apiBaseUrlIgnored) this.deps.log.warn(apiBaseUrlIgnored);
    const where = apiBaseUrlIgnored ? ` Signing in to ${apiBaseUrl}. ${apiBaseUrlIgnored}` : '';
    for (;;) {
      if (askAppId) {
        const answer = await flow.input({ title: SIGN_IN_TITLE, step: 1, totalSteps: 2 }, {
          prompt: `App ID (Help Scout → Your Profile → My apps).${where}`,
          value: appId,
          validate: (text) => validateCredential(text, 'App ID'),
        });
        if (answer === undefined || answer === BACK) return false;
        appId = answer.trim();
        askAppId = false;
      }
      if (!appSecret) {
        const answer = await flow.input({ title: SIGN_IN_TITLE, step: 2, totalSteps: 2 }, {
          prompt: refused ? `${refused} Enter the App Secret again.` : 'App Secret (stored only in VS Code’s secret storage)',
          password: true,
          validate: (text) => validateCredential(text, 'App Secret'),
        });
        if (answer === undefined) return false;
        if (answer === BACK) {
          // Back to the App ID, which keeps what was typed.
          askAppId = true;
          continue;
        }
        appSecret = answer.trim();
      }
      const problem = validateCredential(appId, 'App ID') ?? validateCredential(appSecret, 'App Secret');
      if (problem || !appId || !appSecret) {
        await this.deps.ui().notify.error(`Help Scout: ${problem ?? 'enter the App ID and App Secret.'}`);
        return false;
      }
      const id = appId;
      const secret = appSecret;
      try {
        const account = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Signing in to Help Scout…' }, () =>
          this.deps.session.signInWithClientCredentials(id, secret),
        );
        void this.deps.ui().notify.info(`Help Scout: signed in as ${account.name}${account.email ? ` (${account.email})` : ''}.`);
        return true;
      } catch (error) {
        if (!typed || !(error instanceof HelpScoutError && error.kind === 'auth')) {
          await this.fail(error, 'sign-in failed', undefined);
          return false;
        }
        this.deps.log.warn(`Sign-in refused: ${error.message}`);
        refused = error.message;
        appSecret = undefined;
      }
    }
  }

  async signInWithToken(args?: { token?: string }): Promise<boolean> {
    let token = args?.token?.trim();
    if (!token) {
      const answer = await this.deps.ui().flow.input({ title: SIGN_IN_TITLE, step: 1, totalSteps: 1 }, {
        prompt: 'Paste a Help Scout access token. It cannot be renewed: when it expires you will be asked to sign in again.',
        password: true,
        validate: (text) => validateCredential(text, 'Access token'),
      });
      if (answer === undefined || answer === BACK) return false;
      token = answer.trim();
    }
    const problem = validateCredential(token, 'Access token');
    if (problem) {
      await this.deps.ui().notify.error(`Help Scout: ${problem}`);
      return false;
    }
    const value = token;
    try {
      const account = await this.deps.session.signInWithToken(value);
      void this.deps.ui().notify.info(`Help Scout: signed in as ${account.name}.`);
      return true;
    } catch (error) {
      await this.fail(error, 'sign-in with the access token failed', undefined);
      return false;
    }
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
    const store = await this.requireStore();
    if (args?.query) {
      return this.saveValidated(store, args.name ?? 'Report', args.query, args.open ?? false);
    }
    const result = await this.askQuery('New Help Scout Report');
    if (!result) return undefined;
    return this.saveValidated(store, result.name, result.query, args?.open ?? true);
  }

  async editReport(target: QueryTarget, args?: { name?: string; query?: ReportQuery }): Promise<SavedQuery | undefined> {
    const store = await this.requireStore();
    const saved = this.findTarget(store, target);
    if (!saved) return undefined;
    let name = args?.name ?? saved.name;
    let query = args?.query;
    if (!query) {
      const result = await this.askQuery(`Edit “${saved.name}”`, { name: saved.name, query: saved.query });
      if (!result) return undefined;
      name = result.name;
      query = result.query;
    }
    this.assertValid(query);
    const updated = await store.update(saved.id, { name, query });
    this.deps.panels.queryChanged(updated, true);
    return updated;
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
    const store = await this.requireStore();
    const saved = this.findTarget(store, target);
    if (!saved) return undefined;
    let newName = name;
    if (newName === undefined) {
      const { nameProblem } = await import('./queryFlow');
      const answer = await this.deps.ui().flow.input({ title: 'Rename report', step: 1, totalSteps: 1 }, {
        prompt: 'New name',
        value: saved.name,
        validate: nameProblem,
      });
      if (answer === undefined || answer === BACK) return undefined;
      newName = answer;
    }
    const renamed = await store.rename(saved.id, newName);
    this.deps.panels.queryChanged(renamed, false);
    return renamed;
  }

  async duplicateReport(target: QueryTarget): Promise<SavedQuery | undefined> {
    const store = await this.requireStore();
    const saved = this.findTarget(store, target);
    return saved ? store.duplicate(saved.id) : undefined;
  }

  async deleteReport(target: QueryTarget): Promise<boolean> {
    const store = await this.requireStore();
    const saved = this.findTarget(store, target);
    if (!saved) return false;
    const confirmed = await this.deps.ui().dialogs.confirm(`Delete the saved report “${saved.name}”?`, 'This removes the query; the data in Help Scout is not touched.', 'Delete');
    if (!confirmed) return false;
    this.deps.panels.closeForQuery(saved.id);
    const removed = await store.remove(saved.id);
    await this.deps.reports.forget(saved.id);
    return removed;
  }

  async copyReportJson(target: QueryTarget): Promise<string | undefined> {
    const store = await this.requireStore();
    const saved = this.findTarget(store, target);
    if (!saved) return undefined;
    const text = JSON.stringify({ name: saved.name, query: saved.query }, null, 2);
    await vscode.env.clipboard.writeText(text);
    void this.deps.ui().notify.info(`Help Scout: copied “${saved.name}” as JSON.`);
    return text;
  }

  async exportQueries(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const store = await this.requireStore();
    const uri = target ?? (await this.deps.ui().dialogs.saveFile({ filters: { JSON: ['json'] }, title: 'Export saved Help Scout reports', defaultUri: defaultUri('helpscout-reports.json') }));
    if (!uri) return undefined;
    const queries = store.list();
    const { serializeQueryFile } = await import('../core/queryFile');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeQueryFile(queries, new Date())));
    void showSavedFile(this.deps.ui().notify, `Help Scout: exported ${queries.length} saved report${queries.length === 1 ? '' : 's'} to ${uri.fsPath || uri.toString()}.`, uri);
    return uri;
  }

  async importQueries(source?: vscode.Uri): Promise<{ added: number; skipped: string[] } | undefined> {
    const store = await this.requireStore();
    const uri = source ?? (await this.deps.ui().dialogs.openFile({ filters: { JSON: ['json'] }, title: 'Import saved Help Scout reports' }));
    if (!uri) return undefined;
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > 5 * 1024 * 1024) {
      await this.deps.ui().notify.error('Help Scout: the file is larger than 5 MB; it is not a saved-reports export.');
      return { added: 0, skipped: ['file larger than 5 MB'] };
    }
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const { parseQueryFile } = await import('../core/queryFile');
    const parsed = parseQueryFile(text);
    if (parsed.fatal) {
      await this.deps.ui().notify.error(`Help Scout: nothing imported — ${parsed.fatal}`);
      return { added: 0, skipped: [parsed.fatal] };
    }
    const result = await store.importMany(parsed.queries);
    const skipped = [...parsed.skipped, ...result.skipped].map((s) => `#${s.index + 1}${s.name ? ` “${s.name}”` : ''}: ${s.reasons.join('; ')}`);
    const summary = `Help Scout: imported ${result.added.length} saved report${result.added.length === 1 ? '' : 's'}`;
    if (skipped.length > 0) {
      this.deps.log.warn(`Import from ${uri.fsPath}: skipped ${skipped.length}:\n${skipped.join('\n')}`);
      const choice = await this.deps.ui().notify.warn(`${summary}; skipped ${skipped.length}: ${skipped.slice(0, 3).join(' · ')}${skipped.length > 3 ? ' …' : ''}`, ACTION.openLog);
      if (choice === ACTION.openLog) this.deps.log.channel.show();
    } else {
      void this.deps.ui().notify.info(`${summary}.`);
    }
    return { added: result.added.length, skipped };
  }

  // --- reports -------------------------------------------------------------------------------------

  async openReport(target: QueryTarget): Promise<void> {
    const store = await this.requireStore();
    const saved = this.findTarget(store, target);
    if (saved) this.deps.panels.open(saved);
  }

  /** "Open Report…": a saved report picked by name. */
  async pickReport(): Promise<SavedQuery | undefined> {
    const store = await this.requireStore();
    const queries = sortByName(store.list(), (saved) => saved.name, naturalCollator(vscode.env.language));
    if (queries.length === 0) {
      const choice = await this.deps.ui().notify.info('Help Scout: there are no saved reports yet.', NEW_REPORT);
      if (choice === NEW_REPORT) await vscode.commands.executeCommand('helpscout.newReport');
      return undefined;
    }
    const items = queries.map((saved) => ({ label: saved.name, description: describeQuery(saved.query, vscode.env.language), value: saved.id }));
    const id = await this.deps.ui().flow.pickOne({ title: 'Open a Help Scout report', placeholder: 'Type to find a saved report by name' }, items);
    if (id === undefined || id === BACK) return undefined;
    const saved = store.get(id);
    if (saved) this.deps.panels.open(saved);
    return saved;
  }

  async refreshReport(target: QueryTarget): Promise<void> {
    const store = await this.requireStore();
    const saved = this.findTarget(store, target);
    if (saved) this.deps.panels.open(saved, { forceRefresh: true });
  }

  /** Refreshes every saved query's cached data; the client's rate gate keeps under the limit. */
  async refreshAll(): Promise<{ refreshed: number; failed: number }> {
    const store = await this.requireStore();
    const queries = store.list();
    let refreshed = 0;
    const failures: Array<{ saved: SavedQuery; error: unknown }> = [];
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Refreshing Help Scout reports', cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let next = 0;
        const worker = async () => {
          while (next < queries.length && !abort.signal.aborted) {
            const saved = queries[next++]!;
            try {
              await this.deps.reports.fetch(saved, abort.signal);
              refreshed += 1;
              this.reportSucceeded(saved);
              const panel = this.deps.panels.get(saved.id);
              if (panel) void panel.load({ preferCache: true });
            } catch (error) {
              failures.push({ saved, error });
            }
            progress.report({ message: `${refreshed + failures.length} of ${queries.length}`, increment: 100 / Math.max(1, queries.length) });
          }
        };
        await Promise.all(Array.from({ length: Math.min(4, queries.length) }, worker));
      },
    );
    const realFailures = failures.filter((f) => !(f.error instanceof HelpScoutError && f.error.kind === 'cancelled'));
    if (realFailures[0]) {
      const first = realFailures[0];
      await this.fail(first.error, `${realFailures.length} of ${queries.length} reports could not be refreshed (first: “${first.saved.name}”)`, first.saved);
    } else if (queries.length > 0) {
      void this.deps.ui().notify.info(`Help Scout: refreshed ${refreshed} report${refreshed === 1 ? '' : 's'}.`);
    }
    return { refreshed, failed: realFailures.length };
  }

  /** Shows a failure with the actions that fix it. */
  async fail(error: unknown, subject: string, saved: SavedQuery | undefined): Promise<void> {
    const answered = showFailure(this.deps.ui().notify, error, subject, {
      signIn: () => vscode.commands.executeCommand('helpscout.signIn'),
      comparePlans: () => vscode.env.openExternal(vscode.Uri.parse(PLANS_URL)),
      trySample: () => vscode.commands.executeCommand('helpscout.trySampleData'),
      editQuery: () => (saved ? vscode.commands.executeCommand('helpscout.editReport', saved.id) : undefined),
      retry: () => (saved ? vscode.commands.executeCommand('helpscout.refreshReport', saved.id) : undefined),
      openLog: () => this.deps.log.channel.show(),
    });
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

  /** The QuickPick flow, new (defaults from settings) or prefilled for an edit. */
  private async askQuery(title: string, initial?: { name: string; query: ReportQuery }) {
    const settings = readSettings();
    const { runQueryFlow } = await import('./queryFlow');
    return runQueryFlow({
      ui: this.deps.ui().flow,
      client: await this.deps.session.client(),
      context: resolveContext(),
      defaults: { period: { kind: 'preset', preset: settings.defaultPeriod }, comparison: { kind: settings.defaultComparison } },
      title,
      initial,
      meId: this.deps.session.accountInfo?.id,
      locale: vscode.env.language,
    });
  }

  private async saveValidated(store: SavedQueryStore, name: string, query: ReportQuery, open: boolean): Promise<SavedQuery> {
    this.assertValid(query);
    const saved = await store.add(name, query);
    if (open) this.deps.panels.open(saved);
    return saved;
  }

  private assertValid(query: ReportQuery): void {
    const problems = validateQuery(query, resolveContext());
    if (problems.length > 0) throw new QueryValidationError(problems);
  }

  private async requireStore(): Promise<SavedQueryStore> {
    await this.deps.session.initialize();
    const store = this.deps.stores.forMode(this.deps.session.mode);
    if (!store) throw new NotSignedInError();
    return store;
  }

  private findTarget(store: SavedQueryStore, target: QueryTarget): SavedQuery | undefined {
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

function validateCredential(text: string | undefined, field: string): string | undefined {
  const value = (text ?? '').trim();
  if (value.length === 0) return `${field} cannot be empty.`;
  if (value.length > 512) return `${field} is longer than 512 characters; paste only the value.`;
  if (/\s/.test(value)) return `${field} cannot contain spaces or line breaks.`;
  return undefined;
}

function defaultUri(fileName: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
}
