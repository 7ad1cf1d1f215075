import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { basic, clientCredentialsRequest, graphql, graphqlUrl } from "./helpers.js";

let sandbox: Sandbox;
let auth: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  const { clientId, clientSecret } = await sandbox.createClientCredentials({ environment: "us1" });
  auth = basic(clientId, clientSecret);
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.resetMetrics());

const us1 = () => sandbox.environments["us1"]!.url;
const TOKEN_PATH = "/auth/api/v2/auth/token";

describe("inject", () => {
  it("answers the next `times` matching requests with the fault, then the real answer", async () => {
    sandbox.inject({ path: TOKEN_PATH, status: 503, times: 2, body: "" });
    expect((await clientCredentialsRequest(us1(), auth)).status).toBe(503);
    expect((await clientCredentialsRequest(sandbox.environments["eu"]!.url, auth)).status).toBe(503);
    expect((await clientCredentialsRequest(us1(), auth)).status).toBe(200);
  });

  it("answers HTML, empty bodies, 429 with Retry-After and redirects as given", async () => {
    sandbox.inject({ path: "/us1/graphql", status: 502, body: "<html><body>Bad gateway</body></html>" });
    const html = await fetch(`${us1()}/graphql`, { method: "POST", body: "{}" });
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await html.text()).toContain("Bad gateway");
    expect(html.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    sandbox.inject({ path: TOKEN_PATH, body: "" });
    const empty = await clientCredentialsRequest(us1(), auth);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe("");

    sandbox.inject({ path: TOKEN_PATH, status: 429, headers: { "Retry-After": "2" }, body: '{"error":"slow down"}' });
    const limited = await clientCredentialsRequest(us1(), auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.headers.get("content-type")).toMatch(/^application\/json/);

    sandbox.inject({ path: "/us1/graphql", status: 302, headers: { Location: "http://other.invalid/graphql" } });
    const redirect = await fetch(`${us1()}/graphql`, { method: "POST", body: "{}", redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("http://other.invalid/graphql");
  });

  it("with delayMs alone delays the real answer", async () => {
    sandbox.inject({ path: TOKEN_PATH, delayMs: 300 });
    const started = Date.now();
    const response = await clientCredentialsRequest(us1(), auth);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(((await response.json()) as { access_token?: string }).access_token).toEqual(expect.any(String));
  });

  it("can make a client give up on a slow answer", async () => {
    sandbox.inject({ path: "/us1/graphql", delayMs: 5_000, status: 200, body: "{}" });
    await expect(fetch(`${us1()}/graphql`, { method: "POST", body: "{}", signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });

  it("matches only the paths it names", async () => {
    sandbox.inject({ path: "/us2/graphql", status: 500 });
    const token = await sandbox.mintToken({ environment: "universal" });
    expect((await graphql(graphqlUrl(sandbox, "us1"), token, "{ __typename }")).status).toBe(200);
    expect((await fetch(`${sandbox.environments["us1"]!.url}/agent-graphql`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: '{"query":"{ __typename }"}' })).status).toBe(200);
    const faulted = await fetch(graphqlUrl(sandbox, "us2"), { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: '{"query":"{ __typename }"}' });
    expect(faulted.status).toBe(500);
    expect(await faulted.text()).toBe("");
    expect((await graphql(graphqlUrl(sandbox, "us2"), token, "{ __typename }")).status).toBe(200);
  });

  it("refuses a fault without a path", () => {
    expect(() => sandbox.inject({ path: "" })).toThrow(/path/);
    expect(() => sandbox.inject({ path: "/x", times: 0 })).toThrow(/times/);
  });
});

describe("metrics", () => {
  it("counts token requests by grant and GraphQL requests per region", async () => {
    await clientCredentialsRequest(us1(), auth);
    await clientCredentialsRequest(us1(), basic("nobody", "nothing"));
    const device = (await (await fetch(`${us1()}/universal-auth/device/code/auth`, { method: "POST" })).json()) as { device_code: string };
    const tokenAnswer = await fetch(`${us1()}/universal-auth/device/code/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ device_code: device.device_code }) });
    const userToken = ((await tokenAnswer.json()) as { access_token: string }).access_token;
    await fetch(`${sandbox.universalAuthenticationUrl}/universal-auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "alice@example.com", password: "wrong", grant_type: "password" }),
    });
    await graphql(graphqlUrl(sandbox, "us1"), userToken, "{ __typename }");
    await graphql(graphqlUrl(sandbox, "us1"), userToken, "{ __typename }");
    await graphql(`${sandbox.environments["eu"]!.tenantsUrl}/public/query`, userToken, "{ __typename }");

    const metrics = sandbox.metrics();
    expect(metrics.tokenRequests).toBe(4);
    expect(metrics.tokenRequestsByGrant).toEqual({ client_credentials: 2, device_code: 1, password: 1, mfa: 0 });
    expect(metrics.graphqlRequests).toEqual({ total: 3, us1: 2, us2: 0, eu: 1 });
    const last = metrics.requests.at(-1)!;
    expect(last).toMatchObject({ method: "POST", path: "/eu-tenants/public/query" });
    expect(last.headers["authorization"] === `Bearer ${userToken}`).toBe(true);
    expect(last.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(metrics.requests.map((request) => request.path)).toContain("/us1/universal-auth/device/code/auth");

    sandbox.resetMetrics();
    expect(sandbox.metrics()).toEqual({
      tokenRequests: 0,
      tokenRequestsByGrant: { client_credentials: 0, device_code: 0, password: 0, mfa: 0 },
      graphqlRequests: { total: 0, us1: 0, us2: 0, eu: 0 },
      requests: [],
    });
  });

  it("counts faulted requests too, and keeps the last 1000 requests", async () => {
    sandbox.inject({ path: TOKEN_PATH, status: 500, times: 3 });
    for (let i = 0; i < 3; i++) await clientCredentialsRequest(us1(), auth);
    expect(sandbox.metrics().tokenRequestsByGrant["client_credentials"]).toBe(3);
    for (let batch = 0; batch < 101; batch++) {
      await Promise.all(Array.from({ length: 10 }, () => fetch(`${sandbox.url}/nowhere`).then((r) => r.arrayBuffer())));
    }
    const { requests } = sandbox.metrics();
    expect(requests).toHaveLength(1000);
    expect(requests.every((request) => request.path === "/nowhere")).toBe(true);
  });
});
