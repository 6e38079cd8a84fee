// `npm test`: every check, in order, streaming each one's output:
//   typecheck → lint → build → unit (mocha, plain node) → host (mocha inside a real VS Code
//   extension host) → ui (Playwright against the real workbench)
// and a summary whose LAST line is exactly `N passed, N failed` (`, N skipped` when tests were
// pending). A stage that fails without failing tests (typecheck, lint, build, a crash, a suite that
// ran 0 tests) counts as 1 failed. Exit 1 if anything failed.
//
//   npm test                       everything
//   npm test -- --only unit        one stage (unit|host|ui|typecheck|lint|build; comma-separate for more)
//   npm test -- --grep <regexp>    only matching tests in unit/host/ui
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';
import { option } from './cliArgs.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const only = option('--only')?.split(',').map((s) => s.trim()).filter(Boolean);
const grep = option('--grep');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');

/** mocha's spec epilogue: "12 passing (3s)", "1 pending", "2 failing". */
function parseMocha(output) {
  const count = (word) => {
    const matches = [...output.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    return matches.length ? Number(matches.at(-1)[1]) : 0;
  };
  const found = /^\s*\d+ passing\b/m.test(output);
  return found ? { passed: count('passing'), failed: count('failing'), skipped: count('pending') } : undefined;
}

/** The runners' last line: "host: 3 passed, 1 failed, 2 skipped". */
function parseRunner(label) {
  return (output) => {
    const matches = [...output.matchAll(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed(?:, (\\d+) skipped)?\\s*$`, 'gm'))];
    const last = matches.at(-1);
    return last ? { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3] ?? 0) } : undefined;
  };
}

const stages = [
  { name: 'typecheck', command: npm, args: ['run', '--silent', 'typecheck'] },
  { name: 'lint', command: npm, args: ['run', '--silent', 'lint'] },
  { name: 'build', command: npm, args: ['run', '--silent', 'build'] },
  {
    name: 'unit',
    command: npx,
    args: ['mocha', '--reporter', 'spec', '--no-color', ...(grep ? ['--grep', grep] : [])],
    parse: parseMocha,
  },
  {
    name: 'host',
    command: tsx,
    args: ['scripts/vscode/runHostTests.ts', ...(grep ? ['--grep', grep] : [])],
    parse: parseRunner('host'),
    needsBuild: true,
  },
  {
    name: 'ui',
    command: tsx,
    args: ['scripts/vscode/runUiTests.ts', ...(grep ? ['--grep', grep] : [])],
    parse: parseRunner('ui'),
    needsBuild: true,
  },
];

const known = new Set(stages.map((s) => s.name));
for (const name of only ?? []) {
  if (!known.has(name)) {
    console.error(`unknown stage "${name}" (choose from ${[...known].join(', ')})`);
    process.exit(2);
  }
}

const selected = stages.filter((s) => !only || only.includes(s.name));

// Host and UI tests run a real VS Code (code-server) in Chromium: check for, and where possible
// install, the system packages that needs before any stage starts.
if (selected.some((s) => s.needsBuild)) {
  register();
  const { ensureSystemPackages, codeServerNeeds, SystemPackagesError } = createRequire(import.meta.url)('./vscode/systemPackages.ts');
  try {
    await ensureSystemPackages(codeServerNeeds({ browser: true }));
  } catch (error) {
    console.error(error instanceof SystemPackagesError ? error.message : error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current) current.kill(signal);
    process.exit(130);
  });
}

function runStage(stage, env) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(stage.command, stage.args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk) => { output += chunk; process.stderr.write(chunk); });
    child.on('error', (error) => { output += String(error); console.error(error); resolve({ code: 1, output }); });
    child.on('close', (code, signal) => { current = undefined; resolve({ code: code ?? (signal ? 1 : 0), output }); });
  });
}

const results = [];
const buildSelected = selected.some((s) => s.name === 'build');
let buildFailed = false;
const started = Date.now();

for (const stage of selected) {
  const line = '─'.repeat(Math.max(0, 70 - stage.name.length));
  console.log(`\n── ${stage.name} ${line}`);
  if (stage.needsBuild && buildFailed) {
    console.log(`${stage.name}: skipped because the build failed`);
    results.push({ name: stage.name, ok: false, seconds: 0, note: 'not run (build failed)', counts: undefined });
    continue;
  }
  const env = { ...process.env };
  // The runners build on their own unless `npm test` just did.
  if (stage.needsBuild && buildSelected) env.HELPSCOUT_SKIP_BUILD = '1';
  const t0 = Date.now();
  const { code, output } = await runStage(stage, env);
  const seconds = (Date.now() - t0) / 1000;
  const counts = stage.parse?.(output);
  let note = '';
  let ok = code === 0;
  if (stage.parse) {
    if (!counts) { ok = false; note = 'no test summary found'; }
    else if (counts.passed + counts.failed + counts.skipped === 0) { ok = false; note = '0 tests ran'; }
    else if (counts.failed > 0) ok = false;
    if (code !== 0 && counts && counts.failed === 0 && !note) note = `exit code ${code}`;
  } else if (code !== 0) {
    note = `exit code ${code}`;
  }
  if (stage.name === 'build' && code !== 0) buildFailed = true;
  results.push({ name: stage.name, ok, seconds, note, counts });
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log(`\n── summary ${'─'.repeat(63)}`);
for (const r of results) {
  const counts = r.counts
    ? `${r.counts.passed} passed, ${r.counts.failed} failed${r.counts.skipped ? `, ${r.counts.skipped} skipped` : ''}`
    : '';
  console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(10)} ${r.seconds.toFixed(1).padStart(6)} s  ${[counts, r.note].filter(Boolean).join('; ')}`);
  passed += r.counts?.passed ?? 0;
  skipped += r.counts?.skipped ?? 0;
  const stageFailures = r.counts?.failed ?? 0;
  // A failed stage with no failing test (typecheck, crash, 0 tests, …) still counts as one failure.
  failed += stageFailures > 0 ? stageFailures : r.ok ? 0 : 1;
}
console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || results.some((r) => !r.ok) ? 1 : 0);
