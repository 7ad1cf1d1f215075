import type { CombinedError, Operation } from "@urql/core";
import type { RetryExchangeOptions } from "@urql/exchange-retry";
import { TaegisHttpError } from "../errors/TaegisHttpError.js";
import { TaegisNetworkError } from "../errors/TaegisNetworkError.js";
import type { RetryOptions } from "./options.js";

/** HTTP statuses worth another attempt: the server (or a proxy) was busy or briefly unreachable. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/** Statuses that say the request was not processed, so that even a mutation may be sent again. */
const NOT_PROCESSED_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** System error codes of a connection that never opened: nothing reached the server. */
const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

/** The HTTP status of a failed urql result: of the response, or of a {@link TaegisHttpError} the transport threw. */
export function statusOf(error: CombinedError): number | undefined {
  const response = error.response as Response | undefined;
  if (response !== undefined && typeof response.status === "number") return response.status;
  return error.networkError instanceof TaegisHttpError ? error.networkError.status : undefined;
}

function connectionNeverOpened(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && NOT_CONNECTED_CODES.has(code)) return true;
  }
  return false;
}

/**
 * Whether a failed attempt is sent again: queries on network errors (not
 * timeouts or cancellations) and on HTTP 429, 502, 503 and 504; mutations,
 * which must not run twice, only on 429 and 503 and on connections that never
 * opened.
 */
export function isRetryable(error: CombinedError, operation: Operation): boolean {
  const status = statusOf(error);
  const isMutation = operation.kind === "mutation";
  if (status !== undefined) return (isMutation ? NOT_PROCESSED_STATUSES : RETRYABLE_STATUSES).has(status);
  const network = error.networkError;
  if (!(network instanceof TaegisNetworkError) || network.code !== "network") return false;
  return !isMutation || connectionNeverOpened(network);
}

/**
 * The options of urql's retryExchange for a {@link RetryOptions} policy. Its
 * delay grows by a random factor of 1.5 to 2.5 per attempt (exponential backoff
 * with jitter), starting from `initialDelayMs / 2` so that the first retry
 * waits 0.75 to 1.25 times `initialDelayMs`; `maxDelayMs` caps it.
 * `Retry-After` is honoured by the transport (see createCallFetch).
 */
export function retryExchangeOptions(policy: Readonly<Required<RetryOptions>>): RetryExchangeOptions {
  return {
    // urql's retryExchange treats 0 as "unset" (1 s): use the smallest positive delay instead.
    initialDelayMs: Math.max(policy.initialDelayMs / 2, 1),
    maxDelayMs: Math.max(policy.maxDelayMs, 1),
    randomDelay: true,
    maxNumberAttempts: policy.maxAttempts,
    retryIf: isRetryable,
  };
}

/**
 * Milliseconds to wait that a `Retry-After` header asks for (delay-seconds or
 * an HTTP date), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
