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

let built = false;
/** Runs `node scripts/build.mjs` once per process (set HELPSCOUT_SKIP_BUILD=1 to reuse dist/). */
export function buildExtension(): void {
  if (built || process.env.HELPSCOUT_SKIP_BUILD === '1') return;
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], {
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
 */
export function installExtension(extensionsDir: string): string {
  const target = path.join(extensionsDir, `${extensionId}-${manifest.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  // A stale extensions.json would keep pointing at removed folders: let the scanner rebuild it.
  fs.rmSync(path.join(extensionsDir, 'extensions.json'), { force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(target, 'package.json'));
  for (const entry of SHIPPED) {
    const from = path.join(repoRoot, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(target, entry), { recursive: true });
  }
  for (const item of fs.readdirSync(repoRoot)) {
    if (/^package\.nls\..+\.json$/.test(item)) fs.copyFileSync(path.join(repoRoot, item), path.join(target, item));
  }
  return target;
}

export interface PackagedVsix {
  /** vsce's exit status (0 on success). */
  status: number | null;
  /** stdout + stderr. */
  output: string;
  /** vsce's WARNING lines (there should be none). */
  warnings: string[];
}

/**
 * `npm run package -- --out <file>`: the .vsix exactly as the package.json script makes it (its
 * flags live there only), never answering an interactive question.
 */
export function packageVsix(outFile: string): PackagedVsix {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'package', '--', '--out', outFile], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, VSCE_TELEMETRY: 'false' },
    input: 'n\n',
    timeout: 180_000,
  });
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim();
  return { status: result.status, output, warnings: output.split('\n').filter((line) => /\bWARNING\b/.test(line)) };
}
