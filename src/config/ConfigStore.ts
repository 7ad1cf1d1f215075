import { dirname, join, resolve } from "node:path";
import type { FileHandle } from "node:fs/promises";
import { TaegisConfigError } from "../errors/TaegisConfigError.js";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import { defaultLogger, type TaegisLogger } from "../logger.js";
import { AsyncMutex } from "./AsyncMutex.js";
import { acquireConfigLock, lockTimeoutError, MIN_STALE_LOCK_MS } from "./acquireConfigLock.js";
import { atomicWriteFile, isTempFileOf } from "./atomicWriteFile.js";
import { nodeConfigFs, type ConfigFs } from "./ConfigFs.js";
import { configLocationError, directoryInTheWay, errorCode } from "./configFsError.js";
import type { ConfigSections } from "./configSections.js";
import { parseConfigFile, parseConfigText } from "./parseConfigText.js";
import { serializeConfig } from "./serializeConfig.js";

export type { ConfigSections } from "./configSections.js";

/** Default wait for the config lock before `config_lock_timeout`. */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
/** Default age at which a lock left by a crashed process is taken over. */
export const DEFAULT_STALE_LOCK_MS = 5_000;

const isWindows = process.platform === "win32";

function milliseconds(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TaegisOptionsError("invalid_option", option, `The ${option} option must be a number of milliseconds, 0 or more.`);
  }
  return value;
}

/** Options of {@link ConfigStore}. */
export interface ConfigStoreOptions {
  /** Where warnings go (loose permissions, a lock lost while held). Default {@link defaultLogger}. */
  logger?: TaegisLogger;
  /** How long a write waits for the lock before `config_lock_timeout` (default 10 000 ms). */
  lockTimeoutMs?: number;
  /**
   * A lock its holder has not refreshed for this long is taken to belong to a
   * crashed process and is taken over (default 5 000 ms, at least 2 000 ms).
   * A live holder refreshes its lock every half of this.
   */
  staleLockMs?: number;
  /** The file-system calls to use (default `fs.promises`); for instrumentation and tests. */
  fs?: ConfigFs;
}

/** What {@link ConfigStore.withLock} hands to its callback: reads and writes under the lock already held. */
export interface ConfigTransaction {
  /** Reads and parses the file (`{}` when missing); `config_corrupt` when it cannot be parsed. */
  read(): Promise<ConfigSections>;
  /**
   * Replaces the file with `sections`, atomically. Refuses (`config_corrupt`)
   * when the file on disk cannot be parsed, and skips the write when nothing
   * changed.
   */
  write(sections: ConfigSections): Promise<void>;
}

interface TransactionState {
  /** Whether the file has been read in this transaction. */
  read: boolean;
  /** Whether the file existed when last read or written. */
  existed: boolean;
  /** A line of the file that would not be written back unchanged, if any. */
  lossyLine: number | undefined;
  /** The sections as last read or written (JSON), to skip writes that change nothing. */
  snapshot: string | undefined;
  closed: boolean;
}

/**
 * The config file at one path: lock-free reads, and read-modify-write under
 * an inter-process lock with atomic replacement (temporary file in the same
 * directory, fsync, rename). The directory is created 0700 and the file is
 * always written 0600; an existing file readable by others is tightened to
 * 0600 with a warning. A file that cannot be parsed is never overwritten.
 *
 * Use {@link configStoreFor} to share one store per path in the process.
 */
export class ConfigStore {
  /** Absolute path of the config file. */
  readonly path: string;
  /** The lock directory beside it. */
  readonly lockPath: string;
  readonly #logger: TaegisLogger;
  readonly #lockTimeoutMs: number;
  readonly #staleLockMs: number;
  readonly #fs: ConfigFs;
  readonly #mutex = new AsyncMutex();
  readonly #states = new WeakMap<ConfigTransaction, TransactionState>();
  #tempFilesSwept = false;
  #chmodFailureWarned = false;

