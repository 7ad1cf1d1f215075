import type { OperationResult } from "@urql/core";
import { pipe, subscribe, type Source, type Subscription } from "wonka";
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
      subscription?.unsubscribe();
      reject(new TaegisNetworkError("aborted", "The call was cancelled by its AbortSignal.", { url, cause: signal?.reason }));
    };
    let settled: OperationResult | undefined;
    let subscription: Subscription | undefined;
    subscription = pipe(
      source,
      subscribe((result) => {
        if (done || result.stale || result.hasNext) return;
        done = true;
        signal?.removeEventListener("abort", onAbort);
        // The first complete result ends the operation (as take(1) would); a result pushed synchronously
        // during subscribe() is settled once subscribe() has returned the subscription.
        if (subscription === undefined) settled = result;
        else {
          subscription.unsubscribe();
          resolve(result);
        }
      }),
    );
    if (settled !== undefined) {
      subscription.unsubscribe();
      resolve(settled);
      return;
    }
    if (signal?.aborted) onAbort();
    else if (!done) signal?.addEventListener("abort", onAbort, { once: true });
  });
}
