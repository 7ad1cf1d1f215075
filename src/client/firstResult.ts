import type { OperationResult } from "@urql/core";
import { filter, pipe, subscribe, take, type Source } from "wonka";
import { TaegisNetworkError } from "../errors/TaegisNetworkError.js";

/**
 * The first complete result of an urql source (not stale, no more parts to
 * come), as a promise. The call's signal unsubscribes, which tears the
 * operation down in urql and aborts its request, and rejects with
 * {@link TaegisNetworkError} `aborted`.
 */
export function firstResult(source: Source<OperationResult>, signal: AbortSignal | undefined, url: string): Promise<OperationResult> {
  return new Promise((resolve, reject) => {
    let done = false;
    const onAbort = (): void => {
      if (done) return;
      done = true;
      subscription.unsubscribe();
      reject(new TaegisNetworkError("aborted", "The call was cancelled by its AbortSignal.", { url, cause: signal?.reason }));
    };
    const subscription = pipe(
      source,
      filter((result) => !result.stale && !result.hasNext),
      take(1),
      subscribe((result) => {
        if (done) return;
        done = true;
        signal?.removeEventListener("abort", onAbort);
        resolve(result);
      }),
    );
    if (signal?.aborted) onAbort();
    else if (!done) signal?.addEventListener("abort", onAbort, { once: true });
  });
}
