import { makeErrorResult, makeResult, type Exchange, type Operation, type OperationResult } from "@urql/core";
import { filter, makeSubject, merge, pipe } from "wonka";
import type { CallState } from "./createCallFetch.js";
import { requestBody } from "./requestBody.js";

/** The per-call transport state an operation carries in its context as `taegisState` (see executeOperation). */
function stateOf(operation: Operation): CallState | undefined {
  return (operation.context as { taegisState?: CallState }).taegisState;
}

function failure(error: unknown, response: Response | undefined): unknown {
  // As urql's fetchExchange: a body that could not be read on a non-2xx answer is reported by its status text.
  return response !== undefined && (response.status < 200 || response.status >= 300) && response.statusText !== "" ? new Error(response.statusText) : error;
}

/**
 * The SDK's terminating urql exchange for queries and mutations: one JSON
 * POST per operation through the operation's `fetch` (the call's transport:
 * timeout, signal, redirects, `Retry-After`), the answer read as JSON into an
 * urql result (`makeResult`, or `makeErrorResult` when it is not GraphQL
 * JSON), as `@urql/core`'s fetchExchange does for JSON answers, with less
 * work per call: the body is encoded once (the document's part once per
 * document), the headers the auth exchange set are sent as they are, and no
 * AbortController, async generator or per-operation teardown listener is
 * made. A teardown of an operation still in flight aborts its request.
 * Subscriptions and teardowns go on to the next exchange.
 *
 * The SDK answers only `application/json` (anything else is refused by the
 * transport), so the streaming formats of the fetchExchange (multipart,
 * event streams) and file uploads are not needed here.
 */
export const taegisFetchExchange: Exchange = ({ forward }) => {
  /** Cancels the request of an operation in flight, by operation key. */
  const inFlight = new Map<number, () => void>();

  const send = (operation: Operation, push: (result: OperationResult) => void): void => {
    const { key, context } = operation;
    const state = stateOf(operation);
    let live = true;
    inFlight.set(key, () => {
      live = false;
      inFlight.delete(key);
      if (state !== undefined) {
        state.cancelled = true;
        state.signal?.cancel();
      }
    });
    const fetchOptions = typeof context.fetchOptions === "function" ? context.fetchOptions() : context.fetchOptions;
    const init: RequestInit = { ...fetchOptions, method: "POST", body: requestBody(operation) };
    void (async () => {
      let response: Response | undefined;
      let result: OperationResult;
      try {
        response = await (context.fetch ?? fetch)(context.url, init);
        result = makeResult(operation, JSON.parse(await response.text()), response);
      } catch (error) {
        result = makeErrorResult(operation, failure(error, response) as Error, response);
      } finally {
        state?.signal?.dispose();
      }
      if (!live) return;
      live = false;
      inFlight.delete(key);
      push(result);
    })();
  };

  return (operations$) => {
    const results = makeSubject<OperationResult>();
    const others$ = pipe(
      operations$,
      filter((operation) => {
        if (operation.kind === "query" || operation.kind === "mutation") {
          send(operation, results.next);
          return false;
        }
        if (operation.kind === "teardown") inFlight.get(operation.key)?.();
        return true;
      }),
    );
    return merge([results.source, forward(others$)]);
  };
};
