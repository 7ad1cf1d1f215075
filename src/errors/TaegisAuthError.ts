import { TaegisError, type TaegisErrorOptions } from "./TaegisError.js";

/**
 * Codes of {@link TaegisAuthError}.
 *
 * - `no_credentials`: no token, no client credentials, and no interactive login allowed.
 * - `invalid_client`: the token endpoint rejected the client id or secret.
 * - `invalid_grant`: the token endpoint rejected the grant (for example a wrong password).
 * - `invalid_otp`: the one-time password of an MFA login was wrong.
 * - `access_denied`: the user denied a device-code login.
 * - `expired_token`: the device code expired before the user approved it.
 * - `unauthorized`: the API kept answering 401 after a fresh token.
 * - `invalid_response`: the token endpoint answered something that is not a token response.
 * - `server_error`: the token endpoint failed (HTTP 5xx, 429).
 * - `network`: the token endpoint could not be reached.
 * - `timeout`: the token endpoint did not answer in time.
 * - `aborted`: the caller's AbortSignal cancelled the login or token request.
 * - `oauth_error`: any other OAuth error the server sent (see `error`).
 */
export type TaegisAuthErrorCode =
  | "no_credentials"
  | "invalid_client"
  | "invalid_grant"
  | "invalid_otp"
  | "access_denied"
  | "expired_token"
  | "unauthorized"
  | "invalid_response"
  | "server_error"
  | "network"
  | "timeout"
  | "aborted"
  | "oauth_error";

/** Options of {@link TaegisAuthError}. */
export interface TaegisAuthErrorOptions extends TaegisErrorOptions {
  /** The authentication environment (a region name, or `universal`). */
  environment?: string;
  /** HTTP status of the token endpoint's answer, when there was one. */
  status?: number;
  /** The OAuth `error` the server sent. */
  error?: string;
  /** The OAuth `error_description` the server sent. */
  errorDescription?: string;
}

/**
 * Authentication failed: no credentials, rejected credentials, a denied or
 * expired login, or a token endpoint that could not be used. The message names
 * the environment and the environment-variable names involved, never a secret.
 */
export class TaegisAuthError extends TaegisError {
  static {
    // Explicit, so that `name` survives minification of the bundled dist/ (read as `new.target.name`).
    Object.defineProperty(this, "name", { value: "TaegisAuthError" });
  }

  declare readonly code: TaegisAuthErrorCode;
  /** The authentication environment (a region name, or `universal`). */
  readonly environment: string | undefined;
  /** HTTP status of the token endpoint's answer, when there was one. */
  readonly status: number | undefined;
  /** The OAuth `error` the server sent. */
  readonly error: string | undefined;
  /** The OAuth `error_description` the server sent. */
  readonly errorDescription: string | undefined;

  constructor(code: TaegisAuthErrorCode, message: string, options: TaegisAuthErrorOptions = {}) {
    super(code, message, options);
    this.environment = options.environment;
    this.status = options.status;
    this.error = options.error;
    this.errorDescription = options.errorDescription;
  }
}
