// The system-package step of `npm test` / `npm start`, against a fake machine: which packages it
// installs, in which order, what it says when it cannot, and that a failed install is retried.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLogged } from '../../../scripts/vscode/runLogged';
import {
  distribution, ensureSystemPackages, SystemPackagesError, type Requirement, type SystemEnvironment,
} from '../../../scripts/vscode/systemPackages';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';

interface FakeMachine extends SystemEnvironment {
  installed: Set<string>;
  commands: string[];
}

/**
 * A machine where each requirement is one package, present when "installed" holds it; like the
 * real list, Ubuntu has no apt package for the browser and the Kerberos headers are Linux-only.
 */
function fakeMachine(options: {
  release?: string; privilege?: string[] | 'no-sudo'; installed?: string[]; failOn?: string; platform?: NodeJS.Platform;
} = {}): FakeMachine {
  const installed = new Set(options.installed ?? []);
  const commands: string[] = [];
  const requirement = (pkg: string, neededFor: Requirement['neededFor'], extra: Partial<Requirement> = {}): Requirement => ({
    what: `the ${pkg} thing`, why: `because of ${pkg}`, packages: { debian: [pkg] }, neededFor, present: () => installed.has(pkg), ...extra,
  });
  return {
    installed,
    commands,
    requirements: [
      requirement('libkrb5-dev', 'codeServerBuild', { linuxOnly: true }),
      requirement('ripgrep', 'codeServerBuild'),
      requirement('chromium', 'browser', { packages: { debian: ['chromium'], ubuntu: [] }, manual: 'get Chrome and set CHROMIUM_PATH' }),
    ],
    platform: options.platform ?? 'linux',
    osRelease: () => options.release,
    privilege: () => options.privilege,
    logFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'syspkg-')), 'system-packages.log'),
    async run(command) {
      const line = command.join(' ');
      commands.push(line);
      if (options.failOn && line.includes(options.failOn)) return 100;
      if (command.includes('install')) {
        const args = command.slice(command.indexOf('install') + 1);
        for (const [i, arg] of args.entries()) if (!arg.startsWith('-') && args[i - 1] !== '-o') installed.add(arg);
      }
      return 0;
    },
  };
}

const everything = { codeServerBuild: true, browser: true };