  /** Prefer {@link configStoreFor}, which shares one store per path in the process. */
  constructor(path: string, options: ConfigStoreOptions = {}) {
    this.path = resolve(path);
    this.lockPath = `${this.path}.writer.lock`;
    this.#logger = options.logger ?? defaultLogger;
    this.#lockTimeoutMs = milliseconds(options.lockTimeoutMs, DEFAULT_LOCK_TIMEOUT_MS, "lockTimeoutMs");
    this.#staleLockMs = Math.max(milliseconds(options.staleLockMs, DEFAULT_STALE_LOCK_MS, "staleLockMs"), MIN_STALE_LOCK_MS);
    this.#fs = options.fs ?? nodeConfigFs;
  }

  /**
   * Reads and parses the file, without a lock (replacement is atomic, so the
   * content is always whole). A missing file is `{}`; one that cannot be
   * parsed is `TaegisConfigError("config_corrupt")` with the file and line; an
   * unreadable location is `config_unwritable`.
   */
  async read(): Promise<ConfigSections> {
    const text = await this.#readText();
    return text === undefined ? {} : parseConfigText(text, this.path);
  }

  /**
   * Read-modify-write under the lock: reads the file, lets `mutate` change the
   * sections in place, and writes the result atomically. Resolves to the
   * sections written. Refuses to touch a file that cannot be parsed
   * (`config_corrupt`); throws `config_unwritable`, `config_lock_timeout` or
   * `config_invalid_key` as the case may be, leaving the file as it was.
   */
  async update(mutate: (sections: ConfigSections) => void | Promise<void>): Promise<ConfigSections> {
    return this.withLock(async (tx) => {
      const sections = await this.#readInto(this.#stateOf(tx), { forWrite: true });
      await mutate(sections);
      await tx.write(sections);
      return sections;
    });
  }

  /**
   * Runs `fn` while holding the inter-process lock of the file, with a
   * transaction whose `read` and `write` do not take the lock again (do not
   * call `update` or `withLock` of the same store inside `fn`). Callers in
   * this process queue first; the whole wait is bounded by the lock timeout.
   */
  async withLock<T>(fn: (tx: ConfigTransaction) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.#lockTimeoutMs;
    const timeout = (): TaegisConfigError => lockTimeoutError(this.path, this.lockPath, this.#lockTimeoutMs, this.#staleLockMs);
    const releaseTurn = await this.#mutex.acquire(this.#lockTimeoutMs, timeout);
    try {
      await this.#ensureDirectory();
      const release = await acquireConfigLock(this.path, {
        lockPath: this.lockPath,
        deadline,
        timeoutMs: this.#lockTimeoutMs,
        staleMs: this.#staleLockMs,
        onCompromised: (error) => {
          this.#logger.warn(
            `The lock ${this.lockPath} of the config file ${this.path} was lost while held (${errorCode(error) ?? "compromised"}); ` +
              "another process may have taken it over, and a change made at the same time may be lost.",
          );
        },
      });
      const state: TransactionState = { read: false, existed: false, lossyLine: undefined, snapshot: undefined, closed: false };
      const tx = this.#transaction(state);
      try {
        return await fn(tx);
      } finally {
        state.closed = true;
        await release().catch((error: unknown) => {
          this.#logger.debug(`releasing the config lock ${this.lockPath} failed (${errorCode(error) ?? "error"})`);
        });
      }
    } finally {
      releaseTurn();
    }
  }

