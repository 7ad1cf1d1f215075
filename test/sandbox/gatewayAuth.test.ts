import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { basic, clientCredentialsRequest, clientToken, graphql, graphqlUrl } from "./helpers.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

const QUERY = "{ currentSubject { id } }";

async function expectUnauthenticated(token: string | undefined, url = graphqlUrl(sandbox, "us1")): Promise<string> {
  const { status, headers, body } = await graphql(url, token, QUERY);
  expect(status).toBe(401);
  expect(headers.get("www-authenticate")).toMatch(/^Bearer realm="taegis"/);
  expect(headers.get("content-type")).toMatch(/^application\/json/);
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]!.extensions).toEqual({ code: "UNAUTHENTICATED" });
  expect(body).not.toHaveProperty("data");
  return body.errors![0]!.message;
}

describe("bearer tokens at the gateways", () => {
  it("refuse a missing, garbage, expired or revoked token with a GraphQL-shaped 401", async () => {
    expect(await expectUnauthenticated(undefined)).toMatch(/No access token/);
    expect(await expectUnauthenticated("not.a.jwt")).toMatch(/not valid/);
    expect(await expectUnauthenticated(await sandbox.mintToken({ environment: "us1", ttlSeconds: -10 }))).toMatch(/expired/);
    const revoked = await sandbox.mintToken({ environment: "us1" });
    expect((await graphql(graphqlUrl(sandbox, "us1"), revoked, QUERY)).status).toBe(200);
    sandbox.revokeToken(revoked);
    expect(await expectUnauthenticated(revoked)).toMatch(/revoked/);
  });

  it("refuse a token signed by another sandbox", async () => {
    const other = await startSandbox({ regions: ["us1"] });
    try {
      expect(await expectUnauthenticated(await other.mintToken({ environment: "us1" }))).toMatch(/not valid/);
    } finally {
      await other.stop();
    }
  });

  it("accept a region's token only in that region, and a universal token everywhere", async () => {
    const us1Token = await clientToken(sandbox, "us1");
    expect((await graphql(graphqlUrl(sandbox, "us1"), us1Token, QUERY)).status).toBe(200);
    expect((await graphql(`${sandbox.environments["us1"]!.tenantsUrl}/public/query`, us1Token, "{ __typename }")).status).toBe(200);
    expect(await expectUnauthenticated(us1Token, graphqlUrl(sandbox, "us2"))).toMatch(/issued for environment us1/);
    expect(await expectUnauthenticated(us1Token, `${sandbox.environments["eu"]!.tenantsUrl}/public/query`)).toMatch(/us1/);

    const { clientId, clientSecret } = await sandbox.createClientCredentials({ environment: "us2" });
    const universal = ((await (await clientCredentialsRequest(sandbox.universalAuthenticationUrl, basic(clientId, clientSecret))).json()) as { access_token: string }).access_token;
    for (const region of ["us1", "us2", "eu"]) {
      const { status, body } = await graphql(graphqlUrl(sandbox, region), universal, QUERY);
      expect(status).toBe(200);
      expect(body.data!["currentSubject"]).toEqual({ id: `${clientId}@clients` });
    }
  });

  it("refuse a bad token on the WebSocket gateway with connection_error", async () => {
    const ws = new WebSocket(`${sandbox.environments["us1"]!.url.replace("http", "ws")}/events/query`, ["graphql-ws", "access-token-garbage"]);
    const messages: { type: string; payload?: { message: string; extensions?: unknown } }[] = [];
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: {} })));
    ws.on("message", (data) => messages.push(JSON.parse(String(data))));
    expect(await closed).toBe(4401);
    expect(messages).toEqual([{ type: "connection_error", payload: { message: expect.stringMatching(/not valid/), extensions: { code: "UNAUTHENTICATED" } } }]);
  });
});

