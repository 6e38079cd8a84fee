/**
 * The commands that manage saved reports rather than show one: New/Edit Report, Open Report…,
 * rename, duplicate, delete, copy as JSON, Export/Import, Refresh All. A chunk of its own
 * (dist/savedReportCommands.js): an activation and opening a report never need them. Each takes
 * the Commands it runs for (its services, store and target lookup stay in extension.js).
 */
import * as vscode from 'vscode';
import { describeQuery } from '../core/describe';
import { isHelpScoutError } from '../core/errors';
import { naturalCollator, sortByName } from '../core/naturalOrder';
import type { ReportQuery, SavedQuery } from '../core/query';
import type { SavedQueryStore } from '../core/savedQueryStore';
import type { Commands, QueryTarget } from './commands';
import { ACTION } from './failures';
import { BACK } from './flow';
import { showSavedFile } from './notifications';
import { readSettings, resolveContext } from './settings';

const NEW_REPORT = 'New Report';

export async function newReport(commands: Commands, args?: { name?: string; query?: ReportQuery; open?: boolean }): Promise<SavedQuery | undefined> {
  const store = await commands.requireStore();
  if (args?.query) return saveValidated(commands, store, args.name ?? 'Report', args.query, args.open ?? false);
  const result = await askQuery(commands, 'New Help Scout Report');
  if (!result) return undefined;
  return saveValidated(commands, store, result.name, result.query, args?.open ?? true);
}

export async function editReport(commands: Commands, target: QueryTarget, args?: { name?: string; query?: ReportQuery }): Promise<SavedQuery | undefined> {
  const store = await commands.requireStore();
  const saved = commands.findTarget(store, target);
  if (!saved) return undefined;
  let name = args?.name ?? saved.name;
  let query = args?.query;
  if (!query) {
    const result = await askQuery(commands, `Edit “${saved.name}”`, { name: saved.name, query: saved.query });
    if (!result) return undefined;
    name = result.name;
    query = result.query;
  }
  commands.assertValid(query);
  const updated = await store.update(saved.id, { name, query });
  commands.deps.panels.queryChanged(updated, true);
  return updated;
}

/** The QuickPick flow, new (defaults from settings) or prefilled for an edit. */
async function askQuery(commands: Commands, title: string, initial?: { name: string; query: ReportQuery }) {
  const { deps } = commands;
  const settings = readSettings();
  const { runQueryFlow } = await import('./queryFlow');
  return runQueryFlow({
    ui: deps.ui().flow,
    client: await deps.session.client(),
    context: resolveContext(),
    defaults: { period: { kind: 'preset', preset: settings.defaultPeriod }, comparison: { kind: settings.defaultComparison } },
    title,
    initial,
    meId: deps.session.accountInfo?.id,
    locale: vscode.env.language,
  });
}

async function saveValidated(commands: Commands, store: SavedQueryStore, name: string, query: ReportQuery, open: boolean): Promise<SavedQuery> {
  commands.assertValid(query);
  const saved = await store.add(name, query);
  if (open) commands.deps.panels.open(saved);
  return saved;
}

/** "Open Report…": a saved report picked by name. */
export async function pickReport(commands: Commands): Promise<SavedQuery | undefined> {
  const { deps } = commands;
  const store = await commands.requireStore();
  const queries = sortByName(store.list(), (saved) => saved.name, naturalCollator(vscode.env.language));
  if (queries.length === 0) {
    const choice = await deps.ui().notify.info('Help Scout: there are no saved reports yet.', NEW_REPORT);
    if (choice === NEW_REPORT) await vscode.commands.executeCommand('helpscout.newReport');
    return undefined;
  }
  const items = queries.map((saved) => ({ label: saved.name, description: describeQuery(saved.query, vscode.env.language), value: saved.id }));
  const id = await deps.ui().flow.pickOne({ title: 'Open a Help Scout report', placeholder: 'Type to find a saved report by name' }, items);
  if (id === undefined || id === BACK) return undefined;
  const saved = store.get(id);
  if (saved) deps.panels.open(saved);
  return saved;
}

export async function renameReport(commands: Commands, target: QueryTarget, name?: string): Promise<SavedQuery | undefined> {
  const { deps } = commands;
  const store = await commands.requireStore();
  const saved = commands.findTarget(store, target);
  if (!saved) return undefined;
  let newName = name;
  if (newName === undefined) {
    const { nameProblem } = await import('./queryFlow');
    const answer = await deps.ui().flow.input({ title: 'Rename report', step: 1, totalSteps: 1 }, {
      prompt: 'New name',
      value: saved.name,
      validate: nameProblem,
    });
    if (answer === undefined || answer === BACK) return undefined;
    newName = answer;
  }
  const renamed = await store.rename(saved.id, newName);
  deps.panels.queryChanged(renamed, false);
  return renamed;
}

