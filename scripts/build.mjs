// Builds the shipped bundles: dist/extension.js (node, CJS, vscode external), its on-demand
// chunks (see onDemand.mjs: dist/sandbox.js, drilldown.js, queryFlow.js, …) and
// dist/webview/main.js + main.css (browser).
// `--watch` rebuilds on change, `--dev` skips minify.
// `--testing` also builds the test-only extension in out/testing-extension/ (package.json, media,
// dist/webview and a dist/extension.js whose activate() returns the internals the host tests and
// the bench probe use). It is never packaged: the shipped activate() returns nothing.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { ON_DEMAND, onDemandPlugin } from './onDemand.mjs';

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

const onDemand = onDemandPlugin(root);

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
  // A chunk requires the other chunks it loads (the flow's name check, the query file) like extension.js does.
  ...ON_DEMAND.map(({ entry, chunk }) => ({
    ...common,
    entryPoints: [entry],
    outfile: `dist/${chunk}`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [onDemandPlugin(root, ON_DEMAND.filter((other) => other.chunk !== chunk))],
  })),
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
