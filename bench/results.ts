import { writeFile } from "node:fs/promises";
import type { CodegenTimings } from "./codegenTiming.js";
import type { FirstCallTimes } from "./firstCall.js";
import type { HotPathIo } from "./hotPathIo.js";
import type { MachineInfo } from "./machine.js";
import type { OverheadResult } from "./overhead.js";
import { RESULTS_FILE } from "./paths.js";
import type { ImportTimes, LoadedSize } from "./startup.js";
import type { Summary } from "./stats.js";
import type { TokenEconomy } from "./tokens.js";

/** What `npm run bench` writes to bench/results.json. Every figure of the table, plus detail. */
export interface BenchResults {
  /** When the run finished (ISO 8601). */
  timestamp: string;
  /** The machine it ran on. */
  machine: MachineInfo;
  /** `quick` (fewer rounds) or `full`. */
  mode: "quick" | "full";
  /** Wall time of the whole run, ms. */
  durationMs: number;
  /** 1. Per-call overhead against a hand-written fetch. */
  overhead: { sequentialRatio: number; concurrentRatio: number } & Partial<OverheadResult>;
  /** 2. Token requests counted on the sandbox. */
  tokens: { coldBurst: number; processes: number; warm: number } & Partial<TokenEconomy>;
  /** 3. fs calls on the config file during warm calls. */
  hotPathConfigReads: number;
  /** Detail of 3. */
  hotPathIo?: HotPathIo;
  /** 4. median import('taegis-sdk') / median import('@urql/core'), fresh processes. */
  importRatio: number;
  /** Detail of 4. */
  startup?: ImportTimes & { firstCall?: FirstCallTimes; loaded?: { urql: LoadedSize; sdkImport: LoadedSize; facadeCall: LoadedSize } };
  /** 5. Codegen and type-check timings. */
  codegen?: CodegenTimings;
  /** Benchmarks that could not run, with the reason. */
  failures: Record<string, string>;
}

/** Writes bench/results.json. */
export async function writeResults(results: BenchResults): Promise<void> {
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
}

/** Rounds a summary's figures to microseconds, for a readable results.json. */
export function rounded(summary: Summary): Summary {
  const r = (value: number): number => Math.round(value * 1000) / 1000;
  return { n: summary.n, median: r(summary.median), p99: r(summary.p99), mean: r(summary.mean), min: r(summary.min), max: r(summary.max) };
}
