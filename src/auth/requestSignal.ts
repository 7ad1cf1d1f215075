/** The signal of one HTTP request: its own timeout combined with the caller's signal. */
export interface RequestSignal {
  /** Pass this to fetch. */
  readonly signal: AbortSignal;
  /** Whether the request's own timeout fired. */
  timedOut(): boolean;
  /** Whether the caller's signal fired. */
  aborted(): boolean;
}

/**
 * Combines a per-request timeout with the caller's AbortSignal (and any other
 * signal, such as one a library already set), so that a request stops at the
 * first of them and the cause can be told apart afterwards.
 */
export function requestSignal(timeoutMs: number, callerSignal?: AbortSignal, ...others: (AbortSignal | undefined)[]): RequestSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signals = [timeout, callerSignal, ...others].filter((s): s is AbortSignal => s !== undefined);
  return {
    signal: AbortSignal.any(signals),
    timedOut: () => timeout.aborted && callerSignal?.aborted !== true,
    aborted: () => callerSignal?.aborted === true,
  };
}
