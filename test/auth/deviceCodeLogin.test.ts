import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deviceCodeLogin } from "../../src/auth/deviceCodeLogin.js";
import type { DeviceCodePrompt } from "../../src/auth/interaction.js";
import { printDeviceCode } from "../../src/auth/printDeviceCode.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import { LeakScan } from "./helpers/leakScan.js";
import { authFailure } from "./helpers/authFailure.js";
import { testJwt } from "./helpers/jwt.js";
import { startLoopbackServer, type LoopbackServer, type ScriptedAnswer } from "./helpers/loopbackServer.js";

const DEVICE_CODE = "device-code-secret-123";
const scan = new LeakScan();
scan.secret(DEVICE_CODE);

let server: LoopbackServer;
let polls: ScriptedAnswer[];
let token: string;
const start = (extra: Record<string, unknown> = {}): ScriptedAnswer => ({
  json: {
    device_code: DEVICE_CODE,
    user_code: "ABCD-EFGH",
    verification_uri: "https://auth.example.com/device",
    verification_uri_complete: "https://auth.example.com/device?user_code=ABCD-EFGH",
    interval: 2,
    expires_in: 60,
    ...extra,
  },
});
let startAnswer: ScriptedAnswer;
const pending: ScriptedAnswer = { status: 400, json: { error: "authorization_pending" } };

beforeAll(async () => {
  token = await testJwt(3600);
  scan.secret(token);
  server = await startLoopbackServer((request) => {
    if (request.path.endsWith("/device/code/auth")) return startAnswer;
    return polls.shift() ?? pending;
  });
});
afterAll(async () => {
  await server.close();
  expect(scan.size).toBeGreaterThan(0);
  expect(scan.leaks()).toEqual([]);
});

/** A fake clock that the injected sleep moves forward: polling tests take no real time. */
function harness() {
  let clock = 1_000_000;
  const sleeps: number[] = [];
  const prompts: DeviceCodePrompt[] = [];
  const source = deviceCodeLogin({
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    onDeviceCode: (prompt) => {
      prompts.push(prompt);
      let text = "";
      printDeviceCode(prompt, { write: (t: string) => (text += t) });
      scan.text(text);
    },
    logger: scan.logger(),
    timeoutMs: 2000,
  });
  return { source, sleeps, prompts, clock: () => clock };
}

const failure = (promise: Promise<unknown>): Promise<TaegisAuthError> => authFailure(scan, promise);

describe("device code login (RFC 8628 answers)", () => {
  it("shows the URL and code, keeps polling while pending, and returns the token", async () => {
    startAnswer = start();
    polls = [pending, pending, { json: { access_token: token, token_type: "bearer", expires_in: 3600 } }];
    const h = harness();
    const result = await h.source.getToken({ environment: "charlie", authUrl: server.url });
    expect(result.accessToken).toBe(token);
    expect(h.prompts).toEqual([
      {
        verificationUri: "https://auth.example.com/device",
        verificationUriComplete: "https://auth.example.com/device?user_code=ABCD-EFGH",
        userCode: "ABCD-EFGH",
        expiresAt: new Date(1_000_000 + 60_000),
      },
    ]);
    expect(h.sleeps).toEqual([2000, 2000, 2000]);
    const tokenPolls = server.requests.filter((r) => r.path === "/universal-auth/device/code/token").slice(-3);
    expect(tokenPolls.map((r) => JSON.parse(r.body))).toEqual(Array(3).fill({ device_code: DEVICE_CODE, interval: 2 }));
    expect(tokenPolls[0]!.headers["content-type"]).toContain("application/json");
  });

  it("adds 5 s to the interval on each slow_down", async () => {
    startAnswer = start({ interval: 1 });
    polls = [
      { status: 400, json: { error: "slow_down" } },
      pending,
      { status: 400, json: { error: "slow_down" } },
      { json: { access_token: token, token_type: "bearer" } },
    ];
    const h = harness();
    await h.source.getToken({ environment: "charlie", authUrl: server.url });
    expect(h.sleeps).toEqual([1000, 6000, 6000, 11000]);
  });

  it("stops with expired_token when the server says so", async () => {
    startAnswer = start();
    polls = [pending, { status: 400, json: { error: "expired_token", error_description: "code expired" } }];
    const error = await failure(harness().source.getToken({ environment: "charlie", authUrl: server.url }));
    expect(error).toMatchObject({ code: "expired_token", error: "expired_token", status: 400, environment: "charlie" });
    expect(error.message).toContain("expired before it was approved");
  });

  it("stops with expired_token once expires_in has passed, without polling further", async () => {
    startAnswer = start({ interval: 5, expires_in: 12 });
    polls = [];
    const before = server.requests.length;
    const h = harness();
    const error = await failure(h.source.getToken({ environment: "charlie", authUrl: server.url }));
    expect(error.code).toBe("expired_token");
    expect(h.sleeps).toEqual([5000, 5000, 5000]);
    // the start and two polls (at 5 s and 10 s); at 15 s the code has expired
    expect(server.requests.length - before).toBe(3);
  });

  it("stops with access_denied when the user denies", async () => {
    startAnswer = start();
    polls = [pending, { status: 400, json: { error: "access_denied" } }];
    const error = await failure(harness().source.getToken({ environment: "universal", authUrl: server.url }));
    expect(error).toMatchObject({ code: "access_denied", environment: "universal" });
  });

  it("maps an unexpected answer to the device code request", async () => {
    startAnswer = { status: 502, text: "<html>bad gateway</html>" };
    const error = await failure(harness().source.getToken({ environment: "charlie", authUrl: server.url }));
    expect(error).toMatchObject({ code: "server_error", status: 502 });
    startAnswer = { status: 200, json: { nothing: true } };
    expect((await failure(harness().source.getToken({ environment: "charlie", authUrl: server.url }))).code).toBe("invalid_response");
  });

  it("builds verification_uri?user_code= when the server gives no complete URI", async () => {
    startAnswer = start({ verification_uri_complete: undefined });
    polls = [{ json: { access_token: token, token_type: "bearer" } }];
    const h = harness();
    await h.source.getToken({ environment: "charlie", authUrl: server.url });
    expect(h.prompts[0]!.verificationUriComplete).toBe("https://auth.example.com/device?user_code=ABCD-EFGH");
  });

  it("is cancelled between polls by the signal, with code aborted", async () => {
    startAnswer = start();
    polls = [];
    const controller = new AbortController();
    let sleeps = 0;
    const source = deviceCodeLogin({
      onDeviceCode: () => {},
      sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
          sleeps += 1;
          if (sleeps === 2) setTimeout(() => controller.abort(), 5);
          const timer = setTimeout(resolve, 10);
          signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
        }),
    });
    const error = await failure(source.getToken({ environment: "charlie", authUrl: server.url, signal: controller.signal }));
    expect(error.code).toBe("aborted");
    expect(sleeps).toBe(2);
  });

  it("prints the URL and the code to the sink by default", () => {
    let text = "";
    printDeviceCode(
      { verificationUri: "https://a/device", verificationUriComplete: "https://a/device?user_code=WXYZ", userCode: "WXYZ", expiresAt: new Date(0) },
      { write: (t: string) => (text += t) },
    );
    expect(text).toContain("https://a/device?user_code=WXYZ");
    expect(text).toContain("WXYZ");
  });
});
