import { resolve } from "node:path";
import { isStorableSectionName, isStorableValue } from "../config/configNames.js";
import { configValue, deleteConfigValue, setConfigValue, type ConfigSections } from "../config/configSections.js";
import { configStoreFor, type ConfigStore, type ConfigStoreOptions } from "../config/ConfigStore.js";
import { TaegisConfigError } from "../errors/TaegisConfigError.js";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import { defaultLogger, type TaegisLogger } from "../logger.js";
import { jwtExpiresAt } from "./expiresAt.js";

/** The key of the token in an environment's section, as in the Python SDK. */
export const ACCESS_TOKEN_KEY = "access_token";
/** Default margin before expiry under which a token no longer counts as fresh. */
export const DEFAULT_SKEW_SECONDS = 60;

/** How many rejected tokens are remembered per environment. */
const REJECTED_PER_ENVIRONMENT = 8;

/** Options of {@link TokenCache}. */
export interface TokenCacheOptions {
  /** A token counts as fresh while its expiry is more than this many seconds ahead (default 60). */
  skewSeconds?: number;
  /** Clock, ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** Where the one warning about an unusable config file goes (default {@link defaultLogger}). */
  logger?: TaegisLogger;
}

/** A cached bearer token and when it expires. */
export interface CachedToken {
  /** The bearer token. A secret: never log it. */
  accessToken: string;
  /** Its expiry (the JWT `exp`). */
  expiresAt: Date;
}

/** A token obtained by {@link TokenCache.lockedRefresh}'s callback. */
export interface FetchedToken {
  /** The bearer token. */
  accessToken: string;
  /** Its expiry when known from the token response; the JWT `exp` is used too. */
  expiresAt?: Date;
}

/** Config codes already warned about, per store: one warning per store and kind. */
const warnings = new WeakMap<ConfigStore, Set<string>>();

/**
 * Access tokens per authentication environment (`charlie`, ..., `universal`),
 * in memory and in the config file (key `access_token` of the environment's
 * section), shared by every process that uses the file. Only access tokens
 * are written; never client secrets.
 *
 * The hot path ({@link TokenCache.peek}) never touches the disk;
 * {@link TokenCache.get} reads the file only when the token in memory is
 * missing or about to expire. A config file that cannot be read or written
 * leaves the cache working in memory, with one warning.
 */
export class TokenCache {
  /** The config file behind the cache. */
  readonly configPath: string;
  readonly #store: ConfigStore;
  readonly #skewMs: number;
  readonly #now: () => number;
  readonly #logger: TaegisLogger;
  readonly #memory = new Map<string, CachedToken>();
  readonly #rejected = new Map<string, string[]>();

  constructor(store: ConfigStore, options: TokenCacheOptions = {}) {
    const skewSeconds = options.skewSeconds ?? DEFAULT_SKEW_SECONDS;
    if (typeof skewSeconds !== "number" || !Number.isFinite(skewSeconds) || skewSeconds < 0) {
      throw new TaegisOptionsError("invalid_option", "skewSeconds", "The skewSeconds option must be a number of seconds, 0 or more (default 60).");
    }
    this.#store = store;
    this.configPath = store.path;
    this.#skewMs = skewSeconds * 1000;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? defaultLogger;
  }

  /**
   * The token and its expiry when `accessToken` is a JWT whose `exp` is more
   * than the skew ahead of now; undefined when it is malformed, not a JWT,
   * has no `exp`, or is about to expire. Decoded with jose, never verified.
   */
  isFresh(accessToken: string): CachedToken | undefined {
    const expiresAt = jwtExpiresAt(accessToken);
    return expiresAt !== undefined && this.#freshUntil(expiresAt) ? { accessToken, expiresAt } : undefined;
  }

  /** The fresh token in memory for `environment`, without any I/O. The hot path. */
  peek(environment: string): CachedToken | undefined {
    const token = this.#memory.get(environment);
    return token !== undefined && this.#freshUntil(token.expiresAt) ? token : undefined;
  }

