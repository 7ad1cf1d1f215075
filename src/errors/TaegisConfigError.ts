import { TaegisError, type TaegisErrorOptions } from "./TaegisError.js";

/**
 * Codes of {@link TaegisConfigError}.
 *
 * - `config_corrupt`: the config file cannot be parsed; it was left untouched.
 * - `config_unwritable`: the config location cannot be written (permissions, a directory in the way).
 * - `config_lock_timeout`: another process held the config lock for longer than the lock timeout.
 * - `config_invalid_key`: a section or key name that cannot be stored.
 */
export type TaegisConfigErrorCode =
  | "config_corrupt"
  | "config_unwritable"
  | "config_lock_timeout"
  | "config_invalid_key";

/** Options of {@link TaegisConfigError}. */
export interface TaegisConfigErrorOptions extends TaegisErrorOptions {
  /** The config file concerned. */
  file: string;
  /** The 1-based line that could not be parsed, for `config_corrupt`. */
  line?: number;
}

/**
 * A problem with the SDK's config file (the token cache and per-environment
 * settings). The file named in {@link TaegisConfigError.file} is never
 * overwritten or truncated because of this error.
 */
export class TaegisConfigError extends TaegisError {
  static {
    // Explicit, so that `name` survives minification of the bundled dist/ (read as `new.target.name`).
    Object.defineProperty(this, "name", { value: "TaegisConfigError" });
  }

  declare readonly code: TaegisConfigErrorCode;
  /** The config file concerned. */
  readonly file: string;
  /** The 1-based line that could not be parsed, when known. */
  readonly line: number | undefined;

  constructor(code: TaegisConfigErrorCode, message: string, options: TaegisConfigErrorOptions) {
    super(code, message, options);
    this.file = options.file;
    this.line = options.line;
  }
}
