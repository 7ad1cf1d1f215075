/** Milliseconds since an arbitrary origin, with sub-millisecond resolution: the clock of every timed sample. */
export const now = (): number => performance.now();
