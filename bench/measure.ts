import { summarize, type Summary } from "./stats.js";

/** How often a benchmark body runs. */
export interface RoundPlan {
  /** Runs whose samples are thrown away (JIT, connection pools, disk caches). */
  warmup: number;
  /** Runs whose samples count. */
  rounds: number;
}

/** What {@link timeRounds} measured: every counted round's duration, and their summary. */
export interface TimedRounds {
  /** Duration of each counted round, in milliseconds. */
  samples: number[];
  /** Median, p99, ... of `samples`. */
  summary: Summary;
}

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export const now = (): number => performance.now();

/** Runs `body` `warmup + rounds` times, one after another, and times the counted rounds. */
export async function timeRounds(plan: RoundPlan, body: () => Promise<void>): Promise<TimedRounds> {
  for (let i = 0; i < plan.warmup; i += 1) await body();
  const samples: number[] = [];
  for (let i = 0; i < plan.rounds; i += 1) {
    const start = now();
    await body();
    samples.push(now() - start);
  }
  return { samples, summary: summarize(samples) };
}

/**
 * Runs two bodies in alternation (A, B, A, B, ...) so that drift of the
 * machine (frequency scaling, other load) hits both alike, and times each.
 */
export async function timeAlternating(
  plan: RoundPlan,
  a: () => Promise<void>,
  b: () => Promise<void>,
): Promise<{ a: TimedRounds; b: TimedRounds }> {
  for (let i = 0; i < plan.warmup; i += 1) {
    await a();
    await b();
  }
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  for (let i = 0; i < plan.rounds; i += 1) {
    let start = now();
    await a();
    samplesA.push(now() - start);
    start = now();
    await b();
    samplesB.push(now() - start);
  }
  return { a: { samples: samplesA, summary: summarize(samplesA) }, b: { samples: samplesB, summary: summarize(samplesB) } };
}
