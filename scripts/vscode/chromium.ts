// Debian's Chromium driven by playwright-core (no browser download: `npx playwright install` cannot
// work offline). Flags measured to work headless as root on these machines.
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { findChromium } from './browserPath';

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

/** The browser to drive: see findChromium(). */
export function chromiumExecutable(): string {
  const found = findChromium();
  if (!found) throw new Error('No Chromium found: apt-get install chromium, or set CHROMIUM_PATH');
  return found;
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
