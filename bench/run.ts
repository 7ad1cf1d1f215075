/**
 * `npm run bench`: runs every benchmark against the sandbox on loopback, with
 * warm-up and several rounds, prints a table (median, p99, the baseline
 * measured in the same run, the ratio and the target), and writes
 * bench/results.json. `--quick` runs fewer rounds; `--only=overhead,tokens,io,startup,codegen`
 * runs some of them (and keeps the other figures of the previous results.json).
 */
import { readFile } from "node:fs/promises";
import { measureCodegen } from "./codegenTiming.js";
import { ensureBuild } from "./ensureBuild.js";
import { measureHotPathIo } from "./hotPathIo.js";
import { loadSdk, type Sdk } from "./loadSdk.js";
import { machineInfo } from "./machine.js";
import { measureFirstCall } from "./firstCall.js";
import { measureOverhead } from "./overhead.js";
import { RESULTS_FILE } from "./paths.js";
import { rounded, writeResults, type BenchResults } from "./results.js";
import { startSandboxProcess, type SandboxProcess } from "./sandboxProcess.js";
import { measureImportTimes, measureLoadedSizes } from "./startup.js";
import { ratio } from "./stats.js";
import { comparisonRow, formatMarkdownTable, formatTable, type TableRow } from "./table.js";
import { measureTokenEconomy, sandboxEnv } from "./tokens.js";

const BENCHMARKS = ["overhead", "tokens", "io", "startup", "codegen"] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const markdown = args.includes("--markdown");
const onlyArg = args.find((arg) => arg.startsWith("--only="));
const selected = new Set<BenchmarkName>(
  onlyArg === undefined ? BENCHMARKS : (onlyArg.slice("--only=".length).split(",").filter((name): name is BenchmarkName => (BENCHMARKS as readonly string[]).includes(name))),
);

const PLAN = quick
  ? {
      overhead: { warmupCalls: 1_000, sequentialCalls: 2_000, sequentialRounds: 2, concurrentCalls: 200, concurrentRounds: 6 },
      tokens: { coldBurstCalls: 1_000, processCount: 8, warmCalls: 10_000, warmConcurrency: 100 },
      ioCalls: 1_000,
      startup: { warmup: 1, rounds: 4 },
      codegen: { warmup: 0, rounds: 1, tscWarmup: 0, tscRounds: 1 },
    }
  : {
      overhead: { warmupCalls: 2_000, sequentialCalls: 2_000, sequentialRounds: 4, concurrentCalls: 200, concurrentRounds: 10 },
      tokens: { coldBurstCalls: 1_000, processCount: 8, warmCalls: 10_000, warmConcurrency: 100 },
      ioCalls: 1_000,
      startup: { warmup: 2, rounds: 10 },
      codegen: { warmup: 1, rounds: 2, tscWarmup: 0, tscRounds: 2 },
    };

const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);

/** The results.json fields of each benchmark. */
const FIELDS: Record<BenchmarkName, (keyof BenchResults)[]> = {
  overhead: ["overhead"],
  tokens: ["tokens"],
  io: ["hotPathConfigReads", "hotPathIo"],
  startup: ["importRatio", "startup"],
  codegen: ["codegen"],
};

