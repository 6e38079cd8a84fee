// Builds the shipped bundles: dist/extension.js (node, CJS, vscode external), its on-demand
// chunks (dist/sandbox.js, sampleQueries.js, queryFlow.js, queryFile.js, export.js, team.js) and
// dist/webview/main.js + main.css (browser).
// `--watch` rebuilds on change, `--dev` skips minify.
// `--testing` also builds the test-only extension in out/testing-extension/ (package.json, media,
// dist/webview and a dist/extension.js whose activate() returns the internals the host tests and
// the bench probe use). It is never packaged: the shipped activate() returns nothing.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const watch = process.argv.includes('--watch');
const testing = process.argv.includes('--testing');
const testingDir = path.join(root, 'out', 'testing-extension');
const dev = process.argv.includes('--dev') || watch;

/** @type {esbuild.BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

/**
 * Code the extension needs only on some paths is a chunk of its own next to extension.js, so an
 * activation never loads it: the sample-data sandbox (and its data generator) and the example
 * queries, the New/Edit Report flow, the saved-queries file reader/writer (Import/Export),
 * the report exports, and the loading of a team report's people. The extension's `await import('…')` of such a
 * module becomes `require("./<chunk>")`; any other import of it from the extension bundle fails
 * the build. A chunk carries its own copy of the core code it uses, so nothing that crosses
 * between a chunk and extension.js may rely on identity: plain data, strings, and `Symbol.for`
 * values (the flow's BACK) only; `vscode` stays external to every chunk.
 */
const ON_DEMAND = [
  { entry: 'src/sandbox/server.ts', chunk: 'sandbox.js', guards: /(^|[\\/])sandbox[\\/]/, module: /[\\/]sandbox[\\/]server$/ },
  { entry: 'src/core/queryFile.ts', chunk: 'queryFile.js', guards: /(^|[\\/])queryFile$/, module: /(^|[\\/])queryFile$/ },
  { entry: 'src/core/export.ts', chunk: 'export.js', guards: /(^|[\\/])core[\\/]export$/, module: /(^|[\\/])core[\\/]export$/ },
  { entry: 'src/extension/sampleQueries.ts', chunk: 'sampleQueries.js', guards: /(^|[\\/])sampleQueries$/, module: /(^|[\\/])sampleQueries$/ },
  { entry: 'src/extension/queryFlow.ts', chunk: 'queryFlow.js', guards: /(^|[\\/])queryFlow$/, module: /(^|[\\/])queryFlow$/ },
  { entry: 'src/extension/panel/team.ts', chunk: 'team.js', guards: /(^|[\\/])panel[\\/]team$/, module: /(^|[\\/])panel[\\/]team$/ },
];

const onDemand = {
  name: 'on-demand-chunks',
  setup(build) {
    const inExtension = (importer) => [`${path.sep}src${path.sep}extension${path.sep}`, `${path.sep}src${path.sep}core${path.sep}`].some((dir) => importer.includes(dir));
    for (const { chunk, guards, module } of ON_DEMAND) {
      build.onResolve({ filter: guards }, (args) => {
        if (!inExtension(args.importer)) return undefined;
        if (args.kind === 'dynamic-import' && module.test(args.path)) return { path: chunk, namespace: 'on-demand' };
        return { errors: [{ text: `${args.path} must be loaded on demand: await import('${args.path}')` }] };
      });
    }
    // A plain require at run time (not a native import(), which not every extension host allows).
    build.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => ({ contents: `module.exports = require("./${args.path}");`, loader: 'js' }));
    build.onResolve({ filter: /^\.\/[\w.]+\.js$/, namespace: 'on-demand' }, (args) => ({ path: args.path, external: true }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [onDemand],
  },
  ...ON_DEMAND.map(({ entry, chunk }) => ({ ...common, entryPoints: [entry], outfile: `dist/${chunk}`, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] })),
  {
    ...common,
    entryPoints: { main: 'webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'css' },
  },
];

if (testing) {
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'linked',
    entryPoints: ['test/support/testingExtension.ts'],
    outfile: path.join(testingDir, 'dist', 'extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [onDemand],
  });
}

/** Copies what the test-only extension needs besides its own bundle (after the shipped build). */
function assembleTestingExtension() {
  fs.mkdirSync(testingDir, { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(testingDir, 'package.json'));
  fs.rmSync(path.join(testingDir, 'media'), { recursive: true, force: true });
  fs.cpSync(path.join(root, 'media'), path.join(testingDir, 'media'), { recursive: true });
  fs.rmSync(path.join(testingDir, 'dist', 'webview'), { recursive: true, force: true });
  fs.cpSync(path.join(root, 'dist', 'webview'), path.join(testingDir, 'dist', 'webview'), { recursive: true });
  for (const { chunk } of ON_DEMAND) fs.copyFileSync(path.join(root, 'dist', chunk), path.join(testingDir, 'dist', chunk));
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('watching for changes…');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  if (testing) assembleTestingExtension();
  for (const result of results) {
    for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${path.relative(root, path.resolve(root, file)).padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
    }
  }
}
