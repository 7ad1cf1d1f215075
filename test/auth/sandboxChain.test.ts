/**
 * The credential chain end to end, over real HTTP to the sandbox on
 * 127.0.0.1: token requests are counted on the server (sandbox metrics).
 * The sandbox's region us1 is the SDK's charlie environment
 * (`canonicalEnvironmentName("us1")`): tokens are cached under [charlie].
 */
import { readFile } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTokenProvider, type TokenProviderOptions } from "../../src/auth/createTokenProvider.js";
import type { DeviceCodePrompt } from "../../src/auth/interaction.js";
import { printDeviceCode } from "../../src/auth/printDeviceCode.js";
import { readConfig, writeToConfig } from "../../src/config/publicApi.js";
import { canonicalEnvironmentName } from "../../src/environments.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { LeakScan } from "./helpers/leakScan.js";
import { authFailure } from "./helpers/authFailure.js";
import { runTokenChild } from "./helpers/runChild.js";
import { tempConfigPath } from "./helpers/tempConfig.js";

const scan = new LeakScan();
let sandbox: Sandbox;
let us1: string;
let us2: string;
let credentials: { clientId: string; clientSecret: string };

beforeAll(async () => {
  sandbox = await startSandbox({ autoApproveDeviceCodes: false });
  us1 = sandbox.environments["us1"]!.url;
  us2 = sandbox.environments["us2"]!.url;
  credentials = await sandbox.createClientCredentials({ environment: "us1" });
  scan.secret(credentials.clientSecret, ...sandbox.users.flatMap((user) => [user.password, user.otp]));
});
afterAll(async () => {
  await sandbox.stop();
  expect(scan.size).toBeGreaterThan(0);
  expect(scan.leaks()).toEqual([]);
});

let configPath: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ configPath, cleanup } = await tempConfigPath());
  sandbox.resetMetrics();
});
afterEach(async () => cleanup());

const charlie = canonicalEnvironmentName("us1");
const clientEnv = () => ({ CLIENT_ID: credentials.clientId, CLIENT_SECRET: credentials.clientSecret });
const tokenRequests = () => sandbox.metrics().tokenRequests;

function provider(options: Partial<TokenProviderOptions> = {}) {
  return createTokenProvider({ configPath, interactive: false, env: clientEnv(), logger: scan.logger(), ...options });
}

function remember<T extends { accessToken: string }>(token: T): T {
  scan.secret(token.accessToken);
  return token;
}

const failure = (promise: Promise<unknown>): Promise<TaegisAuthError> => authFailure(scan, promise);

async function graphqlStatus(url: string, accessToken: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __typename }" }),
    signal: AbortSignal.timeout(5000),
  });
  await response.text();
  return response.status;
}

