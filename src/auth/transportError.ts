import { TaegisAuthError } from "../errors/TaegisAuthError.js";
import type { RequestSignal } from "./requestSignal.js";

/**
 * The {@link TaegisAuthError} of a request that got no HTTP answer: `aborted`
 * when the caller's signal fired, `timeout` when the request's own time limit
 * did, `network` otherwise (connection refused, DNS, reset).
 * @param what what was being done, e.g. `the client credentials token request`.
 * @param cause the transport's error; kept only when it cannot carry response data.
 */
export function transportError(
  signal: RequestSignal,
  options: { environment: string; what: string; url: string; timeoutMs: number; cause: unknown },
): TaegisAuthError {
  const { environment, what, url, timeoutMs } = options;
  const where = `for Taegis environment "${environment}"`;
  if (signal.aborted()) {
    return new TaegisAuthError("aborted", `${capitalize(what)} ${where} was cancelled by its AbortSignal.`, { environment, cause: options.cause });
  }
  if (signal.timedOut()) {
    return new TaegisAuthError(
      "timeout",
      `${capitalize(what)} ${where} got no answer from ${originOf(url)} within ${timeoutMs} ms. Check the network, or raise timeoutMs.`,
      { environment, cause: options.cause },
    );
  }
  return new TaegisAuthError(
    "network",
    `${capitalize(what)} ${where} could not reach ${originOf(url)}. Check the network and the authentication URL.`,
    { environment, cause: safeCause(options.cause) },
  );
}

/** Keeps a fetch failure (`TypeError: fetch failed` and its system error) as cause; anything else is summarised by name only. */
function safeCause(cause: unknown): unknown {
  if (cause instanceof TypeError) return cause;
  const name = cause instanceof Error ? cause.name : typeof cause;
  return new Error(`request failed (${name})`);
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "the authentication URL";
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
