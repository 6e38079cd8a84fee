// The build guard of the on-demand chunks (scripts/onDemand.mjs): a chunk's entry is required at
// run time when imported with await import(); any other import of a file a chunk owns fails the
// build, however its path is spelled.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { ON_DEMAND, onDemandPlugin } from '../../../scripts/onDemand.mjs';

const root = path.resolve(__dirname, '..', '..', '..');
const options = (dir: string, entry: string, chunks?: Parameters<typeof onDemandPlugin>[1]): BuildOptions => ({
  absWorkingDir: dir,
  entryPoints: [entry],
  bundle: true,
  write: false,
  metafile: true,
  platform: 'node',
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'silent',
  plugins: [onDemandPlugin(dir, chunks)],
});

async function buildErrors(opts: BuildOptions): Promise<string[]> {
  try {
    await build(opts);
    return [];
  } catch (error) {
    return ((error as { errors?: Array<{ text: string }> }).errors ?? []).map((e) => e.text);
  }
}

describe('on-demand chunks: the build guard', () => {
  it('no bundle holds code another chunk owns, and each chunk is required by extension.js or by another chunk', async function () {
    this.timeout(60_000);
    const owner = (file: string) =>
      ON_DEMAND.find(({ entry, owns = [] }) => file === entry || owns.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)))?.chunk;
    const bundles = [
      { name: 'extension.js', result: await build(options(root, 'src/extension/extension.ts')) },
      ...(await Promise.all(ON_DEMAND.map(async (c) => ({ name: c.chunk, result: await build(options(root, c.entry, ON_DEMAND.filter((other) => other !== c))) })))),
    ];
    const required = new Set<string>();
    for (const { name, result } of bundles) {
      const [output] = Object.values(result.metafile!.outputs);
      const foreign = Object.keys(output!.inputs).filter((file) => output!.inputs[file]!.bytesInOutput > 0 && owner(file) !== undefined && owner(file) !== name);
      assert.deepEqual(foreign, [], `${name} holds code of other chunks`);
      for (const match of result.outputFiles![0]!.text.matchAll(/require\("\.\/([\w.]+\.js)"\)/g)) required.add(match[1]!);
    }
    assert.deepEqual(ON_DEMAND.map(({ chunk }) => chunk).filter((chunk) => !required.has(chunk)), []);
  });

  it('the package ships every chunk (.vscodeignore lets each one in)', () => {
    const kept = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('!'));
    assert.deepEqual(ON_DEMAND.map(({ chunk }) => `!dist/${chunk}`).filter((line) => !kept.includes(line)), []);
  });

  describe('on a small project', () => {
    let dir: string;
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    const chunks = [{ entry: 'src/extension/lazy.ts', chunk: 'lazy.js', owns: ['src/core/part.ts', 'src/heavy/'] }];
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'on-demand-'));
      write('src/extension/lazy.ts', "import { part } from '../core/part';\nimport { heavy } from '../heavy/data';\nexport const lazy = () => part + heavy;\n");
      write('src/core/part.ts', "export const part = 'PART-CODE';\n");
      write('src/heavy/data.ts', "export const heavy = 'HEAVY-CODE';\n");
      write('src/core/free.ts', "export const free = 'FREE-CODE';\n");
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('turns await import() of the entry into a require of the chunk, without its code', async () => {
      write('src/extension/main.ts', "import { free } from '../core/free';\nexport async function run() { return free + (await import('./lazy')).lazy(); }\n");
      const result = await build(options(dir, 'src/extension/main.ts', chunks));
      const text = result.outputFiles![0]!.text;
      assert.match(text, /require\("\.\/lazy\.js"\)/);
      assert.ok(text.includes('FREE-CODE'));
      assert.ok(!text.includes('PART-CODE') && !text.includes('HEAVY-CODE'), text);
    });

    it('fails on a static import of the entry', async () => {
      write('src/extension/main.ts', "import { lazy } from './lazy';\nexport const run = lazy;\n");
      const errors = await buildErrors(options(dir, 'src/extension/main.ts', chunks));
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0]!, /src\/extension\/main\.ts imports \.\/lazy, which belongs to the on-demand chunk lazy\.js/);
    });

    it('fails on an import of an owned file however it is spelled, from any folder of src/', async () => {
      write('src/core/uses.ts', "export { part } from './part';\n");
      write('src/extension/main.ts', "export { part } from '../core/uses';\nexport { heavy } from '../heavy/data';\n");
      const errors = await buildErrors(options(dir, 'src/extension/main.ts', chunks));
      assert.deepEqual(errors.map((e) => e.split(',')[0]).sort(), ['src/core/uses.ts imports ./part', 'src/extension/main.ts imports ../heavy/data']);
    });

    it('fails on await import() of an owned file that is not the entry (it would be bundled, not required)', async () => {
      write('src/extension/main.ts', "export async function run() { return (await import('../core/part')).part; }\n");
      const errors = await buildErrors(options(dir, 'src/extension/main.ts', chunks));
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0]!, /load src\/extension\/lazy\.ts with await import\(\) instead/);
    });
  });
});
