import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { InvestigationsV2Document } from "../../generated/index.js";
import { writeToConfig } from "../../src/config/publicApi.js";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { closeSandbox, credentialsEnv, requestsTo, sandboxClient, tempConfigPath, tokenEnvironmentOf, tokenLabels, userToken } from "./helpers.js";

let sandbox: Sandbox;
let configPath: string;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  [tenantA, tenantB] = sandbox.tenants.map((tenant) => tenant.id) as [string, string];
});

beforeEach(async () => {
  configPath = await tempConfigPath();
  sandbox.resetMetrics();
});

afterAll(() => closeSandbox(sandbox));

/** A user token of the sandbox (it may act in every seeded tenant), cached for an environment in the config file. */
async function cacheUserToken(section: string, region: string): Promise<void> {
  await writeToConfig(section, "access_token", await userToken(sandbox, region), { configPath });
}

test("a per-call environment goes to that region's URL with that region's own token", async () => {
  // charlie (us1) reads CLIENT_ID / CLIENT_SECRET; delta (us2) is remapped to DELTA_* in the config file.
  await writeToConfig("delta", "CLIENT_ID", "DELTA_CLIENT_ID", { configPath });
  await writeToConfig("delta", "CLIENT_SECRET", "DELTA_CLIENT_SECRET", { configPath });
  const env = {
    ...(await credentialsEnv(sandbox, "us1", tenantA)),
    ...(await credentialsEnv(sandbox, "us2", tenantA, { id: "DELTA_CLIENT_ID", secret: "DELTA_CLIENT_SECRET" })),
  };
  const client = sandboxClient(sandbox, { configPath, env });

  await client.subjects.currentSubject();
  await client.subjects.currentSubject(undefined, { environment: "delta" });
  await client.subjects.currentSubject(undefined, { environment: "US2" });

  const us1 = requestsTo(sandbox, "/us1/graphql");
  const us2 = requestsTo(sandbox, "/us2/graphql");
  expect(us1).toHaveLength(1);
  expect(us2).toHaveLength(2);
  expect(us1.map(tokenEnvironmentOf)).toEqual(["us1"]);
  expect(us2.map(tokenEnvironmentOf)).toEqual(["us2", "us2"]);
  expect(sandbox.metrics().graphqlRequests).toMatchObject({ us1: 1, us2: 2 });
  expect(requestsTo(sandbox, "/us1/auth/api/v2/auth/token")).toHaveLength(1);
  expect(requestsTo(sandbox, "/us2/auth/api/v2/auth/token")).toHaveLength(1);
});

test("the headers of PROTOCOL.md, with X-Tenant-Context on the call that names a tenant only", async () => {
  await cacheUserToken("charlie", "us1");
  const client = sandboxClient(sandbox, { configPath, extraHeaders: { "X-Trace": "client" } });

  await client.investigations2.investigationsV2({ arguments: {} }, { tenantId: tenantA, extraHeaders: { "x-trace": "call" } });
  await client.users.currentTDRUser();

  const [withTenant, withoutTenant] = requestsTo(sandbox, "/us1/graphql");
  expect(withTenant?.method).toBe("POST");
  const { authorization, ...others } = withTenant?.headers ?? {};
  expect(/^Bearer \S+$/.test(authorization ?? "")).toBe(true);
  expect(others).toMatchObject({
    "x-tenant-context": tenantA,
    "content-type": "application/json; charset=utf-8",
    accept: "application/json",
    "user-agent": expect.stringMatching(/^taegis-sdk\/\d+\.\d+\.\d+/),
    "apollographql-client-name": "taegis-sdk",
    "apollographql-client-version": expect.stringMatching(/^\d+\.\d+\.\d+/),
    "x-trace": "call",
  });
  expect(withoutTenant?.headers["x-tenant-context"]).toBeUndefined();
  expect(withoutTenant?.headers["x-trace"]).toBe("client");
});

test("with() views carry their options and leave the parent unchanged", async () => {
  await cacheUserToken("charlie", "us1");
  await cacheUserToken("echo", "eu");
  const client = sandboxClient(sandbox, { configPath });
  const inTenant = client.with({ tenantId: tenantA });
  const inEu = inTenant.with({ environment: "eu", tenantId: tenantB });

  const fromView = await inTenant.investigations2.investigationsV2({ arguments: {} });
  const fromEu = await inEu.query(InvestigationsV2Document, { arguments: {} });
  await client.users.currentTDRUser();
  await expect(client.investigations2.investigationsV2({ arguments: {} })).rejects.toMatchObject({
    name: "TaegisGraphQLError",
    message: expect.stringContaining("needs a tenant"),
  });

  expect(fromView?.investigations?.map((i) => i?.tenantId)).toContain(tenantA);
  expect(fromEu.investigationsV2?.investigations?.every((i) => i?.tenantId === tenantB)).toBe(true);
  const us1 = requestsTo(sandbox, "/us1/graphql");
  expect(us1.map((request) => request.headers["x-tenant-context"])).toEqual([tenantA, undefined, undefined]);
  expect(requestsTo(sandbox, "/eu/graphql").map((request) => request.headers["x-tenant-context"])).toEqual([tenantB]);
  expect(requestsTo(sandbox, "/eu/graphql").map(tokenEnvironmentOf)).toEqual(["eu"]);
});

