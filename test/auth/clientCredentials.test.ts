import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as oauth from "openid-client";
import { clientCredentials, clientCredentialNames } from "../../src/auth/clientCredentials.js";
import { clientCredentialsGrant } from "../../src/auth/clientCredentialsGrant.js";
import { CredentialUnavailableError } from "../../src/errors/CredentialUnavailableError.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import { TaegisOptionsError } from "../../src/errors/TaegisOptionsError.js";
import { LeakScan } from "./helpers/leakScan.js";
import { authFailure } from "./helpers/authFailure.js";
import { startLoopbackServer, type LoopbackServer, type ScriptedAnswer } from "./helpers/loopbackServer.js";
import { testJwt } from "./helpers/jwt.js";

const SECRET = "s3cr-et_v~al+ue/with=all"; // '-', '_', '~', '+', and base64-ish '/' '='
const CLIENT_ID = "client-id_1";
const scan = new LeakScan();
scan.secret(SECRET);

let server: LoopbackServer;
let script: (path: string) => ScriptedAnswer | Promise<ScriptedAnswer>;
let token: string;

beforeAll(async () => {
  token = await testJwt(3600);
  scan.secret(token);
  server = await startLoopbackServer((request) => script(request.path));
});
afterAll(async () => {
  await server.close();
  expect(scan.size).toBeGreaterThan(0);
  expect(scan.leaks()).toEqual([]);
});

function source(env: NodeJS.ProcessEnv = { CLIENT_ID, CLIENT_SECRET: SECRET }, extra: Partial<Parameters<typeof clientCredentials>[0]> = {}) {
  return clientCredentials({ configPath: "/nonexistent/config", readConfig: async () => ({}), env, timeoutMs: 2000, logger: scan.logger(), ...extra });
}

const failure = (promise: Promise<unknown>): Promise<TaegisAuthError> => authFailure(scan, promise);

