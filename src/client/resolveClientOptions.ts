import type { InteractionHooks, LoginMethod } from "../auth/interaction.js";
import { resolveConfigPath } from "../config/resolveConfigPath.js";
import { assertTransportUrl, DEFAULT_UNIVERSAL_AUTHENTICATION_URL, EnvironmentTable } from "../environments.js";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import { defaultLogger, type TaegisLogger } from "../logger.js";
import type { CallOptions, RetryOptions, TaegisClientOptions } from "./options.js";
import { validateCallOptions } from "./validateCallOptions.js";

/** Default time limit of one HTTP request: 300 000 ms (5 minutes). */
export const DEFAULT_TIMEOUT_MS = 300_000;

/** Default retry policy: 3 attempts, 300 ms first delay doubling with jitter, at most 10 s. */
export const DEFAULT_RETRY: Readonly<Required<RetryOptions>> = { maxAttempts: 3, initialDelayMs: 300, maxDelayMs: 10_000 };

const LOGIN_METHODS: readonly LoginMethod[] = ["device_code", "password"];
const HOOKS = ["onDeviceCode", "promptUsername", "promptPassword", "promptOtp"] as const;

/** {@link TaegisClientOptions} with every default applied and every value checked. */
export interface ResolvedClientOptions {
  /** The environment table in force (the built-in regions, or the custom map). */
  readonly table: EnvironmentTable;
  /** Where universal authentication gets tokens, without a trailing slash. */
  readonly universalAuthenticationUrl: string;
  /** The client's call defaults: `environment` (canonical), `timeoutMs` and `useUniversalAuthentication` always set. */
  readonly defaults: CallOptions & { environment: string; timeoutMs: number; useUniversalAuthentication: boolean };
  /** The retry policy, or false for none. */
  readonly retry: Readonly<Required<RetryOptions>> | false;
  /** The fetch requests to token and login endpoints are sent with: the `fetch` option, else the global fetch. */
  readonly fetch: typeof fetch;
  /** The `fetch` option, when given: GraphQL requests go through it too (by default they go through Node's http modules, see `nodeHttpFetch`). */
  readonly customFetch: typeof fetch | undefined;
  /** Where warnings and debug lines go. */
  readonly logger: TaegisLogger;
  /** The absolute path of the config file. */
  readonly configPath: string;
  /** Environment variables for the credential chain. */
  readonly env: NodeJS.ProcessEnv | undefined;
  /** Whether a user login may be started; undefined lets the credential chain decide. */
  readonly interactive: boolean | undefined;
  /** User login method. */
  readonly loginMethod: LoginMethod | undefined;
  /** Cached-token freshness margin in seconds; undefined lets the token cache decide. */
  readonly tokenExpirySkewSeconds: number | undefined;
  /** The time limit of token requests, when the user set `timeoutMs`. */
  readonly tokenTimeoutMs: number | undefined;
  /** The interaction hooks of a user login. */
  readonly hooks: InteractionHooks;
}

function assertNonNegative(value: unknown, option: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TaegisOptionsError("invalid_option", option, `The \`${option}\` option must be a number of milliseconds, 0 or more.`);
  }
  return value;
}

function resolveRetry(retry: RetryOptions | false | undefined): Readonly<Required<RetryOptions>> | false {
  if (retry === false) return false;
  if (retry === undefined) return DEFAULT_RETRY;
  if (typeof retry !== "object" || retry === null) {
    throw new TaegisOptionsError("invalid_option", "retry", "The `retry` option must be { maxAttempts?, initialDelayMs?, maxDelayMs? } or false.");
  }
  const maxAttempts = retry.maxAttempts ?? DEFAULT_RETRY.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20) {
    throw new TaegisOptionsError("invalid_option", "retry.maxAttempts", "The `retry.maxAttempts` option must be a whole number from 1 (no retry) to 20.");
  }
  const initialDelayMs = assertNonNegative(retry.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs, "retry.initialDelayMs");
  const maxDelayMs = assertNonNegative(retry.maxDelayMs ?? Math.max(DEFAULT_RETRY.maxDelayMs, initialDelayMs), "retry.maxDelayMs");
  if (maxDelayMs < initialDelayMs) {
    throw new TaegisOptionsError("invalid_option", "retry.maxDelayMs", "The `retry.maxDelayMs` option must not be less than `retry.initialDelayMs`.");
  }
  return { maxAttempts, initialDelayMs, maxDelayMs };
}

