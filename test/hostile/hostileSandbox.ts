import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox, SandboxSeedUser } from "../../src/sandbox/types.js";
import { TaegisClient } from "../../src/client/TaegisClient.js";
import type { TaegisClientOptions } from "../../src/client/options.js";
import type { CaseContext } from "./hostileCase.js";

/** The seeded users of the suite: passwords and an OTP that the leak scan looks for. */
export const HOSTILE_USERS: SandboxSeedUser[] = [
  { username: "hostile.user@example.com", password: "Hostile-Pa55word~x+1", tenantIds: ["50001"] },
  { username: "hostile.mfa@example.com", password: "Hostile-Mfa-Pa55~y_2", otp: "918273", tenantIds: ["50001"] },
];

const regions: string[] = [];

/**
 * A region of the sandbox for one case alone (`h01`, `h02`, ...), so that a
 * fault injected for it (`/h07/auth/api/v2/auth/token`) can never reach
 * another case, however many of its `times` are left over.
 */
export function region(): string {
  const name = `h${String(regions.length + 1).padStart(2, "0")}`;
  regions.push(name);
  return name;
}

let running: Sandbox | undefined;

/** Starts the suite's sandbox with every region that the cases took. Device codes wait for an explicit approval. */
export async function startHostileSandbox(): Promise<Sandbox> {
  running = await startSandbox({
    regions: regions.length > 0 ? regions : ["h00"],
    autoApproveDeviceCodes: false,
    deviceCodeIntervalSeconds: 1,
    seed: { users: HOSTILE_USERS },
  });
  return running;
}

/** The running sandbox of the suite. */
export function sandbox(): Sandbox {
  if (running === undefined) throw new Error("the hostile suite's sandbox is not running");
  return running;
}

/** Stops the sandbox. */
export async function stopHostileSandbox(): Promise<void> {
  await running?.stop();
  running = undefined;
}

/** The tenant every case acts in. */
export const TENANT = "50001";

/**
 * A client for one case: the sandbox's environments, the case's config file
 * and logger, never interactive, no credentials in its environment (unless
 * `env` gives some), and fast retries.
 */
export function clientFor(ctx: CaseContext, environment: string, options: TaegisClientOptions = {}): TaegisClient {
  const sb = sandbox();
  return new TaegisClient({
    environments: sb.environments,
    universalAuthenticationUrl: sb.universalAuthenticationUrl,
    environment,
    tenantId: TENANT,
    configPath: ctx.configPath,
    logger: ctx.logger,
    interactive: false,
    env: {},
    retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 20 },
    ...options,
  });
}

/** Client credentials valid in `environment`, registered as secrets, as the `env` of a client. */
export async function credentialsEnv(ctx: CaseContext, environment: string): Promise<NodeJS.ProcessEnv> {
  const { clientId, clientSecret } = await sandbox().createClientCredentials({ environment, tenantId: TENANT });
  return { CLIENT_ID: clientId, CLIENT_SECRET: ctx.secret(clientSecret) };
}

/** A signed token of the sandbox for `environment`, registered as a secret. */
export async function tokenFor(ctx: CaseContext, environment: string, ttlSeconds = 3600): Promise<string> {
  return ctx.secret(await sandbox().mintToken({ environment, tenantIds: [TENANT], ttlSeconds }));
}

/** How many requests the sandbox recorded to paths under `/<region>` (and its tenants host). */
export function requestsTo(environment: string): { path: string; headers: Record<string, string> }[] {
  return sandbox()
    .metrics()
    .requests.filter((request) => request.path.startsWith(`/${environment}/`) || request.path.startsWith(`/${environment}-tenants/`));
}
