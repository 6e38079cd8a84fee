import assert from 'node:assert/strict';
import type { SavedQuery } from '../../../src/core/query';
import { metricViews } from '../../../src/extension/snapshot';
import { parseWebviewMessage } from '../../../src/extension/webviewMessages';
import { createFormatter } from '../../../webview/format';
import { validateHostMessage } from '../../../webview/messages';
import { emptyHint } from '../../../webview/states';
import { buildHeadline, chartAriaLabel, metricTitle } from '../../../webview/summary';
import { buildTable } from '../../../webview/table';
import { comparison, snapshot } from './fixtures';

const f = createFormatter('en-GB', 'UTC');
const strip = (s: string) => s.replace(/[\u2068\u2069]/g, '');
const saved = (query: Partial<SavedQuery['query']>): SavedQuery => ({
  id: 'q',
  name: 'Q',
  createdAt: '',
  updatedAt: '',
  query: { metric: 'replies', subject: { kind: 'user', userId: 1 }, range: { kind: 'preset', preset: 'last7Days' }, comparison: { kind: 'none' }, ...query },
});

describe('the metric in the panel', () => {
  it('the snapshot names the metric and offers what the subject allows', () => {
    const replies = metricViews(saved({}));
    assert.equal(replies.metric.label, 'Replies sent');
    assert.deepEqual(replies.metric.unit, { one: 'reply', other: 'replies' });
    assert.deepEqual(replies.metrics.map((m) => m.id), ['customersHelped', 'replies', 'resolutions']);
    const company = metricViews(saved({ metric: 'customersHelped', subject: { kind: 'company' } }));
    assert.deepEqual(company.metrics.map((m) => m.id), ['customersHelped']);
    assert.match(company.metric.counting, /whole company/);
  });

  it('setMetric is accepted only exactly, with a known metric', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'setMetric', metric: 'resolutions' }), { type: 'setMetric', metric: 'resolutions' });
    for (const bad of [{ type: 'setMetric' }, { type: 'setMetric', metric: 'happiness' }, { type: 'setMetric', metric: 'replies', extra: 1 }, { type: 'setMetric', metric: ['replies'] }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('a snapshot without a readable metric is refused by the webview, naming the field', () => {
    const s = snapshot();
    const bad = { ...s, metric: { ...s.metric, id: 'happiness' } };
    const r = validateHostMessage({ type: 'snapshot', snapshot: bad });
    assert.deepEqual(r.ok ? '' : r.reason.split(':')[0], 'snapshot.metric.id');
    assert.ok(validateHostMessage({ type: 'snapshot', snapshot: s }).ok);
  });

  const replies = (values: number[], previous?: number[]) =>
    snapshot({
      metric: { id: 'replies', label: 'Replies sent', unit: { one: 'reply', other: 'replies' }, verb: 'sent', counting: 'Every reply the person sent in the bucket.' },
      comparison: comparison(values, previous),
    });

  it('title, card, sentence, note, aria-label and table say replies, without the per-bucket caveat', () => {
    const s = replies([4, 8], [3, 3]);
    const h = buildHeadline(s, s.comparison!, f);
    assert.equal(metricTitle(s), 'Replies sent by day');
    assert.equal(h.current.label, 'Replies sent');
    assert.equal(strip(h.sentence), 'Anna Kowalski sent 12 replies in 1–31 Oct 2026 — 6 more than in 1–30 Sep 2026 (up 100%).');
    assert.equal(h.note, 'Every reply the person sent in the bucket.');
    assert.match(chartAriaLabel(s, s.comparison!, f), /^Replies sent by day, 1–31 Oct 2026: 12 in total, up 100%/);
    const table = buildTable(s.comparison!, { viewBy: 'day', currentLabel: s.currentLabel, sort: { column: 'date', direction: 'ascending' }, metric: s.metric }, f);
    assert.equal(table.columns[1]!.label, 'Replies');
    assert.match(table.caption, /^Replies sent by day/);
    assert.match(emptyHint(replies([0])), /^Anna Kowalski has no replies sent in/);
    const one = replies([1]);
    assert.match(strip(buildHeadline(one, one.comparison!, f).sentence), /sent 1 reply in/);
  });

  it('customers helped keeps its per-bucket wording', () => {
    const s = snapshot({ comparison: comparison([2]) });
    assert.match(strip(buildHeadline(s, s.comparison!, f).sentence), /helped 2 customers \(counted per day\)/);
    assert.match(chartAriaLabel(s, s.comparison!, f), /^Customers helped by day, 1–31 Oct 2026: 2 in total, counted per day/);
  });
});
