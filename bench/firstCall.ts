import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringifyDocument } from "@urql/core";
import { runJsonChild } from "./childProcess.js";
import type { Sdk } from "./loadSdk.js";
import { CHILD_DIR } from "./paths.js";
import type { SandboxProcess } from "./sandboxProcess.js";
import { summarize, type Summary } from "./stats.js";
import { sandboxEnv } from "./tokens.js";

/** Time to the first result in fresh processes: the SDK against `@urql/core` used by hand. */
export interface FirstCallTimes {
  /** import('taegis-sdk') + a TaegisClient + one query with the token cached in the config file, ms. */
  sdk: Summary;
  /** import('@urql/core') + a Client with its fetchExchange + the same query with the bearer by hand, ms. */
  urql: Summary;
}

/**
 * What the start-up of a program that makes one call costs: the SDK loads
 * most of its code on the first call (`import()` of its call engine), so the
 * import time alone does not tell. Each side runs in fresh processes,
 * alternating, after `warmup` unrecorded runs of each (the first SDK run
 * caches the token in the config file, as a program's first run would); the
 * time is taken inside the process, from before the import to the result.
 */
export async function measureFirstCall(sdk: Sdk, sandbox: SandboxProcess, plan: { warmup: number; rounds: number }): Promise<FirstCallTimes> {
  const dir = await mkdtemp(join(tmpdir(), "taegis-bench-first-call-"));
  try {
    const credentials = await sandbox.createClientCredentials({ environment: "us1", tenantId: "50001" });
    const sdkEnv = sandboxEnv(sandbox, join(dir, "config"), credentials);
    const token = await sandbox.mintToken({ environment: "us1", tenantIds: ["50001"] });
    const region = sandbox.info.environments["us1"];
    if (region === undefined) throw new Error("the sandbox has no us1 region");
    const urqlEnv = {
      BENCH_URL: new URL("graphql", `${region.url.replace(/\/+$/, "")}/`).href,
      BENCH_HEADERS: JSON.stringify({ authorization: `Bearer ${token}`, "x-tenant-context": "50001" }),
      BENCH_QUERY: stringifyDocument(sdk.CurrentSubjectDocument),
    };
    const script = join(CHILD_DIR, "firstCall.mjs");
    const sdkTimes: number[] = [];
    const urqlTimes: number[] = [];
    for (let i = 0; i < plan.warmup + plan.rounds; i += 1) {
      const a = await runJsonChild<{ firstCallMs: number }>(script, ["sdk"], { env: sdkEnv });
      const b = await runJsonChild<{ firstCallMs: number }>(script, ["urql"], { env: urqlEnv });
      if (i < plan.warmup) continue;
      sdkTimes.push(a.firstCallMs);
      urqlTimes.push(b.firstCallMs);
    }
    return { sdk: summarize(sdkTimes), urql: summarize(urqlTimes) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
