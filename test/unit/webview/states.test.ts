import assert from 'node:assert/strict';
import { createFormatter } from '../../../webview/format';
import { avatarSource, initials, periodText, avatarText } from '../../../webview/header';
import { actionLabel, bannerActions, emptyHint, isFetching, errorTitle, panelParts, staleBanner } from '../../../webview/states';
import { HelpScoutError } from '../../../src/core/errors';
import type { SavedQuery } from '../../../src/core/query';
import { resolveQuery } from '../../../src/core/resolve';
import { buildSnapshot } from '../../../src/extension/snapshot';
import type { RecoveryAction, ReportSnapshot } from '../../../src/protocol';
import { snapshot } from './fixtures';

type ErrorKind = NonNullable<ReportSnapshot['error']>['kind'];

const f = createFormatter('en-GB', 'UTC');
const now = Date.parse('2026-11-03T10:00:00Z');

describe('webview/states and header text', () => {
  it('stale banner: refreshing, failed, no fetch time, fresh', () => {
    assert.deepEqual(staleBanner(snapshot({ status: 'loading', stale: true }), f, now), { tone: 'info', text: 'Showing data from 1 hour ago; refreshing…' });
    assert.deepEqual(
      staleBanner(snapshot({ status: 'error', stale: true, error: { kind: 'network', message: 'Offline.', actions: ['retry'] } }), f, now),
      { tone: 'warning', text: 'Refresh failed: Offline. Showing data from 1 hour ago.' },
    );
    assert.deepEqual(staleBanner(snapshot({ stale: true, fetchedAt: undefined }), f, now), { tone: 'info', text: 'Showing data from an earlier fetch; refreshing…' });
    assert.equal(staleBanner(snapshot(), f, now), null);
  });

  it('error titles and action labels cover every case', () => {
    // `satisfies` makes tsc fail here when a kind or an action is added without a title or label.
    const titles = {
      auth: 'Sign in to Help Scout again',
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
    } satisfies Record<ErrorKind, string>;
    for (const [kind, title] of Object.entries(titles)) assert.equal(errorTitle(kind as ErrorKind), title, kind);
    assert.equal(new Set(Object.values(titles)).size, Object.keys(titles).length, 'every title is its own');
    assert.equal(errorTitle('no such kind' as ErrorKind), 'Something went wrong');
    const labels = {
      signIn: 'Sign in',
      editQuery: 'Edit query',
      retry: 'Try again',
      openLog: 'Open log',
      comparePlans: 'Compare plans',
      trySample: 'Try with sample data',
    } satisfies Record<RecoveryAction, string>;
    for (const [action, label] of Object.entries(labels)) assert.equal(actionLabel(action as RecoveryAction), label, action);
  });

  it('empty hint names the user and period and mentions filters only when there are some', () => {
    assert.match(emptyHint(snapshot()), /Anna Kowalski in 1–31 Oct 2026\. Try a longer period or loosen the filters/);
    assert.doesNotMatch(emptyHint(snapshot({ filters: [] })), /filters/);
  });

  it('a team\'s avatar says how many people it has, also while it loads; a person\'s, their initials', () => {
    const person = { id: 1, name: 'A', currentTotal: null, previousTotal: null, change: null, share: null, busiest: null };
    assert.equal(avatarText({ user: { name: '3 people' }, team: { people: [person, { ...person, id: 2 }, { ...person, id: 3 }], omitted: 0 } }), '3');
    assert.equal(avatarText({ user: { name: 'Everyone in Billing' }, team: { people: [], omitted: 0, progress: { loaded: 0, total: 12 } } }), '12');
    assert.equal(avatarText({ user: { name: 'Everyone in Billing' }, team: { people: [], omitted: 0 } }), 'EB');
    assert.equal(avatarText({ user: { name: 'Anna Kowalski' } }), 'AK');
  });

  it('initials from any script, ignoring bidi controls and zero-width characters', () => {
    assert.equal(initials('Anna Kowalski'), 'AK');
    assert.equal(initials('  cher  '), 'C');
    assert.equal(initials('Jean-Luc van der Berg'), 'JB');
    assert.equal(initials('\u202Eévi\u200Bl name'), 'ÉN');
    assert.equal(initials('<img src=x>'), 'IS');
    assert.equal(initials('123 !!!'), '?');
    assert.equal(initials(''), '?');
  });

  it('only https: and data:image URLs become an avatar <img>', () => {
    assert.equal(avatarSource('https://cdn.example/a.png'), 'https://cdn.example/a.png');
    assert.equal(avatarSource('data:image/png;base64,AAAA'), 'data:image/png;base64,AAAA');
    for (const bad of ['http://x/a.png', 'javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'data:image/svg+xml;base64,AA', '//x/a.png', 'not a url', '', undefined]) {
      assert.equal(avatarSource(bad), null, String(bad));
    }
  });

  it('period in words', () => {
    assert.equal(periodText(snapshot()), '1–31 Oct 2026 vs 1–30 Sep 2026, by day');
    assert.equal(periodText(snapshot({ previousLabel: undefined, viewBy: 'month' })), '1–31 Oct 2026, by month');
  });

  it('panel parts: the chart stands by until the first report; the table waits for its rows', () => {
    const before = { reportShown: false, tableDrawn: false };
    assert.deepEqual(panelParts('loading', before), { stateSlot: true, figures: false, chart: 'standby', table: false });
    assert.equal(panelParts('error', before).chart, 'hidden');
    assert.equal(panelParts('empty', before).chart, 'hidden');
    // First report: chart shown at once, the table card only once its rows are drawn.
    assert.deepEqual(panelParts('data', { reportShown: true, tableDrawn: false }), { stateSlot: false, figures: true, chart: 'shown', table: false });
    assert.deepEqual(panelParts('data', { reportShown: true, tableDrawn: true }), { stateSlot: false, figures: true, chart: 'shown', table: true });
    // After a report, a refresh that shows the skeleton hides the chart like any other state.
    for (const mode of ['loading', 'error', 'empty'] as const) {
      assert.deepEqual(panelParts(mode, { reportShown: true, tableDrawn: true }), { stateSlot: true, figures: false, chart: 'hidden', table: false });
    }
  });
});

describe('the banner over cached data, for snapshots as the host builds them', () => {
  const saved: SavedQuery = {
    id: 'q1',
    name: 'Anna',
    query: { metric: 'customersHelped', subject: { kind: 'user', userId: 42, userName: 'Anna Kowalski' }, range: { kind: 'absolute', start: '2026-10-01', end: '2026-10-03' }, comparison: { kind: 'none' }, viewBy: 'day' },
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
  };
  const data = {
    resolved: resolveQuery(saved.query, { now: now, timeZone: 'UTC', weekStart: 'monday' }),
    report: { current: [1, 2, 3].map((value, i) => ({ date: `2026-10-0${i + 1}T12:00:00Z`, value })) },
    fetchedAt: '2026-11-03T09:00:00.000Z',
  };
  const context = { locale: 'en-GB', timeZone: 'UTC', sampleData: false };

  it('a refresh that failed over earlier data says so and offers the error’s ways out', () => {
    const failed = buildSnapshot(saved, context, {
      data,
      loading: false,
      error: new HelpScoutError({ kind: 'server', status: 500, message: 'Help Scout had a problem (500).' }),
    });
    assert.deepEqual(staleBanner(failed, f, now), { tone: 'warning', text: 'Refresh failed: Help Scout had a problem (500). Showing data from 1 hour ago.' });
    assert.deepEqual(bannerActions(failed), ['retry', 'openLog']);
    const signedOut = buildSnapshot(saved, context, { data, loading: false, error: new HelpScoutError({ kind: 'auth', status: 401, message: 'Sign in again.' }) });
    assert.deepEqual(bannerActions(signedOut), ['signIn', 'openLog']);
  });

  it('a refresh that is running says so and offers nothing', () => {
    const refreshing = buildSnapshot(saved, context, { data, loading: true });
    assert.equal(isFetching(refreshing), true, 'the toolbar shows Refreshing…');
    assert.equal(isFetching(buildSnapshot(saved, context, { loading: true })), true, 'the first fetch too');
    assert.equal(isFetching(buildSnapshot(saved, context, { data, loading: false, error: new Error('x') })), false);
    assert.equal(isFetching(buildSnapshot(saved, context, { data, loading: false })), false);
    assert.deepEqual(staleBanner(refreshing, f, now), { tone: 'info', text: 'Showing data from 1 hour ago; refreshing…' });
    assert.deepEqual(bannerActions(refreshing), []);
  });

  it('fresh data has no banner', () => {
    const fresh = buildSnapshot(saved, context, { data, loading: false });
    assert.equal(staleBanner(fresh, f, now), null);
    assert.deepEqual(bannerActions(fresh), []);
  });
});
