import { TaegisAuthError } from "../errors/TaegisAuthError.js";

/** The {@link TaegisAuthError} `aborted` of a login or token request cancelled by its AbortSignal. */
export function abortedError(environment: string, what: string, signal?: AbortSignal): TaegisAuthError {
  return new TaegisAuthError("aborted", `The ${what} for Taegis environment "${environment}" was cancelled by its AbortSignal.`, {
    environment,
    ...(signal?.reason === undefined ? {} : { cause: signal.reason }),
  });
}
