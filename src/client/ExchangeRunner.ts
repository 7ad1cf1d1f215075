import { Client, composeExchanges, makeOperation, type Exchange, type ExchangeIO, type Operation, type OperationResult } from "@urql/core";
import { filter, makeSubject, pipe, subscribe } from "wonka";
import { TaegisNetworkError } from "../errors/TaegisNetworkError.js";
import { whenAborted } from "../auth/whenAborted.js";

/** The end of the chain: what the last exchange forwards (teardowns) stops here. */
const dropForwarded: ExchangeIO = (operations$) => pipe(operations$, filter((_operation: Operation): _operation is never => false));

/** The exchanges' debug events are not collected. */
const ignoreDebugEvent = (): void => {};

/**
 * Runs urql operations through a chain of urql exchanges (the SDK's: auth,
 * retry, fetch), without urql's `Client` around them.
 *
 * urql's Client keeps, for every operation, a result stream of its own that
 * filters the one shared stream of all results, and sorts results by request
 * policy, cache outcome and staleness: work the SDK does not use (every call
 * is `network-only`, has a key of its own and gets one final result) and
 * whose cost grows with the number of calls in flight. Here the operations go
 * into one subject, the chain's results come out of one subscription, and
 * each result settles the call of its key through a map: constant work per
 * call, however many are in flight. The exchanges see what urql's Client
 * would give them: operations made by `makeOperation`, a `forward` that
 * drops what reaches the end of the chain, and a teardown when a call is
 * cancelled (which aborts its request and any pending retry).
 */
export class ExchangeRunner {
  readonly #operations = makeSubject<Operation>();
  /** The calls waiting for their result, by operation key. */
  readonly #waiting = new Map<number, (result: OperationResult) => void>();

  /**
   * @param exchanges the chain, first to last.
   * @param url a URL for the urql Client the exchanges are handed as `client`
   *   (it runs no operation: the SDK's exchanges do not use it, and every
   *   operation carries its own `url`).
   */
  constructor(exchanges: Exchange[], url: string) {
    const client = new Client({ url, exchanges: [] });
    const results$ = composeExchanges(exchanges)({ client, forward: dropForwarded, dispatchDebug: ignoreDebugEvent })(this.#operations.source);
    pipe(
      results$,
      subscribe((result) => {
        const { key } = result.operation;
        const settle = this.#waiting.get(key);
        if (settle === undefined || result.stale || result.hasNext) return;
        this.#waiting.delete(key);
        settle(result);
      }),
    );
  }

  /**
   * Sends an operation (whose key no other call in flight has) down the
   * chain and resolves with its first final result. The call's signal tears
   * the operation down and rejects with {@link TaegisNetworkError} `aborted`.
   *
   * @param url where the call goes, for the error's message.
   */
  run(operation: Operation, signal: AbortSignal | undefined, url: string): Promise<OperationResult> {
    return new Promise((resolve, reject) => {
      const { key } = operation;
      const abort = (): void => {
        reject(new TaegisNetworkError("aborted", "The call was cancelled by its AbortSignal.", { url, cause: signal?.reason }));
      };
      if (signal?.aborted) {
        abort();
        return;
      }
      const stopWaiting = signal === undefined ? undefined : whenAborted(signal, () => {
        if (!this.#waiting.delete(key)) return;
        this.#operations.next(makeOperation("teardown", operation, operation.context));
        abort();
      });
      this.#waiting.set(key, (result) => {
        stopWaiting?.();
        resolve(result);
      });
      this.#operations.next(operation);
    });
  }
}
