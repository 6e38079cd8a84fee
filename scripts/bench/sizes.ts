// Bundle sizes (production build: minified) and the packaged .vsix size.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageVsix } from '../vscode/extension';
import { notMeasured, type Figure } from './stats';

const KB = 1024;

function fileSizes(files: string[]): { bytes: number; gzip: number; files: Record<string, { bytes: number; gzip: number }> } {
  const out: Record<string, { bytes: number; gzip: number }> = {};
  let bytes = 0;
  let gzip = 0;
  for (const file of files) {
    const data = fs.readFileSync(file);
    const g = gzipSync(data, { level: 9 }).length;
    out[path.basename(file)] = { bytes: data.length, gzip: g };
    bytes += data.length;
    gzip += g;
  }
  return { bytes, gzip, files: out };
}

/**
 * `node scripts/build.mjs --testing` (dist/ minified, no source maps; plus the test-only build the
 * workbench figures install), then stat + gzip -9 of each shipped bundle.
 */
export function measureBundleSizes(root: string): Figure[] {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--testing'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    const why = `production build failed: ${(build.stderr || build.stdout).trim().split('\n').slice(-3).join(' ')}`;
    return [
      notMeasured('size.extension', 'dist/extension.js size', '≤ 110 KB min', why),
      notMeasured('size.webview', 'dist/webview/main.js + main.css size', '≤ 300 KB min', why),
    ];
  }
  const dist = path.join(root, 'dist');
  const ext = fileSizes([path.join(dist, 'extension.js')]);
  // Required on demand (sample data, Import/Export): not part of what every activation loads.
  const chunks = fileSizes(fs.readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'extension.js').map((f) => path.join(dist, f)));
  const webviewFiles = ['main.js', 'main.css'].map((f) => path.join(dist, 'webview', f)).filter((f) => fs.existsSync(f));
  const web = fileSizes(webviewFiles);
  const stray = fs.readdirSync(path.join(dist, 'webview')).filter((f) => !['main.js', 'main.css'].includes(f) && !f.endsWith('.map'));
  return [
    {
      id: 'size.extension',
      figure: 'dist/extension.js size (min)',
      unit: 'KB',
      value: ext.bytes / KB,
      valueLabel: `${(ext.bytes / KB).toFixed(1)} KB (gzip ${(ext.gzip / KB).toFixed(1)} KB; on-demand chunks ${Object.entries(chunks.files).map(([f, c]) => `${f} ${(c.bytes / KB).toFixed(1)} KB`).join(', ')})`,
      budget: '≤ 110 KB min',
      pass: ext.bytes <= 110 * KB,
      details: { ...ext, onDemandChunks: chunks },
    },
    {
      id: 'size.webview',
      figure: 'dist/webview/main.js + main.css size (min)',
      unit: 'KB',
      value: web.bytes / KB,
      valueLabel: `${(web.bytes / KB).toFixed(1)} KB (gzip ${(web.gzip / KB).toFixed(1)} KB)`,
      budget: '≤ 300 KB min',
      pass: web.bytes <= 300 * KB,
      details: { ...web, otherFilesInDistWebview: stray },
    },
  ];
}

/** `npm run package` into a temp folder; the .vsix size, its file list and any vsce warning. */
export function measureVsix(root: string): Figure {
  const budget = '≤ 500 KB';
  if (!fs.existsSync(path.join(root, '.vscodeignore'))) {
    return notMeasured('size.vsix', '.vsix size', budget, 'no .vscodeignore: vsce would pack the whole repository');
  }
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  if (!fs.existsSync(vsce)) return notMeasured('size.vsix', '.vsix size', budget, '@vscode/vsce is not installed');
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscout-vsix-'));
  try {
    const out = path.join(temp, 'bench.vsix');
    const { status, output, warnings } = packageVsix(out);
    if (status !== 0 || !fs.existsSync(out)) {
      return notMeasured('size.vsix', '.vsix size', budget, `vsce package failed (exit ${status}): ${output.split('\n').slice(-4).join(' | ')}`);
    }
    const bytes = fs.statSync(out).size;
    const list = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    const files = (list.stdout ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    return {
      id: 'size.vsix',
      figure: '.vsix size (vsce package)',
      unit: 'KB',
      value: bytes / KB,
      valueLabel: `${(bytes / KB).toFixed(1)} KB (${files.length} files)`,
      budget,
      pass: bytes <= 500 * KB,
      details: { bytes, files, warnings },
    };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
