/**
 * Plumbing shared by the reliability suites: a fetch that remembers every token that crossed the
 * wire (so the secrets scan knows what to look for), a logger that keeps every line, a watcher
 * for unhandled rejections, and the texts of an error worth scanning.
 */
import type { FetchLike } from '../../../src/core/http';
import type { Logger } from '../../../src/core/logger';

/** A marker app secret: must never show up in a log line or an error. */
export const MARKER_SECRET = 'RELIABILITY-SECRET-4f1c9e77aa';
export const MARKER_APP_ID = 'reliability-app-id';

export { tokenRecordingFetch } from '../client/fakes';

/** A fetch that must never be called: records what it was asked and fails the request. */
export function spyFetch(): { fetch: FetchLike; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (url) => {
      calls.push(url);
      throw new Error(`unexpected request to ${url}`);
    },
  };
}

export class LineLogger implements Logger {
  readonly lines: string[] = [];
  trace = (m: string): void => void this.lines.push(m);
  debug = (m: string): void => void this.lines.push(m);
  info = (m: string): void => void this.lines.push(m);
  warn = (m: string): void => void this.lines.push(m);
  error = (m: string): void => void this.lines.push(m);
}

/** Message, String(), JSON.stringify (own enumerable fields), the stack, and field errors. */
export function errorTexts(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  const texts = [error.message, String(error), JSON.stringify(error), error.stack ?? ''];
  const fieldErrors = (error as { fieldErrors?: unknown }).fieldErrors;
  if (fieldErrors !== undefined) texts.push(JSON.stringify(fieldErrors));
  return texts;
}

/** Counts process-level unhandled rejections between start() and stop(). */
export class UnhandledRejectionWatcher {
  readonly seen: unknown[] = [];
  private readonly listener = (reason: unknown): void => void this.seen.push(reason);
  start(): void {
    process.on('unhandledRejection', this.listener);
  }
  /** Lets pending rejections surface (they are reported after a macrotask), then detaches. */
  async stop(): Promise<unknown[]> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', this.listener);
    return this.seen;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A deep copy of a JSON value in which every `every`-th object also carries `__proto__` and
 * `constructor.prototype` payloads as own keys, exactly as JSON.parse would create them.
 */
export function poison(value: unknown, every: number): unknown {
  let n = 0;
  const define = (target: object, key: string, v: unknown) =>
    Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    if (n++ % every === 0) {
      define(out, '__proto__', { polluted: 'yes' });
      define(out, 'constructor', { prototype: { polluted: 'yes' } });
    }
    for (const [k, child] of Object.entries(v)) define(out, k, walk(child));
    return out;
  };
  return walk(value);
}
