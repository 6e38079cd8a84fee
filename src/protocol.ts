/**
 * Every message between the extension host and the report webview. One discriminated union per
 * direction; both sides validate what they receive (the webview is untrusted input, and so is
 * anything a compromised webview could send back).
 */
import type { ReportComparison } from './core/comparison';
import type { HelpScoutErrorKind } from './core/errors';
import type { ConversationType, ViewBy } from './core/query';
import type { MetricChoice, MetricMessage, MetricView } from './protocol/metric';
import type { DrilldownFromWebview, DrilldownToWebview } from './protocol/drilldown';
import type { TeamFromWebview, TeamTable, TeamView } from './protocol/team';

export type ChartType = 'line' | 'bar';
export type ExportFormat = 'csv' | 'json' | 'markdown';

/** What the error state offers; each maps to a host command. */
export type RecoveryAction = 'signIn' | 'editQuery' | 'retry' | 'openLog' | 'comparePlans' | 'trySample';

export interface ReportSnapshot {
  queryId: string;
  title: string;
  /** What the panel shows: loading (skeleton), ready (data), error. */
  status: 'loading' | 'ready' | 'error';
  /** Data shown is cached and a refresh is running or failed. */
  stale: boolean;
  sampleData: boolean;
  user: { name: string; email?: string; photoUrl?: string };
  /** What the figures count, and the metrics this report's subject can switch to. */
  metric: MetricView;
  metrics: MetricChoice[];
  /** "1–31 Oct 2026", "1–30 Sep 2026": ready for display. */
  currentLabel: string;
  previousLabel?: string;
  viewBy: ViewBy;
  allowedViewBy: ViewBy[];
  /** Filter descriptions in words, e.g. ["Inboxes: Billing", "Types: chat"]. */
  filters: string[];
  types?: ConversationType[];
  /** ISO time the data was fetched; absent while loading the first time. */
  fetchedAt?: string;
  /** BCP 47 locale for number and date formatting (VS Code's display language). */
  locale: string;
  /** IANA time zone the buckets are labelled in. */
  timeZone: string;
  /** For a team report, the Team total; otherwise the one series. */
  comparison?: ReportComparison;
  /** Present for a team report (several people or an inbox's members): each person. */
  team?: TeamView;
  error?: {
    kind: HelpScoutErrorKind | 'validation-local';
    message: string;
    status?: number;
    apiMessage?: string;
    logRef?: string;
    actions: RecoveryAction[];
  };
}

export type HostToWebview =
  | { type: 'snapshot'; snapshot: ReportSnapshot }
  /** A short confirmation for the status line ("Table copied", "Saved: by week"); not state. */
  | { type: 'notice'; text: string }
  | DrilldownToWebview;

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'editQuery' }
  | { type: 'setViewBy'; viewBy: ViewBy }
  /** `teamTable`: in a team report, the table the user is looking at. */
  | { type: 'export'; format: ExportFormat; teamTable?: TeamTable }
  /** A PNG data URL of the chart canvas, `data:image/png;base64,…`. */
  | { type: 'savePng'; dataUrl: string }
  /** Copies the table as tab-separated values. */
  | { type: 'copyTable'; teamTable?: TeamTable }
  | { type: 'copyMarkdown'; teamTable?: TeamTable }
  | { type: 'recover'; action: RecoveryAction }
  | DrilldownFromWebview
  | MetricMessage
  | TeamFromWebview;
