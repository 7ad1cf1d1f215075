import { Client, type Exchange } from "@urql/core";
import { retryExchange } from "@urql/exchange-retry";
import type { TokenReplacer } from "./createTokenReplacer.js";
import type { RetryOptions } from "./options.js";
import { retryExchangeOptions } from "./retryPolicy.js";
import { taegisAuthExchange, type ExchangeTokenProvider } from "./taegisAuthExchange.js";
import { taegisFetchExchange } from "./taegisFetchExchange.js";

/** Options of {@link createUrqlClient}. */
export interface UrqlClientOptions {
  /** A URL for urql's defaults; every operation sets its own `url` in its context. */
  url: string;
  /** The credential chain, for the auth exchange. */
  tokenProvider: ExchangeTokenProvider;
  /** The re-authentication of the client's environment (shared by the clients of one environment). */
  replaceToken: TokenReplacer;
  /** The retry policy, or false for none. */
  retry: Readonly<Required<RetryOptions>> | false;
}

/**
 * The urql Client underneath `TaegisClient`: the auth exchange (headers, one
 * re-authentication after a 401), the retry exchange (network errors, 429,
 * 502, 503, 504, bounded, with backoff and jitter), and the SDK's fetch
 * exchange (JSON POST through the call's transport, see
 * {@link taegisFetchExchange}).
 * POST only (`preferGetMethod: false`, so variables never go into URLs),
 * `network-only`, and no cache exchange: no document cache.
 *
 * urql shares one in-flight result between operations with the same key; the
 * client gives every call a key of its own, so no call ever gets the answer
 * of another (another tenant, region or identity).
 */
export function createUrqlClient(options: UrqlClientOptions): Client {
  const exchanges: Exchange[] = [taegisAuthExchange(options.tokenProvider, options.replaceToken)];
  if (options.retry !== false && options.retry.maxAttempts > 1) exchanges.push(retryExchange(retryExchangeOptions(options.retry)));
  exchanges.push(taegisFetchExchange);
  return new Client({
    url: options.url,
    exchanges,
    preferGetMethod: false,
    requestPolicy: "network-only",
  });
}
