import { createRequest, makeOperation, type GraphQLRequest, type OperationContext } from "@urql/core";
import type { DocumentNode } from "graphql";
import { TaegisHttpError } from "../errors/TaegisHttpError.js";
import { TaegisNetworkError } from "../errors/TaegisNetworkError.js";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import type { CallEngine } from "./CallEngine.js";
import { createCallFetch, newCallState, whereOf } from "./createCallFetch.js";
import { operationInfo } from "./operationInfo.js";
import type { CallOptions } from "./options.js";
import type { OperationAuth } from "./taegisAuthExchange.js";
import { toTaegisError } from "./toTaegisError.js";

/** Documents as urql keys them (its `__key` and printed source set once), by the caller's document. */
const keyed = new WeakMap<DocumentNode, DocumentNode>();

/**
 * The document as urql's createRequest keys it, made once per document: the
 * call gets a key of its own anyway, so the variables need no hashing.
 */
function keyedDocument(document: DocumentNode): DocumentNode {
  let query = keyed.get(document);
  if (query === undefined) {
    query = createRequest(document, {}).query;
    keyed.set(document, query);
  }
  return query;
}

/**
 * Runs one query or mutation: resolves its target (the service of the
 * document, or `service`, decides the gateway), gets its token, sends it as
 * its own urql operation (never shared with another call) with the call's
 * fetch (timeout, signal, redirects, `Retry-After`), and returns the data or
 * throws the SDK's typed error.
 *
 * @param call the layered, validated options of the call.
 */
export async function executeOperation<TData>(
  engine: CallEngine,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  call: CallOptions,
  service: string | undefined,
): Promise<TData> {
  const info = operationInfo(document);
  if (info.kind === "subscription") {
    throw new TaegisOptionsError("invalid_option", "document", `${info.name ?? "This operation"} is a subscription: run it with subscribe().`);
  }
  const { core } = engine;
  const target = core.target(call, service ?? info.service);
  const { url } = target;
  if (call.signal?.aborted) throw new TaegisNetworkError("aborted", "The call was cancelled by its AbortSignal before it started.", { url });
  // A warm token is read synchronously (no extra await on the hot path).
  const accessToken = engine.hotToken(call, target) ?? (await engine.token(call, target));

  const { resolved } = core;
  const state = newCallState();
  const auth: OperationAuth = {
    authEnvironment: target.authEnvironment,
    authUrl: target.authUrl,
    accessToken,
    explicit: call.accessToken !== undefined,
    tenantId: call.tenantId,
    extraHeaders: call.extraHeaders,
    signal: call.signal,
  };
  const context: OperationContext = {
    url,
    requestPolicy: "network-only",
    fetch: createCallFetch({
      fetch: engine.graphqlFetch,
      timeoutMs: call.timeoutMs ?? resolved.defaults.timeoutMs,
      signal: call.signal,
      maxRetryAfterMs: resolved.retry === false ? 0 : resolved.retry.maxDelayMs,
      state,
    }),
    taegis: auth,
    taegisState: state,
  };
  const request: GraphQLRequest = { key: core.nextKey(), query: keyedDocument(document), variables: variables ?? {}, extensions: undefined };
  const operation = makeOperation(info.kind, request, context);
  const result = await engine.runnerFor(target.authEnvironment, url).run(operation, call.signal, url);

  if (result.error !== undefined) {
    throw toTaegisError(result.error, result.data, {
      operationName: info.name,
      url,
      authEnvironment: target.authEnvironment,
      explicitToken: auth.explicit,
      state,
    });
  }
  if (result.data === undefined || result.data === null) {
    throw new TaegisHttpError("invalid_response", `${whereOf(url)} answered ${info.name ?? "the operation"} without data or errors.`, {
      status: state.status ?? 200,
      requestId: state.requestId,
      url,
    });
  }
  return result.data as TData;
}
