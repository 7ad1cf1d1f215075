import { configStoreFor } from "../config/ConfigStore.js";
import type { ConfigSections } from "../config/configSections.js";
import { canonicalEnvironmentName } from "../environments.js";
import { TaegisConfigError } from "../errors/TaegisConfigError.js";
import type { TaegisLogger } from "../logger.js";
import { abortedError } from "./abortedError.js";
import { cachedToken } from "./cachedToken.js";
import { clientCredentialNames, clientCredentials } from "./clientCredentials.js";
import { credentialChain } from "./credentialChain.js";
import type { AccessToken, TokenRequest } from "./credentialSource.js";
import { explicitToken } from "./explicitAccessToken.js";
import type { InteractionHooks, LoginMethod } from "./interaction.js";
import { SingleFlight } from "./singleFlight.js";
import { tokenCacheFor } from "./tokenCache.js";
import { tokenProviderSettings } from "./tokenProviderSettings.js";
import { userLogin } from "./userLogin.js";

export { DEFAULT_AUTH_TIMEOUT_MS } from "./tokenProviderSettings.js";

/** Options of {@link createTokenProvider}. */
export interface TokenProviderOptions extends InteractionHooks {
  /** The config file (token cache, variable-name mapping), already resolved (see `resolveConfigPath`). */
  configPath: string;
  /** A token to use as is, before any other source. */
  accessToken?: string;
  /** Whether a user login may be started. Default {@link defaultInteractive}. */
  interactive?: boolean;
  /** The user login: `device_code` (default, SSO) or `password` (username, password, OTP). */
  loginMethod?: LoginMethod;
  /** Where `CLIENT_ID` / `CLIENT_SECRET` (or the mapped names) and `CI` are read. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The fetch for every request of the chain. Default the global fetch. */
  fetch?: typeof fetch;
  /** Time limit of each token-endpoint request, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** A cached token counts as fresh while it expires more than this many seconds ahead. Default 60. */
  skewSeconds?: number;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Waits between device-code polls. Default a real, abortable timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Warnings and debug lines (never a secret). Default {@link defaultLogger}. */
  logger?: TaegisLogger;
}

/** What {@link TokenProvider.getToken} takes. */
export interface GetTokenRequest extends TokenRequest {
  /** A token for this call only: returned as is, wins over everything. */
  accessToken?: string | undefined;
  /** Skip the token in memory and in the file (it was rejected, e.g. with a 401) and get a new one. */
  forceRefresh?: boolean | undefined;
}

/** Tokens per authentication environment, through the credential chain. */
export interface TokenProvider {
  /**
   * The token for `request.environment`: the per-call or client `accessToken`,
   * else the cached token, else client credentials, else a user login when
   * interactive. Concurrent calls for one environment share one acquisition.
   */
  getToken(request: GetTokenRequest): Promise<AccessToken>;
  /** The fresh token in memory for `environment` (or the explicit token), without any I/O: the hot path. */
  peek(environment: string): AccessToken | undefined;
  /** Drops `accessToken` (rejected by the API) from memory and from the file, only if it is still the cached one. */
  invalidate(environment: string, accessToken: string): Promise<void>;
  /** Empties the cached token of `environment`, in memory and in the file. */
  clear(environment: string): Promise<void>;
}

/**
 * Makes the credential chain of the SDK: explicit token > token cache >
 * client credentials > user login (device code or password/MFA, only when
 * interactive). Every new token is cached for its authentication environment;
 * concurrent requests for one environment share one acquisition, and client
 * credentials are exchanged under the config lock, so that processes sharing
 * the config file mint one token between them.
 *
 * @throws TaegisOptionsError for an option that cannot be used.
 * @example
 * ```ts
 * const provider = createTokenProvider({ configPath: resolveConfigPath() });
 * const { accessToken } = await provider.getToken({ environment: "charlie", authUrl: "https://api.ctpx.secureworks.com" });
 * ```
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const settings = tokenProviderSettings(options);
  const { configPath, logger, env } = settings;
  const cache = tokenCacheFor(configPath, {
    logger,
    ...(options.skewSeconds === undefined ? {} : { skewSeconds: options.skewSeconds }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const store = configStoreFor(configPath, { logger });
  const readConfig = async (): Promise<ConfigSections> => {
    try {
      return await store.read();
    } catch (error) {
      // A corrupt file may hold a mapping we cannot read: say so rather than guess the variables.
      if (error instanceof TaegisConfigError && error.code !== "config_corrupt") {
        logger.debug(`config file unreadable (${error.code}): using CLIENT_ID / CLIENT_SECRET`);
        return {};
      }
      throw error;
    }
  };
  const common = {
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    timeoutMs: settings.timeoutMs,
    ...(options.now === undefined ? {} : { now: options.now }),
    logger,
  };
  const credentials = clientCredentials({
    ...common,
    configPath,
    readConfig,
    env,
    serialize: (environment, fetchToken) => cache.lockedRefresh(environment, fetchToken),
  });
  const login = userLogin({
    ...options,
    ...common,
    interactive: settings.interactive,
    interactiveByOption: options.interactive === false,
    loginMethod: settings.loginMethod,
  });
  const howToAuthenticate = async (environment: string) => {
    const names = clientCredentialNames(await readConfig().catch(() => ({})), environment, configPath);
    return (
      `To authenticate, set ${names.clientId} and ${names.clientSecret} to the id and secret of a Taegis client made for this environment; ` +
      "or log in as a user (run in a terminal, or pass interactive: true); or pass an accessToken."
    );
  };
  const chainOptions = {
    store: async (environment: string, token: AccessToken) => cache.set(environment, token.accessToken, token.expiresAt),
    howToAuthenticate,
    logger,
  };
  const normal = credentialChain([cachedToken(cache), credentials, login], chainOptions);
  const forced = credentialChain([credentials, login], chainOptions);
  const flights = new SingleFlight<AccessToken>();
  const explicit = nonEmpty(options.accessToken);

  return {
    async getToken(request) {
      const token = nonEmpty(request.accessToken) ?? explicit;
      if (token !== undefined) return explicitToken(token);
      const environment = canonicalEnvironmentName(request.environment);
      const { signal } = request;
      if (request.forceRefresh !== true) {
        const hot = cache.peek(environment);
        if (hot !== undefined) return hot;
      }
      const force = request.forceRefresh === true;
      return flights.run(
        force ? `${environment}\u0000force` : environment,
        signal,
        async (shared) => {
          if (force) {
            const current = cache.peek(environment);
            if (current !== undefined) await cache.invalidate(environment, current.accessToken);
          }
          return (force ? forced : normal).getToken({ environment, authUrl: request.authUrl, signal: shared });
        },
        () => abortedError(environment, "token request", signal),
      );
    },
    peek(environment) {
      if (explicit !== undefined) return explicitToken(explicit);
      return cache.peek(canonicalEnvironmentName(environment));
    },
    async invalidate(environment, accessToken) {
      await cache.invalidate(canonicalEnvironmentName(environment), accessToken);
    },
    async clear(environment) {
      await cache.clear(canonicalEnvironmentName(environment));
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
