// The on-demand chunks of dist/extension.js, and the esbuild plugin that keeps them on demand.
//
// Code the extension needs only on some paths is a chunk of its own next to extension.js, so an
// activation (or opening one report) never loads it. The extension's `await import('…')` of a
// chunk's entry becomes `require("./<chunk>")`; any other import, from src/, of a file the chunk
// owns fails the build. Files are compared once resolved, so no relative spelling of a path
// (`./export` from src/core, `../core/export` from src/extension) slips a chunk's code into
// extension.js.
//
// A chunk carries its own copy of the core code it uses, so nothing that crosses between a chunk
// and extension.js may rely on identity: plain data, strings, `Symbol.for` values (the flow's
// BACK), and errors recognised by name (isHelpScoutError). `vscode` stays external to every chunk.
import path from 'node:path';

/**
 * `owns`: files (or folders, ending in `/`) that belong to the chunk besides its entry: the
 * extension bundle may not import them at all.
 * @type {ReadonlyArray<{ entry: string; chunk: string; owns?: readonly string[] }>}
 */
export const ON_DEMAND = [
  // The sample-data sandbox and its data generator.
  { entry: 'src/sandbox/server.ts', chunk: 'sandbox.js', owns: ['src/sandbox/'] },
  { entry: 'src/core/queryFile.ts', chunk: 'queryFile.js' },
  { entry: 'src/core/export.ts', chunk: 'export.js' },
  { entry: 'src/extension/sampleQueries.ts', chunk: 'sampleQueries.js' },
  { entry: 'src/extension/queryFlow.ts', chunk: 'queryFlow.js' },
  // QuickPick/InputBox, for the first question asked (src/extension/flow.ts has what others share).
  { entry: 'src/extension/flowUi.ts', chunk: 'flowUi.js' },
  // A report's photo, fetched after the panel shows (with the check that its host is public).
  { entry: 'src/extension/avatars.ts', chunk: 'avatars.js', owns: ['src/core/publicUrl.ts'] },
  // Shown the first time something fails.
  { entry: 'src/extension/failureNotice.ts', chunk: 'failureNotice.js' },
  // Commands that neither an activation nor opening a report runs.
  { entry: 'src/extension/signInPrompts.ts', chunk: 'signInPrompts.js' },
  { entry: 'src/extension/savedReportCommands.ts', chunk: 'savedReportCommands.js' },
  // A team report's loading: one request per person, the team total and the ranking.
  { entry: 'src/extension/panel/team.ts', chunk: 'team.js', owns: ['src/core/teamReport.ts', 'src/core/teamRanking.ts'] },
  // A report panel's exports to files and the clipboard (the formats are export.js).
  { entry: 'src/extension/panel/exports.ts', chunk: 'panelExports.js' },
  // Loaded by a report panel on its first drill-down message.
  { entry: 'src/extension/panel/drilldown.ts', chunk: 'drilldown.js', owns: ['src/core/drilldown.ts'] },
];

const RESOLVING = Symbol('on-demand: resolving');

/**
 * @param {string} root the project root
 * @param {ReadonlyArray<{ entry: string; chunk: string; owns?: readonly string[] }>} [chunks]
 * @returns {import('esbuild').Plugin}
 */
export function onDemandPlugin(root, chunks = ON_DEMAND) {
  const source = path.join(root, 'src') + path.sep;
  const owners = chunks.map(({ entry, chunk, owns = [] }) => ({
    chunk,
    entry,
    entryPath: path.resolve(root, entry),
    files: [entry, ...owns].filter((p) => !p.endsWith('/')).map((p) => path.resolve(root, p)),
    folders: owns.filter((p) => p.endsWith('/')).map((p) => path.resolve(root, p) + path.sep),
  }));
  const ownerOf = (file) => owners.find((o) => o.files.includes(file) || o.folders.some((folder) => file.startsWith(folder)));
  return {
    name: 'on-demand-chunks',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === RESOLVING || args.namespace !== 'file' || !args.importer.startsWith(source)) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: RESOLVING });
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        const owner = ownerOf(resolved.path);
        if (!owner) return undefined;
        if (args.kind === 'dynamic-import' && resolved.path === owner.entryPath) return { path: owner.chunk, namespace: 'on-demand' };
        const from = path.relative(root, args.importer);
        return { errors: [{ text: `${from} imports ${args.path}, which belongs to the on-demand chunk ${owner.chunk}: load ${owner.entry} with await import() instead` }] };
      });
      // A plain require at run time (not a native import(), which not every extension host allows).
      build.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => ({ contents: `module.exports = require("./${args.path}");`, loader: 'js' }));
      build.onResolve({ filter: /^\.\/[\w.]+\.js$/, namespace: 'on-demand' }, (args) => ({ path: args.path, external: true }));
    },
  };
}
