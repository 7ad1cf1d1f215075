import type { EnvironmentMap } from "../environments.js";
import type { InteractionHooks, LoginMethod } from "../auth/interaction.js";
import type { TaegisLogger } from "../logger.js";

/**
 * Options that every call takes, and that a client or a {@link TaegisClient.with}
 * view holds as defaults. A per-call value wins over the view's, which wins
 * over the client's.
 */
export interface CallOptions {
  /** Environment (region) name or alias, case-insensitive: `charlie`, `US1`, `delta`, ... */
  environment?: string;
  /** Tenant the call acts in; sent as `X-Tenant-Context`. */
  tenantId?: string;
  /** Authenticate with the universal host: one token (cached under `universal`) serves every region. */
  useUniversalAuthentication?: boolean;
  /** Full GraphQL URL for the call, replacing the environment's URL and the gateway. */
  url?: string;
  /** Gateway path replacing the one of the operation's service, e.g. `/graphql`. */
  gateway?: string;
  /** Bearer token to send as is, bypassing the credential chain. */
  accessToken?: string;
  /** Headers merged last into every request. */
  extraHeaders?: Record<string, string>;
  /** Time limit of one HTTP request, in milliseconds. Default 300 000. */
  timeoutMs?: number;
  /** Cancels the call (and a login it started). */
  signal?: AbortSignal;
}

/** Retry policy for network errors and HTTP 429, 502, 503, 504. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 3. */
  maxAttempts?: number;
  /** Delay before the first retry, in milliseconds; doubles each time, with jitter. Default 300. */
  initialDelayMs?: number;
  /** Longest delay between attempts (and longest `Retry-After` honoured), in milliseconds. Default 10 000. */
  maxDelayMs?: number;
}

/** Options of `new TaegisClient(options)`. */
export interface TaegisClientOptions extends Omit<CallOptions, "signal">, InteractionHooks {
  /** A custom environment table (name -> URL or `{ url, tenantsUrl }`), e.g. the sandbox's. Replaces the built-in regions. */
  environments?: EnvironmentMap;
  /** Where universal authentication gets tokens. Default https://api.taegis.secureworks.com. */
  universalAuthenticationUrl?: string;
  /** Retry policy, or `false` for none. */
  retry?: RetryOptions | false;
  /** Whether a user login may be started. Default: stdin and stderr are terminals and `CI` is unset. */
  interactive?: boolean;
  /** User login method. Default `device_code`. */
  loginMethod?: LoginMethod;
  /** Config file (token cache and settings). Default `TAEGIS_SDK_CONFIG`, else ~/.taegis_sdk_typescript/config. */
  configPath?: string;
  /**
   * The fetch to send every HTTP request with (for a proxy, instrumentation or tests). By default,
   * GraphQL requests go through Node's `http` / `https` modules over keep-alive connections (as the AWS
   * and Azure SDKs send theirs: about half the cost per call of the global fetch), and token and login
   * requests through the global fetch.
   */
  fetch?: typeof fetch;
  /** Where warnings and debug lines go. */
  logger?: TaegisLogger;
  /** A cached token counts as fresh while it expires more than this many seconds ahead. Default 60. */
  tokenExpirySkewSeconds?: number;
  /**
   * The environment variables to read `CLIENT_ID` / `CLIENT_SECRET` (or their
   * remapped names), `CI` and `TAEGIS_SDK_CONFIG` from. Default `process.env`.
   */
  env?: NodeJS.ProcessEnv;
}
