/**
 * Cancellation helpers: turning an AbortSignal into a typed 'cancelled' failure, racing any
 * promise against a signal (so a sleep or a fetch that ignores its signal still stops at once),
 * and the default abortable sleep. Plain globals only: runs in node and browsers.
 */
import { HelpScoutError } from './errors';

/** Waits `ms` milliseconds. Implementations may honour `signal`; callers race it anyway. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Epoch milliseconds. */
export type Clock = () => number;

export function cancelledError(request?: string): HelpScoutError {
  return new HelpScoutError({ kind: 'cancelled', message: 'The request was cancelled.', request });
}

export function throwIfCancelled(signal: AbortSignal | undefined, request?: string): void {
  if (signal?.aborted) throw cancelledError(request);
}

/**
 * Settles with `promise`, or rejects with `onAbort()` as soon as `signal` aborts, whichever is
 * first. The listener is removed afterwards so long-lived signals do not collect listeners.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined); // the loser must not become an unhandled rejection
    return Promise.reject(onAbort());
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/** The longest delay setTimeout takes as given; a longer one fires after 1 ms instead. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * The default Sleep: a timer that is cleared when the signal aborts. A wait longer than
 * setTimeout allows is slept in steps of MAX_TIMER_MS.
 */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    let left = Math.max(0, ms);
    let timer: ReturnType<typeof setTimeout>;
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const step = (): void => {
      const chunk = Math.min(left, MAX_TIMER_MS);
      left -= chunk;
      timer = setTimeout(() => {
        if (left > 0) return step();
        signal?.removeEventListener('abort', done);
        resolve();
      }, chunk);
    };
    step();
    signal?.addEventListener('abort', done, { once: true });
  });

/** Sleep that rejects with 'cancelled' the moment `signal` aborts, whatever the Sleep does. */
export function sleepOrCancel(sleep: Sleep, ms: number, signal: AbortSignal | undefined, request?: string): Promise<void> {
  throwIfCancelled(signal, request);
  return raceAbort(sleep(ms, signal), signal, () => cancelledError(request));
}