/**
 * Applies the defaults of {@link TaegisClientOptions} in one place and checks
 * every value, so that a bad option fails at construction, before any request:
 * an unknown environment (the message lists the valid names), an insecure or
 * invalid URL, a tenant id with control characters, an extra header that
 * cannot be sent, a bad timeout or retry policy.
 *
 * Defaults: environment `charlie` (or the first of a custom table), timeout
 * 300 000 ms, 3 attempts for retryable failures, universal authentication off,
 * the global fetch, the default logger, the config file of
 * {@link resolveConfigPath}.
 *
 * @throws TaegisOptionsError naming the option and what is valid.
 */
export function resolveClientOptions(options: TaegisClientOptions = {}): ResolvedClientOptions {
  if (typeof options !== "object" || options === null) {
    throw new TaegisOptionsError("invalid_option", "options", "new TaegisClient(options) takes an options object, e.g. { environment: \"US1\" }.");
  }
  const table = new EnvironmentTable(options.environments);
  const universalAuthenticationUrl = assertTransportUrl(
    options.universalAuthenticationUrl ?? DEFAULT_UNIVERSAL_AUTHENTICATION_URL,
    "universalAuthenticationUrl",
  ).href.replace(/\/+$/, "");

  const call = validateCallOptions(options, table);
  const defaults = {
    ...call,
    environment: call.environment ?? table.defaultName,
    timeoutMs: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    useUniversalAuthentication: call.useUniversalAuthentication ?? false,
  };

  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new TaegisOptionsError("invalid_option", "fetch", "The `fetch` option must be a fetch function.");
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new TaegisOptionsError("invalid_option", "fetch", "No global fetch is available: pass the `fetch` option (Node 20 has one).");
  }
  if (options.interactive !== undefined && typeof options.interactive !== "boolean") {
    throw new TaegisOptionsError("invalid_option", "interactive", "The `interactive` option must be true or false.");
  }
  if (options.loginMethod !== undefined && !LOGIN_METHODS.includes(options.loginMethod)) {
    throw new TaegisOptionsError("invalid_option", "loginMethod", `The \`loginMethod\` option must be one of: ${LOGIN_METHODS.join(", ")}.`);
  }
  const hooks: InteractionHooks = {};
  for (const hook of HOOKS) {
    const value = options[hook];
    if (value === undefined) continue;
    if (typeof value !== "function") {
      throw new TaegisOptionsError("invalid_option", hook, `The \`${hook}\` option must be a function.`);
    }
    (hooks as Record<string, unknown>)[hook] = value;
  }
  if (options.tokenExpirySkewSeconds !== undefined) {
    const skew = options.tokenExpirySkewSeconds;
    if (typeof skew !== "number" || !Number.isFinite(skew) || skew < 0) {
      throw new TaegisOptionsError("invalid_option", "tokenExpirySkewSeconds", "The `tokenExpirySkewSeconds` option must be a number of seconds, 0 or more.");
    }
  }
  if (options.env !== undefined && (typeof options.env !== "object" || options.env === null)) {
    throw new TaegisOptionsError("invalid_option", "env", "The `env` option must be an object of environment variables, like process.env.");
  }
  const logger = options.logger ?? defaultLogger;
  if (typeof logger.warn !== "function" || typeof logger.debug !== "function") {
    throw new TaegisOptionsError("invalid_option", "logger", "The `logger` option must have warn(message) and debug(message) functions.");
  }

  return {
    table,
    universalAuthenticationUrl,
    defaults,
    retry: resolveRetry(options.retry),
    fetch: fetchImpl,
    customFetch: options.fetch,
    logger,
    configPath: resolveConfigPath({
      ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
      ...(options.env === undefined ? {} : { env: options.env }),
    }),
    env: options.env,
    interactive: options.interactive,
    loginMethod: options.loginMethod,
    tokenExpirySkewSeconds: options.tokenExpirySkewSeconds,
    tokenTimeoutMs: call.timeoutMs,
    hooks,
  };
}