describe('system packages for npm test / npm start', () => {
  it('reads Debian, Ubuntu and their derivatives from /etc/os-release, and nothing else', () => {
    assert.equal(distribution(DEBIAN), 'debian');
    assert.equal(distribution(UBUNTU), 'ubuntu');
    assert.equal(distribution(MINT), 'ubuntu');
    assert.equal(distribution(FEDORA), 'other');
    assert.equal(distribution(undefined), 'other');
  });

  it('runs nothing when everything needed is there', async () => {
    const machine = fakeMachine({ release: DEBIAN, privilege: [], installed: ['libkrb5-dev', 'ripgrep', 'chromium'] });
    const lines: string[] = [];
    await ensureSystemPackages(everything, (line) => lines.push(line), machine);
    assert.deepEqual(machine.commands, []);
    assert.deepEqual(lines, []);
  });

  it('asks only for what this run needs (no build toolchain once code-server is installed)', async () => {
    const machine = fakeMachine({ release: DEBIAN, privilege: [], installed: ['chromium'] });
    await ensureSystemPackages({ codeServerBuild: false, browser: true }, () => undefined, machine);
    assert.deepEqual(machine.commands, []);
  });

  it('as root on Debian: apt-get update, finish dpkg, then install exactly what is missing, saying what for in one line', async () => {
    const machine = fakeMachine({ release: DEBIAN, privilege: [], installed: ['ripgrep'] });
    const lines: string[] = [];
    await ensureSystemPackages(everything, (line) => lines.push(line), machine);
    assert.equal(machine.commands.length, 3, machine.commands.join(' | '));
    assert.match(machine.commands[0]!, /^apt-get update -q\b/);
    assert.match(machine.commands[1]!, /^dpkg --configure -a\b/);
    assert.match(machine.commands[2]!, /^apt-get install -y -q --no-install-recommends .*--force-confold libkrb5-dev chromium$/);
    assert.equal(lines.length, 2, lines.join(' | '));
    assert.match(lines[0]!, /^installing system packages with apt-get: libkrb5-dev to build code-server's native modules; chromium for the browser the tests drive the workbench in \(log: /);
    assert.match(lines[1]!, /^system packages installed in \d+ s$/);
  });

  it('on Ubuntu: installs what apt has, then names the manual step for the browser (no snap)', async () => {
    const machine = fakeMachine({ release: UBUNTU, privilege: [] });
    await assert.rejects(ensureSystemPackages(everything, () => undefined, machine), (error: Error) => {
      assert.match(error.message, /not installable with apt-get here:\n {2}- the chromium thing: get Chrome and set CHROMIUM_PATH/);
      return true;
    });
    assert.match(machine.commands.at(-1)!, /--no-install-recommends .* libkrb5-dev ripgrep$/, 'chromium is not asked of apt on Ubuntu');
    assert.deepEqual([...machine.installed].sort(), ['libkrb5-dev', 'ripgrep']);
  });

  it('on macOS: Linux-only files are not asked for', async () => {
    const machine = fakeMachine({ platform: 'darwin', installed: ['ripgrep', 'chromium'] });
    await ensureSystemPackages(everything, () => undefined, machine);
    assert.deepEqual(machine.commands, []);
  });

  it('with passwordless sudo: every command goes through sudo -n, with DEBIAN_FRONTEND passed through sudo', async () => {
    const machine = fakeMachine({ release: DEBIAN, privilege: ['sudo', '-n'] });
    await ensureSystemPackages(everything, () => undefined, machine);
    assert.equal(machine.commands.length, 3, machine.commands.join(' | '));
    assert.ok(machine.commands.every((c) => c.startsWith('sudo -n env DEBIAN_FRONTEND=noninteractive ')), machine.commands.join(' | '));
  });

  it('without sudo at all: names the command to run as root', async () => {
    const machine = fakeMachine({ release: DEBIAN, privilege: 'no-sudo' });
    await assert.rejects(ensureSystemPackages(everything, () => undefined, machine), /As root, run:\n {2}apt-get update && apt-get install -y --no-install-recommends libkrb5-dev ripgrep chromium\n/);
    assert.deepEqual(machine.commands, []);
  });

  it('without the rights: stops before running anything, naming the exact command', async () => {
    const machine = fakeMachine({ release: DEBIAN, privilege: undefined, installed: ['ripgrep'] });
    await assert.rejects(ensureSystemPackages(everything, () => undefined, machine), (error: Error) => {
      assert.ok(error instanceof SystemPackagesError);
      assert.match(error.message, /sudo apt-get update && sudo apt-get install -y --no-install-recommends libkrb5-dev chromium/);
      assert.match(error.message, /the libkrb5-dev thing: because of libkrb5-dev/);
      return true;
    });
    assert.deepEqual(machine.commands, []);
  });

  it('not Debian or Ubuntu: stops before running anything and says what to install', async () => {
    const machine = fakeMachine({ release: FEDORA, privilege: [] });
    await assert.rejects(ensureSystemPackages(everything, () => undefined, machine), /not Debian or Ubuntu[\s\S]*Debian names: libkrb5-dev ripgrep chromium[\s\S]*HELPSCOUT_SKIP_SYSTEM_CHECK=1/);
    assert.deepEqual(machine.commands, []);
  });

  it('a failed install reports apt\'s output and leaves nothing that makes the next run skip it', async () => {
    const machine = fakeMachine({ release: DEBIAN, privilege: [], failOn: 'install' });
    fs.writeFileSync(machine.logFile, '');
    await assert.rejects(ensureSystemPackages(everything, () => undefined, machine), (error: Error) => {
      assert.match(error.message, /apt-get install -y -q --no-install-recommends .* libkrb5-dev ripgrep chromium` failed \(exit 100\)/);
      assert.match(error.message, new RegExp(`Full log: ${machine.logFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      return true;
    });
    const ranBefore = machine.commands.length;
    await assert.rejects(ensureSystemPackages(everything, () => undefined, machine), SystemPackagesError);
    assert.equal(machine.commands.length, ranBefore * 2, 'the second run tries the whole install again');
  });

  it('says so when apt-get succeeded but a file is still missing', async () => {
    const machine = fakeMachine({ release: DEBIAN, privilege: [] });
    machine.run = async (command) => { machine.commands.push(command.join(' ')); return 0; }; // installs nothing
    await assert.rejects(ensureSystemPackages(everything, () => undefined, machine), /still missing: the libkrb5-dev thing, the ripgrep thing, the chromium thing/);
  });

  it('a command that cannot start is a failed step (exit 127), not a crash', async () => {
    const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'syspkg-')), 'run.log');
    assert.equal(await runLogged(['/nonexistent/apt-get-that-is-not-there', 'update'], { logFile }), 127);
    assert.match(fs.readFileSync(logFile, 'utf8'), /ENOENT/);
  });
});