export async function duplicateReport(commands: Commands, target: QueryTarget): Promise<SavedQuery | undefined> {
  const store = await commands.requireStore();
  const saved = commands.findTarget(store, target);
  return saved ? store.duplicate(saved.id) : undefined;
}

export async function deleteReport(commands: Commands, target: QueryTarget): Promise<boolean> {
  const { deps } = commands;
  const store = await commands.requireStore();
  const saved = commands.findTarget(store, target);
  if (!saved) return false;
  const confirmed = await deps.ui().dialogs.confirm(`Delete the saved report “${saved.name}”?`, 'This removes the query; the data in Help Scout is not touched.', 'Delete');
  if (!confirmed) return false;
  deps.panels.closeForQuery(saved.id);
  const removed = await store.remove(saved.id);
  await deps.reports.forget(saved.id);
  return removed;
}

export async function copyReportJson(commands: Commands, target: QueryTarget): Promise<string | undefined> {
  const store = await commands.requireStore();
  const saved = commands.findTarget(store, target);
  if (!saved) return undefined;
  const text = JSON.stringify({ name: saved.name, query: saved.query }, null, 2);
  await vscode.env.clipboard.writeText(text);
  void commands.deps.ui().notify.info(`Help Scout: copied “${saved.name}” as JSON.`);
  return text;
}

export async function exportQueries(commands: Commands, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const { deps } = commands;
  const store = await commands.requireStore();
  const uri = target ?? (await deps.ui().dialogs.saveFile({ filters: { JSON: ['json'] }, title: 'Export saved Help Scout reports', defaultUri: defaultUri('helpscout-reports.json') }));
  if (!uri) return undefined;
  const queries = store.list();
  const { serializeQueryFile } = await import('../core/queryFile');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeQueryFile(queries, new Date())));
  void showSavedFile(deps.ui().notify, `Help Scout: exported ${queries.length} saved report${queries.length === 1 ? '' : 's'} to ${uri.fsPath || uri.toString()}.`, uri);
  return uri;
}

export async function importQueries(commands: Commands, source?: vscode.Uri): Promise<{ added: number; skipped: string[] } | undefined> {
  const { deps } = commands;
  const store = await commands.requireStore();
  const uri = source ?? (await deps.ui().dialogs.openFile({ filters: { JSON: ['json'] }, title: 'Import saved Help Scout reports' }));
  if (!uri) return undefined;
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > 5 * 1024 * 1024) {
    await deps.ui().notify.error('Help Scout: the file is larger than 5 MB; it is not a saved-reports export.');
    return { added: 0, skipped: ['file larger than 5 MB'] };
  }
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const { parseQueryFile } = await import('../core/queryFile');
  const parsed = parseQueryFile(text);
  if (parsed.fatal) {
    await deps.ui().notify.error(`Help Scout: nothing imported — ${parsed.fatal}`);
    return { added: 0, skipped: [parsed.fatal] };
  }
  const result = await store.importMany(parsed.queries);
  const skipped = [...parsed.skipped, ...result.skipped].map((s) => `#${s.index + 1}${s.name ? ` “${s.name}”` : ''}: ${s.reasons.join('; ')}`);
  const summary = `Help Scout: imported ${result.added.length} saved report${result.added.length === 1 ? '' : 's'}`;
  if (skipped.length > 0) {
    deps.log.warn(`Import from ${uri.fsPath}: skipped ${skipped.length}:\n${skipped.join('\n')}`);
    const choice = await deps.ui().notify.warn(`${summary}; skipped ${skipped.length}: ${skipped.slice(0, 3).join(' · ')}${skipped.length > 3 ? ' …' : ''}`, ACTION.openLog);
    if (choice === ACTION.openLog) deps.log.channel.show();
  } else {
    void deps.ui().notify.info(`${summary}.`);
  }
  return { added: result.added.length, skipped };
}

/** Refreshes every saved query's cached data; the client's rate gate keeps under the limit. */
export async function refreshAll(commands: Commands): Promise<{ refreshed: number; failed: number }> {
  const { deps } = commands;
  const store = await commands.requireStore();
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
            await deps.reports.fetch(saved, abort.signal);
            refreshed += 1;
            commands.reportSucceeded(saved);
            const panel = deps.panels.get(saved.id);
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
  const realFailures = failures.filter((f) => !(isHelpScoutError(f.error) && f.error.kind === 'cancelled'));
  if (realFailures[0]) {
    const first = realFailures[0];
    await commands.fail(first.error, `${realFailures.length} of ${queries.length} reports could not be refreshed (first: “${first.saved.name}”)`, first.saved);
  } else if (queries.length > 0) {
    void deps.ui().notify.info(`Help Scout: refreshed ${refreshed} report${refreshed === 1 ? '' : 's'}.`);
  }
  return { refreshed, failed: realFailures.length };
}

function defaultUri(fileName: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
}
