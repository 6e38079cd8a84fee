// The extension under test: building it, and putting it into an extensions folder the way an
// installed .vsix would be (what a real user runs: no "[Extension Development Host]").
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './codeServer';

interface Manifest { name: string; publisher: string; version: string }
export const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;

/** `publisher.name`, as `vscode.extensions.getExtension()` wants it. */
export const extensionId = `${manifest.publisher}.${manifest.name}`;

/**
 * The test-only build (`scripts/build.mjs --testing`): the same extension, but its activate()
 * returns the internals the host tests and the bench probe drive. Never packaged.
 */
export const testingExtensionDir = path.join(repoRoot, 'out', 'testing-extension');

let built = false;
/**
 * Runs `node scripts/build.mjs --testing` once per process: dist/ (shipped) and the test-only
 * build in out/testing-extension/ (set HELPSCOUT_SKIP_BUILD=1 to reuse both).
 */
export function buildExtension(): void {
  if (built || process.env.HELPSCOUT_SKIP_BUILD === '1') return;
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), '--testing'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status ?? result.signal})`);
  built = true;
}

/** What a packaged .vsix carries (besides package.json); missing entries are skipped. */
const SHIPPED = ['dist', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE', 'LICENSE.md', 'package.nls.json'];

/**
 * Copies the built extension into `<extensionsDir>/<publisher.name-version>/`, replacing an older
 * copy. VS Code/code-server scans the folder on start and lists it as a normal installed extension.
 * `from` is the repository (the shipped build) or testingExtensionDir.
 */
export function installExtension(extensionsDir: string, from: string = repoRoot): string {
  const target = path.join(extensionsDir, `${extensionId}-${manifest.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  // A stale extensions.json would keep pointing at removed folders: let the scanner rebuild it.
  fs.rmSync(path.join(extensionsDir, 'extensions.json'), { force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(from, 'package.json'), path.join(target, 'package.json'));
  for (const entry of SHIPPED) {
    const source = path.join(from, entry);
    if (fs.existsSync(source)) fs.cpSync(source, path.join(target, entry), { recursive: true });
  }
  for (const item of fs.readdirSync(from)) {
    if (/^package\.nls\..+\.json$/.test(item)) fs.copyFileSync(path.join(from, item), path.join(target, item));
  }
  return target;
}
