import { whenAborted } from "./whenAborted.js";

/**
 * Shares one in-flight piece of work per key among concurrent callers: the
 * first caller starts it, later callers with the same key join it, and all get
 * its result. Each caller may leave early with its own AbortSignal (its
 * promise rejects with `onAbort()` at once); the shared work's own signal
 * aborts only when every caller has left, so one impatient caller never
 * cancels a login that others still wait for.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /**
   * Runs `work` for `key`, or joins the run in flight.
   * @param work gets the shared signal (aborted once all callers left).
   * @param onAbort the error a caller gets when its own signal aborts.
   */
  run(key: string, signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>, onAbort: () => Error): Promise<T> {
    if (signal?.aborted) return Promise.reject(onAbort());
    let flight = this.flights.get(key);
    if (flight === undefined) {
      const controller = new AbortController();
      const created: Flight<T> = { controller, waiters: 0, promise: Promise.resolve(undefined as T) };
      created.promise = (async () => {
        try {
          return await work(controller.signal);
        } finally {
          if (this.flights.get(key) === created) this.flights.delete(key);
        }
      })();
      // Callers that left early must not turn a later rejection into an unhandled one.
      created.promise.catch(() => {});
      this.flights.set(key, created);
      flight = created;
    }
    return this.join(key, flight, signal, onAbort);
  }

  /** Whether work for `key` is in flight. */
  has(key: string): boolean {
    return this.flights.has(key);
  }

  private join(key: string, flight: Flight<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
    flight.waiters += 1;
    if (signal === undefined) return flight.promise;
    return new Promise<T>((resolve, reject) => {
      const stopWaiting = whenAborted(signal, () => {
        flight.waiters -= 1;
        if (flight.waiters === 0) {
          if (this.flights.get(key) === flight) this.flights.delete(key);
          flight.controller.abort(signal.reason);
        }
        reject(onAbort());
      });
      flight.promise.then(
        (value) => {
          stopWaiting();
          resolve(value);
        },
        (error: unknown) => {
          stopWaiting();
          reject(error);
        },
      );
    });
  }
}

interface Flight<T> {
  controller: AbortController;
  waiters: number;
  promise: Promise<T>;
}
