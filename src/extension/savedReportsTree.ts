import * as vscode from 'vscode';
import { describeQuery } from '../core/describe';
import type { SavedQuery } from '../core/query';
import type { HelpScoutSession } from './session';

export const SAVED_REPORTS_VIEW_ID = 'helpscout.savedReports';

/** A saved query as a tree row; the commands receive this element. */
export class SavedQueryItem extends vscode.TreeItem {
  constructor(readonly saved: SavedQuery, sampleData: boolean) {
    super(saved.name, vscode.TreeItemCollapsibleState.None);
    this.id = saved.id;
    const who = saved.query.userName ?? `User ${saved.query.userId}`;
    this.description = `${who} · ${describeQuery(saved.query)}`;
    this.tooltip = tooltipFor(saved, who, sampleData);
    this.contextValue = 'savedQuery';
    this.iconPath = new vscode.ThemeIcon('graph-line');
    this.command = { command: 'helpscout.openReport', title: 'Open Report', arguments: [this] };
    this.accessibilityInformation = { label: `${saved.name}: ${this.description}${sampleData ? ', sample data' : ''}`, role: 'treeitem' };
  }
}

function tooltipFor(saved: SavedQuery, who: string, sampleData: boolean): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.supportHtml = false;
  tooltip.isTrusted = false;
  tooltip.appendMarkdown('**').appendText(saved.name).appendMarkdown('**');
  if (sampleData) tooltip.appendMarkdown(' — _Sample data_');
  tooltip.appendMarkdown('\n\n').appendText(`${who} · ${describeQuery(saved.query)}`);
  tooltip.appendMarkdown('\n\n').appendText(`Updated ${new Date(saved.updatedAt).toLocaleString()}`);
  return tooltip;
}

/**
 * The "Saved Reports" tree. With nothing set up it stays empty, so VS Code shows the
 * viewsWelcome content (sign in / try sample data).
 */
export class SavedReportsTree implements vscode.TreeDataProvider<SavedQueryItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly session: HelpScoutSession,
    private readonly listQueries: () => SavedQuery[],
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(element: SavedQueryItem): vscode.TreeItem {
    return element;
  }

  async getChildren(element?: SavedQueryItem): Promise<SavedQueryItem[]> {
    if (element) return [];
    await this.session.initialize();
    if (this.session.mode === 'signedOut') return [];
    return this.listQueries().map((saved) => new SavedQueryItem(saved, this.session.isSample));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The view's description line: who is signed in, or that this is sample data. */
export function describeAccount(session: HelpScoutSession): { description: string | undefined; message: string | undefined } {
  const account = session.accountInfo;
  switch (session.mode) {
    case 'sample':
      return { description: 'Sample data', message: `Sample data — not your Help Scout account${account ? ` (signed in as the demo user ${account.name})` : ''}.` };
    case 'account':
      return { description: account ? account.name : undefined, message: account ? `Signed in as ${account.name}${account.email ? ` (${account.email})` : ''}` : undefined };
    default:
      return { description: undefined, message: undefined };
  }
}
