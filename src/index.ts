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
export type { CallOptions, RetryOptions, TaegisClientOptions } from "./client/options.js";
export type { DeviceCodePrompt, InteractionHooks, LoginMethod } from "./auth/interaction.js";
export * from "../generated/index.js";
