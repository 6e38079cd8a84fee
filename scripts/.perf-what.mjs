import * as esbuild from 'esbuild';
import path from 'node:path';
import { onDemandPlugin } from './onDemand.mjs';
const ext = process.argv.slice(2);
const r = await esbuild.build({ absWorkingDir: process.cwd(), entryPoints:['src/extension/extension.ts'], bundle:true, minify:true, platform:'node', format:'cjs', target:'node20', external:['vscode'], metafile:true, write:false, legalComments:'none', plugins:[{name:'ext', setup(b){ b.onResolve({filter:/.*/}, a => ext.some(e => a.path.endsWith(e)) ? {path:a.path, external:true} : undefined); }}, onDemandPlugin(process.cwd())]});
console.log((Object.values(r.metafile.outputs)[0].bytes/1024).toFixed(1));
