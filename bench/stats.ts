/** Summary statistics of a list of samples (milliseconds, bytes, counts). */
export interface Summary {
  /** Number of samples. */
  n: number;
  /** The middle sample (mean of the two middle ones for an even count). */
  median: number;
  /** The 99th percentile, nearest-rank (the largest sample when there are fewer than 100). */
  p99: number;
  /** Arithmetic mean. */
  mean: number;
  /** Smallest sample. */
  min: number;
  /** Largest sample. */
  max: number;
}

/**
 * The nearest-rank percentile `p` (0 < p <= 100) of sorted samples: the
 * smallest sample such that at least p % of the samples are at or below it.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Median, p99, mean, min and max of `samples` (NaN everywhere when there are none). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { n, median: Number.NaN, p99: Number.NaN, mean: Number.NaN, min: Number.NaN, max: Number.NaN };
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / n;
  return { n, median, p99: percentile(sorted, 99), mean, min: sorted[0] as number, max: sorted[n - 1] as number };
}

/** `a / b`, rounded to three decimals (NaN when `b` is 0 or either is not a number). */
export function ratio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return Number.NaN;
  return Math.round((a / b) * 1000) / 1000;
}