describe("client credentials against the sandbox", () => {
  it("authenticates from CLIENT_ID / CLIENT_SECRET, caches under [charlie], and a new process reuses the token without a token request", async () => {
    expect(charlie).toBe("charlie");
    const token = remember(await provider().getToken({ environment: charlie, authUrl: us1 }));
    expect(sandbox.metrics().tokenRequestsByGrant["client_credentials"]).toBe(1);
    expect(await graphqlStatus(us1, token.accessToken)).toBe(200);
    expect((await readConfig({ configPath }))["charlie"]?.["access_token"]).toBe(token.accessToken);

    sandbox.resetMetrics();
    const child = await runTokenChild({ TEST_CONFIG_PATH: configPath, TEST_ENVIRONMENT: "charlie", TEST_AUTH_URL: us1, ...clientEnv() });
    scan.text(child.stdout, child.stderr);
    expect(child).toMatchObject({ ok: true });
    expect(tokenRequests()).toBe(0);
    const { createHash } = await import("node:crypto");
    expect(child.fingerprint).toBe(createHash("sha256").update(token.accessToken).digest("hex").slice(0, 16));
  });

  it("authenticates charlie from CHARLIE_* once the config file maps them, while CLIENT_ID holds something wrong", async () => {
    await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", { configPath });
    await writeToConfig("charlie", "CLIENT_SECRET", "CHARLIE_CLIENT_SECRET", { configPath });
    const env = { CLIENT_ID: "wrong-id", CLIENT_SECRET: "wrong-secret", CHARLIE_CLIENT_ID: credentials.clientId, CHARLIE_CLIENT_SECRET: credentials.clientSecret };
    const token = remember(await provider({ env }).getToken({ environment: "charlie", authUrl: us1 }));
    expect(await graphqlStatus(us1, token.accessToken)).toBe(200);
    // Without the mapping, the wrong CLIENT_ID is what is sent, and the sandbox refuses it.
    const other = await tempConfigPath();
    try {
      const error = await failure(createTokenProvider({ configPath: other.configPath, interactive: false, env, logger: scan.logger() }).getToken({ environment: "charlie", authUrl: us1 }));
      expect(error.code).toBe("invalid_client");
    } finally {
      await other.cleanup();
    }
  });

  it("500 concurrent getToken calls on an empty cache cause exactly one token request", async () => {
    const p = provider();
    const tokens = await Promise.all(Array.from({ length: 500 }, () => p.getToken({ environment: "charlie", authUrl: us1 })));
    remember(tokens[0]!);
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
    expect(tokenRequests()).toBe(1);
  });

  it("8 processes started together on one config file cause one token request", async () => {
    const startAt = Date.now() + 2500;
    const children = await Promise.all(
      Array.from({ length: 8 }, () =>
        runTokenChild({ TEST_CONFIG_PATH: configPath, TEST_ENVIRONMENT: "charlie", TEST_AUTH_URL: us1, TEST_START_AT: String(startAt), ...clientEnv() }),
      ),
    );
    for (const child of children) scan.text(child.stdout, child.stderr);
    expect(children.map((child) => child.ok)).toEqual(Array(8).fill(true));
    expect(new Set(children.map((child) => child.fingerprint)).size).toBe(1);
    expect(tokenRequests()).toBe(1);
    remember({ accessToken: (await readConfig({ configPath }))["charlie"]!["access_token"]! });
  });

  it("the sandbox refuses openid-client's form-url-encoded Basic header for its secrets (they hold '+' and '~')", async () => {
    expect(credentials.clientSecret).toMatch(/[+~]/);
    const encoded = Buffer.from(`${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret).replace(/%20/g, "+")}`).toString("base64");
    const response = await fetch(`${us1}/auth/api/v2/auth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${encoded}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_client");
  });
});

describe("universal authentication against the sandbox", () => {
  it("two regions' requests cost one token request, cached under [universal]", async () => {
    const p = provider();
    const universal = { environment: "universal", authUrl: sandbox.universalAuthenticationUrl };
    // What a client does for a call to us1 and a call to us2 with universal authentication on:
    const [forUs1, forUs2] = await Promise.all([p.getToken(universal), p.getToken(universal)]);
    remember(forUs1);
    expect(forUs2.accessToken).toBe(forUs1.accessToken);
    expect(await graphqlStatus(us1, forUs1.accessToken)).toBe(200);
    expect(await graphqlStatus(us2, forUs2.accessToken)).toBe(200);
    expect(tokenRequests()).toBe(1);
    const file = await readConfig({ configPath });
    expect(file["universal"]?.["access_token"]).toBe(forUs1.accessToken);
    expect(file["charlie"]).toBeUndefined();
  });
});

describe("user logins against the sandbox", () => {
  function deviceProvider(options: Partial<TokenProviderOptions>) {
    return provider({ env: {}, interactive: true, ...options });
  }

  it("device code: the URL reaches onDeviceCode; pending, then slow_down (+5 s), then the approved token", async () => {
    const prompts: DeviceCodePrompt[] = [];
    const sleeps: number[] = [];
    const p = deviceProvider({
      onDeviceCode: (prompt) => {
        prompts.push(prompt);
        let text = "";
        printDeviceCode(prompt, { write: (t: string) => (text += t) });
        scan.text(text);
      },
      // No real waiting: the sandbox sees polls closer than the interval and answers slow_down.
      sleep: async (ms) => {
        sleeps.push(ms);
        if (sleeps.length === 3) sandbox.approveDeviceCode(prompts[0]!.userCode);
      },
    });
    const token = remember(await p.getToken({ environment: "charlie", authUrl: us1 }));
    expect(prompts[0]!.verificationUri).toBe(`${us1}/universal-auth/device`);
    expect(prompts[0]!.verificationUriComplete).toContain(`user_code=${encodeURIComponent(prompts[0]!.userCode)}`);
    expect(sleeps).toEqual([1000, 1000, 6000]);
    const polls = sandbox.metrics().requests.filter((r) => r.path.endsWith("/device/code/token"));
    expect(polls.length).toBe(3);
    expect(await graphqlStatus(us1, token.accessToken)).toBe(200);
    expect((await readConfig({ configPath }))["charlie"]?.["access_token"]).toBe(token.accessToken);
  });

  it("device code: a denied login is access_denied", async () => {
    const p = deviceProvider({ onDeviceCode: (prompt) => sandbox.denyDeviceCode(prompt.userCode), sleep: async () => {} });
    const error = await failure(p.getToken({ environment: "charlie", authUrl: us1 }));
    expect(error).toMatchObject({ code: "access_denied", error: "access_denied", environment: "charlie" });
  });

  it("device code: a code that expires before approval is expired_token (the server's answer)", async () => {
    const short = await startSandbox({ autoApproveDeviceCodes: false, deviceCodeExpiresInSeconds: 0.2, regions: ["us1"] });
    try {
      const fixed = Date.now();
      const p = deviceProvider({
        onDeviceCode: () => {},
        now: () => fixed, // our own deadline never passes: the answer comes from the server
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 300))),
      });
      const error = await failure(p.getToken({ environment: "charlie", authUrl: short.environments["us1"]!.url }));
      expect(error).toMatchObject({ code: "expired_token", error: "expired_token" });
    } finally {
      await short.stop();
    }
  });

  it("password login with MFA works; a wrong OTP is invalid_otp and leaves the config file's bytes unchanged", async () => {
    const bob = sandbox.users.find((user) => user.otp !== undefined)!;
    const cached = await sandbox.mintToken({ environment: "us1", ttlSeconds: 30 }); // within the skew: not fresh
    scan.secret(cached);
    await writeToConfig("charlie", "access_token", cached, { configPath });
    const bytes = await readFile(configPath);
    const login = (otp: string) =>
      deviceProvider({
        loginMethod: "password",
        promptUsername: async () => bob.username,
        promptPassword: async () => bob.password,
        promptOtp: async () => otp,
      });
    scan.secret("000000");
    const error = await failure(login("000000").getToken({ environment: "charlie", authUrl: us1 }));
    expect(error).toMatchObject({ code: "invalid_otp", environment: "charlie" });
    expect(await readFile(configPath)).toEqual(bytes);
    expect(sandbox.metrics().tokenRequestsByGrant).toMatchObject({ password: 1, mfa: 1 });

    const token = remember(await login(bob.otp!).getToken({ environment: "charlie", authUrl: us1 }));
    expect(await graphqlStatus(us1, token.accessToken)).toBe(200);
    expect((await readConfig({ configPath }))["charlie"]?.["access_token"]).toBe(token.accessToken);
  });
});
