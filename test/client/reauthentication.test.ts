import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { readConfig, writeToConfig } from "../../src/config/publicApi.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { closeSandbox, credentialsEnv, requestsTo, sandboxClient, tempConfigPath, tokenLabels } from "./helpers.js";

let sandbox: Sandbox;
let configPath: string;
let tenantId: string;

const UNAUTHORIZED_BODY = JSON.stringify({ errors: [{ message: "access token rejected", extensions: { code: "UNAUTHENTICATED" } }] });

beforeAll(async () => {
  sandbox = await startSandbox();
  tenantId = sandbox.tenants[0]?.id as string;
});

beforeEach(async () => {
  configPath = await tempConfigPath();
  sandbox.resetMetrics();
});

afterAll(() => closeSandbox(sandbox));

test("a token revoked mid-session: the next call re-authenticates once and succeeds", async () => {
  const client = sandboxClient(sandbox, { configPath, env: await credentialsEnv(sandbox, "us1", tenantId) });
  await client.subjects.currentSubject();
  const first = await client.getAccessToken();

  sandbox.revokeToken(first);
  const subject = await client.subjects.currentSubject();

  expect(subject?.identity?.__typename).toBe("Client");
  const second = await client.getAccessToken();
  expect(second === first).toBe(false);
  expect(sandbox.metrics().tokenRequests).toBe(2);
  const sent = requestsTo(sandbox, "/us1/graphql").map((request) => request.headers["authorization"]);
  expect(tokenLabels(sent, { first, second })).toEqual(["first", "first", "second"]);
  const cached = (await readConfig({ configPath }))["charlie"]?.["access_token"];
  expect(tokenLabels([cached], { first, second })).toEqual(["second"]);
});

test("concurrent calls that all meet one revoked token share one re-authentication", async () => {
  const client = sandboxClient(sandbox, { configPath, env: await credentialsEnv(sandbox, "us1", tenantId) });
  sandbox.revokeToken(await client.getAccessToken());

  const subjects = await Promise.all(Array.from({ length: 8 }, () => client.subjects.currentSubject()));

  expect(subjects.every((subject) => subject?.identity?.__typename === "Client")).toBe(true);
  expect(sandbox.metrics().tokenRequests).toBe(2);
});

test("a burst of 120 concurrent calls that meet one revoked token still takes one new token", async () => {
  const client = sandboxClient(sandbox, { configPath, env: await credentialsEnv(sandbox, "us1", tenantId) });
  const first = await client.getAccessToken();
  sandbox.revokeToken(first);
  sandbox.resetMetrics();

  const subjects = await Promise.all(Array.from({ length: 120 }, () => client.subjects.currentSubject()));

  expect(subjects.every((subject) => subject?.identity?.__typename === "Client")).toBe(true);
  expect(sandbox.metrics().tokenRequests).toBe(1);
  const second = await client.getAccessToken();
  const sent = requestsTo(sandbox, "/us1/graphql").map((request) => request.headers["authorization"]);
  const labels = tokenLabels(sent, { first, second });
  expect(labels.filter((label) => label === "first")).toHaveLength(120);
  expect(labels.filter((label) => label === "second")).toHaveLength(120);
});

test("a cached token the API refuses is replaced from client credentials", async () => {
  const stale = await sandbox.mintToken({ environment: "us1" });
  sandbox.revokeToken(stale);
  await writeToConfig("charlie", "access_token", stale, { configPath });
  const client = sandboxClient(sandbox, { configPath, env: await credentialsEnv(sandbox, "us1", tenantId) });

  await expect(client.subjects.currentSubject()).resolves.toMatchObject({ identity: { __typename: "Client" } });
  expect(sandbox.metrics().tokenRequests).toBe(1);
});

test("credentials that keep failing: TaegisAuthError unauthorized after one retry, no loop", async () => {
  const client = sandboxClient(sandbox, { configPath, env: await credentialsEnv(sandbox, "us1", tenantId) });
  sandbox.inject({ path: "/us1/graphql", status: 401, times: 2, body: UNAUTHORIZED_BODY });

  const error = await client.subjects.currentSubject().catch((e: unknown) => e);

  expect(error).toBeInstanceOf(TaegisAuthError);
  expect(error).toMatchObject({ code: "unauthorized", status: 401, environment: "charlie" });
  expect((error as Error).message).toContain("charlie");
  expect(requestsTo(sandbox, "/us1/graphql")).toHaveLength(2);
  expect(sandbox.metrics().tokenRequests).toBe(2);
});

test("an explicit accessToken that is refused fails at once: no token request, no retry", async () => {
  const revoked = await sandbox.mintToken({ environment: "us1" });
  sandbox.revokeToken(revoked);
  const client = sandboxClient(sandbox, { configPath, env: await credentialsEnv(sandbox, "us1", tenantId) });

  const error = await client.subjects.currentSubject(undefined, { accessToken: revoked }).catch((e: unknown) => e);

  expect(error).toMatchObject({ name: "TaegisAuthError", code: "unauthorized" });
  expect((error as Error).message).toContain("accessToken option");
  expect((error as Error).message).not.toContain(revoked);
  expect(requestsTo(sandbox, "/us1/graphql")).toHaveLength(1);
  expect(sandbox.metrics().tokenRequests).toBe(0);
});

test("no credentials and no login: TaegisAuthError no_credentials naming the variables, before any GraphQL request", async () => {
  const client = sandboxClient(sandbox, { configPath });

  const error = await client.subjects.currentSubject().catch((e: unknown) => e);

  expect(error).toMatchObject({ name: "TaegisAuthError", code: "no_credentials" });
  expect((error as Error).message).toContain("CLIENT_ID");
  expect(sandbox.metrics().graphqlRequests["total"] ?? 0).toBe(0);
});
