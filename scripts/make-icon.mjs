// `npm run icon`: renders media/icon.png (128×128, the marketplace icon; it refuses SVG) from
// media/helpscout.svg, the activity-bar glyph, drawn white on a rounded tile. The PNG is committed,
// so packaging needs no browser; run this again after changing the SVG.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { register } from 'tsx/cjs/api';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const glyph = fs.readFileSync(path.join(root, 'media', 'helpscout.svg'), 'utf8');
register();
const { findChromium } = createRequire(import.meta.url)('./vscode/browserPath.ts');
const executablePath = findChromium();
if (!executablePath) {
  console.error('make-icon: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
  process.exit(1);
}

const html = `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:128px;height:128px;border-radius:26px;background:linear-gradient(145deg,#2a6fdb,#1d4fa8);
display:flex;align-items:center;justify-content:center;color:#fff">
<div style="width:92px;height:92px">${glyph.replace('<svg ', '<svg style="width:100%;height:100%" ')}</div></div></body></html>`;

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(html);
  const out = path.join(root, 'media', 'icon.png');
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  console.log(`wrote ${path.relative(root, out)} (${fs.statSync(out).size} bytes)`);
} finally {
  await browser.close();
}
