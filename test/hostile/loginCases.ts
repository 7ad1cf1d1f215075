import { expect } from "vitest";
import { createTokenProvider, type TokenProviderOptions } from "../../src/auth/createTokenProvider.js";
import type { DeviceCodePrompt } from "../../src/auth/interaction.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import type { CaseContext, Expectation, HostileCase } from "./hostileCase.js";
import { HOSTILE_USERS, region, sandbox } from "./hostileSandbox.js";

const DEVICE_TOKEN_PATH = "/universal-auth/device/code/token";
const DEVICE_AUTH_PATH = "/universal-auth/device/code/auth";
const PASSWORD_PATH = "/universal-auth/token";

/** A fake clock that a fake sleep moves forward: polling over minutes takes no real time. */
interface FakeTime {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Every wait asked for, in ms. */
  sleeps: number[];
}

function fakeTime(): FakeTime {
  let at = Date.now();
  const sleeps: number[] = [];
  return {
    now: () => at,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      at += ms;
    },
    sleeps,
  };
}

/** A token provider for one case: interactive, no client credentials, the case's config and logger, fake time. */
function provider(ctx: CaseContext, time: FakeTime, options: Partial<TokenProviderOptions> = {}) {
  return createTokenProvider({
    configPath: ctx.configPath,
    interactive: true,
    env: {},
    logger: ctx.logger,
    now: time.now,
    sleep: time.sleep,
    timeoutMs: 5_000,
    ...options,
  });
}

const authUrlOf = (environment: string): string => {
  const env = sandbox().environments[environment];
  if (env === undefined) throw new Error(`no sandbox region ${environment}`);
  return env.url;
};

/** A device-code login in a region of its own; `onCode` runs when the code is shown (and may inject faults). */
function deviceCase(
  name: string,
  onCode: (prompt: DeviceCodePrompt, environment: string, control: { abort: () => void }) => void,
  expectation: (time: FakeTime) => Expectation,
  before?: (environment: string) => void,
): HostileCase {
  const environment = region();
  const time = fakeTime();
  return {
    name,
    area: "device code",
    run: async (ctx) => {
      before?.(environment);
      const controller = new AbortController();
      const tokens = provider(ctx, time, {
        onDeviceCode: (prompt) => {
          ctx.capture(`${prompt.verificationUri} ${prompt.userCode}`);
          onCode(prompt, environment, { abort: () => controller.abort() });
        },
      });
      return tokens.getToken({ environment, authUrl: authUrlOf(environment), signal: controller.signal });
    },
    expect: expectation(time),
  };
}

const expiredExpectation = (time: FakeTime): Expectation => ({
  error: TaegisAuthError,
  code: "expired_token",
  message: [/expired before it was approved/, /Run the login again/],
  check: () => {
    expect(time.sleeps.length, "polling stopped at the code's expiry").toBeLessThan(40);
  },
});

/** A password login in a region of its own, with the given answers typed at the prompts. */
function passwordCase(
  name: string,
  answers: { username: string; password: string; otp?: string },
  expectation: Expectation,
  before?: (environment: string) => void,
): HostileCase {
  const environment = region();
  return {
    name,
    area: "password login",
    run: async (ctx) => {
      before?.(environment);
      ctx.secret(answers.password);
      if (answers.otp !== undefined) ctx.secret(answers.otp);
      const tokens = provider(ctx, fakeTime(), {
        loginMethod: "password",
        promptUsername: async () => answers.username,
        promptPassword: async () => answers.password,
        promptOtp: async () => answers.otp ?? "",
      });
      return tokens.getToken({ environment, authUrl: authUrlOf(environment) });
    },
    expect: expectation,
  };
}

const mfaUser = HOSTILE_USERS[1] as (typeof HOSTILE_USERS)[1] & { otp: string };
const plainUser = HOSTILE_USERS[0] as (typeof HOSTILE_USERS)[0];

/** Device-code and password logins that end badly. */
export const loginCases: HostileCase[] = [
  deviceCase(
    "the user denies the device code",
    (prompt) => sandbox().denyDeviceCode(prompt.userCode),
    () => ({ error: TaegisAuthError, code: "access_denied", message: [/denied/] }),
  ),
  deviceCase(
    "the device code endpoint says expired_token",
    () => undefined,
    expiredExpectation,
    (environment) =>
      sandbox().inject({ path: `/${environment}${DEVICE_TOKEN_PATH}`, status: 400, body: '{"error":"expired_token"}', times: 3 }),
  ),
  deviceCase(
    "a storm of slow_down answers until the code expires",
    () => undefined,
    (time) => ({
      ...expiredExpectation(time),
      check: () => {
        const steps = time.sleeps.slice(1).map((ms, i) => ms - (time.sleeps[i] as number));
        expect(steps.length).toBeGreaterThan(3);
        expect(new Set(steps), "each slow_down adds 5 s to the interval").toEqual(new Set([5_000]));
        expect(time.sleeps.length, "polling stopped at the code's expiry").toBeLessThan(40);
      },
    }),
    (environment) =>
      sandbox().inject({ path: `/${environment}${DEVICE_TOKEN_PATH}`, status: 400, body: '{"error":"slow_down"}', times: 200 }),
  ),
  deviceCase("a device code never approved, polled until it expires", () => undefined, expiredExpectation),
  deviceCase(
    "the device code endpoint answers an HTML page",
    () => undefined,
    () => ({ error: TaegisAuthError, code: "invalid_response", message: [/Check the authentication URL/] }),
    (environment) => sandbox().inject({ path: `/${environment}${DEVICE_AUTH_PATH}`, status: 200, body: "<html>login</html>" }),
  ),
  deviceCase(
    "the device code token endpoint answers 500 while polling",
    () => undefined,
    () => ({ error: TaegisAuthError, code: "server_error", message: [/Try again later/] }),
    (environment) => sandbox().inject({ path: `/${environment}${DEVICE_TOKEN_PATH}`, status: 500, body: "oops", times: 10 }),
  ),
  deviceCase(
    "the caller aborts while the device code login polls",
    (_prompt, _environment, control) => control.abort(),
    () => ({ error: TaegisAuthError, code: "aborted", message: [/cancelled|AbortSignal/] }),
  ),
  passwordCase(
    "a wrong OTP",
    { username: mfaUser.username, password: mfaUser.password, otp: "000918" },
    {
      error: TaegisAuthError,
      code: "invalid_otp",
      message: [/one-time password|OTP/i],
    },
  ),
  passwordCase(
    "a wrong password",
    { username: plainUser.username, password: "Not-The-Pa55word~z" },
    { error: TaegisAuthError, code: "invalid_grant", message: [/Run the login again|password/i] },
  ),
  passwordCase(
    "the password endpoint answers an HTML page with 200",
    { username: plainUser.username, password: plainUser.password },
    { error: TaegisAuthError, code: "invalid_response", message: [/Check the authentication URL/] },
    (environment) => sandbox().inject({ path: `/${environment}${PASSWORD_PATH}`, status: 200, body: "<html>portal</html>" }),
  ),
];
