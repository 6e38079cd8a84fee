import * as esbuild from 'esbuild';
import { onDemandPlugin } from './onDemand.mjs';
const r = await esbuild.build({ absWorkingDir: process.cwd(), entryPoints:['src/extension/extension.ts'], bundle:true, minify:true, platform:'node', format:'cjs', target:'node20', external:['vscode'], metafile:true, write:false, legalComments:'none', plugins:[onDemandPlugin(process.cwd())]});
const out = Object.values(r.metafile.outputs)[0];
console.log('total', (out.bytes/1024).toFixed(1));
const rows = Object.entries(out.inputs).map(([f,{bytesInOutput}])=>[f,bytesInOutput]).sort((a,b)=>b[1]-a[1]);
for (const [f,b] of rows.slice(0, +process.argv[2] || 40)) console.log((b/1024).toFixed(1).padStart(6), f);
