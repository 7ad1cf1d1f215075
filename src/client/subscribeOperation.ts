import { stringifyDocument } from "@urql/core";
import type { DocumentNode } from "graphql";
import { TaegisAuthError } from "../errors/TaegisAuthError.js";
import { TaegisGraphQLError } from "../errors/TaegisGraphQLError.js";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import type { ClientCore } from "./ClientCore.js";
import { legacyWsSubscription } from "./legacyWsSubscription.js";
import { operationInfo } from "./operationInfo.js";
import type { CallOptions } from "./options.js";
import { upgradeHeaders } from "./requestHeaders.js";
import { graphQLErrorMessage } from "./toTaegisError.js";

/** A subprotocol token (RFC 6455): what a tenant id must be to travel as `x-tenant-context-<tenant>`. */
const SUBPROTOCOL_TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`|a-z~]+$/;

/**
 * Runs one subscription on the WebSocket of its gateway (`wss://`, `ws://`
 * only to loopback), yielding the data of each message. Options are checked
 * at once; the token is got and the connection opened on the first `next()`.
 * A refused token is replaced once (invalidate, then a forced refresh) and
 * the subscription started again, if nothing was yielded yet; a second
 * refusal is {@link TaegisAuthError} `unauthorized`. A message with errors is
 * {@link TaegisGraphQLError}.
 *
 * @param call the layered, validated options of the call.
 */
export function subscribeOperation<TData>(
  core: ClientCore,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  call: CallOptions,
  service: string | undefined,
): AsyncGenerator<TData, void, undefined> {
  const info = operationInfo(document);
  if (info.kind !== "subscription") {
    throw new TaegisOptionsError("invalid_option", "document", `${info.name ?? "This operation"} is a ${info.kind}: run it with query() or mutation().`);
  }
  const target = core.target(call, service ?? info.service);
  if (call.tenantId !== undefined && !SUBPROTOCOL_TOKEN.test(call.tenantId)) {
    throw new TaegisOptionsError(
      "invalid_tenant_id",
      "tenantId",
      "The tenantId of a subscription travels as a WebSocket subprotocol and may hold only letters, digits and !#$%&'*+-.^_`|~.",
    );
  }
  const provider = core.tokenProvider;
  const explicit = call.accessToken !== undefined;
  const options = {
    url: target.url.replace(/^http/, "ws"),
    tenantId: call.tenantId,
    headers: upgradeHeaders(call.extraHeaders),
    payload: { query: stringifyDocument(document), variables: variables ?? {}, operationName: info.name },
    timeoutMs: call.timeoutMs ?? core.resolved.defaults.timeoutMs,
    signal: call.signal,
  };

  async function* messages(): AsyncGenerator<TData, void, undefined> {
    let accessToken = await core.token(call, target);
    for (let attempt = 1; ; attempt++) {
      let yielded = false;
      try {
        for await (const message of legacyWsSubscription({ ...options, accessToken })) {
          if (message.errors !== undefined && message.errors.length > 0) {
            const { errors, requestId } = message;
            throw new TaegisGraphQLError(graphQLErrorMessage(errors, { operationName: info.name, url: target.url, requestId }), {
              errors,
              data: (message.data ?? null) as TData | null,
              requestId,
            });
          }
          yielded = true;
          yield message.data as TData;
        }
        return;
      } catch (error) {
        if (!(error instanceof TaegisAuthError) || error.code !== "unauthorized") throw error;
        if (explicit || attempt > 1 || yielded) {
          throw new TaegisAuthError(
            "unauthorized",
            explicit
              ? `${error.message} It was the token given in the accessToken option: pass a valid one, or leave it out to use the credential chain.`
              : `${error.message} It was a token of Taegis environment "${target.authEnvironment}", also after getting a fresh one: ` +
                "check the credentials, or call clearAccessToken() and log in again.",
            { environment: target.authEnvironment, ...(error.status === undefined ? {} : { status: error.status }), cause: error },
          );
        }
        core.resolved.logger.debug(`the events gateway refused the token of environment "${target.authEnvironment}"; getting a new one (once)`);
        await provider.invalidate(target.authEnvironment, accessToken);
        const fresh = await provider.getToken({
          environment: target.authEnvironment,
          authUrl: target.authUrl,
          forceRefresh: true,
          ...(call.signal === undefined ? {} : { signal: call.signal }),
        });
        accessToken = fresh.accessToken;
      }
    }
  }
  return messages();
}
