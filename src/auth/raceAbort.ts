import { whenAborted } from "./whenAborted.js";

/**
 * Settles like `promise`, or rejects with `onAbort()` as soon as `signal`
 * aborts (the promise is then left to settle on its own). For steps that take
 * no signal themselves, such as a prompt or a user's `onDeviceCode` hook.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(onAbort());
  }
  return new Promise<T>((resolve, reject) => {
    const stopWaiting = whenAborted(signal, () => reject(onAbort()));
    promise.then(
      (value) => {
        stopWaiting();
        resolve(value);
      },
      (error: unknown) => {
        stopWaiting();
        reject(error);
      },
    );
  });
}
