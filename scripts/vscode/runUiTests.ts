// UI tests: mocha on the node side over test/ui/**/*.test.ts, driving the real workbench
// (code-server + headless Chromium) through test/ui/workbench.ts.
// Usage: tsx scripts/vscode/runUiTests.ts [--grep <regexp>]   (env: HELPSCOUT_TEST_GREP,
//        HELPSCOUT_HEADED=1 to watch, HELPSCOUT_KEEP_TEMP=1, HELPSCOUT_UI_TIMEOUT_MS overall cap)
// Last line: `ui: N passed, N failed[, N skipped]`; exit 1 on a failure, a crash, or no test run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { ensureCodeServer, repoRoot } from './codeServer';
import { buildExtension } from './extension';

const testsDir = path.join(repoRoot, 'test', 'ui');
const resultsDir = path.join(repoRoot, 'test-results', 'ui');

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index >= 0) return process.argv[index + 1];
  return process.argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(): Promise<number> {
  const started = Date.now();
  const cap = Number(process.env.HELPSCOUT_UI_TIMEOUT_MS || 20 * 60 * 1000);
  setTimeout(() => {
    console.error(`ui: overall timeout after ${Math.round(cap / 1000)} s — aborting`);
    console.log('ui: 0 passed, 1 failed');
    process.exit(1);
  }, cap).unref();

  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  await ensureCodeServer();
  buildExtension();
  // Imported after the build so a broken build fails before any browser starts.
  const { openWorkbenches } = await import('../../test/ui/workbench');

  const grep = argValue('--grep') ?? process.env.HELPSCOUT_TEST_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 120_000,
    slow: 10_000,
    ...(grep ? { grep } : {}),
    rootHooks: {
      // A failed test leaves a screenshot of every open workbench in test-results/ui/.
      async afterEach(this: Mocha.Context) {
        const test = this.currentTest;
        if (test?.state !== 'failed') return;
        let index = 0;
        for (const wb of openWorkbenches) {
          const file = path.join(resultsDir, `FAILED ${test.fullTitle()}${index++ ? ` ${index}` : ''}.png`.replace(/[^\w. -]+/g, '-'));
          await wb.page.screenshot({ path: file, timeout: 10_000 }).then(
            () => console.log(`      screenshot: ${path.relative(repoRoot, file)}`),
            () => undefined,
          );
        }
      },
    },
  });
  for (const file of fs.readdirSync(testsDir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.test.ts')) mocha.addFile(path.join(testsDir, file));
  }
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? { tests: 0, passes: 0, failures: 1, pending: 0 } as Mocha.Stats));
  });
  for (const wb of [...openWorkbenches]) await wb.close(); // a test forgot to close
  if (stats.tests === 0) console.error(`ui: ERROR no test ran${grep ? ` (grep: ${grep})` : ''}`);
  console.log(`ui: took ${((Date.now() - started) / 1000).toFixed(1)} s; artifacts in test-results/ui/ and test-results/screenshots/`);
  console.log(`ui: ${stats.passes} passed, ${stats.failures} failed${stats.pending ? `, ${stats.pending} skipped` : ''}`);
  return stats.failures === 0 && stats.tests > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('ui: 0 passed, 1 failed');
    process.exit(1);
  },
);
