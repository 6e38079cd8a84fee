/**
 * A report panel's exports: CSV/JSON/Markdown to a file, the chart as PNG, the table to the
 * clipboard. A chunk of its own (dist/panelExports.js), loaded on the first export; the formats
 * themselves are core/export.ts (export.js).
 */
import * as vscode from 'vscode';
import type { ExportMeta, TeamExport } from '../../core/export';
import type { ExportFormat, ReportSnapshot } from '../../protocol';
import type { TeamTable } from '../../protocol/team';
import { showSavedFile } from '../notifications';
import type { UserInterface } from '../userInterface';
import { decodePngDataUrl } from '../webviewMessages';

/** What an export needs from its panel. */
export interface ExportSource {
  /** The saved report's name: file names and titles. */
  name: string;
  snapshot: ReportSnapshot | undefined;
  ui: UserInterface;
  /** A short confirmation in the panel's status line. */
  notice(text: string): void;
  /** Something the webview sent was refused: counted and logged. */
  refused(why: string): void;
}

const FORMAT_NAMES: Record<ExportFormat, string> = { csv: 'CSV', json: 'JSON', markdown: 'Markdown' };

function exportMeta(snapshot: ReportSnapshot | undefined): ExportMeta | undefined {
  if (!snapshot?.comparison) return undefined;
  return {
    title: snapshot.title,
    metric: snapshot.metric.label,
    currentLabel: snapshot.currentLabel,
    previousLabel: snapshot.previousLabel,
    viewBy: snapshot.viewBy,
    generatedAt: snapshot.fetchedAt ?? new Date().toISOString(),
    sampleData: snapshot.sampleData,
  };
}

/** A team report exports the table the user looks at (the ranking unless told); other reports ignore `table`. */
function teamExport(snapshot: ReportSnapshot | undefined, table: TeamTable | undefined): TeamExport | undefined {
  const team = snapshot?.team;
  return team ? { table: table ?? 'ranking', people: team.people } : undefined;
}

export async function exportData(source: ExportSource, format: ExportFormat, table: TeamTable | undefined): Promise<void> {
  const meta = exportMeta(source.snapshot);
  const comparison = source.snapshot?.comparison;
  if (!meta || !comparison) {
    void source.ui.notify.info('Help Scout: there is no data to export yet.');
    return;
  }
  const extension = format === 'markdown' ? 'md' : format;
  const { toCsv, toJson, toMarkdown } = await import('../../core/export');
  const team = teamExport(source.snapshot, table);
  const text = format === 'csv' ? toCsv(comparison, meta, team) : format === 'json' ? toJson(comparison, meta, team) : toMarkdown(comparison, meta, team);
  const kind = FORMAT_NAMES[format];
  const target = await source.ui.dialogs.saveFile({
    defaultUri: defaultFileUri(`${fileNameFor(source.name)}.${extension}`),
    filters: { [kind]: [extension] },
    title: `Export “${source.name}” as ${kind}`,
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void showSavedFile(source.ui.notify, `Help Scout: exported “${source.name}” as ${kind} to ${target.fsPath || target.toString()}.`, target);
}

export async function savePng(source: ExportSource, dataUrl: string): Promise<void> {
  const bytes = decodePngDataUrl(dataUrl);
  if (!bytes) return source.refused('Ignored a chart image that is not a PNG.');
  const target = await source.ui.dialogs.saveFile({
    defaultUri: defaultFileUri(`${fileNameFor(source.name)}.png`),
    filters: { PNG: ['png'] },
    title: `Save the chart of “${source.name}”`,
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, bytes);
  void showSavedFile(source.ui.notify, `Help Scout: chart saved to ${target.fsPath || target.toString()}.`, target);
}

/** Tab-separated values paste into a spreadsheet as columns; Markdown into a document. */
export async function copyTable(source: ExportSource, format: 'tsv' | 'markdown', table: TeamTable | undefined): Promise<void> {
  const meta = exportMeta(source.snapshot);
  const comparison = source.snapshot?.comparison;
  if (!meta || !comparison) return;
  const { toMarkdown, toTsv } = await import('../../core/export');
  const team = teamExport(source.snapshot, table);
  await vscode.env.clipboard.writeText(format === 'tsv' ? toTsv(comparison, meta, team) : toMarkdown(comparison, meta, team));
  // The panel's status line says it; a toast for a copy would only be in the way.
  source.notice(format === 'tsv' ? 'Table copied' : 'Table copied as Markdown');
}

function fileNameFor(name: string): string {
  return name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').replace(/\s+/g, ' ').trim().slice(0, 80) || 'report';
}

function defaultFileUri(fileName: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
}
