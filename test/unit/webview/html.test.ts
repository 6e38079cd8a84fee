import assert from 'node:assert/strict';
import { contentSecurityPolicy, renderWebviewHtml } from '../../../src/extension/webviewHtml';

const input = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abcDEF123456789+/xyz==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.css',
  title: 'Anna <b>report</b> & co',
};

describe('src/extension/webviewHtml', () => {
  const html = renderWebviewHtml(input);

  it('sets the strict CSP: nothing by default, images and styles from the webview, scripts by nonce only', () => {
    const csp = contentSecurityPolicy(input.cspSource, input.nonce);
    assert.equal(
      csp,
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abcDEF123456789+/xyz=='",
    );
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
    assert.doesNotMatch(csp, /unsafe|\*/);
  });

  it('loads the stylesheet and the module script with the nonce', () => {
    assert.ok(html.includes(`<link rel="stylesheet" href="${input.styleUri}">`));
    assert.ok(html.includes(`<script type="module" nonce="${input.nonce}" src="${input.scriptUri}"></script>`));
    assert.equal(html.match(/<script/g)?.length, 1);
  });

  it('has the #app root with a static skeleton and no inline styles or handlers', () => {
    assert.match(html, /<main id="app" class="app" aria-busy="true">/);
    assert.doesNotMatch(html, /style=|<style|\son[a-z]+=/i);
  });

  it('escapes the title', () => {
    assert.ok(html.includes('<title>Anna &lt;b&gt;report&lt;/b&gt; &amp; co</title>'));
  });

  it('refuses a weak nonce', () => {
    assert.throws(() => renderWebviewHtml({ ...input, nonce: 'short' }));
    assert.throws(() => renderWebviewHtml({ ...input, nonce: 'a"onload="x"aaaaaaaaaaaaaaa' }));
  });
});
