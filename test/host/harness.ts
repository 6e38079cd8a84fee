// What the host-test harness (scripts/vscode/runHostTests.ts) offers tests running in the host.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A folder for files a test wants to keep (screenshots, dumps): test-results/host/ in the repo. */
export function artifactsDir(): string {
  const dir = process.env.HELPSCOUT_TEST_ARTIFACTS ?? path.join(process.cwd(), 'test-results', 'host');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Prints a line into the test report the runner shows (the host's console does not reach it). */
export function report(...args: unknown[]): void {
  const line = `${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}\n`;
  const file = process.env.HELPSCOUT_TEST_REPORT;
  if (file) fs.appendFileSync(file, `      ${line}`);
  else process.stdout.write(line);
}
