import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { parsePersonQueryId, personQuery } from '../core/personQuery';
import { isTeamSubject } from '../core/subject';
import type { TeamProgress } from '../core/teamReport';
import { describeValue } from '../core/fieldProblem';
import { isRecord, own } from '../core/plainData';
import type { SavedQuery, ViewBy } from '../core/query';
import type { Metric } from '../core/reportSeries';
import type { HostToWebview, ReportSnapshot, WebviewToHost } from '../protocol';
import type { DrilldownFromWebview } from '../protocol/drilldown';
import type { AvatarCache } from './avatars';
import type { RedactingLog } from './log';
import type { ReportService } from './reportService';
import type { HelpScoutSession } from './session';
import { readSettings } from './settings';
import { PLANS_URL } from './failures';
import { buildSnapshot, type ReportData } from './snapshot';
import { renderWebviewHtml } from './webviewHtml';
import type { UserInterface } from './userInterface';
import { parseWebviewMessage } from './webviewMessages';
import type { DrilldownHandler } from './panel/drilldown';
import type { ExportSource } from './panel/exports';
import { teamProgressStep } from './panel/teamProgress';

export const REPORT_VIEW_TYPE = 'helpscout.report';

/** What a panel needs from the rest of the extension. */
export interface PanelHost {
  extensionUri: vscode.Uri;
  avatars: Pick<AvatarCache, 'dataUrl'>;
  log: RedactingLog;
  session: HelpScoutSession;
  reports: ReportService;
  /** A saved query, or a team person's derived one (personQuery.ts). */
  findQuery(id: string): SavedQuery | undefined;
  /** True when `id` is not a saved query (a person's report opened from a team): its changes are not saved. */
  isTransient(id: string): boolean;
  setViewBy(id: string, viewBy: ViewBy): Promise<SavedQuery | undefined>;
  setMetric(id: string, metric: Metric): Promise<SavedQuery | undefined>;
  editQuery(id: string): Promise<void>;
  signIn(): Promise<void>;
  /** Reports a failed fetch as a notification with its recovery actions. */
  reportError(saved: SavedQuery, error: unknown): void;
  /** A fetch succeeded: failure toasts about this report are answered. */
  reportSucceeded(saved: SavedQuery): void;
  trySample(): Promise<void>;
  ui(): UserInterface;
}

