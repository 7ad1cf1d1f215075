/**
 * A first-come first-served lock inside one process, with a deadline. The
 * config store queues its own callers here before taking the inter-process
 * lock, so that they do not poll the lock file against each other.
 */
export class AsyncMutex {
  #held = false;
  readonly #waiters: Array<() => void> = [];

  /**
   * Resolves to a release function once the mutex is ours, or rejects with
   * `onTimeout()` if that has not happened within `timeoutMs`.
   */
  acquire(timeoutMs: number, onTimeout: () => Error): Promise<() => void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = (): void => {
        clearTimeout(timer);
        resolve(this.#releaser());
      };
      const timer = setTimeout(() => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(onTimeout());
      }, Math.max(0, timeoutMs));
      this.#waiters.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next();
      else this.#held = false;
    };
  }
}
