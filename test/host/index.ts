// The extension-host side of the host integration tests: VS Code (desktop via @vscode/test-electron,
// or code-server) loads this bundle as `extensionTestsPath` and awaits `run()`.
// Built by scripts/vscode/runHostTests.ts into out/test/host/ next to every *.test.ts bundle.
import * as fs from 'node:fs';
import { findSourceMap } from 'node:module';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Where the summary goes, next to the report: `{ tests, passes, failures, pending }`. */
export interface HostTestSummary { tests: number; passes: number; failures: number; pending: number }

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => path.join(dir, file));
}

/**
 * Maps bundle positions in a stack back to the .ts sources. VS Code's extension host installs its
 * own Error.prepareStackTrace, which turns off node's built-in source-map support for stacks.
 */
function mapStack(stack: string): string {
  return stack.replace(/([^\s(]+\.js):(\d+):(\d+)/g, (whole, file: string, line: string, column: string) => {
    try {
      const entry = findSourceMap(file)?.findEntry(Number(line) - 1, Number(column) - 1);
      if (!entry || !('originalSource' in entry)) return whole;
      const source = entry.originalSource.replace(/^file:\/\//, '');
      return `${path.relative(process.cwd(), decodeURIComponent(source)) || source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    } catch {
      return whole;
    }
  });
}

export function run(): Promise<void> {
  process.setSourceMapsEnabled(true);
  // The host's console does not reach the runner: write mocha's output to the file it names.
  const reportFile = process.env.HELPSCOUT_TEST_REPORT;
  const write = (text: string) => {
    if (reportFile) fs.appendFileSync(reportFile, text);
    else process.stdout.write(text);
  };
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void; useColors: boolean };
  base.consoleLog = (...args: unknown[]) => write(`${format(...args)}\n`);
  base.useColors = false;

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.HELPSCOUT_TEST_TIMEOUT_MS || 30000),
  });
  const grep = process.env.HELPSCOUT_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of findTests(__dirname)) mocha.addFile(file);

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { tests: 0, passes: 0, failures, pending: 0 };
        const summary: HostTestSummary = {
          tests: stats.tests, passes: stats.passes, failures: stats.failures, pending: stats.pending,
        };
        if (reportFile) fs.writeFileSync(`${reportFile}.json`, JSON.stringify(summary));
        if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
        else resolve();
      });
      runner.on('fail', (_test, error: Error) => {
        if (error?.stack) error.stack = mapStack(error.stack);
      });
    } catch (error) {
      write(`error loading the host tests: ${(error as Error).stack ?? String(error)}\n`);
      reject(error);
    }
  });
}
