import type { GraphQLFormattedError } from "graphql";
import { TaegisError, type TaegisErrorOptions } from "./TaegisError.js";

/** Options of {@link TaegisGraphQLError}. */
export interface TaegisGraphQLErrorOptions<TData> extends TaegisErrorOptions {
  /** The GraphQL errors of the answer, with messages, paths and extensions. */
  errors: readonly GraphQLFormattedError[];
  /** Whatever data the answer carried beside the errors. */
  data?: TData | null | undefined;
  /** The answer's `X-Request-Id`. */
  requestId?: string | undefined;
  /** HTTP status of the answer. */
  status?: number | undefined;
}

/**
 * The API answered, but with GraphQL errors. Carries every error (message,
 * path, extensions), the partial data if any, and the `X-Request-Id` to quote
 * to support. Code `graphql_error`.
 */
export class TaegisGraphQLError<TData = unknown> extends TaegisError {
  static {
    // Explicit, so that `name` survives minification of the bundled dist/ (read as `new.target.name`).
    Object.defineProperty(this, "name", { value: "TaegisGraphQLError" });
  }

  declare readonly code: "graphql_error";
  /** The GraphQL errors of the answer. */
  readonly errors: readonly GraphQLFormattedError[];
  /** Partial data that came with the errors, or null. */
  readonly data: TData | null;
  /** The answer's `X-Request-Id`, when it had one. */
  readonly requestId: string | undefined;
  /** HTTP status of the answer, when known. */
  readonly status: number | undefined;

  constructor(message: string, options: TaegisGraphQLErrorOptions<TData>) {
    super("graphql_error", message, options);
    this.errors = options.errors;
    this.data = options.data ?? null;
    this.requestId = options.requestId;
    this.status = options.status;
  }
}
