import type { FaultInjector } from "./faults.js";
import type { SandboxMetricsRecorder } from "./metrics.js";
import type { ClientRecord, SandboxState, UserRecord } from "./state.js";
import type { TokenIssuer } from "./tokens.js";

/** The universal authentication environment. */
export const UNIVERSAL_ENVIRONMENT = "universal";

/** Settings in force, defaults applied. */
export interface SandboxSettings {
  readonly regions: readonly string[];
  readonly autoApproveDeviceCodes: boolean;
  readonly deviceCodeIntervalSeconds: number;
  readonly deviceCodeExpiresInSeconds: number;
  readonly tokenTtlSeconds: number;
}

/** Everything a route or resolver of one sandbox works with. */
export interface SandboxRuntime {
  readonly settings: SandboxSettings;
  readonly state: SandboxState;
  readonly tokens: TokenIssuer;
  readonly metrics: SandboxMetricsRecorder;
  readonly faults: FaultInjector;
  /** `http://HOST:PORT`. */
  readonly baseUrl: string;
}

/** The `sub` of a client's tokens. */
export const clientSubject = (client: ClientRecord): string => `${client.clientID}@clients`;

/** Issues a user's token at an auth environment, for every tenant the user may act in. */
export function issueUserToken(runtime: SandboxRuntime, user: UserRecord, environment: string): Promise<string> {
  user.lastLogin = new Date().toISOString();
  return runtime.tokens.issue({
    subject: user.id,
    tenantIds: user.tenantIds,
    environment,
    ttlSeconds: runtime.settings.tokenTtlSeconds,
  });
}

/** Issues a client's token at an auth environment, for the client's tenant. */
export function issueClientToken(runtime: SandboxRuntime, client: ClientRecord, environment: string): Promise<string> {
  client.tokenRequestCount += 1;
  client.tokenRequestTime = new Date().toISOString();
  return runtime.tokens.issue({
    subject: clientSubject(client),
    tenantIds: [client.tenantID],
    environment,
    ttlSeconds: runtime.settings.tokenTtlSeconds,
  });
}
