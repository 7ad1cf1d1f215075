import { stringifyDocument } from "@urql/core";
import { TaegisAuthError } from "../errors/TaegisAuthError.js";
import { TaegisGraphQLError } from "../errors/TaegisGraphQLError.js";
import type { CallEngine } from "./CallEngine.js";
import { legacyWsSubscription } from "./legacyWsSubscription.js";
import { refreshRejectedToken } from "./refreshRejectedToken.js";
import type { PreparedSubscription } from "./prepareSubscription.js";
import { upgradeHeaders } from "./requestHeaders.js";
import { graphQLErrorMessage } from "./toTaegisError.js";

/**
 * Runs one checked subscription (see `prepareSubscription`) on the WebSocket
 * of its gateway (`wss://`, `ws://` only to loopback), yielding the data of
 * each message. The token is got and the connection opened on the first
 * `next()`. A refused token is replaced once (invalidate, then a forced
 * refresh) and the subscription started again, if nothing was yielded yet; a
 * second refusal is {@link TaegisAuthError} `unauthorized`. A message with
 * errors is {@link TaegisGraphQLError}.
 */
export async function* subscriptionMessages<TData>(engine: CallEngine, subscription: PreparedSubscription): AsyncGenerator<TData, void, undefined> {
  const { document, info, variables, call, target } = subscription;
  const { core } = engine;
  const explicit = call.accessToken !== undefined;
  const options = {
    url: target.url.replace(/^http/, "ws"),
    tenantId: call.tenantId,
    headers: upgradeHeaders(call.extraHeaders),
    payload: { query: stringifyDocument(document), variables: variables ?? {}, operationName: info.name },
    timeoutMs: call.timeoutMs ?? core.resolved.defaults.timeoutMs,
    signal: call.signal,
  };

  let accessToken = await engine.token(call, target);
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
      accessToken = await refreshRejectedToken(engine.tokenProvider, {
        authEnvironment: target.authEnvironment,
        authUrl: target.authUrl,
        token: accessToken,
        signal: call.signal,
      });
    }
  }
}
