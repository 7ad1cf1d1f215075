import { setTimeout as delay } from "node:timers/promises";

/**
 * Waits `ms` milliseconds, or rejects with the signal's reason as soon as the
 * signal aborts. The default `sleep` of the login polls; tests inject their own.
 */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, signal === undefined ? undefined : { signal });
}
