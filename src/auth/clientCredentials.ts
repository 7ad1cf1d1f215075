import { configValue, type ConfigSections } from "../config/configSections.js";
import { assertTransportUrl } from "../environments.js";
import { CredentialUnavailableError } from "../errors/CredentialUnavailableError.js";
import type { TaegisLogger } from "../logger.js";
import { clientCredentialsGrant } from "./clientCredentialsGrant.js";
import type { AccessToken, CredentialSource, TokenRequest } from "./credentialSource.js";

/** The name of this source in messages. */
export const CLIENT_CREDENTIALS_SOURCE = "client credentials";

/** The environment variables the client credentials of one environment are read from. */
export interface ClientCredentialNames {
  /** Variable holding the client id: `CLIENT_ID`, or the name mapped in the config file. */
  readonly clientId: string;
  /** Variable holding the client secret: `CLIENT_SECRET`, or the name mapped in the config file. */
  readonly clientSecret: string;
  /** How to say where the names came from, e.g. `CHARLIE_CLIENT_ID / CHARLIE_CLIENT_SECRET (mapped in /home/me/.taegis_sdk_typescript/config [charlie])`. */
  readonly description: string;
}

/**
 * The variable names for `environment`: the config file's `CLIENT_ID` and
 * `CLIENT_SECRET` keys of section `[environment]` when set (keys matched
 * case-insensitively, as Python's configparser writes them in lower case),
 * else `CLIENT_ID` and `CLIENT_SECRET`.
 */
export function clientCredentialNames(sections: ConfigSections, environment: string, configPath: string): ClientCredentialNames {
  const mappedId = nonEmpty(configValue(sections, environment, "CLIENT_ID"));
  const mappedSecret = nonEmpty(configValue(sections, environment, "CLIENT_SECRET"));
  const clientId = mappedId ?? "CLIENT_ID";
  const clientSecret = mappedSecret ?? "CLIENT_SECRET";
  const mapped = mappedId !== undefined || mappedSecret !== undefined;
  return {
    clientId,
    clientSecret,
    description: `${clientId} / ${clientSecret}${mapped ? ` (mapped in ${configPath} [${environment}])` : ""}`,
  };
}

/** Options of {@link clientCredentials}. */
export interface ClientCredentialsOptions {
  /** The config file (for the variable-name mapping, and named in messages). */
  configPath: string;
  /** Reads the config file's sections. */
  readConfig: () => Promise<ConfigSections>;
  /** Where the variables are read. Default `process.env`. */
  env?: NodeJS.ProcessEnv | undefined;
  /** The fetch to send with. Default the global fetch. */
  fetch?: typeof fetch | undefined;
  /** Time limit of the token request, in milliseconds. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Where a half-set pair of variables is reported. */
  logger?: TaegisLogger | undefined;
  /**
   * Runs the token request so that processes sharing the config file mint one
   * token: typically `TokenCache.lockedRefresh`, which takes the config lock,
   * returns a fresh token another process wrote, or runs `fetchToken` and
   * stores its token. When set, the source's tokens are already cached.
   */
  serialize?: ((environment: string, fetchToken: () => Promise<AccessToken>) => Promise<AccessToken>) | undefined;
}

/**
 * The OAuth client credentials source: the client id and secret from the
 * environment variables `CLIENT_ID` / `CLIENT_SECRET` (or the names the config
 * file maps for the environment), exchanged at
 * `<authUrl>/auth/api/v2/auth/token` with HTTP Basic client authentication.
 * Unavailable (next source) when either variable is unset or empty.
 *
 * @example
 * ```ts
 * // CHARLIE_CLIENT_ID / CHARLIE_CLIENT_SECRET for charlie only:
 * await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID");
 * await writeToConfig("charlie", "CLIENT_SECRET", "CHARLIE_CLIENT_SECRET");
 * ```
 */
export function clientCredentials(options: ClientCredentialsOptions): CredentialSource {
  const env = options.env ?? process.env;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const serialize = options.serialize;
  return {
    name: CLIENT_CREDENTIALS_SOURCE,
    storesToken: serialize !== undefined,
    async getToken(request: TokenRequest): Promise<AccessToken> {
      const { environment } = request;
      const names = clientCredentialNames(await options.readConfig(), environment, options.configPath);
      const clientId = nonEmpty(env[names.clientId]);
      const clientSecret = nonEmpty(env[names.clientSecret]);
      if (clientId === undefined || clientSecret === undefined) {
        const missing = [clientId === undefined ? names.clientId : undefined, clientSecret === undefined ? names.clientSecret : undefined].filter(
          (name): name is string => name !== undefined,
        );
        const halfSet = missing.length === 1;
        if (halfSet) {
          options.logger?.warn(`${missing[0]} is not set while its pair is: client credentials for environment "${environment}" are not used.`);
        }
        throw new CredentialUnavailableError(
          CLIENT_CREDENTIALS_SOURCE,
          halfSet ? `${names.description}: ${missing[0]} is not set` : `${names.description} are not set`,
        );
      }
      const authUrl = assertTransportUrl(request.authUrl, "authUrl");
      const fetchToken = () =>
        clientCredentialsGrant({
          environment,
          authUrl,
          clientId,
          clientSecret,
          credentialNames: names.description,
          fetch: fetchImpl,
          timeoutMs,
          signal: request.signal,
          now,
        });
      return serialize === undefined ? fetchToken() : serialize(environment, fetchToken);
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
