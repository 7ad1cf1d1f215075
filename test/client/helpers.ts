import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { TaegisClient, type TaegisClientOptions } from "../../src/client/index.js";
import { writeToConfig } from "../../src/config/publicApi.js";
import { silentLogger } from "../../src/logger.js";
import type { Sandbox, SandboxRequestRecord } from "../../src/sandbox/types.js";

/** The claim of the sandbox's tokens that names the environment that issued them. */
export const ENVIRONMENT_CLAIM = "https://missione/octolabs/io/environment";

const directories: string[] = [];

/** A config path in a new temporary directory (removed by {@link removeTempDirectories}). */
export async function tempConfigPath(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "taegis-client-test-"));
  directories.push(directory);
  return join(directory, "config");
}

/** Removes every directory {@link tempConfigPath} made. */
export async function removeTempDirectories(): Promise<void> {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
}

/**
 * A client on the sandbox: its environments and universal host, no ambient
 * environment variables, not interactive, silent, and quick retries.
 */
export function sandboxClient(sandbox: Sandbox, options: TaegisClientOptions & { configPath: string }): TaegisClient {
  return new TaegisClient({
    environments: sandbox.environments,
    universalAuthenticationUrl: sandbox.universalAuthenticationUrl,
    env: {},
    interactive: false,
    logger: silentLogger,
    retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 100 },
    ...options,
  });
}

/** Requests the sandbox recorded whose path ends with `suffix`. */
export function requestsTo(sandbox: Sandbox, suffix: string): SandboxRequestRecord[] {
  return sandbox.metrics().requests.filter((request) => request.path.endsWith(suffix));
}

/** The issuing environment of the bearer token a recorded request carried. */
export function tokenEnvironmentOf(request: SandboxRequestRecord): unknown {
  const token = request.headers["authorization"]?.replace(/^Bearer /, "");
  return token === undefined ? undefined : decodeJwt(token)[ENVIRONMENT_CLAIM];
}

/** A user token issued by a sandbox region (or `universal`) that may act in every seeded tenant. */
export function userToken(sandbox: Sandbox, environment: string): Promise<string> {
  return sandbox.mintToken({ environment, tenantIds: sandbox.tenants.map((tenant) => tenant.id) });
}

/**
 * Names the tokens that a list of `Authorization` headers (or bare tokens)
 * carried, by the labels given, so that assertions (and their failure diffs)
 * never print a token.
 */
export function tokenLabels(values: readonly (string | undefined)[], labels: Record<string, string>): string[] {
  return values.map((value) => {
    const token = value?.replace(/^Bearer /, "");
    return Object.entries(labels).find(([, known]) => known === token)?.[0] ?? (token === undefined ? "none" : "other");
  });
}

/** Client credentials of a sandbox region, as environment variables. */
export async function credentialsEnv(
  sandbox: Sandbox,
  environment: string,
  tenantId: string,
  names: { id: string; secret: string } = { id: "CLIENT_ID", secret: "CLIENT_SECRET" },
): Promise<Record<string, string>> {
  const { clientId, clientSecret } = await sandbox.createClientCredentials({ environment, tenantId });
  return { [names.id]: clientId, [names.secret]: clientSecret };
}

/** Stops a test file's sandbox and removes its temporary config directories. */
export async function closeSandbox(sandbox: Sandbox | undefined): Promise<void> {
  await sandbox?.stop();
  await removeTempDirectories();
}

/**
 * A fresh config file holding a user token for us1 (charlie), a client on it,
 * and the sandbox's metrics reset: the starting point of most tests.
 */
export async function userTokenClient(sandbox: Sandbox): Promise<{ configPath: string; client: TaegisClient }> {
  const configPath = await tempConfigPath();
  await writeToConfig("charlie", "access_token", await userToken(sandbox, "us1"), { configPath });
  const client = sandboxClient(sandbox, { configPath });
  sandbox.resetMetrics();
  return { configPath, client };
}
