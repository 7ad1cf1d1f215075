import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJsonChild } from "./childProcess.js";
import { CHILD_DIR } from "./paths.js";
import type { SandboxProcess } from "./sandboxProcess.js";
import { sandboxEnv } from "./tokens.js";

/** File-system calls on the config file during warm calls. */
export interface HotPathIo {
  /** Calls on the warm token. */
  calls: number;
  /** fs calls whose path is the config file, during those calls (target 0). */
  configFile: number;
  /** fs calls on anything in the config file's directory (lock, temporary files), during those calls. */
  configDirectory: number;
  /** fs calls on the config file during the first (cold) call, for reference. */
  coldCallConfigFile: number;
  /** Per function, cold and hot. */
  detail: unknown;
}

/**
 * Runs bench/child/hotPathIo.mjs: a fresh process that wraps every path-taking
 * function of `fs` and `fs/promises` before loading the SDK, makes one cold
 * call, then counts the calls on the config file during `calls` warm calls.
 */
export async function measureHotPathIo(sandbox: SandboxProcess, calls: number): Promise<HotPathIo> {
  const dir = await mkdtemp(join(tmpdir(), "taegis-bench-io-"));
  try {
    const credentials = await sandbox.createClientCredentials({ environment: "us1", tenantId: "50001" });
    const out = await runJsonChild<{ hotPathConfigFile: number; hotPathConfigDir: number; warmupConfigFile: number; counts: unknown }>(
      join(CHILD_DIR, "hotPathIo.mjs"),
      [String(calls)],
      { env: sandboxEnv(sandbox, join(dir, "config"), credentials) },
    );
    return {
      calls,
      configFile: out.hotPathConfigFile,
      configDirectory: out.hotPathConfigDir,
      coldCallConfigFile: out.warmupConfigFile,
      detail: out.counts,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
