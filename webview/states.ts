/**
 * Everything that is not the report itself: the loading skeleton, the empty state, the error
 * state with its recovery buttons, and the banner over cached (stale) data. The wording is pure
 * (exported for tests); the DOM parts are thin.
 */
import type { RecoveryAction, ReportSnapshot } from '../src/protocol';
import { button, el, replaceChildren } from './dom';
import { clip, type Formatter } from './format';

type SnapshotError = NonNullable<ReportSnapshot['error']>;

const ERROR_TITLE: Record<SnapshotError['kind'], string> = {
  auth: 'Sign in to Help Scout again',
  // A 403 for reports means the company's plan has none (Help Scout's Standard plan).
  forbidden: 'Reports need Help Scout’s Plus or Pro plan',
  notFound: 'Help Scout could not find this report',
  validation: 'Help Scout did not accept the query',
  'validation-local': 'The query needs a change before it can run',
  rateLimit: 'Help Scout is rate limiting requests',
  server: 'Help Scout had a problem',
  network: 'Could not reach Help Scout',
  timeout: 'Help Scout took too long to answer',
  cancelled: 'The request was cancelled',
  badResponse: 'Help Scout sent an unexpected answer',
};

const ACTION_LABEL: Record<RecoveryAction, string> = {
  signIn: 'Sign in',
  editQuery: 'Edit query',
  retry: 'Try again',
  openLog: 'Open log',
  comparePlans: 'Compare plans',
  trySample: 'Try with sample data',
};

/** Actions that leave for a web page read as links, not buttons. */
const LINK_ACTIONS: ReadonlySet<RecoveryAction> = new Set(['comparePlans']);

/** A line under the title for states that need more than the error's own message. */
const ERROR_HINT: Partial<Record<SnapshotError['kind'], string>> = {
  forbidden: 'Help Scout’s Standard plan has no reports. Compare the plans, or see the extension work with sample data.',
};

export type PanelMode = 'loading' | 'error' | 'empty' | 'data';

export interface PanelParts {
  /** The skeleton / empty / error slot. */
  stateSlot: boolean;
  figures: boolean;
  /**
   * 'standby' before the first report: laid out at its real size but invisible (CSS
   * .chart-card.standby), so the chart is set up before the data comes.
   */
  chart: 'shown' | 'standby' | 'hidden';
  /** The table shows once its rows are drawn (they come a frame after the chart). */
  table: boolean;
}

/** Which parts of the panel show in a mode. */
export function panelParts(mode: PanelMode, state: { reportShown: boolean; tableDrawn: boolean }): PanelParts {
  const data = mode === 'data';
  return {
    stateSlot: !data,
    figures: data,
    chart: data ? 'shown' : mode === 'loading' && !state.reportShown ? 'standby' : 'hidden',
    table: data && state.tableDrawn,
  };
}

export function errorTitle(kind: SnapshotError['kind']): string {
  return ERROR_TITLE[kind] ?? 'Something went wrong';
}

export function actionLabel(action: RecoveryAction): string {
  return ACTION_LABEL[action];
}

/**
 * The banner over cached data, or null when the data is fresh. The host marks data `stale`
 * while a refresh runs or after one failed (then `error` says how); its status stays 'ready'.
 */
export function staleBanner(snapshot: ReportSnapshot, f: Formatter, now: number): { tone: 'info' | 'warning'; text: string } | null {
  if (!snapshot.stale) return null;
  const when = f.relative(snapshot.fetchedAt, now);
  const from = when ? `from ${when}` : 'from an earlier fetch';
  if (snapshot.error) return { tone: 'warning', text: `Refresh failed: ${clip(snapshot.error.message, 300)} Showing data ${from}.` };
  return { tone: 'info', text: `Showing data ${from}; refreshing…` };
}

/** A fetch is running: the first one (status 'loading') or a refresh over data shown (stale, no error). */
export function isFetching(snapshot: ReportSnapshot): boolean {
  return snapshot.status === 'loading' || (snapshot.stale && !snapshot.error);
}

/** The recovery actions the banner over cached data offers. */
export function bannerActions(snapshot: ReportSnapshot): RecoveryAction[] {
  return snapshot.stale && snapshot.error ? [...snapshot.error.actions] : [];
}

export function emptyHint(snapshot: ReportSnapshot): string {
  const filtered = snapshot.filters.length > 0 ? ' or loosen the filters' : '';
  const who = clip(snapshot.user.name, 80) || 'this user';
  const what = snapshot.metric.id === 'customersHelped' ? `Nobody was marked as helped by ${who}` : `${who} has no ${snapshot.metric.label.toLowerCase()}`;
  return `${what} in ${clip(snapshot.currentLabel, 120)}. Try a longer period${filtered}, or check that this is the right user.`;
}

