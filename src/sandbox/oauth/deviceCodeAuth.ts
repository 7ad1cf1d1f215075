import { newDeviceCode, newUserCode } from "../ids.js";
import { sendJson } from "../http.js";
import type { AuthRequest } from "./authRequest.js";

/** POST `/universal-auth/device/code/auth`: starts a device authorization (RFC 8628 section 3.2). No body needed. */
export function handleDeviceCodeAuth({ runtime, environment, prefixUrl, res }: AuthRequest): void {
  const { settings, state } = runtime;
  const deviceCode = newDeviceCode();
  let userCode = newUserCode();
  while (state.findDeviceCodeByUserCode(userCode) !== undefined) userCode = newUserCode();
  const defaultUser = state.users[0];
  const approved = settings.autoApproveDeviceCodes && defaultUser !== undefined;
  state.deviceCodes.set(deviceCode, {
    deviceCode,
    userCode,
    environment,
    expiresAt: Date.now() + settings.deviceCodeExpiresInSeconds * 1000,
    interval: settings.deviceCodeIntervalSeconds,
    lastPollAt: undefined,
    state: approved ? "approved" : "pending",
    username: approved ? defaultUser.username : undefined,
  });
  const verificationUri = `${prefixUrl}/universal-auth/device`;
  sendJson(
    res,
    200,
    {
      device_code: deviceCode,
      user_code: userCode,
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?user_code=${encodeURIComponent(userCode)}`,
      interval: settings.deviceCodeIntervalSeconds,
      expires_in: settings.deviceCodeExpiresInSeconds,
    },
    { "cache-control": "no-store" },
  );
}
