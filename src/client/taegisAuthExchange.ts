import { makeOperation, type Exchange, type Operation } from "@urql/core";
import { authExchange } from "@urql/exchange-auth";
import type { TokenProvider } from "../auth/createTokenProvider.js";
import type { TokenReplacer } from "./createTokenReplacer.js";
import { requestHeaders } from "./requestHeaders.js";
import { statusOf } from "./retryPolicy.js";

/** The part of the credential chain the auth exchange uses: peek (no I/O) at tokens. */
export type ExchangeTokenProvider = Pick<TokenProvider, "peek">;

/** The identity of one call, carried in its urql operation's context as `taegis`. */
export interface OperationAuth {
  /** The authentication environment (region name or `universal`). */
  readonly authEnvironment: string;
  /** Where tokens of that environment come from. */
  readonly authUrl: string;
  /** The token obtained for the call before it was sent. */
  readonly accessToken: string;
  /** True when the token is the caller's `accessToken` option: sent as is, never refreshed. */
  readonly explicit: boolean;
  /** The tenant, sent as `X-Tenant-Context`. */
  readonly tenantId: string | undefined;
  /** Headers merged last. */
  readonly extraHeaders: Readonly<Record<string, string>> | undefined;
  /** The call's signal, which also cancels a re-authentication it causes. */
  readonly signal: AbortSignal | undefined;
  /** The token actually sent by the last attempt (set by the exchange). */
  readonly sentToken?: string;
}

/** The {@link OperationAuth} of an operation, if it has one. */
export function authOf(operation: Operation): OperationAuth | undefined {
  return (operation.context as { taegis?: OperationAuth }).taegis;
}

/**
 * The SDK's use of `@urql/exchange-auth`:
 *
 * - `addAuthToOperation` sets the request headers of PROTOCOL.md, with
 *   `Authorization` and `X-Tenant-Context` from the call's identity. It sends
 *   the freshest token of that authentication environment (a token refreshed
 *   after a 401, else the in-memory one, else the one the call got), never a
 *   token of another environment.
 * - `didAuthError` is an HTTP 401 for a token of the chain (a token given in
 *   the `accessToken` option is never refreshed).
 * - `refreshAuth` gets the replacement of the rejected token from `replace`
 *   (shared by the calls of one environment: one new token per
 *   rejected token); the exchange then retries the operation once. A second
 *   401 is passed on (and becomes `TaegisAuthError` `unauthorized`): there is
 *   no loop.
 */
export function taegisAuthExchange(provider: ExchangeTokenProvider, replace: TokenReplacer): Exchange {
  return authExchange(async () => {
    /** Failed operations waiting for a refresh, by operation key. */
    const pending = new Map<number, OperationAuth>();
    /** The new token of an operation to retry, by operation key. */
    const refreshed = new Map<number, string>();

    return {
      addAuthToOperation(operation) {
        const auth = authOf(operation);
        if (auth === undefined) return operation;
        let token = auth.accessToken;
        if (!auth.explicit) {
          const renewed = refreshed.get(operation.key);
          if (renewed !== undefined) refreshed.delete(operation.key);
          token = renewed ?? provider.peek(auth.authEnvironment)?.accessToken ?? auth.accessToken;
        }
        pending.delete(operation.key);
        const base = typeof operation.context.fetchOptions === "function" ? operation.context.fetchOptions() : operation.context.fetchOptions;
        const headers = requestHeaders({ accessToken: token, tenantId: auth.tenantId, extraHeaders: auth.extraHeaders });
        // makeOperation layers these over the operation's context itself.
        return makeOperation(operation.kind, operation, {
          fetchOptions: base === undefined ? { headers } : { ...base, headers },
          taegis: { ...auth, sentToken: token },
        });
      },
      didAuthError(error, operation) {
        const auth = authOf(operation);
        if (auth === undefined || auth.explicit || statusOf(error) !== 401) return false;
        pending.set(operation.key, auth);
        return true;
      },
      async refreshAuth() {
        const jobs = [...pending];
        pending.clear();
        await Promise.all(
          jobs.map(async ([key, auth]) => {
            refreshed.set(key, await replace(auth));
          }),
        );
      },
    };
  });
}
