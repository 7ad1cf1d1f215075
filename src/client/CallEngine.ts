import type { DocumentNode } from "graphql";
import { createTokenProvider, type TokenProvider } from "../auth/createTokenProvider.js";
import type { ClientCore } from "./ClientCore.js";
import { createTokenReplacer } from "./createTokenReplacer.js";
import { ExchangeRunner } from "./ExchangeRunner.js";
import { executeOperation } from "./executeOperation.js";
import { nodeHttpFetch } from "./nodeHttpFetch.js";
import type { CallOptions } from "./options.js";
import type { CallTarget } from "./resolveCallTarget.js";
import type { PreparedSubscription } from "./prepareSubscription.js";
import { subscriptionMessages } from "./subscriptionMessages.js";
import { taegisExchanges } from "./taegisExchanges.js";

/**
 * The part of a client that only calls need, loaded on the first call (see
 * {@link ClientCore.engine}), one per client and its views: the credential
 * chain (with its token cache and single flight), the chains of urql
 * exchanges, one per authentication environment (see {@link ExchangeRunner}),
 * so that the re-authentication of one environment never holds up calls of
 * another, and the transport of GraphQL requests.
 */
export class CallEngine {
  /** The client's shared state and options. */
  readonly core: ClientCore;
  /** The credential chain. */
  readonly tokenProvider: TokenProvider;
  /** The fetch GraphQL requests are sent with: the `fetch` option, else {@link nodeHttpFetch}. */
  readonly graphqlFetch: typeof fetch;
  readonly #runners = new Map<string, ExchangeRunner>();

  constructor(core: ClientCore) {
    this.core = core;
    const { resolved } = core;
    this.graphqlFetch = resolved.customFetch ?? nodeHttpFetch;
    this.tokenProvider = createTokenProvider({
      ...resolved.hooks,
      configPath: resolved.configPath,
      fetch: resolved.fetch,
      logger: resolved.logger,
      ...(resolved.env === undefined ? {} : { env: resolved.env }),
      ...(resolved.interactive === undefined ? {} : { interactive: resolved.interactive }),
      ...(resolved.loginMethod === undefined ? {} : { loginMethod: resolved.loginMethod }),
      ...(resolved.tokenExpirySkewSeconds === undefined ? {} : { skewSeconds: resolved.tokenExpirySkewSeconds }),
      ...(resolved.tokenTimeoutMs === undefined ? {} : { timeoutMs: resolved.tokenTimeoutMs }),
    });
  }

  /** The token of a call that needs no I/O: the `accessToken` option, else the fresh in-memory token, else undefined. */
  hotToken(call: CallOptions, target: CallTarget): string | undefined {
    return call.accessToken ?? this.tokenProvider.peek(target.authEnvironment)?.accessToken;
  }

  /** The token of a call: the `accessToken` option, else the in-memory token (no I/O), else the credential chain. */
  async token(call: CallOptions, target: CallTarget): Promise<string> {
    const hot = this.hotToken(call, target);
    if (hot !== undefined) return hot;
    const token = await this.tokenProvider.getToken({
      environment: target.authEnvironment,
      authUrl: target.authUrl,
      ...(call.signal === undefined ? {} : { signal: call.signal }),
    });
    return token.accessToken;
  }

  /** The exchange chain of an authentication environment, made on first use. */
  runnerFor(authEnvironment: string, url: string): ExchangeRunner {
    let runner = this.#runners.get(authEnvironment);
    if (runner === undefined) {
      const { tokenProvider, core } = this;
      const replaceToken = createTokenReplacer(tokenProvider, core.resolved.logger);
      runner = new ExchangeRunner(taegisExchanges({ tokenProvider, replaceToken, retry: core.resolved.retry }), url);
      this.#runners.set(authEnvironment, runner);
    }
    return runner;
  }

  /** Runs one query or mutation (see {@link executeOperation}). */
  execute<TData>(document: DocumentNode, variables: Record<string, unknown> | undefined, call: CallOptions, service: string | undefined): Promise<TData> {
    return executeOperation<TData>(this, document, variables, call, service);
  }

  /** The messages of a checked subscription (see {@link subscriptionMessages}). */
  subscribe<TData>(subscription: PreparedSubscription): AsyncGenerator<TData, void, undefined> {
    return subscriptionMessages<TData>(this, subscription);
  }
}
