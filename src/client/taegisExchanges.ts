import type { Exchange } from "@urql/core";
import { retryExchange } from "@urql/exchange-retry";
import type { TokenReplacer } from "./createTokenReplacer.js";
import type { RetryOptions } from "./options.js";
import { retryExchangeOptions } from "./retryPolicy.js";
import { taegisAuthExchange, type ExchangeTokenProvider } from "./taegisAuthExchange.js";
import { taegisFetchExchange } from "./taegisFetchExchange.js";

/** Options of {@link taegisExchanges}. */
export interface TaegisExchangesOptions {
  /** The credential chain, for the auth exchange. */
  tokenProvider: ExchangeTokenProvider;
  /** The re-authentication of the environment. */
  replaceToken: TokenReplacer;
  /** The retry policy, or false for none. */
  retry: Readonly<Required<RetryOptions>> | false;
}

/**
 * The urql exchanges every query and mutation runs through (see
 * {@link ExchangeRunner}): the auth exchange (headers, one re-authentication
 * after a 401), the retry exchange (network errors, 429, 502, 503, 504,
 * bounded, with backoff and jitter), and the SDK's fetch exchange (JSON POST
 * through the call's transport, see {@link taegisFetchExchange}). POST only,
 * so variables never go into URLs; no cache exchange, so no document cache.
 */
export function taegisExchanges(options: TaegisExchangesOptions): Exchange[] {
  const exchanges: Exchange[] = [taegisAuthExchange(options.tokenProvider, options.replaceToken)];
  if (options.retry !== false && options.retry.maxAttempts > 1) exchanges.push(retryExchange(retryExchangeOptions(options.retry)));
  exchanges.push(taegisFetchExchange);
  return exchanges;
}
