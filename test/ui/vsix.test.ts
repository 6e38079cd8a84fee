// The packaged extension as a user gets it: `npm run package` makes a .vsix with no vsce warning,
// code-server's `--install-extension` installs it, and the installed copy carries its 128×128 PNG
// icon and the README's images; then, in a fresh workbench with only that install, the Help Scout
// view opens and "Try with sample data" lists the example reports.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installVsix } from '../../scripts/vscode/codeServer';
import { extensionId, manifest, packageVsix } from '../../scripts/vscode/extension';
import { until } from './reportPanel';
import {
  clickActivityBarItem, openWorkbench, screenshot, treeRows, welcomeButton, type Workbench,
} from './workbench';

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the packaged .vsix, installed with --install-extension', function () {
  this.timeout(240_000);
  // The three steps build on each other (package → install → open), in this order.
  let temp = '';
  let vsix = '';
  let extensionsDir = '';
  let userDataDir = '';
  let installed = '';
  let wb: Workbench | undefined;

  before(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'helpscout-vsix-ui-'));
    vsix = path.join(temp, 'helpscout-reports.vsix');
    extensionsDir = path.join(temp, 'extensions');
    userDataDir = path.join(temp, 'user');
  });
  after(async () => {
    await wb?.close();
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  });

  it('packages without a single vsce warning', () => {
    const result = packageVsix(vsix);
    assert.equal(result.status, 0, `npm run package failed:\n${result.output}`);
    assert.deepEqual(result.warnings, [], 'vsce printed warnings');
    assert.ok(fs.statSync(vsix).size > 10_000, 'a .vsix with content was written');
  });

  it('installs into code-server and carries its PNG icon and the README images', async () => {
    assert.ok(fs.existsSync(vsix), 'the previous step packaged the .vsix');
    await installVsix(vsix, { extensionsDir, userDataDir });
    installed = path.join(extensionsDir, `${extensionId}-${manifest.version}`);
    assert.ok(fs.existsSync(path.join(installed, 'package.json')), `installed at ${installed}: ${fs.readdirSync(extensionsDir).join(', ')}`);
    const installedManifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as { icon?: string; repository?: unknown };
    assert.ok(installedManifest.icon, 'the manifest names an icon');
    assert.match(installedManifest.icon, /\.png$/, 'the icon is a PNG (the marketplace refuses SVG)');
    assert.deepEqual(pngSize(fs.readFileSync(path.join(installed, installedManifest.icon))), { width: 128, height: 128 });
    assert.equal(installedManifest.repository, undefined, 'no invented repository URL');

    const readmeFile = fs.readdirSync(installed).find((name) => /^readme\.md$/i.test(name));
    assert.ok(readmeFile, 'the README is installed');
    const readme = fs.readFileSync(path.join(installed, readmeFile), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]!);
    assert.ok(images.length > 0, 'the README shows at least one image');
    for (const image of images) {
      assert.doesNotMatch(image, /^[a-z]+:/i, `${image}: README images are relative, so they work offline in the installed copy`);
      assert.ok(fs.existsSync(path.join(installed, image)), `${image} is inside the installed extension`);
    }
    // Relative links to other files (BENCHMARKS.md, SECURITY.md, …) resolve inside the install too.
    const links = [...readme.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s#]+)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href));
    for (const href of links) assert.ok(fs.existsSync(path.join(installed, href)), `README links ${href}, which is inside the installed extension`);
  });

  it('opens the Help Scout view from that install and starts sample data', async () => {
    assert.ok(installed && fs.existsSync(installed), 'the previous step installed the .vsix');
    wb = await openWorkbench({ mode: 'preinstalled', extensionsDir, userDataDir, theme: 'Default Light Modern' });
    const { page } = wb;
    await clickActivityBarItem(page, 'Help Scout');
    await welcomeButton(page, 'Try with sample data').waitFor({ state: 'visible', timeout: 30_000 });
    await welcomeButton(page, 'Try with sample data').click();
    // The account row, then the example reports (not the "New report…" placeholder of an empty list).
    const isExample = (label: string) => label !== 'Sample data' && !/^New report/.test(label);
    const rows = await until('example reports in Saved Reports', () => treeRows(page), (list) => list.filter((row) => isExample(row.label)).length >= 3, { timeoutMs: 60_000 });
    assert.equal(rows[0]?.label, 'Sample data');
    await screenshot(page, 'vsix-installed');
  });
});
