import assert from 'node:assert/strict';
import { createFormatter } from '../../../webview/format';
import { avatarSource, initials, periodText } from '../../../webview/header';
import { actionLabel, emptyHint, errorTitle, panelParts, staleBanner } from '../../../webview/states';
import { snapshot } from './fixtures';

const f = createFormatter('en-GB', 'UTC');
const now = Date.parse('2026-11-03T10:00:00Z');

describe('webview/states and header text', () => {
  it('stale banner: refreshing, failed, cached, fresh', () => {
    assert.deepEqual(staleBanner(snapshot({ status: 'loading', stale: true }), f, now), { tone: 'info', text: 'Showing data from 1 hour ago; refreshing…' });
    assert.deepEqual(
      staleBanner(snapshot({ status: 'error', stale: true, error: { kind: 'network', message: 'Offline.', actions: ['retry'] } }), f, now),
      { tone: 'warning', text: 'Refresh failed: Offline. Showing data from 1 hour ago.' },
    );
    assert.deepEqual(staleBanner(snapshot({ stale: true, fetchedAt: undefined }), f, now), { tone: 'info', text: 'Showing cached data from an earlier fetch.' });
    assert.equal(staleBanner(snapshot(), f, now), null);
  });

  it('error titles and action labels cover every case', () => {
    assert.equal(errorTitle('auth'), 'Sign in to Help Scout again');
    assert.equal(errorTitle('validation-local'), 'The query needs a change before it can run');
    assert.equal(actionLabel('openLog'), 'Open log');
    // A Standard plan has no reports: the card says so and offers the two ways on.
    assert.equal(errorTitle('forbidden'), 'Reports need Help Scout’s Plus or Pro plan');
    assert.equal(actionLabel('comparePlans'), 'Compare plans');
    assert.equal(actionLabel('trySample'), 'Try with sample data');
  });

  it('empty hint names the user and period and mentions filters only when there are some', () => {
    assert.match(emptyHint(snapshot()), /Anna Kowalski in 1–31 Oct 2026\. Try a longer period or loosen the filters/);
    assert.doesNotMatch(emptyHint(snapshot({ filters: [] })), /filters/);
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
