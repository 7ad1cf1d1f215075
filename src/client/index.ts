export { TaegisClient, type OperationArguments } from "./TaegisClient.js";
export type { CallOptions, RetryOptions, TaegisClientOptions } from "./options.js";
export type { FacadeRunner } from "./facadeRunner.js";
export { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from "./resolveClientOptions.js";
