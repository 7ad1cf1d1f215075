import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { decodeJwt } from "jose";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { graphql, graphqlUrl, postJson, redactToken } from "./helpers.js";

interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  interval: number;
  expires_in: number;
}

const start = async (authUrl: string): Promise<DeviceAuthorization> => {
  const response = await fetch(`${authUrl}/universal-auth/device/code/auth`, { method: "POST" });
  expect(response.status).toBe(200);
  return (await response.json()) as DeviceAuthorization;
};

const poll = async (authUrl: string, code: DeviceAuthorization): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await postJson(`${authUrl}/universal-auth/device/code/token`, { device_code: code.device_code, interval: code.interval });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** A sandbox with the default options, for the auto-approval and password tests. */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

describe("device code with auto-approval (the default)", () => {
  it("hands out a device authorization and a token on the first poll, as the first seeded user", async () => {
    sandbox.resetMetrics();
    const authUrl = sandbox.environments["us2"]!.url;
    const code = await start(authUrl);
    expect(code.user_code).toMatch(/^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/);
    expect(code.verification_uri).toBe(`${authUrl}/universal-auth/device`);
    expect(code.verification_uri_complete).toBe(`${authUrl}/universal-auth/device?user_code=${code.user_code}`);
    expect(code.interval).toBe(1);
    expect(code.expires_in).toBe(600);
    const { status, body } = await poll(authUrl, code);
    expect(status).toBe(200);
    expect(redactToken(body)).toEqual({ access_token: "<jwt>", token_type: "bearer", expires_in: 3600 });
    const claims = decodeJwt(body["access_token"] as string);
    expect(claims["https://missione/octolabs/io/environment"]).toBe("us2");
    expect(claims["https://missione/octolabs/io/tenantIds"]).toEqual(sandbox.users[0]!.tenantIds);
    const again = await poll(authUrl, code);
    expect(again).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(sandbox.metrics().tokenRequestsByGrant["device_code"]).toBe(2);
  });

  it("refuses unknown codes and codes of another environment", async () => {
    const code = await start(sandbox.universalAuthenticationUrl);
    expect(await poll(sandbox.environments["us1"]!.url, code)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const missing = await postJson(`${sandbox.universalAuthenticationUrl}/universal-auth/device/code/token`, {});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    const universal = await poll(sandbox.universalAuthenticationUrl, code);
    expect(decodeJwt(universal.body["access_token"] as string)["https://missione/octolabs/io/environment"]).toBe("universal");
  });
});

describe("device code with manual approval", () => {
  let manual: Sandbox;
  beforeAll(async () => {
    manual = await startSandbox({ autoApproveDeviceCodes: false, deviceCodeIntervalSeconds: 0.2 });
  });
  afterAll(() => manual.stop());
  const authUrl = () => manual.environments["us1"]!.url;

  it("answers authorization_pending until approved, then the approving user's token", async () => {
    const code = await start(authUrl());
    expect(await poll(authUrl(), code)).toMatchObject({ status: 400, body: { error: "authorization_pending", error_description: expect.any(String) } });
    manual.approveDeviceCode(code.user_code, "carol@example.com");
    const { status, body } = await poll(authUrl(), code);
    expect(status).toBe(200);
    expect(decodeJwt(body["access_token"] as string)["https://missione/octolabs/io/tenantIds"]).toEqual(["50002", "50003"]);
  });

  it("answers access_denied once denied", async () => {
    const code = await start(authUrl());
    manual.denyDeviceCode(code.user_code);
    expect(await poll(authUrl(), code)).toMatchObject({ status: 400, body: { error: "access_denied" } });
    expect(() => manual.approveDeviceCode(code.user_code)).toThrow(/no longer pending/);
  });

  it("answers slow_down to a poll faster than the interval, adding 5 s each time", async () => {
    const code = await start(authUrl());
    expect((await poll(authUrl(), code)).body["error"]).toBe("authorization_pending");
    const first = await poll(authUrl(), code);
    expect(first).toMatchObject({ status: 400, body: { error: "slow_down" } });
    expect(first.body["error_description"]).toMatch(/\b5\.2 seconds\b/);
    const second = await poll(authUrl(), code);
    expect(second.body["error"]).toBe("slow_down");
    expect(second.body["error_description"]).toMatch(/\b10\.2 seconds\b/);
  });

  it("waits for a poll at the interval without slow_down", async () => {
    const code = await start(authUrl());
    expect((await poll(authUrl(), code)).body["error"]).toBe("authorization_pending");
    await sleep(300);
    expect((await poll(authUrl(), code)).body["error"]).toBe("authorization_pending");
  });

  it("approves through the verification page", async () => {
    const code = await start(authUrl());
    const page = await fetch(code.verification_uri_complete);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain(code.user_code);
    expect(html).toMatch(/Approve/);
    expect(html).toMatch(/Deny/);
    const action = /<form method="post" action="([^"]+)" id="approve">/.exec(html)?.[1];
    expect(action).toBe(code.verification_uri);
    const approved = await fetch(action!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ user_code: code.user_code, action: "approve", username: "bob@example.com" }).toString(),
    });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toMatch(/Device approved/);
    const { status, body } = await poll(authUrl(), code);
    expect(status).toBe(200);
    expect(decodeJwt(body["access_token"] as string)["https://missione/octolabs/io/tenantIds"]).toEqual(["50001", "50002"]);
    expect((await fetch(`${code.verification_uri}?user_code=BCDF-GHJK`)).status).toBe(404);
  });

  it("denies through the verification page", async () => {
    const code = await start(authUrl());
    const denied = await fetch(code.verification_uri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ user_code: code.user_code, action: "deny" }).toString(),
    });
    expect(await denied.text()).toMatch(/Device denied/);
    expect((await poll(authUrl(), code)).body["error"]).toBe("access_denied");
  });
});