/** One report panel per saved query; opening it again reveals it. */
export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ReportPanel>();

  constructor(private readonly host: PanelHost) {}

  /** Restores panels after a window reload (see package.json's onWebviewPanel activation). */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => void (await this.restore(panel, state)),
    });
  }

  /**
   * Takes over a panel VS Code restored with the webview's saved `state` (untrusted: any value).
   * A panel whose query is gone, or whose state names none, is closed; undefined then.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<ReportPanel | undefined> {
    await this.host.session.initialize();
    const queryId = isRecord(state) ? own(state, 'queryId') : undefined;
    const saved = typeof queryId === 'string' ? this.host.findQuery(queryId) : undefined;
    if (!saved) {
      this.host.log.info('A restored report panel belongs to a query that no longer exists; closing it.');
      panel.dispose();
      return undefined;
    }
    const report = this.adopt(panel, saved);
    void report.load({ preferCache: true });
    return report;
  }

  open(saved: SavedQuery, options: { forceRefresh?: boolean } = {}): ReportPanel {
    const existing = this.panels.get(saved.id);
    if (existing) {
      existing.reveal();
      existing.setQuery(saved);
      if (options.forceRefresh) existing.load({ preferCache: false });
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, saved.name, vscode.ViewColumn.Active, webviewOptions(this.host.extensionUri));
    const report = this.adopt(panel, saved);
    report.load({ preferCache: !options.forceRefresh });
    return report;
  }

  get(queryId: string): ReportPanel | undefined {
    return this.panels.get(queryId);
  }

  /** The report panel in the active editor, for the palette's panel commands. */
  get active(): ReportPanel | undefined {
    return [...this.panels.values()].find((report) => report.panel.active);
  }

  /** A query was renamed or edited elsewhere: show the change, also in the people's views of a team report. */
  queryChanged(saved: SavedQuery, refetch: boolean): void {
    const show = (panel: ReportPanel, query: SavedQuery): void => {
      panel.setQuery(query);
      if (refetch) void panel.load({ preferCache: false });
      else panel.post();
    };
    const panel = this.panels.get(saved.id);
    if (panel) show(panel, saved);
    for (const [id, view] of [...this.panels]) {
      const person = parsePersonQueryId(id);
      if (person?.teamId !== saved.id) continue;
      const subject = view.savedQuery.query.subject;
      const derived = personQuery(saved, { id: person.userId, name: subject.kind === 'user' ? subject.userName : undefined });
      // Someone taken out of the team has no view of it any more.
      if (derived) show(view, derived);
      else view.dispose();
    }
  }

  /** Also closes the people's own reports opened from it, when it is a team report. */
  closeForQuery(queryId: string): void {
    for (const [id, panel] of [...this.panels]) if (id === queryId || parsePersonQueryId(id)?.teamId === queryId) panel.dispose();
  }

  closeAll(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
  }

  get openQueryIds(): string[] {
    return [...this.panels.keys()];
  }

  private adopt(panel: vscode.WebviewPanel, saved: SavedQuery): ReportPanel {
    panel.webview.options = webviewOptions(this.host.extensionUri);
    const report = new ReportPanel(panel, saved, this.host, () => this.panels.delete(saved.id), (person) => this.open(person));
    this.panels.set(saved.id, report);
    return report;
  }

  dispose(): void {
    this.closeAll();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class ReportPanel {
  private saved: SavedQuery;
  private data: ReportData | undefined;
  private error: unknown;
  private loading: Promise<void> | undefined;
  /** A team load's progress while it runs. */
  private progress: TeamProgress | undefined;
  private ready = false;
  private lastSnapshot: ReportSnapshot | undefined;
  /** The user's photo as a data: URL, once loaded; see AvatarCache. */
  private avatar: { source: string; dataUrl: string | undefined } | undefined;
  private cancel: AbortController | undefined;
  /** Loaded (its own chunk) and made on the first drill-down message. */
  private drilldown: Promise<DrilldownHandler> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Messages the webview sent that were refused, for the tests and the log. */
  rejectedMessages = 0;
  /** Notices posted to the webview, newest last (for the tests). */
  readonly notices: string[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    saved: SavedQuery,
    private readonly host: PanelHost,
    private readonly onDisposed: () => void,
    /** Opens (or reveals) the panel of another report: a team person's own. */
    private readonly openReport: (saved: SavedQuery) => void,
  ) {
    this.saved = saved;
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'helpscout.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.handleMessage(message)),
      panel.onDidDispose(() => this.disposed()),
    );
  }

  get queryId(): string {
    return this.saved.id;
  }

  get savedQuery(): SavedQuery {
    return this.saved;
  }

  get snapshot(): ReportSnapshot | undefined {
    return this.lastSnapshot;
  }

  /** The webview has said `ready` and receives what is posted. */
  get webviewReady(): boolean {
    return this.ready;
  }

  reveal(): void {
    this.panel.reveal();
  }

  setQuery(saved: SavedQuery): void {
    if (JSON.stringify(saved.query) !== JSON.stringify(this.saved.query)) this.data = undefined;
    this.saved = saved;
    this.panel.title = saved.name;
  }

  /** Shows cached data at once (marked stale) and fetches fresh data. Settles when done. */
  load(options: { preferCache: boolean }): Promise<void> {
    if (options.preferCache && !this.data) this.data = this.host.reports.cached(this.saved);
    this.loading ??= this.fetchAndShow().finally(() => {
      this.loading = undefined;
      this.post();
    });
    this.post();
    return this.loading;
  }

  private async fetchAndShow(): Promise<void> {
    this.error = undefined;
    void this.drilldown?.then((drilldown) => drilldown.reset());
    this.cancel = new AbortController();
    const signal = this.cancel.signal;
    this.progress = undefined;
    try {
      this.data = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Loading “${this.saved.name}”…`, cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => this.cancel?.abort());
          // A team: "7 of 12 loaded", in the notification and in the panel (a complete snapshot each time).
          return this.host.reports.fetch(this.saved, signal, (now) => {
            progress.report(teamProgressStep(this.progress, now));
            this.progress = now;
            this.post();
          });
        },
      );
      this.host.reportSucceeded(this.saved);
    } catch (error) {
      this.error = error;
      // A visible panel shows the error in its card; a toast is for a panel out of sight.
      if (!this.panel.visible) this.host.reportError(this.saved, error);
      else this.host.log.info(`“${this.saved.name}” could not be loaded; the visible panel shows why.`);
    } finally {
      this.cancel = undefined;
      this.progress = undefined;
    }
  }

  post(): void {
    let resolved;
    try {
      resolved = this.data?.resolved ?? this.host.reports.resolve(this.saved);
    } catch (error) {
      this.error ??= error;
    }
    const settings = readSettings();
    const account = this.host.session.accountInfo;
    const subject = this.saved.query.subject;
    const user = account && subject.kind === 'user' && account.id === subject.userId ? account : undefined;
    const photo = this.photoFor(user?.photoUrl);
    this.lastSnapshot = buildSnapshot(
      this.saved,
      {
        locale: vscode.env.language || 'en',
        timeZone: settings.timeZone,
        sampleData: this.host.session.isSample,
        user: user ? { name: user.name, email: user.email, photoUrl: photo } : undefined,
      },
      { data: this.data, resolved, loading: this.loading !== undefined, error: this.error, progress: this.progress },
    );
    if (this.ready) {
      const message: HostToWebview = { type: 'snapshot', snapshot: this.lastSnapshot };
      void this.panel.webview.postMessage(message);
    }
  }

  /** The photo once loaded; the first call starts loading it and posts again when it is there. */
  private photoFor(source: string | undefined): string | undefined {
    if (!source) return undefined;
    if (this.avatar?.source === source) return this.avatar.dataUrl;
    this.avatar = { source, dataUrl: undefined };
    void this.host.avatars.dataUrl(source).then((dataUrl) => {
      if (this.avatar?.source !== source || !dataUrl) return;
      this.avatar.dataUrl = dataUrl;
      this.post();
    });
    return undefined;
  }

  /** Everything the webview sends arrives here, validated before anything is done with it. */
  async handleMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.rejectedMessages += 1;
      this.host.log.warn(`Ignored a malformed message from the report webview (${describeShape(raw)}).`);
      return;
    }
    try {
      await this.act(message);
    } catch (error) {
      this.host.log.error(`Report panel action “${message.type}” failed: ${error instanceof Error ? error.message : String(error)}`);
      void this.host.ui().notify.error(`Help Scout: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async act(message: WebviewToHost): Promise<void> {
    if (isDrilldownMessage(message)) return (this.drilldown ??= this.createDrilldown()).then((drilldown) => drilldown.handle(message));
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post();
        return;
      case 'refresh':
        return this.load({ preferCache: false });
      case 'editQuery':
        return this.host.editQuery(this.editTarget());
      case 'setViewBy':
        if (!this.lastSnapshot?.allowedViewBy.includes(message.viewBy)) return;
        if (this.host.isTransient(this.saved.id)) {
          this.notice(`By ${message.viewBy} (this view is not saved)`);
          return this.showChanged({ ...this.saved, query: { ...this.saved.query, viewBy: message.viewBy } }, { preferCache: false });
        }
        {
          const updated = await this.host.setViewBy(this.saved.id, message.viewBy);
          // The saved report changed, not only this view of it: say so where the button was pressed.
          if (updated) this.notice(`Saved: by ${message.viewBy}`);
          return this.showChanged(updated, { preferCache: false });
        }
      case 'setMetric':
        if (!this.lastSnapshot?.metrics.some((m) => m.id === message.metric)) return;
        // Each metric is cached on its own: switching back shows the last figures at once.
        if (this.host.isTransient(this.saved.id)) return this.showChanged({ ...this.saved, query: { ...this.saved.query, metric: message.metric } }, { preferCache: true });
        return this.showChanged(await this.host.setMetric(this.saved.id, message.metric), { preferCache: true });
      case 'export':
        return (await import('./panel/exports')).exportData(this.exportSource(), message.format, message.teamTable);
      case 'savePng':
        return (await import('./panel/exports')).savePng(this.exportSource(), message.dataUrl);
      case 'copyTable':
        return (await import('./panel/exports')).copyTable(this.exportSource(), 'tsv', message.teamTable);
      case 'copyMarkdown':
        return (await import('./panel/exports')).copyTable(this.exportSource(), 'markdown', message.teamTable);
      case 'team/openPerson':
        return this.openPerson(message.userId);
      case 'recover':
        switch (message.action) {
          case 'signIn':
            return this.host.signIn();
          case 'editQuery':
            return this.host.editQuery(this.editTarget());
          case 'retry':
            return this.load({ preferCache: false });
          case 'openLog':
            this.host.log.channel.show(true);
            return;
          case 'comparePlans':
            await vscode.env.openExternal(vscode.Uri.parse(PLANS_URL));
            return;
          case 'trySample':
            return this.host.trySample();
        }
    }
  }

  /** What Edit query edits: this report, or for a person's view of a team report, the team report it follows. */
  private editTarget(): string {
    const person = this.host.isTransient(this.saved.id) ? parsePersonQueryId(this.saved.id) : undefined;
    return person?.teamId ?? this.saved.id;
  }

  /** The query was changed from the panel: drop the old figures and load the new ones. */
  private async showChanged(updated: SavedQuery | undefined, options: { preferCache: boolean }): Promise<void> {
    if (!updated) return;
    this.saved = updated;
    this.data = undefined;
    await this.load(options);
  }

  /** A ranking row was activated: that person's own report, with this report's range, filters and metric. */
  private openPerson(userId: number): void {
    const person = this.lastSnapshot?.team?.people.find((p) => p.id === userId);
    const derived = person && personQuery(this.saved, { id: person.id, name: person.name });
    if (!derived) {
      this.rejectedMessages += 1;
      this.host.log.warn('Ignored a request to open the report of someone who is not in this team report.');
      return;
    }
    this.openReport(derived);
  }

  /** What the exports (their own chunk, panel/exports.ts) read of this panel. */
  private exportSource(): ExportSource {
    return {
      name: this.saved.name,
      snapshot: this.lastSnapshot,
      ui: this.host.ui(),
      notice: (text) => this.notice(text),
      refused: (why) => {
        this.rejectedMessages += 1;
        this.host.log.warn(why);
      },
    };
  }

  /** A short confirmation in the panel's status line (and for screen readers). */
  private notice(text: string): void {
    if (!this.ready) return;
    this.notices.push(text);
    const message: HostToWebview = { type: 'notice', text };
    void this.panel.webview.postMessage(message);
  }

  /** The drill-down of this panel: the report's own user and filters, through the session's client. */
  private async createDrilldown(): Promise<DrilldownHandler> {
    const { DrilldownHandler, getDrilldown, reportDrillTarget } = await import('./panel/drilldown');
    return new DrilldownHandler({
      target: (series, index, userId) =>
        reportDrillTarget(this.data?.resolved, series, index, readSettings().timeZone, { userId, team: isTeamSubject(this.saved.query.subject) ? (this.data?.team?.people.map((p) => p.id) ?? []) : undefined }),
      load: async (params, signal) => getDrilldown(await this.host.session.client(), params, signal),
      inboxNames: async () => new Map((await (await this.host.session.client()).listMailboxes()).map((m) => [m.id, m.name])),
      post: (message) => {
        if (this.ready) void this.panel.webview.postMessage(message);
      },
      openExternal: (url) => this.host.ui().openExternal(vscode.Uri.parse(url, true)),
      copy: async (text, announcement) => {
        await vscode.env.clipboard.writeText(text);
        void this.host.ui().notify.info(`Help Scout: ${announcement}`);
      },
      warn: (message) => {
        this.rejectedMessages += 1;
        this.host.log.warn(message);
      },
    });
  }

  private html(): string {
    const webview = this.panel.webview;
    const root = vscode.Uri.joinPath(this.host.extensionUri, 'dist', 'webview');
    return renderWebviewHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css')).toString(),
      title: this.saved.name,
    });
  }

  dispose(): void {
    this.panel.dispose();
  }

  private disposed(): void {
    this.ready = false;
    this.cancel?.abort();
    void this.drilldown?.then((drilldown) => drilldown.dispose());
    for (const disposable of this.disposables) disposable.dispose();
    this.onDisposed();
  }
}

function isDrilldownMessage(message: WebviewToHost): message is DrilldownFromWebview {
  return message.type.startsWith('drilldown/');
}

function describeShape(raw: unknown): string {
  if (!isRecord(raw)) return describeValue(raw, { as: 'kind' });
  const type = own(raw, 'type');
  return typeof type === 'string' ? `type ${describeValue(type, { max: 40 })}` : 'no type';
}

