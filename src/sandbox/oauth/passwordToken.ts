import { newOpaqueToken } from "../ids.js";
import { issueUserToken } from "../runtime.js";
import { parseFields, sendJson, sendOAuthError, sendToken } from "../http.js";
import type { AuthRequest } from "./authRequest.js";

/** The grant type of the OTP step. */
export const MFA_OTP_GRANT = "http://ctpx.secureworks.com/grant-type/mfa-otp";
/** How long an `mfa_token` stays usable. */
const MFA_TOKEN_TTL_MS = 5 * 60_000;

/**
 * POST `/universal-auth/token` (JSON): `{ username, password, grant_type: "password" }`
 * answers a token, or `{ mfa_token }` (HTTP 200) for a user with an OTP; then
 * `{ mfa_token, otp, grant_type: MFA_OTP_GRANT }` answers the token. A wrong
 * OTP leaves the `mfa_token` usable until it expires.
 */
export async function handleUserToken({ runtime, environment, req, res, body }: AuthRequest): Promise<void> {
  const fields = parseFields(body, req.headers["content-type"]);
  if (fields === undefined) {
    sendOAuthError(res, 400, "invalid_request", "Send the login as a JSON object.");
    return;
  }
  const grantType = fields["grant_type"];
  const { state } = runtime;
  if (grantType === "password") {
    const { username, password } = fields;
    if (typeof username !== "string" || typeof password !== "string" || username === "") {
      sendOAuthError(res, 400, "invalid_request", "The password grant needs username and password.");
      return;
    }
    const user = state.findUser(username);
    if (user === undefined || user.username.toLowerCase() !== username.toLowerCase() || user.password !== password) {
      sendOAuthError(res, 400, "invalid_grant", "Wrong username or password.");
      return;
    }
    if (user.otp !== undefined) {
      const mfaToken = newOpaqueToken();
      state.mfaChallenges.set(mfaToken, { username: user.username, environment, expiresAt: Date.now() + MFA_TOKEN_TTL_MS });
      sendJson(res, 200, { mfa_token: mfaToken }, { "cache-control": "no-store", pragma: "no-cache" });
      return;
    }
    sendToken(res, await issueUserToken(runtime, user, environment), runtime.settings.tokenTtlSeconds);
    return;
  }
  if (grantType === MFA_OTP_GRANT) {
    const { mfa_token: mfaToken, otp } = fields;
    if (typeof mfaToken !== "string" || typeof otp !== "string" || mfaToken === "") {
      sendOAuthError(res, 400, "invalid_request", "The mfa-otp grant needs mfa_token and otp.");
      return;
    }
    const challenge = state.mfaChallenges.get(mfaToken);
    if (challenge === undefined || challenge.environment !== environment || challenge.expiresAt <= Date.now()) {
      sendOAuthError(res, 400, "invalid_grant", "The mfa_token is unknown or expired: log in with the password again.");
      return;
    }
    const user = state.findUser(challenge.username);
    if (user === undefined || user.otp !== otp) {
      sendOAuthError(res, 400, "invalid_grant", "invalid otp");
      return;
    }
    state.mfaChallenges.delete(mfaToken);
    sendToken(res, await issueUserToken(runtime, user, environment), runtime.settings.tokenTtlSeconds);
    return;
  }
  if (typeof grantType !== "string" || grantType === "") {
    sendOAuthError(res, 400, "invalid_request", `The grant_type is missing: use "password", then "${MFA_OTP_GRANT}".`);
    return;
  }
  sendOAuthError(res, 400, "unsupported_grant_type", `This endpoint supports grant_type "password" and "${MFA_OTP_GRANT}".`);
}
