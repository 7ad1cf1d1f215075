import { CredentialUnavailableError } from "../errors/CredentialUnavailableError.js";
import type { AccessToken, CredentialSource, TokenRequest } from "./credentialSource.js";
import type { TokenCache } from "./tokenCache.js";

/** The name of this source in messages. */
export const CACHE_SOURCE = "token cache";

/**
 * The token cache as a source: the fresh token of the authentication
 * environment, from memory or from the config file (section
 * `[environment]`, key `access_token`). Unavailable when there is none.
 */
export function cachedToken(cache: TokenCache): CredentialSource {
  return {
    name: CACHE_SOURCE,
    storesToken: true,
    async getToken(request: TokenRequest): Promise<AccessToken> {
      const found = await cache.get(request.environment);
      if (found === undefined) {
        throw new CredentialUnavailableError(CACHE_SOURCE, `no fresh token is cached in ${cache.configPath} [${request.environment}]`);
      }
      return found;
    },
  };
}
