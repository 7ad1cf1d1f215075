import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import { createClientRecord } from "./clientRecords.js";
import { FaultInjector } from "./faults.js";
import { loadAllGateways } from "./gateways.js";
import { SandboxMetricsRecorder } from "./metrics.js";
import { approveDeviceCode, denyDeviceCode } from "./oauth/deviceCodeDecisions.js";
import { UNIVERSAL_ENVIRONMENT, clientSubject, type SandboxRuntime, type SandboxSettings } from "./runtime.js";
import { loadGatewaySchema } from "./schemas.js";
import { buildState } from "./seed.js";
import { SandboxRouter } from "./server.js";
import type { SandboxState } from "./state.js";
import { SubscriptionServer } from "./subscriptions.js";
import { TokenIssuer } from "./tokens.js";
import type { Sandbox, SandboxOptions } from "./types.js";

const DEFAULT_REGIONS = ["us1", "us2", "eu"] as const;

function positiveNumber(value: number | undefined, fallback: number, option: string, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new TaegisOptionsError("invalid_option", option, `The sandbox option \`${option}\` must be a ${allowZero ? "non-negative" : "positive"} number.`);
  }
  return value;
}

/** Applies the defaults and checks the options. @throws TaegisOptionsError for an unusable option. */
function resolveSettings(options: SandboxOptions): SandboxSettings {
  const regions = options.regions ?? [...DEFAULT_REGIONS];
  if (regions.length === 0) throw new TaegisOptionsError("invalid_option", "regions", "The sandbox needs at least one region name in `regions`.");
  for (const region of regions) {
    if (!/^[a-z0-9][a-z0-9_-]*$/i.test(region) || region === UNIVERSAL_ENVIRONMENT || region.endsWith("-tenants")) {
      throw new TaegisOptionsError(
        "invalid_option",
        "regions",
        `The sandbox region name ${JSON.stringify(region)} cannot be a path prefix: use letters, digits, - and _, not "universal" nor a name ending in "-tenants".`,
      );
    }
  }
  if (new Set(regions).size !== regions.length) throw new TaegisOptionsError("invalid_option", "regions", "The sandbox region names must be distinct.");
  return {
    regions: [...regions],
    autoApproveDeviceCodes: options.autoApproveDeviceCodes ?? true,
    deviceCodeIntervalSeconds: positiveNumber(options.deviceCodeIntervalSeconds, 1, "deviceCodeIntervalSeconds", true),
    deviceCodeExpiresInSeconds: positiveNumber(options.deviceCodeExpiresInSeconds, 600, "deviceCodeExpiresInSeconds"),
    tokenTtlSeconds: positiveNumber(options.tokenTtlSeconds, 3600, "tokenTtlSeconds"),
  };
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function assertRegion(settings: SandboxSettings, environment: string, allowUniversal: boolean): void {
  if (settings.regions.includes(environment) || (allowUniversal && environment === UNIVERSAL_ENVIRONMENT)) return;
  const valid = [...settings.regions, ...(allowUniversal ? [UNIVERSAL_ENVIRONMENT] : [])].join(", ");
  throw new TaegisOptionsError("unknown_environment", "environment", `The sandbox has no environment ${JSON.stringify(environment)}. Valid names: ${valid}.`);
}

/** The `sub` and default tenants of a `mintToken` subject: a username, user id, client id, or any other string. */
function subjectOf(state: SandboxState, subject: string | undefined): { sub: string; tenantIds: string[] } {
  const user = subject === undefined ? state.users[0] : state.findUser(subject);
  if (user !== undefined) return { sub: user.id, tenantIds: user.tenantIds };
  const client = subject === undefined ? undefined : state.findClientByClientId(subject.replace(/@clients$/, ""));
  if (client !== undefined) return { sub: clientSubject(client), tenantIds: [client.tenantID] };
  const firstTenant = state.tenants.keys().next().value;
  return { sub: subject ?? "sandbox", tenantIds: firstTenant === undefined ? [] : [firstTenant] };
}

/**
 * Starts a local Taegis-compatible server on one port: each region a path
 * prefix (`/us1`, with its tenants host at `/us1-tenants`), universal
 * authentication at `/universal`, the OAuth, device-code and password/MFA
 * endpoints, GraphQL on every gateway over the schema/ snapshot, and legacy
 * graphql-ws subscriptions on `/<region>/events/query`.
 * @throws TaegisOptionsError for unusable options or seed data.
 * @example
 * ```ts
 * const sandbox = await startSandbox();
 * const client = new TaegisClient({ environments: sandbox.environments, environment: "us1" });
 * // ...
 * await sandbox.stop();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const settings = resolveSettings(options);
  const host = options.host ?? "127.0.0.1";
  const state = buildState(options.seed ?? {}, Date.now());
  const [gateways, eventsSchema, keyPair] = await Promise.all([
    loadAllGateways(),
    loadGatewaySchema("events-query.graphql"),
    TokenIssuer.generateKeyPair(),
  ]);

  const server = createServer();
  const address = await listen(server, options.port ?? 0, host);
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const baseUrl = `http://${urlHost}:${address.port}`;
  const tokens = new TokenIssuer(keyPair, baseUrl);

  const runtime: SandboxRuntime = {
    settings,
    state,
    tokens,
    metrics: new SandboxMetricsRecorder(settings.regions),
    faults: new FaultInjector(),
    baseUrl,
  };
  const subscriptions = new SubscriptionServer(runtime, eventsSchema);
  const router = new SandboxRouter(runtime, gateways, subscriptions);
  server.on("request", router.handleRequest);
  server.on("upgrade", router.handleUpgrade);

  let stopped: Promise<void> | undefined;
  const environments = Object.fromEntries(
    settings.regions.map((region) => [region, { url: `${baseUrl}/${region}`, tenantsUrl: `${baseUrl}/${region}-tenants` }]),
  );

  return {
    environments,
    universalAuthenticationUrl: `${baseUrl}/${UNIVERSAL_ENVIRONMENT}`,
    url: baseUrl,
    tenants: [...state.tenants.values()].map(({ id, name }) => ({ id, name })),
    users: state.users.map((user) => ({
      username: user.username,
      password: user.password,
      ...(user.otp === undefined ? {} : { otp: user.otp }),
      tenantIds: [...user.tenantIds],
    })),
    stop() {
      stopped ??= (async () => {
        router.abort();
        await subscriptions.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return stopped;
    },
    approveDeviceCode: (userCode, username) => approveDeviceCode(state, userCode, username),
    denyDeviceCode: (userCode) => denyDeviceCode(state, userCode),
    revokeToken: (token) => tokens.revoke(token),
    async createClientCredentials({ environment, tenantId, roles }) {
      assertRegion(settings, environment, false);
      const tenantID = tenantId ?? (state.tenants.keys().next().value as string);
      if (!state.tenants.has(tenantID)) {
        throw new TaegisOptionsError("invalid_option", "tenantId", `The sandbox has no tenant ${JSON.stringify(tenantID)}.`);
      }
      const { client, clientSecret } = createClientRecord(state, {
        name: `sandbox-client-${state.clients.size + 1}`,
        tenantID,
        environment,
        roles: roles ?? null,
        createdBy: "sandbox",
      });
      return { clientId: client.clientID, clientSecret };
    },
    async mintToken({ environment, subject, tenantIds, ttlSeconds }) {
      assertRegion(settings, environment, true);
      const resolved = subjectOf(state, subject);
      return tokens.issue({
        subject: resolved.sub,
        tenantIds: tenantIds ?? resolved.tenantIds,
        environment,
        ttlSeconds: ttlSeconds ?? settings.tokenTtlSeconds,
      });
    },
    metrics: () => runtime.metrics.snapshot(),
    resetMetrics: () => runtime.metrics.reset(),
    inject: (fault) => runtime.faults.inject(fault),
  };
}