  /**
   * The fresh token for `environment`: from memory, else from the config file
   * (another process may have written one). A missing, malformed, expired or
   * rejected token is undefined; so is an unreadable or corrupt file (with one
   * warning).
   */
  async get(environment: string): Promise<CachedToken | undefined> {
    const hit = this.peek(environment);
    if (hit !== undefined) return hit;
    const sections = await this.#readFile();
    return sections === undefined ? undefined : this.#adopt(environment, sections);
  }

  /**
   * Caches `accessToken` for `environment` in memory and in the file. When the
   * token is not a JWT with `exp`, `expiresAt` says how long it lasts in memory.
   */
  async set(environment: string, accessToken: string, expiresAt?: Date): Promise<void> {
    this.#unreject(environment, accessToken);
    this.#remember(environment, { accessToken, ...(expiresAt === undefined ? {} : { expiresAt }) });
    if (!this.#storable(environment, accessToken)) return;
    await this.#persist(
      this.#store.update((sections) => {
        setConfigValue(sections, environment, ACCESS_TOKEN_KEY, accessToken);
      }),
    );
  }

  /**
   * Drops `accessToken` (rejected by the API) from memory and from the file,
   * each only if it still holds that same token: a newer token that another
   * process wrote is kept. The rejected token counts as absent from then on.
   */
  async invalidate(environment: string, accessToken: string): Promise<void> {
    this.#reject(environment, accessToken);
    if (this.#memory.get(environment)?.accessToken === accessToken) this.#memory.delete(environment);
    await this.#persist(
      this.#store.withLock(async (tx) => {
        const sections = await tx.read();
        if (configValue(sections, environment, ACCESS_TOKEN_KEY) !== accessToken) return;
        deleteConfigValue(sections, environment, ACCESS_TOKEN_KEY);
        await tx.write(sections);
      }),
    );
  }

  /** Empties the token of `environment` in memory and in the file (other keys of the section stay). */
  async clear(environment: string): Promise<void> {
    const inMemory = this.#memory.get(environment);
    if (inMemory !== undefined) this.#reject(environment, inMemory.accessToken);
    this.#memory.delete(environment);
    await this.#persist(
      this.#store.update((sections) => {
        const inFile = configValue(sections, environment, ACCESS_TOKEN_KEY);
        if (inFile !== undefined) this.#reject(environment, inFile);
        deleteConfigValue(sections, environment, ACCESS_TOKEN_KEY);
      }),
    );
  }

  /**
   * Gets a token so that the processes sharing the file mint one between
   * them: takes the config lock, re-reads the file, and returns a fresh token
   * found there (another process minted it); else calls `fetchToken`, stores
   * its token, and releases the lock. When the lock cannot be had (timeout,
   * unwritable location) it calls `fetchToken` anyway and keeps the token in
   * memory, with one warning. Errors of `fetchToken` pass through unchanged.
   */
  async lockedRefresh(environment: string, fetchToken: () => Promise<FetchedToken>): Promise<CachedToken> {
    let locked = false;
    try {
      return await this.#store.withLock(async (tx) => {
        locked = true;
        const inMemory = this.peek(environment);
        if (inMemory !== undefined) return inMemory;
        let sections: ConfigSections | undefined;
        try {
          sections = await tx.read();
        } catch (error) {
          if (!(error instanceof TaegisConfigError)) throw error;
          this.#warnOnce(error);
        }
        const found = sections === undefined ? undefined : this.#adopt(environment, sections);
        if (found !== undefined) return found;
        const fetched = this.#remember(environment, await fetchToken());
        if (sections !== undefined && this.#storable(environment, fetched.accessToken)) {
          setConfigValue(sections, environment, ACCESS_TOKEN_KEY, fetched.accessToken);
          await this.#persist(tx.write(sections));
        }
        return fetched;
      });
    } catch (error) {
      if (locked || !(error instanceof TaegisConfigError)) throw error;
      this.#warnOnce(error);
      return this.#remember(environment, await fetchToken());
    }
  }

  #freshUntil(expiresAt: Date): boolean {
    return expiresAt.getTime() - this.#skewMs > this.#now();
  }

  /** Puts a token in memory (when it has a known expiry) and returns it with its expiry. */
  #remember(environment: string, token: FetchedToken): CachedToken {
    const fromJwt = jwtExpiresAt(token.accessToken);
    const known = [fromJwt, token.expiresAt].filter((date): date is Date => date instanceof Date && !Number.isNaN(date.getTime()));
    if (known.length === 0) return { accessToken: token.accessToken, expiresAt: new Date(this.#now()) };
    const cached = { accessToken: token.accessToken, expiresAt: new Date(Math.min(...known.map((date) => date.getTime()))) };
    this.#memory.set(environment, cached);
    return cached;
  }

  #adopt(environment: string, sections: ConfigSections): CachedToken | undefined {
    const token = configValue(sections, environment, ACCESS_TOKEN_KEY);
    if (token === undefined || this.#rejected.get(environment)?.includes(token)) return undefined;
    const fresh = this.isFresh(token);
    if (fresh !== undefined) this.#memory.set(environment, fresh);
    return fresh;
  }

  #reject(environment: string, accessToken: string): void {
    const list = this.#rejected.get(environment) ?? [];
    if (!list.includes(accessToken)) list.push(accessToken);
    if (list.length > REJECTED_PER_ENVIRONMENT) list.shift();
    this.#rejected.set(environment, list);
  }

  #unreject(environment: string, accessToken: string): void {
    const list = this.#rejected.get(environment);
    if (list?.includes(accessToken)) this.#rejected.set(environment, list.filter((token) => token !== accessToken));
  }

  /** Whether the token can go to the file: a storable section name and value. Otherwise it stays in memory. */
  #storable(environment: string, accessToken: string): boolean {
    if (isStorableSectionName(environment) && isStorableValue(accessToken)) return true;
    this.#logger.debug(`the token of environment "${environment}" is kept in memory only: it cannot be stored in the config file`);
    return false;
  }

  async #readFile(): Promise<ConfigSections | undefined> {
    try {
      return await this.#store.read();
    } catch (error) {
      if (!(error instanceof TaegisConfigError)) throw error;
      this.#warnOnce(error);
      return undefined;
    }
  }

  async #persist(operation: Promise<unknown>): Promise<void> {
    try {
      await operation;
    } catch (error) {
      if (!(error instanceof TaegisConfigError)) throw error;
      this.#warnOnce(error);
    }
  }

  #warnOnce(error: TaegisConfigError): void {
    let seen = warnings.get(this.#store);
    if (seen === undefined) {
      seen = new Set();
      warnings.set(this.#store, seen);
    }
    if (seen.has(error.code)) {
      this.#logger.debug(`token cache: ${error.code} again for ${error.file}`);
      return;
    }
    seen.add(error.code);
    this.#logger.warn(`${error.message} Until then, access tokens are kept in memory for this process only.`);
  }
}

const caches = new Map<string, TokenCache>();

/**
 * The one {@link TokenCache} of this process for the config file at
 * `configPath`, over {@link configStoreFor}'s store (made on first use with
 * `options`; later calls for the same path get the same cache).
 */
export function tokenCacheFor(configPath: string, options: TokenCacheOptions & ConfigStoreOptions = {}): TokenCache {
  const key = resolve(configPath);
  let cache = caches.get(key);
  if (cache === undefined) {
    const { skewSeconds, now, logger, lockTimeoutMs, staleLockMs, fs } = options;
    const storeOptions: ConfigStoreOptions = {
      ...(logger === undefined ? {} : { logger }),
      ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }),
      ...(staleLockMs === undefined ? {} : { staleLockMs }),
      ...(fs === undefined ? {} : { fs }),
    };
    const cacheOptions: TokenCacheOptions = {
      ...(skewSeconds === undefined ? {} : { skewSeconds }),
      ...(now === undefined ? {} : { now }),
      ...(logger === undefined ? {} : { logger }),
    };
    cache = new TokenCache(configStoreFor(key, storeOptions), cacheOptions);
    caches.set(key, cache);
  }
  return cache;
}