describe("client credentials source", () => {
  it("sends grant_type=client_credentials with raw HTTP Basic and returns the token with expires_in", async () => {
    script = () => ({ json: { access_token: token, token_type: "Bearer", expires_in: 120 } });
    const before = Date.now();
    const result = await source().getToken({ environment: "charlie", authUrl: server.url });
    expect(result.accessToken).toBe(token);
    expect(result.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    expect(result.expiresAt.getTime()).toBeLessThan(before + 130_000);
    const request = server.requests.at(-1)!;
    expect(request.path).toBe("/auth/api/v2/auth/token");
    expect(new URLSearchParams(request.body).get("grant_type")).toBe("client_credentials");
    // Exactly what the Python SDK sends: base64 of the raw id and secret.
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString("base64")}`);
  });

  it("differs from openid-client's ClientSecretBasic, which form-url-encodes the secret first", () => {
    const headers = new Headers();
    oauth.ClientSecretBasic(SECRET)({ issuer: "x" }, { client_id: CLIENT_ID }, new URLSearchParams(), headers);
    const decoded = Buffer.from(headers.get("authorization")!.replace(/^Basic /, ""), "base64").toString("utf8");
    expect(decoded).not.toBe(`${CLIENT_ID}:${SECRET}`);
    expect(decoded).toContain("%2B"); // '+' is sent as %2B: Taegis (and the sandbox) compare raw bytes, so this fails
  });

  it("uses the JWT exp when there is no expires_in", async () => {
    const short = await testJwt(600);
    scan.secret(short);
    script = () => ({ json: { access_token: short, token_type: "bearer" } });
    const result = await source().getToken({ environment: "charlie", authUrl: server.url });
    expect(Math.abs(result.expiresAt.getTime() - (Date.now() + 600_000))).toBeLessThan(5_000);
  });

  it("is unavailable when the variables are not set, naming them", async () => {
    const error = await source({}).getToken({ environment: "charlie", authUrl: server.url }).catch((e: unknown) => e);
    scan.error(error);
    expect(error).toBeInstanceOf(CredentialUnavailableError);
    expect((error as Error).message).toContain("CLIENT_ID / CLIENT_SECRET are not set");
  });

  it("is unavailable, with a warning, when only one of the pair is set", async () => {
    const logger = scan.logger();
    const error = await source({ CLIENT_ID }, { logger }).getToken({ environment: "charlie", authUrl: server.url }).catch((e: unknown) => e);
    scan.error(error);
    expect(error).toBeInstanceOf(CredentialUnavailableError);
    expect((error as Error).message).toContain("CLIENT_SECRET is not set");
    expect(logger.lines.join("\n")).toContain("CLIENT_SECRET is not set");
  });

  it("reads the variable names the config file maps for the environment (keys in any case)", async () => {
    script = () => ({ json: { access_token: token, token_type: "Bearer", expires_in: 60 } });
    const sections = { charlie: { client_id: "CHARLIE_CLIENT_ID", CLIENT_SECRET: "CHARLIE_CLIENT_SECRET" } };
    const env = { CLIENT_ID: "wrong", CLIENT_SECRET: "wrong", CHARLIE_CLIENT_ID: CLIENT_ID, CHARLIE_CLIENT_SECRET: SECRET };
    await source(env, { readConfig: async () => sections }).getToken({ environment: "charlie", authUrl: server.url });
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString("base64")}`);
    const names = clientCredentialNames(sections, "charlie", "/tmp/x/config");
    expect(names.description).toBe("CHARLIE_CLIENT_ID / CHARLIE_CLIENT_SECRET (mapped in /tmp/x/config [charlie])");
    expect(clientCredentialNames(sections, "delta", "/tmp/x/config").description).toBe("CLIENT_ID / CLIENT_SECRET");
  });

  it("refuses a non-loopback http:// authentication URL before any request", async () => {
    const count = server.requests.length;
    await expect(source().getToken({ environment: "charlie", authUrl: "http://auth.example.com" })).rejects.toBeInstanceOf(TaegisOptionsError);
    expect(server.requests.length).toBe(count);
  });

  const cases: [string, ScriptedAnswer, string, Partial<TaegisAuthError>][] = [
    [
      "401 invalid_client",
      { status: 401, json: { error: "invalid_client", error_description: "bad secret" }, headers: { "www-authenticate": 'Basic realm="taegis"' } },
      "invalid_client",
      { status: 401, error: "invalid_client", errorDescription: "bad secret" },
    ],
    ["400 invalid_grant", { status: 400, json: { error: "invalid_grant" } }, "invalid_grant", { status: 400, error: "invalid_grant" }],
    ["400 unauthorized_client", { status: 400, json: { error: "unauthorized_client", error_description: "no" } }, "oauth_error", { error: "unauthorized_client" }],
    ["503 HTML", { status: 503, text: "<html>down</html>", headers: { "content-type": "text/html" } }, "server_error", { status: 503 }],
    ["500 JSON error", { status: 500, json: { error: "server_error" } }, "server_error", { status: 500, error: "server_error" }],
    ["429", { status: 429, text: "slow", headers: { "retry-after": "1" } }, "server_error", { status: 429 }],
    ["200 HTML", { status: 200, text: "<html>login</html>", headers: { "content-type": "text/html" } }, "invalid_response", { status: 200 }],
    ["200 JSON without access_token", { status: 200, json: { token_type: "bearer", secret_echo: SECRET } }, "invalid_response", { status: 200 }],
    ["200 JSON without token_type (body holds the token)", { status: 200, json: { access_token: "ZZtoken-in-a-bad-body" } }, "invalid_response", { status: 200 }],
    ["404 HTML", { status: 404, text: "not found" }, "invalid_response", { status: 404 }],
  ];
  scan.secret("ZZtoken-in-a-bad-body");
  it.each(cases)("maps %s", async (_label, answer, code, fields) => {
    script = () => answer;
    const error = await failure(source().getToken({ environment: "charlie", authUrl: server.url }));
    expect(error.code).toBe(code);
    expect(error).toMatchObject({ environment: "charlie", ...fields });
    expect(error.message).toContain('environment "charlie"');
    if (code === "invalid_client") expect(error.message).toContain("CLIENT_ID / CLIENT_SECRET");
  });

  it("times out with code timeout", async () => {
    script = () => ({ delayMs: 1500, json: { access_token: token, token_type: "bearer" } });
    const error = await failure(source(undefined, { timeoutMs: 150 }).getToken({ environment: "charlie", authUrl: server.url }));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("150 ms");
  });

  it("is cancelled by the caller's signal with code aborted", async () => {
    script = () => ({ delayMs: 1500, json: { access_token: token, token_type: "bearer" } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(source().getToken({ environment: "charlie", authUrl: server.url, signal: controller.signal }));
    expect(error.code).toBe("aborted");
  });

  it("reports a refused connection as network", async () => {
    const closed = await startLoopbackServer(() => ({}));
    await closed.close();
    const error = await failure(source().getToken({ environment: "charlie", authUrl: closed.url }));
    expect(error.code).toBe("network");
    expect(error.message).toContain(closed.url);
  });

  it("sends through the injected fetch", async () => {
    script = () => ({ json: { access_token: token, token_type: "bearer", expires_in: 60 } });
    const seen: string[] = [];
    const fetchSpy: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    await clientCredentialsGrant({
      environment: "charlie",
      authUrl: new URL(server.url),
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      credentialNames: "CLIENT_ID / CLIENT_SECRET",
      fetch: fetchSpy,
      timeoutMs: 1000,
      now: Date.now,
    });
    expect(seen).toEqual([`${server.url}/auth/api/v2/auth/token`]);
  });
});
