import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PromptContext } from "../../src/auth/interaction.js";
import { MFA_OTP_GRANT_TYPE, passwordLogin } from "../../src/auth/passwordLogin.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import { LeakScan } from "./helpers/leakScan.js";
import { authFailure } from "./helpers/authFailure.js";
import { testJwt } from "./helpers/jwt.js";
import { startLoopbackServer, type LoopbackServer, type RecordedRequest, type ScriptedAnswer } from "./helpers/loopbackServer.js";

const USERNAME = "analyst@example.com";
const PASSWORD = "pa55-word_~+";
const OTP = "246810";
const MFA_TOKEN = "mfa-token-opaque-9876";
const scan = new LeakScan();
scan.secret(PASSWORD, OTP, MFA_TOKEN);

let server: LoopbackServer;
let token: string;
let withMfa = true;

function answer(request: RecordedRequest): ScriptedAnswer {
  const body = JSON.parse(request.body) as Record<string, string>;
  if (body["grant_type"] === "password") {
    if (body["username"] !== USERNAME || body["password"] !== PASSWORD) return { status: 400, json: { error: "invalid_grant", error_description: "Wrong username or password." } };
    return withMfa ? { json: { mfa_token: MFA_TOKEN } } : { json: { access_token: token, token_type: "bearer", expires_in: 3600 } };
  }
  if (body["grant_type"] === MFA_OTP_GRANT_TYPE) {
    if (body["mfa_token"] !== MFA_TOKEN || body["otp"] !== OTP) return { status: 400, json: { error: "invalid_grant", error_description: "invalid otp" } };
    return { json: { access_token: token, token_type: "bearer", expires_in: 3600 } };
  }
  return { status: 400, json: { error: "unsupported_grant_type" } };
}

beforeAll(async () => {
  token = await testJwt(3600);
  scan.secret(token);
  server = await startLoopbackServer(answer);
});
afterAll(async () => {
  await server.close();
  expect(scan.size).toBeGreaterThan(0);
  expect(scan.leaks()).toEqual([]);
});

function login(password = PASSWORD, otp = OTP) {
  const contexts: PromptContext[] = [];
  const asked: string[] = [];
  const source = passwordLogin({
    promptUsername: async (context) => (contexts.push(context!), asked.push("username"), USERNAME),
    promptPassword: async () => (asked.push("password"), password),
    promptOtp: async () => (asked.push("otp"), otp),
    logger: scan.logger(),
  });
  return { source, contexts, asked };
}

const failure = (promise: Promise<unknown>): Promise<TaegisAuthError> => authFailure(scan, promise);

describe("password login", () => {
  it("logs in with username, password and OTP when the server asks for MFA", async () => {
    withMfa = true;
    const l = login();
    const result = await l.source.getToken({ environment: "charlie", authUrl: server.url });
    expect(result.accessToken).toBe(token);
    expect(l.asked).toEqual(["username", "password", "otp"]);
    expect(l.contexts[0]?.environment).toBe("charlie");
    const bodies = server.requests.slice(-2).map((r) => JSON.parse(r.body));
    expect(bodies).toEqual([
      { username: USERNAME, password: PASSWORD, grant_type: "password" },
      { mfa_token: MFA_TOKEN, otp: OTP, grant_type: "http://ctpx.secureworks.com/grant-type/mfa-otp" },
    ]);
    expect(server.requests.at(-1)!.path).toBe("/universal-auth/token");
  });

  it("needs no OTP when the server answers a token at once", async () => {
    withMfa = false;
    const l = login();
    await l.source.getToken({ environment: "charlie", authUrl: server.url });
    expect(l.asked).toEqual(["username", "password"]);
  });

  it("a wrong password is invalid_grant", async () => {
    withMfa = true;
    const error = await failure(login("wrong-password-1").source.getToken({ environment: "charlie", authUrl: server.url }));
    expect(error).toMatchObject({ code: "invalid_grant", status: 400, error: "invalid_grant", environment: "charlie" });
    expect(error.message).toContain("wrong username or password");
  });

  it("a wrong OTP is invalid_otp", async () => {
    withMfa = true;
    scan.secret("135790");
    const error = await failure(login(PASSWORD, "135790").source.getToken({ environment: "charlie", authUrl: server.url }));
    expect(error).toMatchObject({ code: "invalid_otp", status: 400, error: "invalid_grant", errorDescription: "invalid otp" });
  });

  it("a signal cancels a login waiting at a prompt", async () => {
    const controller = new AbortController();
    const source = passwordLogin({ promptUsername: () => new Promise<string>(() => {}) });
    setTimeout(() => controller.abort(), 10);
    const error = await failure(source.getToken({ environment: "charlie", authUrl: server.url, signal: controller.signal }));
    expect(error.code).toBe("aborted");
  });
});
