import * as vscode from 'vscode';
import { describeDateRange, describeInstant, describeQuery } from '../core/describe';
import { resolvePeriods } from '../core/period';
import type { ResolveContext, SavedQuery } from '../core/query';
import { REPORT_SERIES } from '../core/reportSeries';
import { subjectLabel, subjectWords, type SubjectKind } from '../core/subject';
import type { HelpScoutSession } from './session';
import { resolveContext } from './settings';

/** What the rows are described against: the clock and zone, and the display language. */
interface Wording {
  context: ResolveContext;
  locale: string;
}

export const SAVED_REPORTS_VIEW_ID = 'helpscout.savedReports';

/** One person: a line; a team: people; the whole company: an organization. */
const SUBJECT_ICONS: Record<SubjectKind, string> = { user: 'graph-line', users: 'organization', inbox: 'inbox', company: 'globe' };

/** A saved query as a tree row; the commands receive this element. */
export class SavedQueryItem extends vscode.TreeItem {
  constructor(readonly saved: SavedQuery, sampleData: boolean, wording: Wording = { context: resolveContext(), locale: vscode.env.language }) {
    super(saved.name, vscode.TreeItemCollapsibleState.None);
    this.id = saved.id;
    const metric = saved.query.metric === 'customersHelped' ? '' : `${REPORT_SERIES[saved.query.metric].label} · `;
    const who = subjectLabel(saved.query.subject);
    this.description = `${who} · ${metric}${describeQuery(saved.query, wording.locale)}`;
    this.tooltip = tooltipFor(saved, this.description, sampleData, wording);
    this.contextValue = 'savedQuery';
    this.iconPath = new vscode.ThemeIcon(SUBJECT_ICONS[saved.query.subject.kind]);
    this.command = { command: 'helpscout.openReport', title: 'Open Report', arguments: [this] };
    this.accessibilityInformation = { label: `${saved.name}: ${this.description}${sampleData ? ', sample data' : ''}`, role: 'treeitem' };
  }
}

function tooltipFor(saved: SavedQuery, summary: string, sampleData: boolean, { context, locale }: Wording): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.supportHtml = false;
  tooltip.isTrusted = false;
  tooltip.appendMarkdown('**').appendText(saved.name).appendMarkdown('**');
  if (sampleData) tooltip.appendMarkdown(' — _Sample data_');
  tooltip.appendMarkdown('\n\n').appendText(summary);
  // The row says how many; the tooltip says who.
  if (saved.query.subject.kind === 'users') tooltip.appendMarkdown('\n\n').appendText(subjectWords(saved.query.subject));
  const resolved = resolvePeriods(saved.query, context);
  if (resolved.ok) {
    const { current, previous } = resolved.periods;
    const dates = describeDateRange(current.start, current.end, context.timeZone, locale);
    const against = previous ? `, compared with ${describeDateRange(previous.start, previous.end, context.timeZone, locale)}` : '';
    tooltip.appendMarkdown('\n\n').appendText(`${dates}${against}`);
  }
  const updated = Date.parse(saved.updatedAt);
  if (Number.isFinite(updated)) tooltip.appendMarkdown('\n\n').appendText(`Updated ${describeInstant(updated, context.timeZone, locale)}`);
  return tooltip;
}

/** The first row while signed in: who the reports are about, or that this is sample data. */
export class AccountItem extends vscode.TreeItem {
  constructor(session: HelpScoutSession) {
    const account = session.accountInfo;
    const sample = session.isSample;
    super(sample ? 'Sample data' : `Signed in as ${account?.name ?? '…'}`, vscode.TreeItemCollapsibleState.None);
    this.id = 'helpscout.account';
    this.contextValue = sample ? 'sampleAccount' : 'account';
    this.iconPath = new vscode.ThemeIcon(sample ? 'beaker' : 'account');
    this.description = sample ? `not your account · demo user ${account?.name ?? ''}`.trim() : account?.email;
    this.tooltip = sample
      ? 'Everything here comes from the built-in sample-data sandbox, not from a Help Scout account. Leave sample data with the × on this row.'
      : `Signed in to Help Scout as ${account?.name ?? 'unknown'}${account?.email ? ` (${account.email})` : ''}. Sign out with the icon on this row.`;
    this.accessibilityInformation = { label: sample ? 'Sample data, not your Help Scout account' : `Signed in as ${account?.name ?? ''} ${account?.email ?? ''}`, role: 'treeitem' };
  }
}

/** Shown instead of reports while there are none. */
export class NewReportItem extends vscode.TreeItem {
  constructor() {
    super('New report…', vscode.TreeItemCollapsibleState.None);
    this.id = 'helpscout.newReport';
    this.contextValue = 'newReport';
    this.iconPath = new vscode.ThemeIcon('add');
    this.description = 'no saved reports yet';
    this.command = { command: 'helpscout.newReport', title: 'New Report' };
  }
}

/** Shown instead of "New report…" while the sample data's example reports are being made. */
export class PreparingItem extends vscode.TreeItem {
  constructor() {
    super('Preparing example reports…', vscode.TreeItemCollapsibleState.None);
    this.id = 'helpscout.preparing';
    this.iconPath = new vscode.ThemeIcon('loading~spin');
  }
}

export type SavedReportsNode = AccountItem | NewReportItem | PreparingItem | SavedQueryItem;

/**
 * The "Saved Reports" tree: the account row, then the saved queries. Signed out it stays empty,
 * so VS Code shows the viewsWelcome content (sign in / try sample data).
 */
export class SavedReportsTree implements vscode.TreeDataProvider<SavedReportsNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly session: HelpScoutSession,
    private readonly listQueries: () => SavedQuery[],
  ) {}

  /** How many preparations (see whilePreparing) are running. */
  private preparing = 0;

  refresh(): void {
    this.changed.fire();
  }

  /**
   * Runs `work` (entering sample data and adding its examples) with "Preparing example reports…"
   * in place of "New report… no saved reports yet", which would be wrong for the moment it showed.
   */
  async whilePreparing<T>(work: () => Promise<T>): Promise<T> {
    this.preparing++;
    this.refresh();
    try {
      return await work();
    } finally {
      this.preparing--;
      this.refresh();
    }
  }

  getTreeItem(element: SavedReportsNode): vscode.TreeItem {
    return element;
  }

  async getChildren(element?: SavedReportsNode): Promise<SavedReportsNode[]> {
    if (element) return [];
    await this.session.initialize();
    if (this.session.mode === 'signedOut') return [];
    const wording = { context: resolveContext(), locale: vscode.env.language };
    const queries = this.listQueries().map((saved) => new SavedQueryItem(saved, this.session.isSample, wording));
    const empty = this.preparing > 0 ? new PreparingItem() : new NewReportItem();
    return [new AccountItem(this.session), ...(queries.length > 0 ? queries : [empty])];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