/** A partial run (`--only`) keeps the figures of the benchmarks it did not run from the previous results.json. */
async function keepUnselected(results: BenchResults): Promise<void> {
  let previous: Partial<BenchResults>;
  try {
    previous = JSON.parse(await readFile(RESULTS_FILE, "utf8")) as Partial<BenchResults>;
  } catch {
    return;
  }
  const target = results as unknown as Record<string, unknown>;
  for (const name of BENCHMARKS) {
    if (selected.has(name)) continue;
    for (const field of FIELDS[name]) if (previous[field] !== undefined) target[field] = previous[field];
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const rows: TableRow[] = [];
  const failures: Record<string, string> = {};
  const results: BenchResults = {
    timestamp: "",
    machine: machineInfo(),
    mode: quick ? "quick" : "full",
    durationMs: 0,
    overhead: { sequentialRatio: Number.NaN, concurrentRatio: Number.NaN },
    tokens: { coldBurst: Number.NaN, processes: Number.NaN, warm: Number.NaN },
    hotPathConfigReads: Number.NaN,
    importRatio: Number.NaN,
    failures,
  };

  const build = ensureBuild();
  if (build.built) log(`built dist/ in ${Math.round(build.buildMs ?? 0)} ms`);
  if (build.warning !== undefined) log(build.warning);

  const attempt = async (name: BenchmarkName, body: () => Promise<void>): Promise<void> => {
    if (!selected.has(name)) return;
    const t0 = performance.now();
    log(`${name}...`);
    try {
      await body();
    } catch (error) {
      failures[name] = error instanceof Error ? error.message : String(error);
      log(`${name} failed: ${failures[name]}`);
    }
    log(`${name} took ${Math.round(performance.now() - t0)} ms`);
  };

  let sdk: Sdk | undefined;
  let sandbox: SandboxProcess | undefined;
  const needsSandbox = ["overhead", "tokens", "io", "startup"].some((name) => selected.has(name as BenchmarkName));
  try {
    if (needsSandbox) {
      sandbox = await startSandboxProcess({ regions: ["us1", "us2"] });
      sdk = await loadSdk(log).catch((error: unknown) => {
        failures["sdk"] = error instanceof Error ? error.message : String(error);
        return undefined;
      });
    }

    await attempt("overhead", async () => {
      if (sdk === undefined || sandbox === undefined) throw new Error(failures["sdk"] ?? "no SDK");
      const o = await measureOverhead(sdk, sandbox, PLAN.overhead);
      results.overhead = {
        sequentialRatio: o.sequentialRatio,
        concurrentRatio: o.concurrentRatio,
        sequentialSdk: rounded(o.sequentialSdk),
        sequentialFetch: rounded(o.sequentialFetch),
        concurrentSdk: rounded(o.concurrentSdk),
        concurrentFetch: rounded(o.concurrentFetch),
        overGlobalFetch: {
          sequential: rounded(o.overGlobalFetch.sequential),
          concurrent: rounded(o.overGlobalFetch.concurrent),
          sequentialRatio: o.overGlobalFetch.sequentialRatio,
          concurrentRatio: o.overGlobalFetch.concurrentRatio,
        },
        cpuPerCallUs: o.cpuPerCallUs,
        requestsSeen: o.requestsSeen,
      };
      const { sequentialCalls: s, sequentialRounds: sr, concurrentCalls: c, concurrentRounds: cr } = PLAN.overhead;
      const sameTransport = o.overGlobalFetch;
      rows.push(
        comparisonRow(o.sequentialSdk, o.sequentialFetch, { name: `per call, ${s} sequential x ${sr}`, unit: "µs/call", baseline: "fetch", scale: 1000, maxRatio: 1.1 }),
        comparisonRow(o.concurrentSdk, o.concurrentFetch, { name: `${c} concurrent, batch x ${cr}`, unit: "ms/batch", baseline: "fetch", maxRatio: 1.1 }),
        comparisonRow(sameTransport.sequential, o.sequentialFetch, { name: "  same, SDK over global fetch", unit: "µs/call", baseline: "fetch", scale: 1000 }),
        comparisonRow(sameTransport.concurrent, o.concurrentFetch, { name: "  same, SDK over global fetch", unit: "ms/batch", baseline: "fetch" }),
      );
      rows.push({
        name: "client CPU per sequential call",
        unit: "µs/call",
        median: o.cpuPerCallUs.sdk,
        baseline: "fetch",
        baselineMedian: o.cpuPerCallUs.fetch,
        ratio: ratio(o.cpuPerCallUs.sdk, o.cpuPerCallUs.fetch),
      });
      rows.push({
        name: "  same, SDK over global fetch",
        unit: "µs/call",
        median: o.cpuPerCallUs.overFetch,
        baseline: "fetch",
        baselineMedian: o.cpuPerCallUs.fetch,
        ratio: ratio(o.cpuPerCallUs.overFetch, o.cpuPerCallUs.fetch),
      });
      if (o.requestsSeen.counted !== o.requestsSeen.expected) {
        log(`overhead: the sandbox counted ${o.requestsSeen.counted} GraphQL requests, ${o.requestsSeen.expected} expected`);
      }
    });

    await attempt("tokens", async () => {
      if (sdk === undefined || sandbox === undefined) throw new Error(failures["sdk"] ?? "no SDK");
      const t = await measureTokenEconomy(sdk, sandbox, PLAN.tokens);
      results.tokens = t;
      rows.push(
        { name: `token requests, ${t.sizes.coldBurstCalls} concurrent, empty cache`, unit: "requests", median: t.coldBurst, target: "= 1", met: t.coldBurst === 1 },
        { name: `token requests, ${t.sizes.processCount} processes, one config`, unit: "requests", median: t.processes, target: "= 1", met: t.processes === 1 },
        { name: `token requests, ${t.sizes.warmCalls} warm calls`, unit: "requests", median: t.warm, target: "= 0", met: t.warm === 0 },
      );
    });

    await attempt("io", async () => {
      if (sandbox === undefined) throw new Error("no sandbox");
      const io = await measureHotPathIo(sandbox, PLAN.ioCalls);
      results.hotPathConfigReads = io.configFile;
      results.hotPathIo = io;
      rows.push({ name: `config file fs calls, ${io.calls} warm calls`, unit: "calls", median: io.configFile, target: "= 0", met: io.configFile === 0 });
    });

    await attempt("startup", async () => {
      if (sandbox === undefined) throw new Error("no sandbox");
      const times = await measureImportTimes(PLAN.startup);
      results.importRatio = ratio(times.sdk.median, times.urql.median);
      results.startup = {
        sdk: rounded(times.sdk),
        urql: rounded(times.urql),
        sdkProcess: rounded(times.sdkProcess),
        urqlProcess: rounded(times.urqlProcess),
      };
      rows.push(
        comparisonRow(times.sdk, times.urql, { name: "import() in a fresh process", unit: "ms", baseline: "@urql/core", maxRatio: 1.5 }),
        comparisonRow(times.sdkProcess, times.urqlProcess, { name: "whole process (node boot + import)", unit: "ms", baseline: "@urql/core" }),
      );
      if (sdk === undefined) throw new Error(failures["sdk"] ?? "no SDK");
      const first = await measureFirstCall(sdk, sandbox, PLAN.startup);
      results.startup.firstCall = { sdk: rounded(first.sdk), urql: rounded(first.urql) };
      rows.push(comparisonRow(first.sdk, first.urql, { name: "import + first call, fresh process", unit: "ms", baseline: "urql by hand" }));
      const credentials = await sandbox.createClientCredentials({ environment: "us1", tenantId: "50001" });
      const { mkdtemp, rm } = await import("node:fs/promises");
      const { tmpdir } = await import("node:os");
      const { join } = await import("node:path");
      const dir = await mkdtemp(join(tmpdir(), "taegis-bench-load-"));
      try {
        const loaded = await measureLoadedSizes({
          env: { ...sandboxEnv(sandbox, join(dir, "config"), credentials), BENCH_CALL: "subjects.currentSubject" },
        });
        results.startup.loaded = loaded;
        rows.push(
          { name: "bytes loaded by import()", unit: "bytes", median: loaded.sdkImport.bytes, baseline: "@urql/core", baselineMedian: loaded.urql.bytes, ratio: ratio(loaded.sdkImport.bytes, loaded.urql.bytes) },
          { name: "bytes loaded by one facade call", unit: "bytes", median: loaded.facadeCall.bytes, baseline: "@urql/core", baselineMedian: loaded.urql.bytes, ratio: ratio(loaded.facadeCall.bytes, loaded.urql.bytes) },
          { name: "modules loaded by one facade call", unit: "files", median: loaded.facadeCall.files, baseline: "@urql/core", baselineMedian: loaded.urql.files },
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  } finally {
    await sandbox?.stop();
  }

  await attempt("codegen", async () => {
    const c = await measureCodegen(PLAN.codegen);
    results.codegen = { ...c, codegen: rounded(c.codegen), tsc: rounded(c.tsc) };
    rows.push(
      { name: "npm run codegen (temp copy)", unit: "ms", median: c.codegen.median, p99: c.codegen.p99, target: "reproducible", met: c.reproducible },
      { name: "tsc --noEmit -p tsconfig.json", unit: "ms", median: c.tsc.median, p99: c.tsc.p99, target: "exit 0", met: c.tscExitCode === 0 },
    );
    if (!c.reproducible) log(`codegen: generated/ differs from a fresh run: ${c.differingFiles.join(", ")}`);
  });

  results.durationMs = Math.round(performance.now() - started);
  results.timestamp = new Date().toISOString();
  if (onlyArg !== undefined) await keepUnselected(results);
  await writeResults(results);

  const m = results.machine;
  process.stdout.write(`\ntaegis-sdk benchmarks (${results.mode}), ${m.os}, ${m.cpus} x ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}\n\n`);
  process.stdout.write(`${formatTable(rows)}\n\n`);
  if (markdown) process.stdout.write(`${formatMarkdownTable(rows)}\n\n`);
  for (const [name, reason] of Object.entries(failures)) process.stdout.write(`not measured: ${name}: ${reason}\n`);
  process.stdout.write(`wrote ${RESULTS_FILE} in ${(results.durationMs / 1000).toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
