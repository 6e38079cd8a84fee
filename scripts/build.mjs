// Builds the shipped bundles: dist/extension.js (node, CJS, vscode external), its on-demand
// chunks (dist/sandbox.js, dist/queryFile.js) and dist/webview/main.js + main.css (browser). `--watch` rebuilds on change, `--dev` skips minify.
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
 * Code the extension needs only on some paths is a chunk of its own next to extension.js, so an
 * activation never loads it: the sample-data sandbox (and its data generator), and the
 * saved-queries file reader/writer (Import/Export). The extension's `await import('…')` of such a
 * module becomes `require("./<chunk>")`; any other import of it from the extension bundle fails
 * the build. (A chunk carries its own copy of the pure core code it uses; it shares no state.)
 */
const ON_DEMAND = [
  { entry: 'src/sandbox/server.ts', chunk: 'sandbox.js', guards: /(^|[\\/])sandbox[\\/]/, module: /[\\/]sandbox[\\/]server$/ },
  { entry: 'src/core/queryFile.ts', chunk: 'queryFile.js', guards: /(^|[\\/])queryFile$/, module: /(^|[\\/])queryFile$/ },
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

const node = { platform: 'node', format: 'cjs', target: 'node20' };

const builds = [
  {
    ...common,
    ...node,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [onDemand],
  },
  ...ON_DEMAND.map(({ entry, chunk }) => ({ ...common, ...node, entryPoints: [entry], outfile: `dist/${chunk}` })),
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
