import type { CombinedError } from "@urql/core";
import type { GraphQLFormattedError } from "graphql";
import { TaegisAuthError } from "../errors/TaegisAuthError.js";
import { TaegisError } from "../errors/TaegisError.js";
import { TaegisGraphQLError } from "../errors/TaegisGraphQLError.js";
import { TaegisHttpError } from "../errors/TaegisHttpError.js";
import { TaegisNetworkError } from "../errors/TaegisNetworkError.js";
import { whereOf, type CallState } from "./createCallFetch.js";
import { statusOf } from "./retryPolicy.js";

/** Longest server message quoted in an error's message; the full errors stay on the error object. */
const MAX_QUOTED = 300;

/** What {@link toTaegisError} knows about the call. */
export interface FailedCall {
  /** The operation's name, when it has one. */
  operationName: string | undefined;
  /** The URL the call went to. */
  url: string;
  /** The authentication environment of the token sent. */
  authEnvironment: string;
  /** Whether the token came from the `accessToken` option (then a 401 is not retried). */
  explicitToken: boolean;
  /** What the transport saw. */
  state: CallState;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_QUOTED ? `${oneLine.slice(0, MAX_QUOTED)}...` : oneLine;
}

/** The GraphQL errors of a result as plain JSON objects (message, locations, path, extensions). */
export function formattedErrors(error: CombinedError): GraphQLFormattedError[] {
  return error.graphQLErrors.map((e) => {
    const formatted: { -readonly [K in keyof GraphQLFormattedError]: GraphQLFormattedError[K] } = { message: String(e.message) };
    if (Array.isArray(e.locations) && e.locations.length > 0) formatted.locations = e.locations;
    if (Array.isArray(e.path)) formatted.path = e.path;
    if (e.extensions !== undefined && e.extensions !== null && Object.keys(e.extensions).length > 0) formatted.extensions = e.extensions;
    return formatted;
  });
}

/**
 * The message of a {@link TaegisGraphQLError}: the operation, where it went,
 * the first error's message (shortened) and path, how many more, and the
 * request id.
 */
export function graphQLErrorMessage(
  errors: readonly GraphQLFormattedError[],
  call: { operationName: string | undefined; url: string; requestId: string | undefined },
): string {
  const first = errors[0];
  const path = first?.path === undefined ? "" : ` at ${first.path.join(".")}`;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
  const id = call.requestId === undefined ? "" : ` [request id ${call.requestId}]`;
  return `GraphQL error in ${call.operationName ?? "the operation"} from ${whereOf(call.url)}: ${shorten(first?.message ?? "unknown error")}${path}${more}${id}`;
}

/**
 * Turns urql's CombinedError of a failed call into the SDK's typed error:
 *
 * - HTTP 401 (after the one re-authentication) -> {@link TaegisAuthError} `unauthorized`;
 * - an SDK error raised underneath (transport, redirect, login) -> itself;
 * - a timeout or cancellation -> {@link TaegisNetworkError} `timeout` / `aborted`;
 * - an answer whose body is not GraphQL JSON -> {@link TaegisHttpError} (`invalid_response` for 2xx);
 * - no answer at all -> {@link TaegisNetworkError} `network`;
 * - GraphQL errors -> {@link TaegisGraphQLError} with the errors, the partial data, status and request id.
 */
export function toTaegisError(error: CombinedError, data: unknown, call: FailedCall): TaegisError {
  const status = statusOf(error);
  const response = error.response as Response | undefined;
  const requestId =
    (response?.headers?.get?.("x-request-id") ?? undefined) ??
    (error.networkError instanceof TaegisHttpError ? error.networkError.requestId : undefined) ??
    call.state.requestId;
  const where = whereOf(call.url);
  const id = requestId === undefined ? "" : `, request id ${requestId}`;

  if (status === 401) {
    const message = call.explicitToken
      ? `${where} refused the token given in the accessToken option (HTTP 401${id}). Pass a valid token, or leave accessToken out to use the credential chain.`
      : `${where} refused the token of Taegis environment "${call.authEnvironment}" (HTTP 401${id}), also after getting a fresh one. ` +
        "Check that the credentials are for this environment and tenant, or call clearAccessToken() and log in again.";
    return new TaegisAuthError("unauthorized", message, { environment: call.authEnvironment, status: 401, cause: error.networkError ?? error });
  }

  const network = error.networkError;
  if (network !== undefined) {
    if (network instanceof TaegisError) return network;
    const signal = call.state.signal;
    if (signal?.aborted() || (network.name === "AbortError" && !signal?.timedOut())) {
      return new TaegisNetworkError("aborted", `The call to ${where} was cancelled by its AbortSignal.`, { url: call.url, cause: network });
    }
    if (signal?.timedOut() || network.name === "TimeoutError") {
      return new TaegisNetworkError("timeout", `${where} did not finish its answer in time. Check the network, or raise timeoutMs.`, {
        url: call.url,
        cause: network,
      });
    }
    if (response !== undefined && status !== undefined) {
      const ok = status >= 200 && status < 300;
      return new TaegisHttpError(
        ok ? "invalid_response" : "http_error",
        ok
          ? `${where} answered HTTP ${status} with a body that is not a GraphQL response${id}. Check that the URL points at a Taegis GraphQL endpoint.`
          : `${where} answered HTTP ${status} without a GraphQL response${id}.`,
        { status, requestId, url: call.url, cause: network },
      );
    }
    return new TaegisNetworkError("network", `Could not reach ${where}. Check the network and the environment's URL.`, { url: call.url, cause: network });
  }

  const errors = formattedErrors(error);
  if (errors.length === 0 && status !== undefined && (status < 200 || status >= 300)) {
    return new TaegisHttpError("http_error", `${where} answered HTTP ${status}${id}.`, { status, requestId, url: call.url });
  }
  return new TaegisGraphQLError(graphQLErrorMessage(errors, { operationName: call.operationName, url: call.url, requestId }), {
    errors,
    data: data ?? null,
    requestId,
    status,
  });
}
