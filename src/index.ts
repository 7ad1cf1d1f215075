/**
 * taegis-sdk: a typed client for the Secureworks Taegis XDR GraphQL API.
 *
 * The public surface, and nothing else: every name users may import is
 * re-exported here by name.
 * @packageDocumentation
 */
export {
  TaegisError,
  TaegisConfigError,
  TaegisAuthError,
  CredentialUnavailableError,
  TaegisOptionsError,
  TaegisHttpError,
  TaegisNetworkError,
  TaegisGraphQLError,
  type TaegisErrorOptions,
  type TaegisConfigErrorCode,
  type TaegisAuthErrorCode,
  type TaegisOptionsErrorCode,
} from "./errors/index.js";
export {
  DEFAULT_ENVIRONMENT,
  DEFAULT_UNIVERSAL_AUTHENTICATION_URL,
  UNIVERSAL,
  canonicalEnvironmentName,
  type EnvironmentEndpoints,
  type EnvironmentMap,
} from "./environments.js";
export { defaultLogger, silentLogger, type TaegisLogger } from "./logger.js";
export { SDK_NAME, SDK_VERSION } from "./version.js";
export {
  TaegisClient,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type OperationArguments,
  type CallOptions,
  type RetryOptions,
  type TaegisClientOptions,
  type FacadeRunner,
} from "./client/index.js";
export {
  writeToConfig,
  readConfig,
  removeFromConfig,
  resolveConfigPath,
  CONFIG_PATH_VARIABLE,
  type ConfigOptions,
  type ConfigSections,
  type ConfigLocationOptions,
} from "./config/index.js";
export {
  clearAccessToken,
  defaultInteractive,
  DEFAULT_AUTH_TIMEOUT_MS,
  type ClearAccessTokenOptions,
  type AccessToken,
  type CredentialSource,
  type TokenRequest,
  type DeviceCodePrompt,
  type InteractionHooks,
  type LoginMethod,
  type PromptContext,
} from "./auth/index.js";
export * from "../generated/index.js";
