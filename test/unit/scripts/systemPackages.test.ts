// The system-package step of `npm test` / `npm start`, against a fake machine: which packages it
// installs, in which order, what it says when it cannot, and that a failed install is retried.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ensureSystemPackages, isDebianLike, SystemPackagesError, type Requirement, type SystemEnvironment,
} from '../../../scripts/vscode/systemPackages';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';

interface FakeMachine extends SystemEnvironment {
  installed: Set<string>;
  commands: string[];
}

/** A machine where each requirement is one package, present when "installed" holds it. */
function fakeMachine(options: { release?: string; privilege?: string[]; installed?: string[]; failOn?: string } = {}): FakeMachine {
  const installed = new Set(options.installed ?? []);
  const commands: string[] = [];
  const requirement = (pkg: string, neededFor: Requirement['neededFor']): Requirement => ({
    what: `the ${pkg} thing`, why: `because of ${pkg}`, packages: [pkg], neededFor, present: () => installed.has(pkg),
  });
  return {
    installed,
    commands,
    requirements: [requirement('libkrb5-dev', 'codeServerBuild'), requirement('ripgrep', 'codeServerBuild'), requirement('chromium', 'browser')],
    osRelease: () => options.release,
    privilege: () => options.privilege,
    logFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'syspkg-')), 'system-packages.log'),
    async run(command) {
      const line = command.join(' ');
      commands.push(line);
      if (options.failOn && line.includes(options.failOn)) return 100;
      if (command.includes('install')) for (const pkg of command.slice(command.indexOf('--no-install-recommends') + 1)) installed.add(pkg);
      return 0;
    },
  };
}

const everything = { codeServerBuild: true, browser: true };

describe('system packages for npm test / npm start', () => {
  it('reads Debian, Ubuntu and their derivatives from /etc/os-release, and nothing else', () => {
    assert.equal(isDebianLike(DEBIAN), true);
    assert.equal(isDebianLike(UBUNTU), true);
    assert.equal(isDebianLike(MINT), true);
    assert.equal(isDebianLike(FEDORA), false);
    assert.equal(isDebianLike(undefined), false);
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

  it('as root on Debian: apt-get update, finish dpkg, then install exactly what is missing, saying so in one line', async () => {
    const machine = fakeMachine({ release: DEBIAN, privilege: [], installed: ['ripgrep'] });
    const lines: string[] = [];
    await ensureSystemPackages(everything, (line) => lines.push(line), machine);
    assert.deepEqual(machine.commands, [
      'apt-get update -q',
      'dpkg --configure -a',
      'apt-get install -y -q --no-install-recommends libkrb5-dev chromium',
    ]);
    assert.match(lines[0] ?? '', /^installing system packages with apt-get: libkrb5-dev chromium \(for the libkrb5-dev thing, the chromium thing;/);
  });

  it('with passwordless sudo: every command goes through sudo -n', async () => {
    const machine = fakeMachine({ release: UBUNTU, privilege: ['sudo', '-n'] });
    await ensureSystemPackages(everything, () => undefined, machine);
    assert.ok(machine.commands.length === 3 && machine.commands.every((c) => c.startsWith('sudo -n ')), machine.commands.join(' | '));
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
    await assert.rejects(ensureSystemPackages(everything, () => undefined, machine), /not Debian or Ubuntu[\s\S]*libkrb5-dev ripgrep chromium/);
    assert.deepEqual(machine.commands, []);
  });

  it('a failed install reports apt\'s output and leaves nothing that makes the next run skip it', async () => {
    const machine = fakeMachine({ release: DEBIAN, privilege: [], failOn: 'install' });
    fs.writeFileSync(machine.logFile, '');
    await assert.rejects(ensureSystemPackages(everything, () => undefined, machine), (error: Error) => {
      assert.match(error.message, /apt-get install -y -q --no-install-recommends libkrb5-dev ripgrep chromium` failed \(exit 100\)/);
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
});
