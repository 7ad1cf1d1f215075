import type { TaegisAuthErrorCode } from "../errors/TaegisAuthError.js";

/** OAuth `error` values that keep their name as a {@link TaegisAuthErrorCode}. */
const PASSTHROUGH: ReadonlySet<string> = new Set(["invalid_client", "invalid_grant", "access_denied", "expired_token"]);

/**
 * The {@link TaegisAuthErrorCode} of a token endpoint's error answer: HTTP 401
 * or `invalid_client` is `invalid_client`; 5xx and 429 are `server_error`;
 * `invalid_grant`, `access_denied` and `expired_token` keep their name; any
 * other OAuth error is `oauth_error`; no error at all is `invalid_response`.
 */
export function authErrorCode(status: number | undefined, error: string | undefined): TaegisAuthErrorCode {
  if (error === "invalid_client" || status === 401) return "invalid_client";
  if (status !== undefined && (status >= 500 || status === 429)) return "server_error";
  if (error !== undefined) return PASSTHROUGH.has(error) ? (error as TaegisAuthErrorCode) : "oauth_error";
  return "invalid_response";
}
