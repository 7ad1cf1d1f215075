import { TaegisError, type TaegisErrorOptions } from "./TaegisError.js";

/** Options of {@link TaegisHttpError}. */
export interface TaegisHttpErrorOptions extends TaegisErrorOptions {
  /** HTTP status of the answer. */
  status: number;
  /** The answer's `X-Request-Id`, for support and tracing. */
  requestId?: string | undefined;
  /** The URL the request went to (without query string). */
  url?: string | undefined;
}

/**
 * The API answered with an HTTP error status (and no usable GraphQL body), or
 * with a body that is not GraphQL JSON. Code `http_error`, or
 * `invalid_response` when the body could not be read as GraphQL.
 */
export class TaegisHttpError extends TaegisError {
  static {
    // Explicit, so that `name` survives minification of the bundled dist/ (read as `new.target.name`).
    Object.defineProperty(this, "name", { value: "TaegisHttpError" });
  }

  declare readonly code: "http_error" | "invalid_response";
  /** HTTP status of the answer. */
  readonly status: number;
  /** The answer's `X-Request-Id`, when it had one. */
  readonly requestId: string | undefined;
  /** The URL the request went to. */
  readonly url: string | undefined;

  constructor(code: "http_error" | "invalid_response", message: string, options: TaegisHttpErrorOptions) {
    super(code, message, options);
    this.status = options.status;
    this.requestId = options.requestId;
    this.url = options.url;
  }
}
