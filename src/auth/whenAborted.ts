/** The SDK's one listener on a signal, and what it calls when the signal aborts. */
interface SharedListener {
  readonly handler: () => void;
  readonly callbacks: Set<() => void>;
}

const shared = new WeakMap<AbortSignal, SharedListener>();

/**
 * Calls `callback` once when `signal` aborts, and returns the function that
 * stops waiting for it (safe to call more than once, and after the abort).
 *
 * Every wait on one signal goes through a single `abort` listener of the
 * SDK's, removed when the last wait ends: a program may pass one AbortSignal
 * to any number of concurrent calls without Node's
 * `MaxListenersExceededWarning` ("Possible EventTarget memory leak"), and
 * without one listener per call and per attempt on the signal. The callback
 * reads `signal.reason` for the cause. As with `addEventListener`, a signal
 * that has already aborted never calls back: check `signal.aborted` first.
 */
export function whenAborted(signal: AbortSignal, callback: () => void): () => void {
  let listener = shared.get(signal);
  if (listener === undefined) {
    const callbacks = new Set<() => void>();
    const handler = (): void => {
      shared.delete(signal);
      for (const waiting of callbacks) waiting();
      callbacks.clear();
    };
    listener = { handler, callbacks };
    shared.set(signal, listener);
    signal.addEventListener("abort", handler, { once: true });
  }
  // A wrapper of its own, so that one function registered twice is two waits.
  const wait = (): void => callback();
  const { callbacks, handler } = listener;
  callbacks.add(wait);
  return () => {
    if (!callbacks.delete(wait) || callbacks.size > 0) return;
    if (shared.get(signal)?.callbacks === callbacks) shared.delete(signal);
    signal.removeEventListener("abort", handler);
  };
}
