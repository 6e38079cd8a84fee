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

let shipped: string[] | undefined;
/** The files a packaged .vsix carries, as `vsce ls` reads .vscodeignore (asked once per process). */
export function shippedFiles(): string[] {
  if (shipped) return shipped;
  const vsce = path.join(repoRoot, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
  const result = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  const files = (result.stdout ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
  if (result.status !== 0 || !files.includes('package.json')) {
    throw new Error(`vsce ls failed (exit ${result.status}): ${result.stderr ?? ''}`);
  }
  shipped = files;
  return files;
}

/**
 * Copies what the .vsix would carry into `<extensionsDir>/<publisher.name-version>/`, replacing an
 * older copy. VS Code/code-server scans the folder on start and lists it as a normal installed
 * extension (faster than packaging and `--install-extension`, which test/ui/vsix.test.ts covers).
 * `from` is the repository (the shipped build) or testingExtensionDir (files it lacks are skipped).
 */
export function installExtension(extensionsDir: string, from: string = repoRoot): string {
  const target = path.join(extensionsDir, `${extensionId}-${manifest.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  // A stale extensions.json would keep pointing at removed folders: let the scanner rebuild it.
  fs.rmSync(path.join(extensionsDir, 'extensions.json'), { force: true });
  for (const file of shippedFiles()) {
    const source = path.join(from, file);
    if (!fs.existsSync(source)) continue;
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.copyFileSync(source, path.join(target, file));
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
