/**
 * One in-flight task per key, shared by every caller that asks for the same key while it runs.
 * Each caller brings its own AbortSignal: a caller that cancels stops waiting at once (its
 * promise rejects with 'cancelled'), and the shared task's own signal aborts only when every
 * caller waiting on it has cancelled. A caller without a signal never cancels. A task whose
 * callers have all left is not joined again: the next caller starts a new one.
 */
import { cancelledError } from './cancellation';

interface Flight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  /** Callers still waiting that could cancel; a caller without a signal pins the flight. */
  waiting: number;
  pinned: boolean;
}

export class SharedFlights<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /** Joins the task running for `key`, or starts one with `start` (handed the shared signal). */
  run(key: string, signal: AbortSignal | undefined, start: (shared: AbortSignal) => Promise<T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    const flight = this.flights.get(key) ?? this.begin(key, start);
    if (!signal) {
      flight.pinned = true;
      return flight.promise;
    }
    flight.waiting++;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => {
        if (settled) return;
        settled = true;
        flight.waiting--;
        if (flight.waiting === 0 && !flight.pinned) this.abandon(key, flight);
        reject(cancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        flight.waiting--;
        signal.removeEventListener('abort', onAbort);
        return true;
      };
      flight.promise.then(
        (value) => finish() && resolve(value),
        (error: unknown) => finish() && reject(error),
      );
    });
  }

  /** Keys with a task running. */
  get size(): number {
    return this.flights.size;
  }

  private begin(key: string, start: (shared: AbortSignal) => Promise<T>): Flight<T> {
    const controller = new AbortController();
    const promise = new Promise<T>((resolve) => resolve(start(controller.signal)));
    const flight: Flight<T> = { promise, controller, waiting: 0, pinned: false };
    this.flights.set(key, flight);
    const forget = (): void => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    // Every caller may have left already: the outcome must not become an unhandled rejection.
    promise.then(forget, forget);
    return flight;
  }

  private abandon(key: string, flight: Flight<T>): void {
    if (this.flights.get(key) === flight) this.flights.delete(key);
    flight.controller.abort();
  }
}
