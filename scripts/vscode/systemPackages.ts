// The system packages `npm test` and `npm start` need, checked before anything else runs and, on
// Debian or Ubuntu with the rights to do it, installed with apt-get. What is checked is the file
// each package provides (no marker file), so an install that failed half-way is simply redone on
// the next run. The check only stats files: it costs a few milliseconds when everything is there.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromiumCandidates } from './chromium';
import { isCodeServerInstalled, repoRoot, which } from './codeServer';

export interface SystemNeeds {
  /** code-server is about to be installed: its native addons are compiled on this machine. */
  codeServerBuild: boolean;
  /** A headless Chromium drives the workbench (host and UI tests). */
  browser: boolean;
}

export interface Requirement {
  what: string;
  why: string;
  /** Debian/Ubuntu packages that provide it. */
  packages: string[];
  present(): boolean;
  neededFor: keyof SystemNeeds;
}

const anyExists = (...files: string[]) => files.some((file) => fs.existsSync(file));

export const REQUIREMENTS: readonly Requirement[] = [
  {
    what: 'a C/C++ toolchain (cc, c++, make)',
    why: "code-server's native modules are compiled at install time",
    packages: ['build-essential'],
    present: () => Boolean(which('cc') && which('c++') && which('make')),
    neededFor: 'codeServerBuild',
  },
  {
    what: 'python3',
    why: 'node-gyp runs on it',
    packages: ['python3'],
    present: () => Boolean(which('python3')),
    neededFor: 'codeServerBuild',
  },
  {
    what: 'pkg-config',
    why: 'node-gyp finds library flags with it',
    packages: ['pkg-config'],
    present: () => Boolean(which('pkg-config')),
    neededFor: 'codeServerBuild',
  },
  {
    what: 'the Kerberos headers (gssapi/gssapi.h)',
    why: "code-server's kerberos addon compiles against them",
    packages: ['libkrb5-dev'],
    present: () => anyExists('/usr/include/gssapi/gssapi.h', '/usr/include/x86_64-linux-gnu/gssapi/gssapi.h', '/usr/include/aarch64-linux-gnu/gssapi/gssapi.h'),
    neededFor: 'codeServerBuild',
  },
  {
    what: 'ripgrep (rg)',
    why: "code-server's search binary is taken from it instead of a download",
    packages: ['ripgrep'],
    present: () => Boolean(which('rg')),
    neededFor: 'codeServerBuild',
  },
  {
    what: 'Chromium',
    why: 'the tests drive the real workbench in it',
    packages: ['chromium'],
    present: () => chromiumCandidates().some((file) => fs.existsSync(file)),
    neededFor: 'browser',
  },
  {
    what: 'fonts (DejaVu, Liberation)',
    why: 'the workbench and its screenshots render text with them',
    packages: ['fonts-dejavu-core', 'fonts-liberation'],
    present: () => fs.existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')
      && anyExists('/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf'),
    neededFor: 'browser',
  },
];

export type Log = (line: string) => void;

/** What is missing for `needs`, or an empty list. */
export function missingRequirements(needs: SystemNeeds, requirements = REQUIREMENTS): Requirement[] {
  return requirements.filter((r) => needs[r.neededFor] && !r.present());
}

/** Whether an /etc/os-release text names Debian or Ubuntu (itself or as ID_LIKE). */
export function isDebianLike(release: string | undefined): boolean {
  if (release === undefined) return false;
  const field = (name: string) => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(release)?.[1] ?? '';
  return /\b(debian|ubuntu)\b/.test(`${field('ID')} ${field('ID_LIKE')}`);
}

/** `[]` as root, `['sudo', '-n']` with passwordless sudo, otherwise undefined. */
function privilegePrefix(): string[] | undefined {
  if (process.getuid?.() === 0) return [];
  if (!which('sudo')) return undefined;
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : undefined;
}

