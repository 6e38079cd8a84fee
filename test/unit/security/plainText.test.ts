import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { asPlainText } from '../../../src/extension/plainText';

describe('security: asPlainText (what notifications, QuickPicks and input boxes show)', () => {
  it('documented cases: links and icons broken by a space, everything else untouched', () => {
    assert.equal(asPlainText('[Retry](command:workbench.action.terminal.sendSequence?x)'), '[Retry] (command:workbench.action.terminal.sendSequence?x)');
    assert.equal(asPlainText('![x](https://t.example/p.png) $(check) ok'), '![x] (https://t.example/p.png) $ (check) ok');
    assert.equal(asPlainText('Billing [EU] (chat)'), 'Billing [EU] (chat)');
    assert.equal(asPlainText('[[a](b)](command:c)'), '[[a] (b)] (command:c)');
  });

  it('for any text: no "](" and no "$(" remain, and only spaces were added', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('[', ']', '(', ')', '$', '!', ' ', 'a', 'command:')).map((parts) => parts.join('')), (text) => {
        const plain = asPlainText(text);
        assert.ok(!plain.includes('](') && !plain.includes('$('), plain);
        // Naive reference: drop every space from both; the rest is identical.
        assert.equal(plain.split(' ').join(''), text.split(' ').join(''));
      }),
      { numRuns: 500 },
    );
  });
});
