// The system packages `npm test` and `npm start` need, checked before anything else runs and, on
// Debian or Ubuntu with the rights to do it, installed with apt-get. What is checked is the file
// each package provides (no marker file), so an install that failed half-way is simply redone on
// the next run. The check only stats files: it costs a few milliseconds when everything is there.
// HELPSCOUT_SKIP_SYSTEM_CHECK=1 skips it (for machines that keep these files elsewhere).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findChromium } from './browserPath';
import { isCodeServerInstalled, repoRoot, which } from './codeServer';
import { runLogged, tail } from './runLogged';

export interface SystemNeeds {
  /** code-server is about to be installed: its native addons are compiled on this machine. */
  codeServerBuild: boolean;
  /** A headless Chromium drives the workbench (host and UI tests). */
  browser: boolean;
}

/** Why each kind of need exists, as the one-line install notice says it. */
const PURPOSE: Record<keyof SystemNeeds, string> = {
  codeServerBuild: "to build code-server's native modules",
  browser: 'for the browser the tests drive the workbench in',
};

export type Distribution = 'debian' | 'ubuntu' | 'other';

export interface Requirement {
  what: string;
  why: string;
  /** apt packages that provide it; `ubuntu` overrides `debian` there ([] = apt cannot provide it). */
  packages: { debian: string[]; ubuntu?: string[] };
  /** What to do where apt cannot provide it. */
  manual?: string;
  present(): boolean;
  neededFor: keyof SystemNeeds;
  /** Only checked on Linux (other systems keep these elsewhere or ship them). */
  linuxOnly?: boolean;
}

const anyExists = (...files: string[]) => files.some((file) => fs.existsSync(file));

export const REQUIREMENTS: readonly Requirement[] = [
  {
    what: 'a C/C++ toolchain (cc, c++, make)',
    why: "code-server's native modules are compiled at install time",
    packages: { debian: ['build-essential'] },
    present: () => Boolean(which('cc') && which('c++') && which('make')),
    neededFor: 'codeServerBuild',
  },
  {
    what: 'python3',
    why: 'node-gyp runs on it',
    packages: { debian: ['python3'] },
    present: () => Boolean(which('python3')),
    neededFor: 'codeServerBuild',
  },
  {
    what: 'pkg-config',
    why: 'node-gyp finds library flags with it',
    packages: { debian: ['pkg-config'] },
    present: () => Boolean(which('pkg-config')),
    neededFor: 'codeServerBuild',
  },
  {
    what: 'the Kerberos headers (gssapi/gssapi.h)',
    why: "code-server's kerberos addon compiles against them",
    packages: { debian: ['libkrb5-dev'] },
    present: () => anyExists(
      '/usr/include/gssapi/gssapi.h', '/usr/local/include/gssapi/gssapi.h',
      '/usr/include/x86_64-linux-gnu/gssapi/gssapi.h', '/usr/include/aarch64-linux-gnu/gssapi/gssapi.h',
    ),
    neededFor: 'codeServerBuild',
    linuxOnly: true,
  },
  {
    what: 'ripgrep (rg)',
    why: "code-server's search binary is taken from it instead of a download",
    packages: { debian: ['ripgrep'] },
    present: () => Boolean(which('rg')),
    neededFor: 'codeServerBuild',
  },
  {
    what: 'Chromium',
    why: 'the tests drive the real workbench in it',
    packages: { debian: ['chromium'], ubuntu: [] },
    manual: "Ubuntu ships Chromium only as a snap, which headless tests cannot use here: install Google Chrome's .deb "
      + '(or any Chromium build) and set CHROMIUM_PATH to its binary',
    present: () => findChromium() !== undefined,
    neededFor: 'browser',
  },
  {
    what: 'fonts (DejaVu, Liberation)',
    why: 'the workbench and its screenshots render text with them',
    packages: { debian: ['fonts-dejavu-core', 'fonts-liberation'] },
    present: () => anyExists(
      '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf',
    ) && anyExists(
      '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
      '/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf', '/usr/share/fonts/liberation/LiberationSans-Regular.ttf',
    ),
    neededFor: 'browser',
    linuxOnly: true,
  },
];

export type Log = (line: string) => void;

/** The Debian family member an /etc/os-release text names (itself or as ID_LIKE), or 'other'. */
export function distribution(release: string | undefined): Distribution {
  if (release === undefined) return 'other';
  const field = (name: string) => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(release)?.[1] ?? '';
  const ids = `${field('ID')} ${field('ID_LIKE')}`;
  if (/\bubuntu\b/.test(ids)) return 'ubuntu';
  return /\bdebian\b/.test(ids) ? 'debian' : 'other';
}

function aptPackages(requirement: Requirement, distro: Distribution): string[] {
  return (distro === 'ubuntu' ? requirement.packages.ubuntu : undefined) ?? requirement.packages.debian;
}

export class SystemPackagesError extends Error {}

/** What the installer asks of the machine (a seam for its tests). */
export interface SystemEnvironment {
  requirements: readonly Requirement[];
  platform: NodeJS.Platform;
  /** The text of /etc/os-release, or undefined. */
  osRelease(): string | undefined;
  /**
   * How to run a command as root: [] when this is root, ['sudo', '-n'] with passwordless sudo,
   * 'no-sudo' when there is no sudo at all, undefined without the rights.
   */
  privilege(): string[] | 'no-sudo' | undefined;
  /** Runs a command with its output appended to logFile; resolves to its exit code. */
  run(command: string[], logFile: string): Promise<number>;
  logFile: string;
}

