/**
 * The HTML document of the report webview. Pure (no `vscode` import) so the preview tool and the
 * tests use exactly what the panel serves. The panel passes `webview.cspSource`, a fresh nonce
 * (`crypto.randomBytes(16).toString('base64')`), and `webview.asWebviewUri(...)` strings for
 * `dist/webview/main.js` and `dist/webview/main.css`.
 */

export interface WebviewHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Base64/alphanumeric nonce, new for every HTML render. */
  nonce: string;
  /** URI of dist/webview/main.js as the webview sees it. */
  scriptUri: string;
  /** URI of dist/webview/main.css as the webview sees it. */
  styleUri: string;
  title: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const NONCE = /^[A-Za-z0-9+/=_-]{16,}$/;

/** A static skeleton so the panel is not blank before the script runs (the script replaces it). */
const SKELETON = `
    <div class="state-slot loading">
      <div class="skeleton-header"><div class="skeleton circle"></div><div class="skeleton-lines"><div class="skeleton line w40"></div><div class="skeleton line w25 tall"></div><div class="skeleton line w55"></div></div></div>
      <div class="figures-grid"><div class="figure skeleton-card"><div class="skeleton line w50"></div><div class="skeleton line w35 tall"></div></div><div class="figure skeleton-card"><div class="skeleton line w50"></div><div class="skeleton line w35 tall"></div></div><div class="figure skeleton-card"><div class="skeleton line w50"></div><div class="skeleton line w35 tall"></div></div></div>
      <div class="card"><div class="skeleton chart"></div></div>
    </div>`;

export function renderWebviewHtml(input: WebviewHtmlInput): string {
  if (!NONCE.test(input.nonce)) throw new Error('renderWebviewHtml: the nonce must be at least 16 base64/url-safe characters');
  const csp = contentSecurityPolicy(input.cspSource, input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
    <title>${escapeHtml(input.title)}</title>
  </head>
  <body>
    <main id="app" class="app" aria-busy="true">${SKELETON}
    </main>
    <script type="module" nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
  </body>
</html>
`;
}
