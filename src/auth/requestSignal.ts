import { whenAborted } from "./whenAborted.js";

/** The signal of one HTTP request: its own timeout combined with the caller's signal. */
export interface RequestSignal {
  /** Pass this to fetch. */
  readonly signal: AbortSignal;
  /** Whether the request's own timeout fired. */
  timedOut(): boolean;
  /** Whether the caller's signal fired. */
  aborted(): boolean;
  /**
   * Ends the request's watch: clears its timer and stops listening to the
   * other signals. Call it once the answer (body included) has been read;
   * a signal never disposed ends its watch when the timeout fires.
   */
  dispose(): void;
  /** Aborts the request now (with an `AbortError`), for a caller that no longer wants its answer; then disposes. */
  cancel(): void;
}

/** The longest delay a timer can hold (2^31 - 1 ms, about 24.8 days); longer limits wait that long. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Combines a per-request timeout with the caller's AbortSignal (and any other
 * signal, such as one a library already set), so that a request stops at the
 * first of them and the cause can be told apart afterwards.
 *
 * One AbortController and one unreferenced timer per request (no
 * `AbortSignal.timeout` / `AbortSignal.any`, whose bookkeeping is costly on
 * a hot path); the waits on the other signals (see {@link whenAborted}) end
 * with {@link RequestSignal.dispose}, or when the request is aborted.
 */
export function requestSignal(timeoutMs: number, callerSignal?: AbortSignal, ...others: (AbortSignal | undefined)[]): RequestSignal {
  const controller = new AbortController();
  let timedOut = false;
  let watching = true;
  const stopWatching: (() => void)[] = [];

  const dispose = (): void => {
    if (!watching) return;
    watching = false;
    clearTimeout(timer);
    for (const stop of stopWatching) stop();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    dispose();
    controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
  }, Math.min(timeoutMs, MAX_TIMER_MS));
  timer.unref?.();

  for (const signal of [callerSignal, ...others]) {
    if (signal === undefined) continue;
    if (signal.aborted) {
      dispose();
      controller.abort(signal.reason);
      break;
    }
    stopWatching.push(
      whenAborted(signal, () => {
        dispose();
        controller.abort(signal.reason);
      }),
    );
  }

  return {
    signal: controller.signal,
    timedOut: () => timedOut && callerSignal?.aborted !== true,
    aborted: () => callerSignal?.aborted === true,
    dispose,
    cancel: () => {
      dispose();
      controller.abort();
    },
  };
}
