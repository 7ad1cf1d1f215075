import { TaegisError, type TaegisErrorOptions } from "./TaegisError.js";

/**
 * A credential source has nothing to offer here (no cached token, no
 * environment variables, no terminal): the chain moves on to the next source.
 * This is "not available", not "failed" (compare AWS's `tryNextLink` and
 * Azure's `CredentialUnavailableError`). When every source is unavailable, the
 * chain throws a {@link TaegisAuthError} with code `no_credentials` that lists
 * what each source looked for.
 */
export class CredentialUnavailableError extends TaegisError {
  static {
    // Explicit, so that `name` survives minification of the bundled dist/ (read as `new.target.name`).
    Object.defineProperty(this, "name", { value: "CredentialUnavailableError" });
  }

  declare readonly code: "credential_unavailable";
  /** The name of the source that was unavailable. */
  readonly source: string;

  constructor(source: string, message: string, options: TaegisErrorOptions = {}) {
    super("credential_unavailable", message, options);
    this.source = source;
  }
}