describe("device code expiry", () => {
  it("answers expired_token after expires_in", async () => {
    const shortLived = await startSandbox({ autoApproveDeviceCodes: false, deviceCodeExpiresInSeconds: 0.3 });
    try {
      const authUrl = shortLived.environments["eu"]!.url;
      const code = await start(authUrl);
      expect(code.expires_in).toBe(0.3);
      await sleep(400);
      expect(await poll(authUrl, code)).toMatchObject({ status: 400, body: { error: "expired_token" } });
      expect(() => shortLived.approveDeviceCode(code.user_code)).toThrow(/expired/);
    } finally {
      await shortLived.stop();
    }
  });
});

const MFA_GRANT = "http://ctpx.secureworks.com/grant-type/mfa-otp";

describe("password login", () => {
  const login = async (authUrl: string, body: Record<string, unknown>) => {
    const response = await postJson(`${authUrl}/universal-auth/token`, body);
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  };

  it("answers a token for a user without a second factor; the user acts in every region it logged in to", async () => {
    const alice = sandbox.users.find((user) => user.username === "alice@example.com")!;
    const answer = await login(sandbox.environments["us1"]!.url, { username: alice.username, password: alice.password, grant_type: "password" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(redactToken(answer.body)).toEqual({ access_token: "<jwt>", token_type: "bearer", expires_in: 3600 });
    const token = answer.body["access_token"] as string;
    const me = await graphql(graphqlUrl(sandbox, "us1"), token, "{ currentTDRUser { email accessible_tenants { id name } } }");
    expect(me.body.data!["currentTDRUser"]).toEqual({ email: alice.username, accessible_tenants: [{ id: "50001", name: "Acme Security" }] });

    const eu = await login(sandbox.environments["eu"]!.url, { username: alice.username, password: alice.password, grant_type: "password" });
    expect(decodeJwt(eu.body["access_token"] as string)["https://missione/octolabs/io/environment"]).toBe("eu");
  });

  it("answers mfa_token for a user with an OTP, then a token for the right OTP", async () => {
    sandbox.resetMetrics();
    const bob = sandbox.users.find((user) => user.otp !== undefined)!;
    const authUrl = sandbox.universalAuthenticationUrl;
    const first = await login(authUrl, { username: bob.username, password: bob.password, grant_type: "password" });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body)).toEqual(["mfa_token"]);
    const mfaToken = first.body["mfa_token"] as string;

    const wrong = await login(authUrl, { mfa_token: mfaToken, otp: "000000", grant_type: MFA_GRANT });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: "invalid_grant", error_description: "invalid otp" });

    const right = await login(authUrl, { mfa_token: mfaToken, otp: bob.otp, grant_type: MFA_GRANT });
    expect(right.status).toBe(200);
    const claims = decodeJwt(right.body["access_token"] as string);
    expect(claims["https://missione/octolabs/io/tenantIds"]).toEqual(bob.tenantIds);
    expect(claims["https://missione/octolabs/io/environment"]).toBe("universal");

    const reused = await login(authUrl, { mfa_token: mfaToken, otp: bob.otp, grant_type: MFA_GRANT });
    expect(reused.body["error"]).toBe("invalid_grant");
    expect(sandbox.metrics().tokenRequestsByGrant).toEqual({ client_credentials: 0, device_code: 0, password: 1, mfa: 3 });
  });

  it("refuses a wrong password, a missing field, and unknown grants", async () => {
    const authUrl = sandbox.environments["us2"]!.url;
    expect(await login(authUrl, { username: "alice@example.com", password: "nope", grant_type: "password" })).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_description: "Wrong username or password." },
    });
    expect((await login(authUrl, { username: "alice@example.com", grant_type: "password" })).body["error"]).toBe("invalid_request");
    expect((await login(authUrl, { username: "alice@example.com", password: "x" })).body["error"]).toBe("invalid_request");
    expect((await login(authUrl, { grant_type: "refresh_token" })).body["error"]).toBe("unsupported_grant_type");
    expect((await login(authUrl, { mfa_token: "made-up", otp: "1", grant_type: MFA_GRANT })).body["error"]).toBe("invalid_grant");
  });
});