describe("X-Tenant-Context", () => {
  const tenantQuery = "{ investigationsV2(arguments: {}) { totalCount investigations { tenantId } } }";

  it("selects one of the token's tenants; a token with one tenant needs none", async () => {
    const bob = await sandbox.mintToken({ environment: "us1", subject: "bob@example.com" });
    const second = await graphql(graphqlUrl(sandbox, "us1"), bob, tenantQuery, {}, { "x-tenant-context": "50002" });
    expect(second.status).toBe(200);
    expect(second.body.data!["investigationsV2"].investigations.every((i: { tenantId: string }) => i.tenantId === "50002")).toBe(true);

    const alice = await sandbox.mintToken({ environment: "us1", subject: "alice@example.com" });
    const implicit = await graphql(graphqlUrl(sandbox, "us1"), alice, tenantQuery);
    expect(implicit.body.data!["investigationsV2"].investigations[0].tenantId).toBe("50001");
  });

  it("answers FORBIDDEN (HTTP 200) for a tenant the token may not act in", async () => {
    const alice = await sandbox.mintToken({ environment: "us1", subject: "alice@example.com" });
    const { status, body } = await graphql(graphqlUrl(sandbox, "us1"), alice, tenantQuery, {}, { "x-tenant-context": "50002" });
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([{ message: expect.stringMatching(/X-Tenant-Context/), extensions: { code: "FORBIDDEN" } }]);
    const tenants = await graphql(`${sandbox.environments["us1"]!.tenantsUrl}/public/query`, alice, "{ tenants(tenantsQuery: {}) { count } }", {}, { "x-tenant-context": "50003" });
    expect(tenants.body.errors![0]!.extensions!.code).toBe("FORBIDDEN");
  });

  it("is needed for tenant data when the token may act in several tenants", async () => {
    const bob = await sandbox.mintToken({ environment: "us1", subject: "bob@example.com" });
    const { status, body } = await graphql(graphqlUrl(sandbox, "us1"), bob, tenantQuery);
    expect(status).toBe(200);
    expect(body.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    expect(body.errors![0]!.message).toMatch(/X-Tenant-Context/);
  });
});

describe("X-Request-Id", () => {
  it("is on every HTTP answer, fresh each time", async () => {
    const us1 = sandbox.environments["us1"]!.url;
    const answers = await Promise.all([
      fetch(`${us1}/auth/api/v2/auth/token`, { method: "POST" }),
      fetch(`${us1}/universal-auth/device/code/auth`, { method: "POST" }),
      fetch(`${us1}/universal-auth/device`),
      fetch(`${us1}/graphql`, { method: "POST", body: "{}" }),
      fetch(`${sandbox.url}/nowhere`),
      fetch(`${sandbox.universalAuthenticationUrl}/graphql`),
      graphql(graphqlUrl(sandbox, "us1"), await sandbox.mintToken({ environment: "us1" }), QUERY).then((r) => ({ headers: r.headers })),
    ]);
    const ids = answers.map((answer) => answer.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is on WebSocket upgrades, accepted or refused", async () => {
    const token = await sandbox.mintToken({ environment: "us1" });
    const accepted = new WebSocket(`${sandbox.environments["us1"]!.url.replace("http", "ws")}/events/query`, ["graphql-ws", `access-token-${token}`]);
    const upgradeId = await new Promise<string | undefined>((resolve, reject) => {
      accepted.on("upgrade", (response) => resolve(response.headers["x-request-id"] as string | undefined));
      accepted.on("error", reject);
    });
    expect(upgradeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(accepted.protocol).toBe("graphql-ws");
    accepted.close();

    const refused = new WebSocket(`${sandbox.environments["us1"]!.url.replace("http", "ws")}/graphql`, ["graphql-ws"]);
    const response = await new Promise<{ status: number | undefined; id: unknown }>((resolve) =>
      refused.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode, id: res.headers["x-request-id"] })),
    );
    expect(response.status).toBe(404);
    expect(response.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
