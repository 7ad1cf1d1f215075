import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { CHILD_DIR, PROJECT_ROOT } from "./paths.js";

/** What the sandbox hands out, as `startSandbox` resolves it. */
export interface SandboxInfo {
  /** Region name -> `{ url, tenantsUrl }`, for `new TaegisClient({ environments })`. */
  environments: Record<string, { url: string; tenantsUrl: string }>;
  /** The universal authentication host. */
  universalAuthenticationUrl: string;
  /** The server's base URL. */
  url: string;
  /** Seeded tenants. */
  tenants: { id: string; name: string }[];
  /** Seeded users. */
  users: { username: string; password: string; otp?: string; tenantIds: string[] }[];
}

/** The sandbox's counters, without the request log. */
export interface SandboxCounts {
  /** Token endpoint requests. */
  tokenRequests: number;
  /** Token endpoint requests by grant. */
  tokenRequestsByGrant: Record<string, number>;
  /** GraphQL requests per region, plus `total`. */
  graphqlRequests: Record<string, number>;
}

/** A sandbox running in a child process, driven over IPC. */
export interface SandboxProcess {
  /** Environments, URLs, tenants and users of the sandbox. */
  info: SandboxInfo;
  /** The sandbox's counters since start or the last {@link SandboxProcess.resetMetrics}. */
  counts(): Promise<SandboxCounts>;
  /** Sets the counters back to zero. */
  resetMetrics(): Promise<void>;
  /** Makes client credentials valid in `environment`. */
  createClientCredentials(options: { environment: string; tenantId?: string }): Promise<{ clientId: string; clientSecret: string }>;
  /** Mints a signed token without an OAuth round trip. */
  mintToken(options: { environment: string; subject?: string; tenantIds?: string[]; ttlSeconds?: number }): Promise<string>;
  /** Stops the sandbox and its process. */
  stop(): Promise<void>;
}

/**
 * Starts the sandbox (from dist/, as `taegis-sdk/sandbox`) in a child
 * process, so that the server's work runs on the other core and not on the
 * event loop of the calls being timed.
 */
export async function startSandboxProcess(options: Record<string, unknown> = {}): Promise<SandboxProcess> {
  const child: ChildProcess = fork(join(CHILD_DIR, "sandboxServer.mjs"), [], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, BENCH_SANDBOX_OPTIONS: JSON.stringify(options) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // Not the benchmark's own flags (--cpu-prof of a profiling run, tsx): the server runs plain dist/ JavaScript.
    execArgv: [],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const info = await new Promise<SandboxInfo>((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`the sandbox process exited (${code}) before it was ready`));
    child.once("exit", onExit);
    child.once("error", reject);
    child.on("message", (message: { type?: string; info?: SandboxInfo; id?: number; result?: unknown; error?: string }) => {
      if (message.type === "ready" && message.info !== undefined) {
        child.off("exit", onExit);
        resolve(message.info);
        return;
      }
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (waiter === undefined || message.id === undefined) return;
      pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
  });
  const call = <T>(method: string, ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, method, args });
    });
  return {
    info,
    counts: () => call<SandboxCounts>("counts"),
    resetMetrics: () => call<void>("resetMetrics"),
    createClientCredentials: (opts) => call("createClientCredentials", opts),
    mintToken: (opts) => call<string>("mintToken", opts),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}
