import { createTokenProvider, type TokenProvider } from "../auth/createTokenProvider.js";
import { createTokenReplacer } from "./createTokenReplacer.js";
import { ExchangeRunner } from "./ExchangeRunner.js";
import type { CallOptions } from "./options.js";
import { resolveCallTarget, type CallTarget } from "./resolveCallTarget.js";
import type { ResolvedClientOptions } from "./resolveClientOptions.js";
import { taegisExchanges } from "./taegisExchanges.js";
import { mergeCallOptions, validateCallOptions } from "./validateCallOptions.js";

/**
 * What a `TaegisClient` and all its `with()` views share: the resolved
 * options, the credential chain (with its token cache and single flight) and
 * the chains of urql exchanges, one per authentication environment (see
 * {@link ExchangeRunner}), so that the re-authentication of one environment
 * never holds up calls of another.
 */
export class ClientCore {
  /** The client's options, defaults applied. */
  readonly resolved: ResolvedClientOptions;
  /** The credential chain. */
  readonly tokenProvider: TokenProvider;
  readonly #runners = new Map<string, ExchangeRunner>();
  /** The targets of the call defaults of the client and its views (objects that live as long as they do), by service. */
  readonly #targets = new WeakMap<CallOptions, Map<string | undefined, CallTarget>>();
  #lastKey = 0;

  constructor(resolved: ResolvedClientOptions) {
    this.resolved = resolved;
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

  /** Layers a call's options (checked here) over a client's or view's defaults. */
  callOptions(defaults: CallOptions, options: CallOptions | undefined): CallOptions {
    if (options !== undefined) return mergeCallOptions(defaults, validateCallOptions(options, this.resolved.table));
    if (!this.#targets.has(defaults)) this.#targets.set(defaults, new Map());
    return defaults;
  }

  /** Where a call goes and whose token it carries (remembered for call defaults, which never change). */
  target(call: CallOptions, service: string | undefined): CallTarget {
    const known = this.#targets.get(call);
    let target = known?.get(service);
    if (target === undefined) {
      target = resolveCallTarget(this.resolved.table, this.resolved.universalAuthenticationUrl, call, service);
      known?.set(service, target);
    }
    return target;
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
      const { tokenProvider, resolved } = this;
      const replaceToken = createTokenReplacer(tokenProvider, resolved.logger);
      runner = new ExchangeRunner(taegisExchanges({ tokenProvider, replaceToken, retry: resolved.retry }), url);
      this.#runners.set(authEnvironment, runner);
    }
    return runner;
  }

  /** A new urql operation key: every call is its own operation, never deduplicated with another. */
  nextKey(): number {
    this.#lastKey = (this.#lastKey + 1) | 0;
    return this.#lastKey;
  }
}
