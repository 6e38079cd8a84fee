// Running a set-up command with its output in a log file rather than on the console, and the end of
// that log for an error message.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

/** Runs `command` with stdout+stderr appended to `logFile`; resolves to its exit code (127 if it cannot start). */
export function runLogged(command: string[], options: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<number> {
  return new Promise((resolve) => {
    const out = fs.openSync(options.logFile, 'a');
    fs.writeSync(out, `\n$ ${command.join(' ')}\n`);
    let settled = false;
    // 'error' (e.g. ENOENT) may be followed by 'close': close the descriptor and resolve once.
    const finish = (code: number, note?: string) => {
      if (settled) return;
      settled = true;
      if (note) fs.writeSync(out, `${note}\n`);
      fs.closeSync(out);
      resolve(code);
    };
    const child = spawn(command[0]!, command.slice(1), { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', out, out] });
    child.on('error', (error) => finish(127, String(error)));
    child.on('close', (code) => finish(code ?? 1));
  });
}

/** The last `lines` lines of a text file, or '' when it cannot be read. */
export function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
