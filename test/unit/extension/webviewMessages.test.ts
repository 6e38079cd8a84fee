import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodePngDataUrl, parseWebviewMessage } from '../../../src/extension/webviewMessages';

const PNG_1x1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('parseWebviewMessage (the host side of the untrusted webview boundary)', () => {
  it('accepts exactly the protocol’s messages', () => {
    const valid = [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'editQuery' },
      { type: 'copyTable' },
      { type: 'copyMarkdown' },
      { type: 'setViewBy', viewBy: 'week' },
      { type: 'export', format: 'markdown' },
      { type: 'recover', action: 'signIn' },
      { type: 'recover', action: 'comparePlans' },
      { type: 'recover', action: 'trySample' },
      { type: 'savePng', dataUrl: PNG_1x1 },
    ];
    for (const message of valid) assert.deepEqual(parseWebviewMessage(message), message);
  });

  const invalid: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'refresh'],
    ['an array', [{ type: 'refresh' }]],
    ['no type', {}],
    ['unknown type', { type: 'deleteAll' }],
    ['type not a string', { type: 7 }],
    ['extra key', { type: 'refresh', then: 'rm -rf' }],
    ['unknown viewBy', { type: 'setViewBy', viewBy: 'hour' }],
    ['viewBy missing', { type: 'setViewBy' }],
    ['unknown export format', { type: 'export', format: 'exe' }],
    ['export with a path', { type: 'export', format: 'csv', path: '/tmp/x' }],
    ['unknown recovery', { type: 'recover', action: 'eval' }],
    ['non-PNG data URL', { type: 'savePng', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }],
    ['data URL with junk', { type: 'savePng', dataUrl: 'data:image/png;base64,AAAA"><script>' }],
    ['prototype key', JSON.parse('{"type":"refresh","__proto__":{"x":1}}')],
    ['type "__proto__"', { type: '__proto__' }],
    ['type "constructor"', { type: 'constructor' }],
  ];
  for (const [what, message] of invalid) {
    it(`refuses ${what}`, () => assert.equal(parseWebviewMessage(message), undefined));
  }

  it('never throws and only ever returns a known message (fuzzed)', () => {
    const known = new Set(['ready', 'refresh', 'editQuery', 'copyTable', 'copyMarkdown', 'setViewBy', 'export', 'recover', 'savePng']);
    const types = fc.constantFrom('ready', 'refresh', 'setViewBy', 'export', 'recover', 'savePng', 'copyTable', 'copyMarkdown', 'x', '__proto__');
    const messages = fc.oneof(
      fc.anything(),
      fc.record({ type: types }, { requiredKeys: [] }),
      fc.record({ type: types, viewBy: fc.anything(), format: fc.anything(), action: fc.anything(), dataUrl: fc.oneof(fc.string(), fc.anything()) }, { requiredKeys: ['type'] }),
    );
    fc.assert(
      fc.property(messages, (message) => {
        const parsed = parseWebviewMessage(message);
        if (parsed !== undefined) assert.ok(known.has(parsed.type));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodePngDataUrl', () => {
  it('decodes a PNG and refuses bytes without the PNG signature', () => {
    const bytes = decodePngDataUrl(PNG_1x1);
    assert.ok(bytes);
    assert.deepEqual([...bytes.slice(1, 4)], [0x50, 0x4e, 0x47]);
    assert.equal(decodePngDataUrl('data:image/png;base64,' + Buffer.from('GIF89a not a png').toString('base64')), undefined);
  });
});
