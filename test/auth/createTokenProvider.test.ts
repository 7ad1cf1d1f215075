import { readFile } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearAccessToken } from "../../src/auth/clearAccessToken.js";
import { createTokenProvider, type TokenProviderOptions } from "../../src/auth/createTokenProvider.js";
import { defaultInteractive } from "../../src/auth/defaultInteractive.js";
import type { DeviceCodePrompt } from "../../src/auth/interaction.js";
import { tokenCacheFor } from "../../src/auth/tokenCache.js";
import { readConfig, writeToConfig } from "../../src/config/publicApi.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import { LeakScan } from "./helpers/leakScan.js";
import { authFailure } from "./helpers/authFailure.js";
import { testJwt } from "./helpers/jwt.js";
import { startLoopbackServer, type LoopbackServer, type RecordedRequest, type ScriptedAnswer } from "./helpers/loopbackServer.js";
import { tempConfigPath } from "./helpers/tempConfig.js";

const CLIENT_ID = "unit-client";
const SECRET = "unit-Secret_with~and+and-";
const PASSWORD = "unit-Password-1";
const OTP = "112233";
const scan = new LeakScan();
scan.secret(SECRET, PASSWORD, OTP);

let server: LoopbackServer;
let tokenDelayMs = 0;
const issued: string[] = [];

async function issue(): Promise<ScriptedAnswer> {
  const token = await testJwt(3600);
  issued.push(token);
  scan.secret(token);
  return { delayMs: tokenDelayMs, json: { access_token: token, token_type: "Bearer", expires_in: 3600 } };
}

async function answer(request: RecordedRequest): Promise<ScriptedAnswer> {
  if (request.path.endsWith("/auth/api/v2/auth/token")) {
    const expected = `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString("base64")}`;
    if (request.headers.authorization !== expected) return { status: 401, json: { error: "invalid_client", error_description: "Client authentication failed." } };
    return issue();
  }
  if (request.path.endsWith("/universal-auth/device/code/auth")) {
    return { json: { device_code: "dc-1", user_code: "UC-1", verification_uri: `${server.url}/device`, interval: 1, expires_in: 30 } };
  }
  if (request.path.endsWith("/universal-auth/device/code/token")) return issue();
  if (request.path.endsWith("/universal-auth/token")) {
    const body = JSON.parse(request.body) as Record<string, string>;
    if (body["grant_type"] === "password") return body["password"] === PASSWORD ? { json: { mfa_token: "mfa-1" } } : { status: 400, json: { error: "invalid_grant" } };
    return body["otp"] === OTP ? issue() : { status: 400, json: { error: "invalid_grant", error_description: "invalid otp" } };
  }
  return { status: 404, text: "no" };
}

const tokenRequests = () => server.requests.filter((r) => r.path.endsWith("/auth/api/v2/auth/token")).length;

beforeAll(async () => {
  server = await startLoopbackServer(answer);
});
afterAll(async () => {
  await server.close();
  expect(scan.size).toBeGreaterThan(0);
  expect(scan.leaks()).toEqual([]);
});

let configPath: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ configPath, cleanup } = await tempConfigPath());
  tokenDelayMs = 0;
});
afterEach(async () => cleanup());

function provider(options: Partial<TokenProviderOptions> = {}) {
  return createTokenProvider({
    configPath,
    interactive: false,
    env: { CLIENT_ID, CLIENT_SECRET: SECRET },
    logger: scan.logger(),
    sleep: async () => {},
    ...options,
  });
}

const failure = (promise: Promise<unknown>): Promise<TaegisAuthError> => authFailure(scan, promise);

const request = (environment = "charlie") => ({ environment, authUrl: `${server.url}/us1` });

