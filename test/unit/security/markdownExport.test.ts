import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareReport } from '../../../src/core/comparison';
import { toMarkdown, type ExportMeta } from '../../../src/core/export';
import { escapeMarkdown } from '../../../src/core/markdownText';
import { COMMAND_NAME, IMAGE_LINK } from '../../support/hostileHelpScout';

const meta: ExportMeta = { title: '', currentLabel: '1–31 Oct 2026', previousLabel: '1–30 Sep 2026', viewBy: 'day', generatedAt: '2026-11-01T09:00:00Z' };
const comparison = compareReport({ current: [{ date: '2026-10-01T12:00:00Z', value: 3 }], previous: [{ date: '2026-09-01T12:00:00Z', value: 2 }] });

/** Naive reference: undo a backslash escape of any character and the two entities. */
function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\\(.)/g, '$1');
}

describe('security: the Markdown export of hostile names', () => {
  it('a tracking-pixel image and a command link in the title and labels: no "](" and no "![" anywhere in the export', () => {
    const md = toMarkdown(comparison, { ...meta, title: `${IMAGE_LINK} ${COMMAND_NAME}`, currentLabel: '<img src=x onerror=alert(1)>', previousLabel: '[a](b)' });
    assert.ok(!md.includes(']('), md);
    assert.ok(!md.includes('!['), md);
    assert.ok(!/<[a-z]/i.test(md), md);
    assert.ok(md.startsWith('# \\!\\[x\\]\\(https://tracker.example/pixel.png\\) \\[Retry\\]\\(command:'), md.split('\n')[0]);
  });

  it('for any text: no "](", no "![", no "<", and the text comes back unchanged when unescaped', () => {
    fc.assert(
      // '&' is left out: "&lt;" typed by hand reads back as "<" in this naive reference.
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '(', ')', '!', '<', '>', '\\', '|', 'a', ' ', 'l', 't', ';') }), (text) => {
        const escaped = escapeMarkdown(text);
        assert.ok(!escaped.includes('](') && !escaped.includes('![') && !escaped.includes('<'), escaped);
        assert.equal(unescape(escaped), text);
      }),
      { numRuns: 1000 },
    );
  });
});
