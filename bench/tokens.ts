import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sdk } from "./loadSdk.js";
import { CHILD_DIR } from "./paths.js";
import type { SandboxProcess } from "./sandboxProcess.js";
import { startTogether } from "./startTogether.js";

/** Token requests counted on the sandbox. */
export interface TokenEconomy {
  /** Token requests for `coldBurstCalls` concurrent calls on an empty cache (target 1). */
  coldBurst: number;
  /** Token requests of `processes` processes started together on one config file (target 1). */
  processes: number;
  /** Token requests during `warmCalls` calls on a warm token (target 0). */
  warm: number;
  /** The sizes used. */
  sizes: { coldBurstCalls: number; processCount: number; warmCalls: number };
  /** How long each process's call took, ms (they started together, after a barrier). */
  processCallMs: number[];
}

/** Sizes of the token benchmark. */
export interface TokenPlan {
  /** 1000. */
  coldBurstCalls: number;
  /** 8. */
  processCount: number;
  /** 10 000. */
  warmCalls: number;
  /** Concurrency of the warm calls. */
  warmConcurrency: number;
}

/** What the child scripts need to reach the sandbox. */
export function sandboxEnv(sandbox: SandboxProcess, configPath: string, credentials: { clientId: string; clientSecret: string }): Record<string, string> {
  return {
    BENCH_SANDBOX: JSON.stringify({
      environments: sandbox.info.environments,
      universalAuthenticationUrl: sandbox.info.universalAuthenticationUrl,
      environment: "us1",
      tenantId: "50001",
    }),
    TAEGIS_SDK_CONFIG: configPath,
    CLIENT_ID: credentials.clientId,
    CLIENT_SECRET: credentials.clientSecret,
    CI: "true",
  };
}

/**
 * Counts token requests on the sandbox: a burst of concurrent calls on an
 * empty cache, then many calls on the warm token (same client), then N
 * processes on one new config file that make their first call together
 * (after a barrier: every process has loaded the SDK before any calls).
 */
export async function measureTokenEconomy(sdk: Sdk, sandbox: SandboxProcess, plan: TokenPlan): Promise<TokenEconomy> {
  const dir = await mkdtemp(join(tmpdir(), "taegis-bench-tokens-"));
  try {
    const credentials = await sandbox.createClientCredentials({ environment: "us1", tenantId: "50001" });
    const client = new sdk.TaegisClient({
      environments: sandbox.info.environments,
      universalAuthenticationUrl: sandbox.info.universalAuthenticationUrl,
      environment: "us1",
      tenantId: "50001",
      configPath: join(dir, "burst", "config"),
      env: { CLIENT_ID: credentials.clientId, CLIENT_SECRET: credentials.clientSecret },
      interactive: false,
      logger: sdk.silentLogger,
    });

    await sandbox.resetMetrics();
    await Promise.all(Array.from({ length: plan.coldBurstCalls }, () => client.query(sdk.CurrentSubjectDocument)));
    const coldBurst = (await sandbox.counts()).tokenRequests;

    await sandbox.resetMetrics();
    for (let done = 0; done < plan.warmCalls; done += plan.warmConcurrency) {
      const size = Math.min(plan.warmConcurrency, plan.warmCalls - done);
      await Promise.all(Array.from({ length: size }, () => client.query(sdk.CurrentSubjectDocument)));
    }
    const warm = (await sandbox.counts()).tokenRequests;

    await sandbox.resetMetrics();
    const env = sandboxEnv(sandbox, join(dir, "shared", "config"), credentials);
    const children = await startTogether(join(CHILD_DIR, "tokenProcess.mjs"), plan.processCount, env);
    const processes = (await sandbox.counts()).tokenRequests;

    return {
      coldBurst,
      processes,
      warm,
      sizes: { coldBurstCalls: plan.coldBurstCalls, processCount: plan.processCount, warmCalls: plan.warmCalls },
      processCallMs: children.map((child) => Math.round(Number(child["callMs"]))),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