/** Grey blocks shaped like the header, figures, chart and table. */
export function renderSkeleton(container: HTMLElement): void {
  const bar = (className: string): HTMLElement => el('div', { className: `skeleton ${className}` });
  replaceChildren(container, [
    el('div', { className: 'skeleton-header' }, [
      bar('circle'),
      el('div', { className: 'skeleton-lines' }, [bar('line w40'), bar('line w25 tall'), bar('line w55')]),
    ]),
    el('div', { className: 'figures-grid' }, [1, 2, 3, 4].map(() => el('div', { className: 'figure skeleton-card' }, [bar('line w50'), bar('line w35 tall'), bar('line w60')]))),
    el('div', { className: 'card' }, [bar('chart')]),
    el('div', { className: 'card' }, [1, 2, 3, 4, 5].map(() => bar('line row'))),
    el('span', { className: 'sr-only', text: 'Loading the report…' }),
  ]);
}

export function renderEmpty(
  container: HTMLElement,
  snapshot: ReportSnapshot,
  previousText: string | null,
  actions: { editQuery(): void; refresh(): void },
): void {
  replaceChildren(container, [
    el('div', { className: 'empty-state card', attrs: { role: 'status' } }, [
      el('div', { className: 'empty-illustration', attrs: { 'aria-hidden': 'true' } }, [
        el('span', { className: 'bar b1' }),
        el('span', { className: 'bar b2' }),
        el('span', { className: 'bar b3' }),
      ]),
      el('h2', { text: `No ${snapshot.metric.label.toLowerCase()} in this period` }),
      el('p', { className: 'hint', text: emptyHint(snapshot) }),
      previousText && el('p', { className: 'hint', text: previousText }),
      el('div', { className: 'actions' }, [button('Edit query', actions.editQuery), button('Refresh', actions.refresh, { secondary: true })]),
    ]),
  ]);
}

export function renderError(
  container: HTMLElement,
  error: SnapshotError,
  recover: (action: RecoveryAction) => void,
  copy: (text: string) => Promise<boolean>,
): void {
  const details: HTMLElement[] = [];
  const row = (term: string, value: HTMLElement | string): void => {
    details.push(el('dt', { text: term }), el('dd', {}, [value]));
  };
  if (error.status !== undefined) row('Status', String(error.status));
  if (error.apiMessage) row('Help Scout said', el('div', { className: 'api-message clamp', text: error.apiMessage, attrs: { dir: 'auto' } }));
  if (error.logRef) {
    const code = el('code', { className: 'log-ref', text: error.logRef });
    const feedback = el('span', { className: 'copy-feedback', attrs: { role: 'status', 'aria-live': 'polite' } });
    const copyButton = el('button', { className: 'link-button', text: 'Copy', attrs: { type: 'button', 'aria-label': 'Copy log reference' } });
    copyButton.addEventListener('click', () => {
      void copy(error.logRef ?? '').then((ok) => {
        feedback.textContent = ok ? 'Copied' : 'Select and copy it';
        window.setTimeout(() => (feedback.textContent = ''), 2000);
      });
    });
    row('Log reference', el('span', { className: 'log-ref-row' }, [code, copyButton, feedback]));
  }
  replaceChildren(container, [
    el('div', { className: 'error-state card', attrs: { role: 'alert' } }, [
      el('div', { className: 'error-icon', text: '!', attrs: { 'aria-hidden': 'true' } }),
      el('div', { className: 'error-body' }, [
        el('h2', { text: errorTitle(error.kind) }),
        el('p', { className: 'error-message clamp', text: error.message, attrs: { dir: 'auto' } }),
        details.length > 0 && el('dl', { className: 'error-details' }, details),
        ERROR_HINT[error.kind] && el('p', { className: 'hint', text: ERROR_HINT[error.kind] }),
        error.actions.length > 0 && el('div', { className: 'actions' }, errorActions(error.actions, recover)),
      ]),
    ]),
  ]);
}

function errorActions(actions: RecoveryAction[], recover: (action: RecoveryAction) => void): HTMLElement[] {
  const buttons = actions.filter((action) => !LINK_ACTIONS.has(action));
  return actions.map((action) => {
    if (!LINK_ACTIONS.has(action)) return button(actionLabel(action), () => recover(action), { secondary: buttons.indexOf(action) > 0 });
    const link = el('button', { className: 'link-button', text: actionLabel(action), attrs: { type: 'button' } });
    link.addEventListener('click', () => recover(action));
    return link;
  });
}

export function renderBanner(
  container: HTMLElement,
  banner: { tone: 'info' | 'warning'; text: string } | null,
  actions: Array<{ label: string; run(): void }>,
): void {
  container.hidden = banner === null;
  if (!banner) {
    replaceChildren(container, []);
    return;
  }
  container.className = `banner ${banner.tone}`;
  replaceChildren(container, [
    el('span', { className: 'banner-icon', text: banner.tone === 'warning' ? '⚠' : 'ⓘ', attrs: { 'aria-hidden': 'true' } }),
    el('span', { className: 'banner-text', text: banner.text }),
    actions.length > 0 && el('span', { className: 'banner-actions' }, actions.map((a) => el('button', { className: 'link-button', text: a.label, attrs: { type: 'button' } }))),
  ]);
  const buttons = container.querySelectorAll<HTMLButtonElement>('.banner-actions button');
  buttons.forEach((node, i) => node.addEventListener('click', () => actions[i]?.run()));
}
