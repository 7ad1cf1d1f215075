import { TaegisError, type TaegisErrorOptions } from "./TaegisError.js";

/**
 * Codes of {@link TaegisOptionsError}.
 *
 * - `unknown_environment`: the environment name is not in the table (the message lists the valid names).
 * - `insecure_url`: an `http://` URL that is not a loopback address.
 * - `invalid_url`: a URL that cannot be parsed.
 * - `invalid_tenant_id`: a tenant id with control characters or otherwise unusable as a header.
 * - `invalid_header`: an extra header whose name or value cannot be sent.
 * - `invalid_option`: any other option with a value the SDK cannot use.
 */
export type TaegisOptionsErrorCode =
  | "unknown_environment"
  | "insecure_url"
  | "invalid_url"
  | "invalid_tenant_id"
  | "invalid_header"
  | "invalid_option";

/**
 * An option given to the SDK cannot be used. Thrown before any request is
 * sent, with a message that says which option and what values are valid.
 */
export class TaegisOptionsError extends TaegisError {
  static {
    // Explicit, so that `name` survives minification of the bundled dist/ (read as `new.target.name`).
    Object.defineProperty(this, "name", { value: "TaegisOptionsError" });
  }

  declare readonly code: TaegisOptionsErrorCode;
  /** The option concerned, e.g. `environment` or `tenantId`. */
  readonly option: string;

  constructor(code: TaegisOptionsErrorCode, option: string, message: string, options: TaegisErrorOptions = {}) {
    super(code, message, options);
    this.option = option;
  }
}