const machine: SystemEnvironment = {
  requirements: REQUIREMENTS,
  platform: process.platform,
  osRelease: () => {
    try { return fs.readFileSync('/etc/os-release', 'utf8'); } catch { return undefined; }
  },
  privilege: () => {
    if (process.getuid?.() === 0) return [];
    if (!which('sudo')) return 'no-sudo';
    return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : undefined;
  },
  run: (command, logFile) => runLogged(command, { logFile, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }),
  logFile: path.join(repoRoot, '.cache', 'logs', 'system-packages.log'),
};

/** What is missing for `needs` on this platform, or an empty list. */
export function missingRequirements(needs: SystemNeeds, env: Pick<SystemEnvironment, 'requirements' | 'platform'> = machine): Requirement[] {
  return env.requirements.filter((r) => needs[r.neededFor] && (env.platform === 'linux' || !r.linuxOnly) && !r.present());
}

const APT_OPTIONS = ['-o', 'DPkg::Lock::Timeout=120'];
// Keep existing configuration files without asking.
const DPKG_OPTIONS = ['-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold'];

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
  if (env === machine && process.env.HELPSCOUT_SKIP_SYSTEM_CHECK === '1') return;
  const missing = missingRequirements(needs, env);
  if (missing.length === 0) return;
  const distro = env.platform === 'linux' ? distribution(env.osRelease()) : 'other';
  const listing = missing.map((r) => `  - ${r.what}: ${r.why}`).join('\n');
  const installable = missing.filter((r) => aptPackages(r, distro).length > 0);
  const manual = missing.filter((r) => aptPackages(r, distro).length === 0);
  const packages = [...new Set(installable.flatMap((r) => aptPackages(r, distro)))];
  const manualSteps = manual.map((r) => `  - ${r.what}: ${r.manual ?? 'install it by hand'}`).join('\n');
  const skipHint = 'If they are installed where this check does not look, set HELPSCOUT_SKIP_SYSTEM_CHECK=1.';

  if (distro === 'other') {
    const debianNames = [...new Set(missing.flatMap((r) => r.packages.debian))].join(' ');
    throw new SystemPackagesError(
      `Missing system packages:\n${listing}\nThis is not Debian or Ubuntu, so they are not installed automatically. `
      + `Install them with your package manager (their Debian names: ${debianNames}), then run the command again. ${skipHint}`,
    );
  }
  const privilege = env.privilege();
  if (privilege === undefined || privilege === 'no-sudo') {
    const as = privilege === 'no-sudo' ? 'As root, run' : 'Run';
    const sudo = privilege === 'no-sudo' ? '' : 'sudo ';
    const command = packages.length
      ? `  ${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}\n`
      : '';
    throw new SystemPackagesError(
      `Missing system packages:\n${listing}\n${command ? `Installing them needs root. ${as}:\n${command}` : ''}`
      + `${manualSteps ? `By hand:\n${manualSteps}\n` : ''}then run the command again.`,
    );
  }

  if (packages.length > 0) await aptInstall(packages, installable, privilege, log, env);
  const stillMissing = missingRequirements(needs, env);
  if (stillMissing.length > 0) {
    const byHand = stillMissing.filter((r) => manual.includes(r));
    throw new SystemPackagesError(byHand.length === stillMissing.length
      ? `Missing, and not installable with apt-get here:\n${manualSteps}\nthen run the command again.`
      : `apt-get finished, but these are still missing: ${stillMissing.map((r) => r.what).join(', ')}. Log: ${env.logFile}`);
  }
}

async function aptInstall(packages: string[], installable: Requirement[], privilege: string[], log: Log, env: SystemEnvironment): Promise<void> {
  const logFile = env.logFile;
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, `${new Date().toISOString()} installing ${packages.join(' ')}\n`);
  const started = Date.now();
  const reasons = (Object.keys(PURPOSE) as (keyof SystemNeeds)[])
    .map((need) => {
      const names = [...new Set(installable.filter((r) => r.neededFor === need).flatMap((r) => r.packages.debian))];
      return names.length ? `${names.join(' ')} ${PURPOSE[need]}` : '';
    })
    .filter(Boolean);
  log(`installing system packages with apt-get: ${reasons.join('; ')} (log: ${path.relative(repoRoot, logFile) || logFile})`);
  // sudo resets the environment: pass DEBIAN_FRONTEND through `env` so no debconf dialog starts.
  const asRoot = privilege.length ? [...privilege, 'env', 'DEBIAN_FRONTEND=noninteractive'] : [];
  const steps = [
    [...asRoot, 'apt-get', 'update', '-q', ...APT_OPTIONS],
    // Finishes a dpkg run that an earlier, interrupted install left half-configured.
    [...asRoot, 'dpkg', '--configure', '-a', '--force-confdef', '--force-confold'],
    [...asRoot, 'apt-get', 'install', '-y', '-q', '--no-install-recommends', ...APT_OPTIONS, ...DPKG_OPTIONS, ...packages],
  ];
  for (const step of steps) {
    const code = await env.run(step, logFile);
    if (code !== 0) {
      throw new SystemPackagesError(
        `\`${step.join(' ')}\` failed (exit ${code}). Its output:\n${tail(logFile, 25).replace(/^/gm, '    ')}\n`
        + `Full log: ${logFile}. Fix the cause, or install ${packages.join(' ')} yourself, then run the command again.`,
      );
    }
  }
  log(`system packages installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** What a run of code-server needs now: the build toolchain only while it is not installed yet. */
export function codeServerNeeds(options: { browser: boolean }): SystemNeeds {
  return { codeServerBuild: !isCodeServerInstalled(), browser: options.browser };
}
