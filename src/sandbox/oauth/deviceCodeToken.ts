import { issueUserToken } from "../runtime.js";
import { parseFields, sendOAuthError, sendToken } from "../http.js";
import type { AuthRequest } from "./authRequest.js";

/** Seconds RFC 8628 adds to the interval on each `slow_down`. */
export const SLOW_DOWN_STEP_SECONDS = 5;

/**
 * POST `/universal-auth/device/code/token` with JSON `{ device_code, interval }`
 * (form-encoded is accepted too): the token once approved, else an RFC 8628
 * answer. A pending code polled sooner than its interval after the previous
 * poll answers `slow_down` and its interval grows by 5 s.
 */
export async function handleDeviceCodeToken({ runtime, environment, req, res, body }: AuthRequest): Promise<void> {
  const fields = parseFields(body, req.headers["content-type"]);
  const deviceCode = fields?.["device_code"];
  if (typeof deviceCode !== "string" || deviceCode === "") {
    sendOAuthError(res, 400, "invalid_request", 'Send JSON {"device_code": ..., "interval": ...} with the device_code of /universal-auth/device/code/auth.');
    return;
  }
  const record = runtime.state.deviceCodes.get(deviceCode);
  if (record === undefined || record.environment !== environment) {
    sendOAuthError(res, 400, "invalid_grant", "Unknown device_code: start a new device authorization at this environment.");
    return;
  }
  const now = Date.now();
  if (record.expiresAt <= now) {
    sendOAuthError(res, 400, "expired_token", "The device code has expired: start a new device authorization.");
    return;
  }
  if (record.state === "denied") {
    sendOAuthError(res, 400, "access_denied", "The user denied the device authorization.");
    return;
  }
  if (record.state === "used") {
    sendOAuthError(res, 400, "invalid_grant", "This device code has already been exchanged for a token: start a new device authorization.");
    return;
  }
  if (record.state === "approved") {
    const user = record.username === undefined ? undefined : runtime.state.findUser(record.username);
    if (user === undefined) {
      sendOAuthError(res, 400, "access_denied", "The approving user no longer exists.");
      return;
    }
    record.state = "used";
    sendToken(res, await issueUserToken(runtime, user, environment), runtime.settings.tokenTtlSeconds);
    return;
  }
  const tooSoon = record.lastPollAt !== undefined && now - record.lastPollAt < record.interval * 1000;
  record.lastPollAt = now;
  if (tooSoon) {
    record.interval += SLOW_DOWN_STEP_SECONDS;
    sendOAuthError(res, 400, "slow_down", `Polling too fast: wait at least ${record.interval} seconds between polls.`);
    return;
  }
  sendOAuthError(res, 400, "authorization_pending", "The user has not yet approved the device authorization.");
}
