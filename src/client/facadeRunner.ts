import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { CallOptions } from "./options.js";

/**
 * What the generated service facades call: run one operation and return its
 * root field. Implemented by `TaegisClient`; the facades in generated/ are
 * written against this interface only.
 */
export interface FacadeRunner {
  /**
   * Runs a query or mutation routed to `service` and returns `data[field]`.
   * Throws `TaegisGraphQLError` when the answer carries errors.
   */
  runField<TData, TVariables extends Record<string, unknown>, TField extends keyof TData & string>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables | undefined,
    options: CallOptions | undefined,
    service: string,
    field: TField,
  ): Promise<TData[TField]>;

  /**
   * Runs a subscription routed to `service` and yields `data[field]` of each
   * message until the server completes it (or the iterator is returned).
   */
  subscribeField<TData, TVariables extends Record<string, unknown>, TField extends keyof TData & string>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables | undefined,
    options: CallOptions | undefined,
    service: string,
    field: TField,
  ): AsyncIterableIterator<TData[TField]>;
}