describe("createTokenProvider: the chain", () => {
  it("gets a token by client credentials, caches it in the file under the environment, and serves it from memory", async () => {
    const p = provider();
    const before = tokenRequests();
    const token = await p.getToken(request());
    expect(tokenRequests() - before).toBe(1);
    expect((await readConfig({ configPath }))["charlie"]?.["access_token"]).toBe(token.accessToken);
    expect(p.peek("charlie")?.accessToken).toBe(token.accessToken);
    expect(p.peek("US1")?.accessToken).toBe(token.accessToken);
    await p.getToken(request("us1"));
    expect(tokenRequests() - before).toBe(1);
  });

  it("takes a fresh token from the config file before client credentials", async () => {
    const cached = await testJwt(3600);
    scan.secret(cached);
    await writeToConfig("charlie", "access_token", cached, { configPath });
    const before = tokenRequests();
    expect((await provider().getToken(request())).accessToken).toBe(cached);
    expect(tokenRequests()).toBe(before);
  });

  it("skips an expiring cached token (within the skew) and replaces it", async () => {
    const expiring = await testJwt(30);
    scan.secret(expiring);
    await writeToConfig("charlie", "access_token", expiring, { configPath });
    const token = await provider().getToken(request());
    expect(token.accessToken).not.toBe(expiring);
    expect((await readConfig({ configPath }))["charlie"]?.["access_token"]).toBe(token.accessToken);
  });

  it("lets an explicit token win, per call over the client's, without caching it", async () => {
    const p = provider({ accessToken: "client-level-token" });
    expect((await p.getToken(request())).accessToken).toBe("client-level-token");
    expect((await p.getToken({ ...request(), accessToken: "call-level-token" })).accessToken).toBe("call-level-token");
    expect(p.peek("charlie")?.accessToken).toBe("client-level-token");
    expect(await readConfig({ configPath })).toEqual({});
  });

  it("reads the remapped variable names while CLIENT_ID holds something wrong", async () => {
    await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", { configPath });
    await writeToConfig("charlie", "CLIENT_SECRET", "CHARLIE_CLIENT_SECRET", { configPath });
    const p = provider({ env: { CLIENT_ID: "wrong", CLIENT_SECRET: "wrong-too", CHARLIE_CLIENT_ID: CLIENT_ID, CHARLIE_CLIENT_SECRET: SECRET } });
    await expect(p.getToken(request())).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it("without credentials and without interaction: no_credentials naming the environment, the variables, and what to do", async () => {
    await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", { configPath });
    await writeToConfig("charlie", "CLIENT_SECRET", "CHARLIE_CLIENT_SECRET", { configPath });
    const error = await failure(provider({ env: {} }).getToken(request()));
    expect(error.code).toBe("no_credentials");
    expect(error.environment).toBe("charlie");
    expect(error.message).toContain('environment "charlie"');
    expect(error.message).toContain(`CHARLIE_CLIENT_ID / CHARLIE_CLIENT_SECRET (mapped in ${configPath} [charlie])`);
    expect(error.message).toContain("interactive: true");
    expect(error.message).toContain("accessToken");
    const plain = await failure(provider({ env: {} }).getToken(request("delta")));
    expect(plain.message).toContain("CLIENT_ID / CLIENT_SECRET are not set");
  });

  it("reports rejected client credentials as invalid_client, naming the variables, never the secret", async () => {
    scan.secret("a-wrong-secret");
    const error = await failure(provider({ env: { CLIENT_ID, CLIENT_SECRET: "a-wrong-secret" } }).getToken(request()));
    expect(error).toMatchObject({ code: "invalid_client", status: 401, error: "invalid_client" });
    expect(error.message).toContain("CLIENT_ID / CLIENT_SECRET");
  });

  it("logs in by device code only when interactive, and caches the token", async () => {
    const prompts: DeviceCodePrompt[] = [];
    const p = provider({ env: {}, interactive: true, onDeviceCode: (prompt) => void prompts.push(prompt) });
    const token = await p.getToken(request());
    expect(prompts[0]?.verificationUri).toBe(`${server.url}/device`);
    expect((await readConfig({ configPath }))["charlie"]?.["access_token"]).toBe(token.accessToken);
  });

  it("prefers client credentials to a login even when interactive", async () => {
    const prompts: DeviceCodePrompt[] = [];
    await provider({ interactive: true, onDeviceCode: (prompt) => void prompts.push(prompt) }).getToken(request());
    expect(prompts).toEqual([]);
  });

  it("password login with MFA works; a wrong OTP is invalid_otp and leaves the config file's bytes unchanged", async () => {
    const old = await testJwt(10); // expired within the skew: the chain must log in
    scan.secret(old);
    await writeToConfig("charlie", "access_token", old, { configPath });
    await writeToConfig("charlie", "CLIENT_ID", "NOT_SET_ID", { configPath });
    const bytes = await readFile(configPath);
    const hooks = (otp: string) => ({
      env: {},
      interactive: true,
      loginMethod: "password" as const,
      promptUsername: async () => "analyst@example.com",
      promptPassword: async () => PASSWORD,
      promptOtp: async () => otp,
    });
    scan.secret("998877");
    const error = await failure(provider(hooks("998877")).getToken(request()));
    expect(error.code).toBe("invalid_otp");
    expect(await readFile(configPath)).toEqual(bytes);
    const token = await provider(hooks(OTP)).getToken(request());
    expect((await readConfig({ configPath }))["charlie"]?.["access_token"]).toBe(token.accessToken);
  });

  it("caches universal tokens under [universal]: one token request serves every region", async () => {
    const p = provider();
    const before = tokenRequests();
    const universal = { environment: "universal", authUrl: `${server.url}/universal` };
    const [a, b] = await Promise.all([p.getToken(universal), p.getToken(universal)]);
    expect(a.accessToken).toBe(b.accessToken);
    expect(tokenRequests() - before).toBe(1);
    const file = await readConfig({ configPath });
    expect(file["universal"]?.["access_token"]).toBe(a.accessToken);
    expect(file["charlie"]).toBeUndefined();
  });

  it("500 concurrent getToken calls on an empty cache make one token request", async () => {
    tokenDelayMs = 50;
    const p = provider();
    const before = tokenRequests();
    const tokens = await Promise.all(Array.from({ length: 500 }, () => p.getToken(request())));
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(tokenRequests() - before).toBe(1);
  });

  it("invalidate drops the token only while it is still the cached one; forceRefresh gets a new one", async () => {
    const p = provider();
    const first = await p.getToken(request());
    await p.invalidate("charlie", "some-other-token");
    expect(p.peek("charlie")?.accessToken).toBe(first.accessToken);
    await p.invalidate("charlie", first.accessToken);
    expect(p.peek("charlie")).toBeUndefined();
    expect((await readConfig({ configPath }))["charlie"]?.["access_token"]).toBeUndefined();
    const second = await p.getToken(request());
    expect(second.accessToken).not.toBe(first.accessToken);
    const third = await p.getToken({ ...request(), forceRefresh: true });
    expect(third.accessToken).not.toBe(second.accessToken);
    expect((await readConfig({ configPath }))["charlie"]?.["access_token"]).toBe(third.accessToken);
  });

  it("clear and clearAccessToken empty the token in memory and in the file", async () => {
    const p = provider();
    await p.getToken(request());
    await p.getToken({ environment: "universal", authUrl: `${server.url}/universal` });
    await p.clear("charlie");
    expect(p.peek("charlie")).toBeUndefined();
    expect((await readConfig({ configPath }))["charlie"]).toBeUndefined();
    await clearAccessToken("universal", { configPath });
    expect(p.peek("universal")).toBeUndefined();
    expect((await readConfig({ configPath }))["universal"]).toBeUndefined();
    expect(tokenCacheFor(configPath).peek("universal")).toBeUndefined();
  });

  it("an AbortSignal cancels a token request with code aborted, and others waiting still get the token", async () => {
    tokenDelayMs = 300;
    const p = provider();
    const controller = new AbortController();
    const cancelled = p.getToken({ ...request(), signal: controller.signal });
    const patient = p.getToken(request());
    setTimeout(() => controller.abort(), 20);
    const error = await failure(cancelled);
    expect(error.code).toBe("aborted");
    await expect(patient).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it("an AbortSignal cancels a device code login between polls", async () => {
    const controller = new AbortController();
    let polls = 0;
    const p = provider({
      env: {},
      interactive: true,
      onDeviceCode: () => {},
      fetch: async (input, init) => {
        if (String(input).endsWith("/device/code/token")) {
          polls += 1;
          return new Response(JSON.stringify({ error: "authorization_pending" }), { status: 400 });
        }
        return fetch(input, init);
      },
      sleep: (_ms, signal) =>
        new Promise<void>((resolve, reject) => {
          if (polls === 2) controller.abort();
          if (signal?.aborted) return reject(signal.reason);
          setTimeout(resolve, 1);
        }),
    });
    const error = await failure(p.getToken({ ...request(), signal: controller.signal }));
    expect(error.code).toBe("aborted");
    expect(polls).toBe(2);
  });

  it("refuses bad options before any request", () => {
    expect(() => createTokenProvider({ configPath: "" })).toThrow(/configPath/);
    expect(() => createTokenProvider({ configPath, timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => createTokenProvider({ configPath, loginMethod: "sms" as never })).toThrow(/loginMethod/);
  });

  it("defaultInteractive needs two terminals and no CI", () => {
    expect(defaultInteractive({ env: {}, stdinIsTTY: true, stderrIsTTY: true })).toBe(true);
    expect(defaultInteractive({ env: { CI: "true" }, stdinIsTTY: true, stderrIsTTY: true })).toBe(false);
    expect(defaultInteractive({ env: { CI: "false" }, stdinIsTTY: true, stderrIsTTY: true })).toBe(true);
    expect(defaultInteractive({ env: {}, stdinIsTTY: false, stderrIsTTY: true })).toBe(false);
    expect(defaultInteractive({ env: {}, stdinIsTTY: true, stderrIsTTY: false })).toBe(false);
  });
});
