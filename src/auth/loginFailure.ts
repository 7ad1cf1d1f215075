import { TaegisAuthError, type TaegisAuthErrorCode, type TaegisAuthErrorOptions } from "../errors/TaegisAuthError.js";
import { authErrorCode } from "./authErrorCode.js";
import type { JsonAnswer } from "./postJson.js";

/** The environment, status, and the OAuth `error` / `error_description` of a login endpoint's answer, for a {@link TaegisAuthError}. */
export function answerDetails(environment: string, answer: JsonAnswer | undefined): TaegisAuthErrorOptions & { error?: string; errorDescription?: string } {
  const error = typeof answer?.body?.["error"] === "string" ? answer.body["error"] : undefined;
  const description = typeof answer?.body?.["error_description"] === "string" ? answer.body["error_description"] : undefined;
  return {
    environment,
    ...(answer === undefined ? {} : { status: answer.status }),
    ...(error === undefined ? {} : { error }),
    ...(description === undefined ? {} : { errorDescription: description }),
  };
}

/** A login endpoint's answer that is neither a token nor an expected RFC 8628 error. */
export function loginFailure(environment: string, answer: JsonAnswer, what: string): TaegisAuthError {
  const info = answerDetails(environment, answer);
  const code = loginErrorCode(answer.status, info.error);
  const said =
    info.error === undefined
      ? `HTTP ${answer.status}${answer.body === undefined ? ", not JSON" : ""}`
      : `${info.error}${info.errorDescription === undefined ? "" : `: ${info.errorDescription}`} (HTTP ${answer.status})`;
  const advice =
    code === "server_error" ? "Try again later." : code === "invalid_response" ? "Check the authentication URL." : "Run the login again, or use client credentials.";
  return new TaegisAuthError(code, `${capitalize(what)} for Taegis environment "${environment}" failed (${said}). ${advice}`, info);
}

/**
 * The code of a login endpoint's error. The user's login is not client
 * authentication, so a 401 without an OAuth error is `invalid_grant` (the
 * user's credentials), not `invalid_client`.
 */
function loginErrorCode(status: number, error: string | undefined): TaegisAuthErrorCode {
  if (status >= 200 && status < 300 && error === undefined) return "invalid_response";
  if (status === 401 && (error === undefined || error === "unauthorized")) return "invalid_grant";
  if (error !== undefined && status < 500 && status !== 429) return authErrorCode(undefined, error);
  return authErrorCode(status, error);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
