import { TaegisAuthError, type TaegisAuthErrorOptions } from "../errors/TaegisAuthError.js";
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
  const info = details(environment, answer);
  const code = answer.status >= 200 && answer.status < 300 && info.error === undefined ? "invalid_response" : authErrorCode(answer.status, info.error);
  const said =
    info.error === undefined
      ? `HTTP ${answer.status}${answer.body === undefined ? ", not JSON" : ""}`
      : `${info.error}${info.errorDescription === undefined ? "" : `: ${info.errorDescription}`} (HTTP ${answer.status})`;
  const advice =
    code === "server_error" ? "Try again later." : code === "invalid_response" ? "Check the authentication URL." : "Run the login again, or use client credentials.";
  return new TaegisAuthError(code, `${capitalize(what)} for Taegis environment "${environment}" failed (${said}). ${advice}`, info);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
