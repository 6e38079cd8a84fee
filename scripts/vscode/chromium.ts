// Debian's Chromium driven by playwright-core (no browser download: `npx playwright install` cannot
// work offline). Flags measured to work headless as root on these machines.
import * as fs from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** `CHROMIUM_PATH`, then the usual places of Chromium/Chrome, in the order they are tried. */
export function chromiumCandidates(): string[] {
  return [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ].filter((candidate): candidate is string => Boolean(candidate));
}

/** The first Chromium/Chrome of `chromiumCandidates()` that exists. */
export function chromiumExecutable(): string {
  for (const candidate of chromiumCandidates()) if (fs.existsSync(candidate)) return candidate;
  throw new Error('No Chromium found: apt-get install chromium, or set CHROMIUM_PATH');
}

/** Headless unless HELPSCOUT_HEADED=1 (handy on a desktop to watch a UI test). */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    headless: process.env.HELPSCOUT_HEADED !== '1',
    args: CHROMIUM_ARGS,
    ...options,
  });
}