function run(command: string[], logFile: string): Promise<number> {
  return new Promise((resolve) => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n$ ${command.join(' ')}\n`);
    const child = spawn(command[0]!, command.slice(1), {
      stdio: ['ignore', out, out],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.on('error', (error) => { fs.writeSync(out, `${String(error)}\n`); fs.closeSync(out); resolve(127); });
    child.on('close', (code) => { fs.closeSync(out); resolve(code ?? 1); });
  });
}

export class SystemPackagesError extends Error {}

/** What the installer asks of the machine (a seam for its tests). */
export interface SystemEnvironment {
  requirements: readonly Requirement[];
  /** The text of /etc/os-release, or undefined. */
  osRelease(): string | undefined;
  /** The command prefix that runs as root, or undefined without the rights. */
  privilege(): string[] | undefined;
  /** Runs a command with its output appended to logFile; resolves to its exit code. */
  run(command: string[], logFile: string): Promise<number>;
  logFile: string;
}

const machine: SystemEnvironment = {
  requirements: REQUIREMENTS,
  osRelease: () => {
    try { return fs.readFileSync('/etc/os-release', 'utf8'); } catch { return undefined; }
  },
  privilege: privilegePrefix,
  run,
  logFile: path.join(repoRoot, '.cache', 'logs', 'system-packages.log'),
};

/**
 * Makes sure `needs` are met: returns at once when they are; installs what is missing with apt-get
 * on Debian/Ubuntu as root or with passwordless sudo; otherwise throws a SystemPackagesError whose
 * message names the exact command to run.
 */
export async function ensureSystemPackages(
  needs: SystemNeeds,
  log: Log = (line) => console.log(line),
  env: SystemEnvironment = machine,
): Promise<void> {
  const missing = missingRequirements(needs, env.requirements);
  if (missing.length === 0) return;
  const packages = [...new Set(missing.flatMap((r) => r.packages))];
  const installCommand = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  const listing = missing.map((r) => `  - ${r.what}: ${r.why}`).join('\n');
  if (!isDebianLike(env.osRelease())) {
    throw new SystemPackagesError(
      `Missing system packages:\n${listing}\nThis is not Debian or Ubuntu, so they are not installed automatically. `
      + `Install them with your package manager (on Debian/Ubuntu: ${installCommand}), then run the command again.`,
    );
  }
  const prefix = env.privilege();
  if (!prefix) {
    throw new SystemPackagesError(
      `Missing system packages:\n${listing}\nInstalling them needs root. Run:\n  ${installCommand}\nthen run the command again.`,
    );
  }

  const logFile = env.logFile;
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, `${new Date().toISOString()} installing ${packages.join(' ')}\n`);
  const started = Date.now();
  log(`installing system packages with apt-get: ${packages.join(' ')} (for ${missing.map((r) => r.what.replace(/ \(.*\)$/, '')).join(', ')}; log: ${path.relative(repoRoot, logFile)})`);
  const steps = [
    [...prefix, 'apt-get', 'update', '-q'],
    // Finishes a dpkg run that an earlier, interrupted install left half-configured.
    [...prefix, 'dpkg', '--configure', '-a'],
    [...prefix, 'apt-get', 'install', '-y', '-q', '--no-install-recommends', ...packages],
  ];
  for (const step of steps) {
    const code = await env.run(step, logFile);
    if (code !== 0) {
      throw new SystemPackagesError(
        `\`${step.join(' ')}\` failed (exit ${code}). Its output:\n${tailOf(logFile, 25)}\n`
        + `Full log: ${logFile}. Fix the cause, or run \`${installCommand}\` yourself, then run the command again.`,
      );
    }
  }
  const stillMissing = missingRequirements(needs, env.requirements);
  if (stillMissing.length > 0) {
    throw new SystemPackagesError(
      `apt-get finished, but these are still missing: ${stillMissing.map((r) => r.what).join(', ')}. Log: ${logFile}`,
    );
  }
  log(`system packages installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function tailOf(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((line) => `    ${line}`).join('\n');
  } catch {
    return '';
  }
}

/** What a run of code-server needs now: the build toolchain only while it is not installed yet. */
export function codeServerNeeds(options: { browser: boolean }): SystemNeeds {
  return { codeServerBuild: !isCodeServerInstalled(), browser: options.browser };
}
