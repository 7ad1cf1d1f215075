import { TaegisError, type TaegisErrorOptions } from "./TaegisError.js";

/** Options of {@link TaegisNetworkError}. */
export interface TaegisNetworkErrorOptions extends TaegisErrorOptions {
  /** The URL the request went to. */
  url?: string | undefined;
}

/**
 * The request never got an HTTP answer: connection refused or reset, DNS
 * failure, a timeout (`timeout`), or the caller's AbortSignal (`aborted`).
 */
export class TaegisNetworkError extends TaegisError {
  static {
    // Explicit, so that `name` survives minification of the bundled dist/ (read as `new.target.name`).
    Object.defineProperty(this, "name", { value: "TaegisNetworkError" });
  }

  declare readonly code: "network" | "timeout" | "aborted";
  /** The URL the request went to. */
  readonly url: string | undefined;

  constructor(code: "network" | "timeout" | "aborted", message: string, options: TaegisNetworkErrorOptions = {}) {
    super(code, message, options);
    this.url = options.url;
  }
}
