import { assertTransportUrl } from "../environments.js";
import { TaegisAuthError } from "../errors/TaegisAuthError.js";
import type { TaegisLogger } from "../logger.js";
import { abortableSleep } from "./abortableSleep.js";
import { abortedError } from "./abortedError.js";
import type { AccessToken, CredentialSource, TokenRequest } from "./credentialSource.js";
import { expiresAt } from "./expiresAt.js";
import { answerDetails, loginFailure } from "./loginFailure.js";
import type { DeviceCodePrompt } from "./interaction.js";
import { postJson, type JsonAnswer } from "./postJson.js";
import { printDeviceCode } from "./printDeviceCode.js";
import { raceAbort } from "./raceAbort.js";

/** The name of this source in messages. */
export const DEVICE_CODE_SOURCE = "device code login";

/** Path of the endpoint that starts a device-code login, under the authentication URL. */
export const DEVICE_CODE_AUTH_PATH = "/universal-auth/device/code/auth";
/** Path of the endpoint that is polled for the token, under the authentication URL. */
export const DEVICE_CODE_TOKEN_PATH = "/universal-auth/device/code/token";

/** Polling interval when the server gives none (RFC 8628 section 3.2). */
const DEFAULT_INTERVAL_SECONDS = 5;
/** Lifetime of a device code when the server gives none. */
const DEFAULT_EXPIRES_IN_SECONDS = 600;
/** What `slow_down` adds to the interval (RFC 8628 section 3.5). */
const SLOW_DOWN_SECONDS = 5;

/** Options of {@link deviceCodeLogin}. */
export interface DeviceCodeLoginOptions {
  /** Shown the URL and user code. Default {@link printDeviceCode} (stderr). */
  onDeviceCode?: ((prompt: DeviceCodePrompt) => void | Promise<void>) | undefined;
  /** The fetch to send with. Default the global fetch. */
  fetch?: typeof fetch | undefined;
  /** Time limit of each request, in milliseconds. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Waits between polls. Default a real, abortable timer. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Debug lines (never a code or token). */
  logger?: TaegisLogger | undefined;
}

/**
 * The device-code (SSO) login: starts a login at
 * `<authUrl>/universal-auth/device/code/auth`, shows the user the URL and code
 * through `onDeviceCode`, then polls `<authUrl>/universal-auth/device/code/token`
 * as RFC 8628 says: `authorization_pending` keeps polling, `slow_down` adds
 * 5 s to the interval, `expired_token` (or the code's `expires_in` passing) and
 * `access_denied` end the login with a {@link TaegisAuthError} of that code.
 */
export function deviceCodeLogin(options: DeviceCodeLoginOptions = {}): CredentialSource {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const onDeviceCode = options.onDeviceCode ?? ((prompt: DeviceCodePrompt) => printDeviceCode(prompt));
  return {
    name: DEVICE_CODE_SOURCE,
    async getToken(request: TokenRequest): Promise<AccessToken> {
      const { environment, signal } = request;
      const base = assertTransportUrl(request.authUrl, "authUrl").href.replace(/\/+$/, "");
      const post = (path: string, body: unknown, what: string) =>
        postJson(`${base}${path}`, body, { fetch: fetchImpl, timeoutMs, signal, environment, what });
      if (signal?.aborted) throw abortedError(environment, "device code login", signal);

      const started = await post(DEVICE_CODE_AUTH_PATH, undefined, "the device code request");
      const code = parseDeviceCode(started, environment);
      const deadline = now() + code.expiresIn * 1000;
      const prompt: DeviceCodePrompt = {
        verificationUri: code.verificationUri,
        verificationUriComplete: code.verificationUriComplete,
        userCode: code.userCode,
        expiresAt: new Date(deadline),
      };
      await raceAbort(Promise.resolve(onDeviceCode(prompt)), signal, () => abortedError(environment, "device code login", signal));
      options.logger?.debug(`device code login for environment "${environment}" started; polling every ${code.interval} s`);

      let interval = code.interval;
      for (;;) {
        try {
          await sleep(interval * 1000, signal);
        } catch (cause) {
          if (signal?.aborted) throw abortedError(environment, "device code login", signal);
          throw cause;
        }
        if (signal?.aborted) throw abortedError(environment, "device code login", signal);
        if (now() >= deadline) throw expired(environment, undefined);
        const polled = await post(DEVICE_CODE_TOKEN_PATH, { device_code: code.deviceCode, interval }, "the device code token request");
        const body = polled.body;
        const accessToken = body?.["access_token"];
        if (polled.status >= 200 && polled.status < 300 && typeof accessToken === "string" && accessToken !== "") {
          return { accessToken, expiresAt: expiresAt(accessToken, numberOf(body?.["expires_in"]), now()) };
        }
        const error = typeof body?.["error"] === "string" ? body["error"] : undefined;
        switch (error) {
          case "authorization_pending":
            continue;
          case "slow_down":
            interval += SLOW_DOWN_SECONDS;
            options.logger?.debug(`device code login for environment "${environment}": slow_down, polling every ${interval} s`);
            continue;
          case "expired_token":
            throw expired(environment, polled);
          case "access_denied":
            throw new TaegisAuthError(
              "access_denied",
              `The device code login for Taegis environment "${environment}" was denied at the verification page. Run the login again and approve it, or use client credentials.`,
              answerDetails(environment, polled),
            );
          default:
            throw loginFailure(environment, polled, "the device code token request");
        }
      }
    },
  };
}

interface DeviceCode {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | undefined;
  interval: number;
  expiresIn: number;
}

function parseDeviceCode(answer: JsonAnswer, environment: string): DeviceCode {
  const body = answer.body;
  const deviceCode = body?.["device_code"];
  const userCode = body?.["user_code"];
  const verificationUri = body?.["verification_uri"];
  const complete = body?.["verification_uri_complete"];
  if (
    answer.status < 200 ||
    answer.status >= 300 ||
    typeof deviceCode !== "string" ||
    typeof userCode !== "string" ||
    typeof verificationUri !== "string"
  ) {
    throw loginFailure(environment, answer, "the device code request");
  }
  const interval = numberOf(body?.["interval"]);
  const expiresIn = numberOf(body?.["expires_in"]);
  return {
    deviceCode,
    userCode,
    verificationUri,
    verificationUriComplete: typeof complete === "string" && complete !== "" ? complete : withUserCode(verificationUri, userCode),
    interval: interval !== undefined && interval >= 0 ? interval : DEFAULT_INTERVAL_SECONDS,
    expiresIn: expiresIn !== undefined && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_SECONDS,
  };
}

function withUserCode(verificationUri: string, userCode: string): string | undefined {
  try {
    const url = new URL(verificationUri);
    url.searchParams.set("user_code", userCode);
    return url.href;
  } catch {
    return undefined;
  }
}

function numberOf(value: unknown): number | undefined {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

function expired(environment: string, answer: JsonAnswer | undefined): TaegisAuthError {
  return new TaegisAuthError(
    "expired_token",
    `The device code login for Taegis environment "${environment}" expired before it was approved. Run the login again and approve it at the URL shown before the code expires.`,
    answerDetails(environment, answer),
  );
}
