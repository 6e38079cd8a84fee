// Where a Chromium/Chrome binary is, without loading Playwright (the system-package check and the
// icon script only need the path).
import * as fs from 'node:fs';

/** Whether a file is a shell-script stand-in (Ubuntu's chromium-browser wrapper that runs the snap). */
function isScriptStub(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(2);
    fs.readSync(fd, head, 0, 2, 0);
    fs.closeSync(fd);
    return head.toString('latin1') === '#!' && !fs.existsSync('/snap/bin/chromium');
  } catch {
    return true;
  }
}

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

/** The first candidate that exists and is a real browser (not a snap wrapper without its snap), or undefined. */
export function findChromium(): string | undefined {
  return chromiumCandidates().find((file) => fs.existsSync(file) && !(file.endsWith('chromium-browser') && isScriptStub(file)));
}
