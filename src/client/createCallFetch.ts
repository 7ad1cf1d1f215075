import { requestSignal, type RequestSignal } from "../auth/requestSignal.js";
import { TaegisHttpError } from "../errors/TaegisHttpError.js";
import { TaegisNetworkError } from "../errors/TaegisNetworkError.js";
import { parseRetryAfter, RETRYABLE_STATUSES } from "./retryPolicy.js";
import { whenAborted } from "../auth/whenAborted.js";

/** Same-origin redirects followed before giving up. */
const MAX_REDIRECTS = 5;

/** What the transport saw of one call, across its attempts: read when the call's result is turned into a value or an error. */
export interface CallState {
  /** HTTP status of the last answer. */
  status: number | undefined;
  /** `X-Request-Id` of the last answer. */
  requestId: string | undefined;
  /** The signal of the last attempt, to tell a timeout from a cancellation. */
  signal: RequestSignal | undefined;
  /** Epoch milliseconds before which the next attempt must not start (from `Retry-After`). */
  notBefore: number;
  /** Set when the call's operation was torn down while in flight: no further attempt is sent. */
  cancelled: boolean;
}

/** Options of {@link createCallFetch}. */
export interface CallFetchOptions {
  /** The fetch to send with. */
  fetch: typeof fetch;
  /** Time limit of one attempt, in milliseconds. */
  timeoutMs: number;
  /** The call's signal. */
  signal?: AbortSignal | undefined;
  /** The longest `Retry-After` honoured, in milliseconds. */
  maxRetryAfterMs: number;
  /** Filled in as answers come. */
  state: CallState;
}

/** A new, empty {@link CallState}. */
export function newCallState(): CallState {
  return { status: undefined, requestId: undefined, signal: undefined, notBefore: 0, cancelled: false };
}

/** `origin + path` of a URL, for messages: never a query string. */
export function whereOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "the API";
  }
}

function sleepUntil(deadline: number, signal: AbortSignal | undefined): Promise<void> {
  const ms = deadline - Date.now();
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const cancelled = (): TaegisNetworkError => new TaegisNetworkError("aborted", "The call was cancelled by its AbortSignal while waiting to retry.");
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const timer = setTimeout(() => {
      stopWaiting?.();
      resolve();
    }, ms);
    const stopWaiting =
      signal === undefined
        ? undefined
        : whenAborted(signal, () => {
            clearTimeout(timer);
            reject(cancelled());
          });
  });
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

function transportFailure(signal: RequestSignal, url: string, timeoutMs: number, cause: unknown): TaegisNetworkError {
  if (signal.aborted()) return new TaegisNetworkError("aborted", `The call to ${whereOf(url)} was cancelled by its AbortSignal.`, { url, cause });
  if (signal.timedOut()) {
    return new TaegisNetworkError(
      "timeout",
      `${whereOf(url)} gave no answer within ${timeoutMs} ms. Check the network, or raise timeoutMs.`,
      { url, cause },
    );
  }
  return new TaegisNetworkError("network", `Could not reach ${whereOf(url)}. Check the network and the environment's URL.`, { url, cause });
}

/**
 * The fetch of one call (urql calls it once per attempt). It
 *
 * - sends with `redirect: "manual"` and follows same-origin redirects itself
 *   (request unchanged, at most 5), while a redirect to another origin is
 *   refused with a {@link TaegisHttpError}, so the Authorization header never
 *   leaves the origin it was meant for;
 * - limits each attempt to `timeoutMs` and stops at the call's signal (one
 *   {@link requestSignal} per attempt, kept in `state.signal`: whoever reads
 *   the answer's body disposes it; the next attempt disposes the one before);
 *   failures without an answer become {@link TaegisNetworkError} `network`,
 *   `timeout` or `aborted`;
 * - waits before an attempt as long as the last `Retry-After` asked (capped);
 * - refuses answers that are not JSON (an HTML error page, say) with a short
 *   {@link TaegisHttpError} that quotes none of the body;
 * - records the status and `X-Request-Id` of every answer in `state`.
 */
export function createCallFetch(options: CallFetchOptions): typeof fetch {
  const { state, timeoutMs } = options;
  return async (input, init) => {
    state.signal?.dispose();
    if (state.notBefore > 0) await sleepUntil(state.notBefore, options.signal);
    let url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    for (let hop = 0; ; hop++) {
      if (state.cancelled) throw new TaegisNetworkError("aborted", `The call to ${whereOf(url)} was cancelled.`, { url });
      const signal = requestSignal(timeoutMs, options.signal, init?.signal ?? undefined);
      state.signal = signal;
      let response: Response;
      try {
        response = await options.fetch(url, { ...init, redirect: "manual", signal: signal.signal });
      } catch (cause) {
        signal.dispose();
        throw transportFailure(signal, url, timeoutMs, cause);
      }
      const { status } = response;
      const requestId = response.headers.get("x-request-id") ?? undefined;
      state.status = status;
      state.requestId = requestId;

      if (status >= 300 && status < 400) {
        discard(response);
        signal.dispose();
        const location = response.headers.get("location");
        let next: URL | undefined;
        try {
          next = location === null ? undefined : new URL(location, url);
        } catch {
          next = undefined;
        }
        if (next === undefined || hop >= MAX_REDIRECTS) {
          throw new TaegisHttpError("http_error", `${whereOf(url)} answered HTTP ${status} with no usable redirect target.`, { status, requestId, url });
        }
        if (next.origin !== new URL(url).origin) {
          throw new TaegisHttpError(
            "http_error",
            `${whereOf(url)} redirected the request to another origin (${next.origin}). The SDK does not follow redirects across origins, ` +
              "so that the access token stays with the host it is for: set the environment's URL (or the url option) to the final address.",
            { status, requestId, url },
          );
        }
        url = next.href;
        continue;
      }

      if (RETRYABLE_STATUSES.has(status)) {
        const wait = parseRetryAfter(response.headers.get("retry-after"), Date.now());
        if (wait !== undefined) state.notBefore = Date.now() + Math.min(wait, options.maxRetryAfterMs);
      }
      const type = response.headers.get("content-type");
      if (type !== null && !/json/i.test(type)) {
        discard(response);
        signal.dispose();
        const ok = status >= 200 && status < 300;
        const mediaType = type.split(";")[0]?.trim().slice(0, 60) ?? "unknown";
        throw new TaegisHttpError(
          ok ? "invalid_response" : "http_error",
          `${whereOf(url)} answered HTTP ${status} with a ${JSON.stringify(mediaType)} body instead of GraphQL JSON` +
            `${requestId === undefined ? "" : ` (request id ${requestId})`}.` +
            (ok ? " Check that the URL points at a Taegis GraphQL endpoint." : ""),
          { status, requestId, url },
        );
      }
      return response;
    }
  };
}
