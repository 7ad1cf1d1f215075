/**
 * A profiling aid for the per-call overhead: the same measurement as
 * `npm run bench -- --only=overhead` (bench/overhead.ts, unchanged), with a
 * longer warm-up and more rounds, to see the steady state once V8 has
 * compiled the hot code of both sides. (The background compiler threads count
 * in the process's CPU time, and the side timed first pays for most of it.)
 *
 *   npx tsx bench/overheadSteady.ts [warmupCalls=2000] [sequentialRounds=3] [concurrentRounds=10]
 */
import { ensureBuild } from "./ensureBuild.js";
import { loadSdk } from "./loadSdk.js";
import { measureOverhead } from "./overhead.js";
import { startSandboxProcess } from "./sandboxProcess.js";

const warmupCalls = Number(process.argv[2] ?? "2000");
const sequentialRounds = Number(process.argv[3] ?? "3");
const concurrentRounds = Number(process.argv[4] ?? "10");
ensureBuild();
const sdk = await loadSdk((message) => process.stderr.write(`${message}\n`));
const sandbox = await startSandboxProcess({ regions: ["us1"] });
try {
  const r = await measureOverhead(sdk, sandbox, { warmupCalls, sequentialCalls: 2000, sequentialRounds, concurrentCalls: 200, concurrentRounds });
  const us = (ms: number): string => (ms * 1000).toFixed(0);
  process.stdout.write(
    `warm-up ${warmupCalls} calls per side, ${sequentialRounds} x 2000 sequential, ${concurrentRounds} x 200 concurrent\n` +
      `sequential median: SDK ${us(r.sequentialSdk.median)} µs, fetch ${us(r.sequentialFetch.median)} µs, ratio ${r.sequentialRatio.toFixed(3)}\n` +
      `concurrent median: SDK ${r.concurrentSdk.median.toFixed(1)} ms, fetch ${r.concurrentFetch.median.toFixed(1)} ms, ratio ${r.concurrentRatio.toFixed(3)}\n` +
      `client CPU per sequential call: SDK ${r.cpuPerCallUs.sdk} µs, fetch ${r.cpuPerCallUs.fetch} µs\n` +
      `requests counted ${r.requestsSeen.counted} of ${r.requestsSeen.expected}\n`,
  );
} finally {
  await sandbox.stop();
}
