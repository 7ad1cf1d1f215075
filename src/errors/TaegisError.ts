/**
 * Options common to every error the SDK throws.
 */
export interface TaegisErrorOptions {
  /** The underlying error, when there is one. Never carries a secret in its message. */
  cause?: unknown;
}

/**
 * Base class of every error the SDK throws. Each subclass has a stable `name`
 * and a documented string `code`, so callers can branch without parsing
 * messages. Messages say what happened and what to do; they never contain
 * secrets (client secrets, passwords, OTPs or tokens).
 */
export class TaegisError extends Error {
  static {
    // Explicit, so that `name` survives minification of the bundled dist/ (read as `new.target.name`).
    Object.defineProperty(this, "name", { value: "TaegisError" });
  }

  /** A stable, documented string that identifies the failure. */
  readonly code: string;

  constructor(code: string, message: string, options: TaegisErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }
}
