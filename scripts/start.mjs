// `npm start`: run the extension in a real VS Code.
//   - a desktop VS Code (`code` on PATH): build, then `code --extensionDevelopmentPath=<repo>`;
//   - otherwise code-server (installed on demand into .cache/): build, install the extension as a
//     user would have it, serve the workbench on http://127.0.0.1:8080 (or the next free port) and
//     print the URL to open. The profile (settings, saved reports, secrets) lives in
//     .cache/start-profile/ and persists between runs. Ctrl-C stops everything.
// Options: --port <n>  --host <addr>  --folder <path>  --code-server (ignore a desktop `code`)
//          --fresh (start with an empty profile)
//          --settings <file.json> (settings for this run, over the profile's and the defaults,
//          e.g. another helpscout.apiBaseUrl; a later run without it runs without them)
// Before installing code-server it checks for the system packages that needs and installs them
// with apt-get where it can (scripts/vscode/systemPackages.ts).
// With no account configured the extension can start in sample-data mode: HELPSCOUT_SAMPLE_DATA=1
// is set in VS Code's environment (export HELPSCOUT_SAMPLE_DATA=0 to turn that off).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, option } from './cliArgs.mjs';
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const profile = path.join(root, '.cache', 'start-profile');
const sampleEnv = { HELPSCOUT_SAMPLE_DATA: process.env.HELPSCOUT_SAMPLE_DATA ?? '1' };

function build() {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('build failed');
    process.exit(1);
  }
}

// The harness modules are TypeScript (CommonJS): load them through tsx's require hook.
register();
const require = createRequire(import.meta.url);
const codeServer = require('./vscode/codeServer.ts');
const desktop = !flag('--code-server') && codeServer.which('code');

/** The object in `--settings <file.json>`, or undefined; exits with a clear message on a bad file. */
function readSettingsOption() {
  const file = option('--settings');
  if (file === undefined) return undefined;
  let settings;
  try {
    settings = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
  } catch (error) {
    console.error(`--settings ${file}: ${error.code === 'ENOENT' ? 'no such file' : `not valid JSON (${error.message})`}`);
    process.exit(2);
  }
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    console.error(`--settings ${file}: expected a JSON object of settings, like {"helpscout.apiBaseUrl": "http://127.0.0.1:4010"}`);
    process.exit(2);
  }
  return settings;
}

if (desktop) {
  if (option('--settings')) console.warn('--settings applies to code-server only; a desktop VS Code uses your own profile (add --code-server to use it)');
  build();
  console.log(`starting ${desktop} --extensionDevelopmentPath=${root}`);
  const child = spawn(desktop, [`--extensionDevelopmentPath=${root}`, '--new-window', ...(option('--folder') ? [path.resolve(option('--folder'))] : [])], {
    stdio: 'inherit',
    env: { ...process.env, ...sampleEnv },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const { installExtension } = require('./vscode/extension.ts');
  const { ensureSystemPackages, codeServerNeeds, SystemPackagesError } = require('./vscode/systemPackages.ts');
  const extraSettings = readSettingsOption();
  try {
    await ensureSystemPackages(codeServerNeeds({ browser: false }));
  } catch (error) {
    console.error(error instanceof SystemPackagesError ? error.message : error);
    process.exit(1);
  }
  if (flag('--fresh')) fs.rmSync(profile, { recursive: true, force: true });
  await codeServer.ensureCodeServer();
  build();
  const userDataDir = path.join(profile, 'user');
  const extensionsDir = path.join(profile, 'extensions');
  const folder = path.resolve(option('--folder') ?? path.join(profile, 'workspace'));
  fs.mkdirSync(folder, { recursive: true });
  // The harness defaults on the first run; the user's own settings after that.
  if (!fs.existsSync(path.join(userDataDir, 'User', 'settings.json'))) codeServer.writeUserSettings(userDataDir);
  try {
    const keys = codeServer.applyCommandLineSettings(userDataDir, extraSettings);
    if (keys.length) console.log(`settings from ${option('--settings')} for this run: ${keys.join(', ')}`);
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  installExtension(extensionsDir);

  const host = option('--host') ?? '127.0.0.1';
  let port = Number(option('--port') ?? 8080);
  if (await codeServer.portInUse(port, host)) {
    const requested = port;
    port = await codeServer.freePort(host);
    console.log(`port ${requested} is busy; using ${port}`);
  }
  const server = await codeServer.startCodeServer({
    host,
    port,
    userDataDir,
    extensionsDir,
    env: sampleEnv,
    logFile: path.join(profile, 'code-server.log'),
  });
  const url = codeServer.workbenchUrl(server, folder);
  console.log('');
  console.log(`  Help Scout Reports is running in VS Code (code-server ${codeServer.CODE_SERVER_VERSION}).`);
  console.log(`  Open ${url}`);
  console.log('  The Help Scout icon is in the activity bar. Ctrl-C to stop.');
  console.log(`  (profile: ${path.relative(root, profile)}/, log: ${path.relative(root, server.logFile)})`);
  console.log('');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping code-server…');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.process.on('exit', (code) => {
    if (stopping) return;
    console.error(`code-server exited (${code}); see ${server.logFile}`);
    process.exit(1);
  });
}