test("concurrent identical queries for two tenants each get their own tenant's answer", async () => {
  await cacheUserToken("charlie", "us1");
  const client = sandboxClient(sandbox, { configPath });
  const variables = { arguments: { perPage: 50 } };

  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => client.query(InvestigationsV2Document, variables, { tenantId: i % 2 === 0 ? tenantA : tenantB })),
  );

  results.forEach((result, i) => {
    const tenant = i % 2 === 0 ? tenantA : tenantB;
    const tenants = result.investigationsV2?.investigations?.map((investigation) => investigation?.tenantId);
    expect(tenants?.length).toBeGreaterThan(0);
    expect(new Set(tenants)).toEqual(new Set([tenant]));
  });
  expect(requestsTo(sandbox, "/us1/graphql")).toHaveLength(10);
});

test("the tenants service goes to the region's tenants host, under /public/query", async () => {
  await cacheUserToken("delta", "us2");
  const client = sandboxClient(sandbox, { configPath, environment: "delta" });

  const tenants = await client.tenants.listTenants({ tenantsQuery: {} });

  expect(tenants?.results?.map((tenant) => tenant?.id)).toEqual(expect.arrayContaining([tenantA, tenantB]));
  expect(requestsTo(sandbox, "/us2-tenants/public/query")).toHaveLength(1);
});

test("universal authentication: one universal token serves two regions, and clearAccessToken() clears it", async () => {
  const env = await credentialsEnv(sandbox, "us1", tenantA);
  const client = sandboxClient(sandbox, { configPath, env, useUniversalAuthentication: true });

  await client.subjects.currentSubject();
  await client.subjects.currentSubject(undefined, { environment: "delta" });
  const token = await client.getAccessToken({ environment: "eu" });

  expect(requestsTo(sandbox, "/universal/auth/api/v2/auth/token")).toHaveLength(1);
  expect(sandbox.metrics().tokenRequests).toBe(1);
  expect([...requestsTo(sandbox, "/us1/graphql"), ...requestsTo(sandbox, "/us2/graphql")].map(tokenEnvironmentOf)).toEqual([
    "universal",
    "universal",
  ]);
  expect(tokenLabels([requestsTo(sandbox, "/us1/graphql")[0]?.headers["authorization"]], { token })).toEqual(["token"]);

  await client.clearAccessToken();
  await client.subjects.currentSubject();
  expect(sandbox.metrics().tokenRequests).toBe(2);
});

test("getAccessToken() returns the token the client sends, and clearAccessToken() clears the environment the options name", async () => {
  await cacheUserToken("charlie", "us1");
  const env = await credentialsEnv(sandbox, "us2", tenantA);
  const client = sandboxClient(sandbox, { configPath, env });

  const token = await client.getAccessToken();
  await client.users.currentTDRUser();
  expect(tokenLabels([requestsTo(sandbox, "/us1/graphql")[0]?.headers["authorization"]], { token })).toEqual(["token"]);
  expect(sandbox.metrics().tokenRequests).toBe(0);

  const deltaToken = await client.getAccessToken({ environment: "delta" });
  expect(tokenLabels([deltaToken], { token, deltaToken })).toEqual(["deltaToken"]);
  await client.clearAccessToken({ environment: "delta" });
  expect(tokenLabels([await client.getAccessToken()], { token })).toEqual(["token"]);
  expect(sandbox.metrics().tokenRequests).toBe(1);
  await client.getAccessToken({ environment: "delta" });
  expect(sandbox.metrics().tokenRequests).toBe(2);
});

test("a url override is used as is, but never with the token of another environment", async () => {
  await cacheUserToken("charlie", "us1");
  const client = sandboxClient(sandbox, { configPath });
  const us1 = sandbox.environments["us1"]?.url as string;
  const us2 = sandbox.environments["us2"]?.url as string;

  await client.users.currentTDRUser(undefined, { url: `${us1}/graphql` });
  await expect(client.users.currentTDRUser(undefined, { url: `${us2}/graphql` })).rejects.toMatchObject({
    name: "TaegisOptionsError",
    option: "url",
    message: expect.stringContaining('environment: "delta"'),
  });
  await expect(client.users.currentTDRUser(undefined, { url: `${sandbox.environments["us1"]?.tenantsUrl}/public/query`, environment: "delta" })).rejects.toMatchObject({
    name: "TaegisOptionsError",
    option: "url",
  });

  expect(requestsTo(sandbox, "/graphql")).toHaveLength(1);
  expect(requestsTo(sandbox, "/us1/graphql").map(tokenEnvironmentOf)).toEqual(["us1"]);
});

test("a gateway override replaces the service's path", async () => {
  await cacheUserToken("charlie", "us1");
  const client = sandboxClient(sandbox, { configPath }).with({ gateway: "/graphql" });

  await client.users.currentTDRUser();
  await expect(client.users.currentTDRUser(undefined, { gateway: "/nowhere" })).rejects.toMatchObject({ name: "TaegisHttpError", status: 404 });

  expect(requestsTo(sandbox, "/us1/graphql")).toHaveLength(1);
  expect(requestsTo(sandbox, "/us1/nowhere")).toHaveLength(1);
});
