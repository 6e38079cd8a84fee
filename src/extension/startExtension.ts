import * as vscode from 'vscode';
import { AuthenticationProviderHandle } from './authHandle';
import type { AvatarCache } from './avatars';
import { HelpScoutAuthProvider, AUTH_PROVIDER_ID } from './authProvider';
import { Commands } from './commands';
import { RedactingLog } from './log';
import { QueryStores } from './queryStores';
import { ReportPanels } from './reportPanel';
import { ReportService } from './reportService';
import { SavedReportsTree, SAVED_REPORTS_VIEW_ID } from './savedReportsTree';
import { AccountSecrets } from './secretStore';
import { resolveContext } from './settings';
import { parsePersonQueryId, personQuery } from '../core/personQuery';
import { HelpScoutSession, type SessionMode } from './session';
import { readSettings } from './settings';
import { defaultUserInterface, plainTextInterface, type UserInterface } from './userInterface';

/**
 * The extension's parts, as wired by startExtension. They reach the session, the secrets and the
 * prompts, so only the test-only build (test/support/testingExtension.ts) ever hands them out;
 * the shipped activate() returns nothing.
 */
export interface ExtensionInternals {
  session: HelpScoutSession;
  stores: QueryStores;
  reports: ReportService;
  panels: ReportPanels;
  commands: Commands;
  log: RedactingLog;
  tree: SavedReportsTree;
  globalState: vscode.Memento;
  logUri: vscode.Uri;
  authProvider: HelpScoutAuthProvider;
  activationMs: number;
}

export interface StartOptions {
  /** Where prompts and notifications go; the test-only build scripts them. Default: VS Code's own. */
  userInterface?: () => UserInterface;
}

/**
 * Creates and registers everything. Does no I/O beyond creating objects: no network, no sandbox,
 * no SecretStorage read. The stored account is read when the view first asks for its rows.
 */
export function startExtension(context: vscode.ExtensionContext, options: StartOptions = {}): ExtensionInternals {
  const started = performance.now();
  const log = new RedactingLog();
  const windowUi = defaultUserInterface();
  const chosenUi = options.userInterface ?? (() => windowUi);
  // Everything shown to the user goes through plainTextInterface: untrusted text stays text.
  let plain: { from: UserInterface; ui: UserInterface } | undefined;
  const ui = (): UserInterface => {
    const current = chosenUi();
    if (plain?.from !== current) plain = { from: current, ui: plainTextInterface(current) };
    return plain.ui;
  };
  const secrets = new AccountSecrets(context.secrets, (secret) => log.addSecret(secret));
  const session = new HelpScoutSession(context.globalState, secrets, log);
  const stores = new QueryStores(context.globalState, (result, which) => {
    const detail = result.problems.map((p) => p.message).join(' ');
    log.warn(`Saved reports (${which}): ${detail}`);
    void ui().notify.warn(`Help Scout: some saved reports could not be read. ${detail}`, 'Open Log').then((choice) => {
      if (choice) log.channel.show();
    });
  });
  const reports = new ReportService(context.globalState, session, log, resolveContext);
  session.onSignOut((accountId) => reports.forgetAccount(accountId));
  const tree = new SavedReportsTree(session, () => stores.forMode(session.mode)?.list() ?? []);
  const view = vscode.window.createTreeView(SAVED_REPORTS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: false });

  const panels: ReportPanels = new ReportPanels({
    extensionUri: context.extensionUri,
    avatars: onDemandAvatars(log),
    log,
    session,
    reports,
    findQuery: (id) => {
      const store = stores.forMode(session.mode);
      const saved = store?.get(id);
      if (saved || !store) return saved;
      // A person's own report opened from a team report (personQuery.ts): derived again from the team's.
      const person = parsePersonQueryId(id);
      const team = person && store.get(person.teamId);
      return team && personQuery(team, { id: person.userId });
    },
    isTransient: (id) => stores.forMode(session.mode)?.get(id) === undefined,
    setViewBy: (id, viewBy) => commands.setViewBy(id, viewBy),
    setMetric: (id, metric) => commands.setMetric(id, metric),
    editQuery: async (id) => {
      await vscode.commands.executeCommand('helpscout.editReport', id);
    },
    signIn: async () => {
      await vscode.commands.executeCommand('helpscout.signIn');
    },
    reportError: (saved, error) => void commands.fail(error, `“${saved.name}” could not be loaded`, saved),
    reportSucceeded: (saved) => commands.reportSucceeded(saved),
    trySample: async () => {
      await vscode.commands.executeCommand('helpscout.trySampleData');
    },
    ui,
  });
  const commands: Commands = new Commands({ session, stores, reports, panels, log, ui, refreshTree: () => tree.refresh(), whilePreparingTree: (work) => tree.whilePreparing(work) });

  /** Undefined until the stored account has been read: that first read is not a switch. */
  let shownMode: SessionMode | undefined;
  const authProvider = new HelpScoutAuthProvider(session, () => commands.signIn());
  const updateView = () => {
    view.description = session.isSample ? 'Sample data' : undefined;
  };

  context.subscriptions.push(
    log,
    session,
    tree,
    view,
    panels,
    authProvider,
    new AuthenticationProviderHandle(AUTH_PROVIDER_ID, authProvider),
    panels.registerSerializer(),
    ...commands.register(),
    session.onDidChange((mode) => {
      // Panels belong to the account (or sample data) they were opened for.
      if (shownMode !== undefined && mode !== shownMode) panels.closeAll();
      shownMode = mode;
      tree.refresh();
      updateView();
      void authProvider.sync();
    }),
    stores.onDidChange(() => {
      tree.refresh();
      updateView();
    }),
    context.secrets.onDidChange((event) => {
      if (secrets.isOwnKey(event.key)) void session.reloadAfterSecretChange();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('helpscout')) return;
      const ignored = readSettings().apiBaseUrlIgnored;
      if (ignored) log.warn(ignored);
      session.settingsChanged();
    }),
    // Another window may have changed the saved queries while this one was in the background.
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) stores.refreshAll();
    }),
  );

  if (process.env.HELPSCOUT_SAMPLE_DATA === '1') {
    // `npm start` asks for sample data when no account is configured; decided after activation.
    setTimeout(() => {
      void session.initialize().then(() => {
        if (session.mode === 'signedOut') void vscode.commands.executeCommand('helpscout.trySampleData');
      });
    }, 0);
  }

  const activationMs = performance.now() - started;
  return {
    session,
    stores,
    reports,
    panels,
    commands,
    log,
    tree,
    globalState: context.globalState,
    logUri: context.logUri,
    authProvider,
    activationMs,
  };
}

/** The photo cache (avatars.ts with its DNS check: a chunk of its own), made for the first photo asked for. */
function onDemandAvatars(log: RedactingLog): Pick<AvatarCache, 'dataUrl'> {
  let cache: Promise<AvatarCache> | undefined;
  return {
    dataUrl: async (photoUrl) => {
      if (!photoUrl) return undefined;
      cache ??= import('./avatars').then(({ AvatarCache, lookupAll }) => new AvatarCache((url, init) => fetch(url, init), log, lookupAll));
      return (await cache).dataUrl(photoUrl);
    },
  };
}