  #stateOf(tx: ConfigTransaction): TransactionState {
    const state = this.#states.get(tx);
    if (state === undefined) throw new Error("not a transaction of this config store");
    return state;
  }

  #transaction(state: TransactionState): ConfigTransaction {
    const assertOpen = (): void => {
      if (state.closed) throw new Error(`A config transaction on ${this.path} was used after its withLock() callback returned.`);
    };
    const tx: ConfigTransaction = {
      read: async () => {
        assertOpen();
        return this.#readInto(state, { forWrite: false });
      },
      write: async (sections) => {
        assertOpen();
        if (!state.read) await this.#readInto(state, { forWrite: true });
        const snapshot = JSON.stringify(sections);
        if (state.existed && snapshot === state.snapshot) return;
        if (state.lossyLine !== undefined) throw this.#lossyError(state.lossyLine);
        const text = serializeConfig(sections, this.path);
        if (!state.existed && text === "") return;
        await this.#writeText(text);
        state.existed = true;
        state.snapshot = snapshot;
      },
    };
    this.#states.set(tx, state);
    return tx;
  }

  async #readInto(state: TransactionState, options: { forWrite: boolean }): Promise<ConfigSections> {
    const text = await this.#readText();
    const { sections, lossyLine } = text === undefined ? { sections: {}, lossyLine: undefined } : parseConfigFile(text, this.path, options);
    state.lossyLine = lossyLine;
    state.read = true;
    state.existed = text !== undefined;
    state.snapshot = JSON.stringify(sections);
    return sections;
  }

  #lossyError(line: number): TaegisConfigError {
    return new TaegisConfigError(
      "config_invalid_key",
      `Refusing to write to the config file ${this.path}: line ${line} holds a key or value with ';', '#', quotes or '\\', ` +
        `which would not be written back unchanged. Edit line ${line} of ${this.path} to keep only letters, digits, '.', '_' and '-' there.`,
      { file: this.path, line },
    );
  }

  async #ensureDirectory(): Promise<void> {
    try {
      await this.#fs.mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw configLocationError(error, this.path, "write");
    }
  }

  async #readText(): Promise<string | undefined> {
    let handle: FileHandle;
    try {
      handle = await this.#fs.open(this.path, "r");
    } catch (error) {
      if (errorCode(error) === "ENOENT") return undefined;
      if (errorCode(error) === "EISDIR") throw directoryInTheWay(this.path);
      throw configLocationError(error, this.path, "read");
    }
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) throw directoryInTheWay(this.path);
      if (!isWindows && (stats.mode & 0o077) !== 0) await this.#tighten(handle, stats.mode);
      return await handle.readFile("utf8");
    } catch (error) {
      if (error instanceof TaegisConfigError) throw error;
      if (errorCode(error) === "EISDIR") throw directoryInTheWay(this.path);
      throw configLocationError(error, this.path, "read");
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  async #tighten(handle: FileHandle, mode: number): Promise<void> {
    const found = (mode & 0o777).toString(8).padStart(4, "0");
    try {
      await handle.chmod(0o600);
      this.#logger.warn(`The config file ${this.path} could be read by other users (mode ${found}); its mode is now 0600.`);
    } catch (error) {
      if (this.#chmodFailureWarned) return;
      this.#chmodFailureWarned = true;
      this.#logger.warn(
        `The config file ${this.path} can be read by other users (mode ${found}) and its mode could not be changed ` +
          `(${errorCode(error) ?? "error"}); it may hold access tokens: run chmod 600 ${this.path}.`,
      );
    }
  }

  async #writeTarget(): Promise<string> {
    try {
      return await this.#fs.realpath(this.path);
    } catch {
      return this.path;
    }
  }

  async #writeText(text: string): Promise<void> {
    const target = await this.#writeTarget();
    try {
      await atomicWriteFile(this.#fs, target, text);
    } catch (error) {
      if (errorCode(error) === "EISDIR") throw directoryInTheWay(this.path);
      throw configLocationError(error, this.path, "write");
    }
    if (!this.#tempFilesSwept) {
      this.#tempFilesSwept = true;
      await this.#sweepTempFiles(target);
    }
  }

  /** Removes temporary files that a crashed writer left beside the file (older than the stale-lock age). */
  async #sweepTempFiles(target: string): Promise<void> {
    const directory = dirname(target);
    try {
      const cutoff = Date.now() - this.#staleLockMs;
      for (const name of await this.#fs.readdir(directory)) {
        if (!isTempFileOf(target, name)) continue;
        const path = join(directory, name);
        const stats = await this.#fs.stat(path).catch(() => undefined);
        if (stats !== undefined && stats.mtimeMs < cutoff) await this.#fs.unlink(path).catch(() => undefined);
      }
    } catch {
      // Best effort: a leftover temporary file harms nothing.
    }
  }
}

const stores = new Map<string, ConfigStore>();

/**
 * The one {@link ConfigStore} of this process for `path` (made on first use
 * with `options`; later calls for the same path get the same store and their
 * options are not applied).
 */
export function configStoreFor(path: string, options: ConfigStoreOptions = {}): ConfigStore {
  const key = resolve(path);
  let store = stores.get(key);
  if (store === undefined) {
    store = new ConfigStore(key, options);
    stores.set(key, store);
  }
  return store;
}
