/**
 * Profiles the client side of the per-call overhead: the sandbox runs in
 * another process, and this one makes `calls` sequential calls through
 * TaegisClient (warm token), then the same through a hand-written fetch.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/taegis-prof --import tsx bench/profileOverhead.ts 3000 [sdk|fetch|both]
 *   npx tsx bench/summarizeProfile.ts /tmp/taegis-prof/*.cpuprofile
 */
import { ensureBuild } from "./ensureBuild.js";
import { loadSdk } from "./loadSdk.js";
import { measureOverhead } from "./overhead.js";
import { startSandboxProcess } from "./sandboxProcess.js";

const calls = Number(process.argv[2] ?? "3000");
const side = (process.argv[3] ?? "both") as "sdk" | "fetch" | "both";
ensureBuild();
const sdk = await loadSdk((message) => process.stderr.write(`${message}\n`));
const sandbox = await startSandboxProcess({ regions: ["us1"] });
try {
  const result = await measureOverhead(sdk, sandbox, { warmupCalls: 100, sequentialCalls: calls, sequentialRounds: 1, concurrentCalls: 1, concurrentRounds: 1, only: side });
  process.stdout.write(
    `sequential: SDK ${(result.sequentialSdk.median * 1000).toFixed(0)} µs/call, fetch ${(result.sequentialFetch.median * 1000).toFixed(0)} µs/call, ratio ${result.sequentialRatio}; ` +
      `client CPU per call: SDK ${result.cpuPerCallUs.sdk} µs, fetch ${result.cpuPerCallUs.fetch} µs\n`,
  );
} finally {
  await sandbox.stop();
}
