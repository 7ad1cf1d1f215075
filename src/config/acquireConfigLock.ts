import { setTimeout as sleep } from "node:timers/promises";
import { TaegisConfigError } from "../errors/TaegisConfigError.js";
import { configLocationError, errorCode } from "./configFsError.js";

/** The smallest stale age proper-lockfile accepts. */
export const MIN_STALE_LOCK_MS = 2_000;

/** Options of {@link acquireConfigLock}. */
export interface ConfigLockOptions {
  /** The lock (a directory, made atomically with mkdir). */
  lockPath: string;
  /** Give up at this time (ms epoch). */
  deadline: number;
  /** The whole wait allowed, for the message. */
  timeoutMs: number;
  /** A lock not refreshed for this long belongs to a crashed process and is taken over. */
  staleMs: number;
  /** Called if the lock is lost while held (its directory removed, or not refreshed in time). */
  onCompromised: (error: Error) => void;
}

/** The error for a lock that could not be had in time. */
export function lockTimeoutError(file: string, lockPath: string, timeoutMs: number, staleMs: number): TaegisConfigError {
  const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
  return new TaegisConfigError(
    "config_lock_timeout",
    `Waited ${seconds(timeoutMs)} for the lock ${lockPath} of the config file ${file}, which another process holds. ` +
      `A lock left by a crashed process is recovered automatically once it is ${seconds(staleMs)} old. ` +
      `If this keeps happening, look for a process stuck while writing the config, ` +
      `or remove ${lockPath} when no process using the SDK is running.`,
    { file },
  );
}

let properLockfile: Promise<typeof import("proper-lockfile")> | undefined;

/** proper-lockfile (and graceful-fs under it), imported once, when a config write first takes the lock. */
function loadProperLockfile(): Promise<typeof import("proper-lockfile")> {
  properLockfile ??= import("proper-lockfile");
  return properLockfile;
}

/** Backoff before attempt `attempt + 1`: grows from ~2 ms to 25 ms, with jitter so waiters spread out. */
function backoff(attempt: number): number {
  const base = Math.min(25, 2 * 1.5 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

/**
 * Takes the inter-process lock of the config file `file` with proper-lockfile,
 * retrying with backoff until the deadline. A stale lock (its holder crashed
 * and stopped refreshing it) is taken over. Resolves to the release function;
 * rejects with `config_lock_timeout` when the deadline passes, or with
 * `config_unwritable` when the lock cannot be made at all.
 */
export async function acquireConfigLock(file: string, options: ConfigLockOptions): Promise<() => Promise<void>> {
  const { lock } = await loadProperLockfile();
  for (let attempt = 0; ; attempt++) {
    try {
      return await lock(file, {
        lockfilePath: options.lockPath,
        realpath: false,
        stale: options.staleMs,
        retries: 0,
        onCompromised: options.onCompromised,
      });
    } catch (error) {
      if (errorCode(error) !== "ELOCKED") throw configLocationError(error, file, "lock");
    }
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) throw lockTimeoutError(file, options.lockPath, options.timeoutMs, options.staleMs);
    await sleep(Math.min(remaining, backoff(attempt)));
  }
}
