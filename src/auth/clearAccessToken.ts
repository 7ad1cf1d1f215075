import { resolveConfigPath } from "../config/resolveConfigPath.js";
import { canonicalEnvironmentName, DEFAULT_ENVIRONMENT } from "../environments.js";
import { loadOnFirstUse } from "../loadOnFirstUse.js";

/** Options of {@link clearAccessToken}. */
export interface ClearAccessTokenOptions {
  /** The config file. Default `TAEGIS_SDK_CONFIG`, else ~/.taegis_sdk_typescript/config. */
  configPath?: string;
}

/**
 * Empties the cached access token of an authentication environment, in this
 * process's memory and in the config file (the Python SDK's
 * `clear_access_token()`). The next call gets a new token through the chain.
 *
 * @param environment a region name or alias (`charlie`, `US1`, ...) or `universal`. Default `charlie`.
 * @example
 * ```ts
 * await clearAccessToken("universal");
 * ```
 */
export async function clearAccessToken(environment: string = DEFAULT_ENVIRONMENT, options: ClearAccessTokenOptions = {}): Promise<void> {
  const configPath = resolveConfigPath(options.configPath === undefined ? {} : { configPath: options.configPath });
  const environmentName = canonicalEnvironmentName(environment);
  const { tokenCacheFor } = await loadOnFirstUse(() => import("./tokenCache.js"), "keeps the token cache");
  await tokenCacheFor(configPath).clear(environmentName);
}
