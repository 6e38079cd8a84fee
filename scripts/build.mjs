// Builds the shipped bundles: dist/extension.js (node, CJS, vscode external), dist/sandbox.js
// (the sample-data sandbox, required on demand) and dist/webview/main.js + main.css (browser). `--watch` rebuilds on change, `--dev` skips minify.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const watch = process.argv.includes('--watch');
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
 * The sandbox (and its data generator) is needed only with sample data, so it is a chunk of its
 * own: the extension's one `await import('../sandbox/server')` becomes `require("./sandbox.js")`,
 * and any other import of src/sandbox from the extension bundle fails the build.
 */
const sandboxOnDemand = {
  name: 'sandbox-on-demand',
  setup(build) {
    build.onResolve({ filter: /(^|[\\/])sandbox[\\/]/ }, (args) => {
      if (!args.importer.includes(`${path.sep}src${path.sep}extension${path.sep}`) && !args.importer.includes(`${path.sep}src${path.sep}core${path.sep}`)) return undefined;
      if (args.kind === 'dynamic-import' && /[\\/]sandbox[\\/]server$/.test(args.path)) return { path: 'sandbox', namespace: 'sandbox-chunk' };
      return { errors: [{ text: `${args.path} must be loaded on demand: await import('../sandbox/server')` }] };
    });
    // A plain require at run time (not a native import(), which not every extension host allows).
    build.onLoad({ filter: /.*/, namespace: 'sandbox-chunk' }, () => ({ contents: 'module.exports = require("./sandbox.js");', loader: 'js' }));
    build.onResolve({ filter: /^\.\/sandbox\.js$/, namespace: 'sandbox-chunk' }, () => ({ path: './sandbox.js', external: true }));
  },
};

const node = { platform: 'node', format: 'cjs', target: 'node20' };

const builds = [
  {
    ...common,
    ...node,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [sandboxOnDemand],
  },
  {
    ...common,
    ...node,
    entryPoints: ['src/sandbox/server.ts'],
    outfile: 'dist/sandbox.js',
  },
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

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('watching for changes…');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  for (const result of results) {
    for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${file.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
    }
  }
}
