import type { GraphQLFormattedError } from "graphql";
import type WebSocket from "ws";
import { TaegisAuthError } from "../errors/TaegisAuthError.js";
import { TaegisGraphQLError } from "../errors/TaegisGraphQLError.js";
import { TaegisHttpError } from "../errors/TaegisHttpError.js";
import { TaegisNetworkError } from "../errors/TaegisNetworkError.js";
import { whereOf } from "./createCallFetch.js";
import { graphQLErrorMessage } from "./toTaegisError.js";

/** The subprotocol of the legacy Apollo subscriptions-transport-ws protocol. */
export const LEGACY_WS_PROTOCOL = "graphql-ws";
/** The id of the one operation each connection runs. */
const OPERATION_ID = "1";
/** The close code with which servers of this protocol refuse a token. */
const CLOSE_UNAUTHORIZED = 4401;

let wsModule: Promise<typeof import("ws")> | undefined;

/** The ws package, imported once, when the first subscription opens (most programs never subscribe). */
function loadWs(): Promise<typeof import("ws")> {
  wsModule ??= import("ws");
  return wsModule;
}

/** One `data` message of a subscription. */
export interface SubscriptionPayload {
  /** The data of the message. */
  data?: unknown;
  /** GraphQL errors the message carried. */
  errors?: readonly GraphQLFormattedError[];
  /** The `X-Request-Id` of the upgrade answer, when it had one. */
  requestId?: string | undefined;
}

/** Options of {@link legacyWsSubscription}. */
export interface LegacyWsSubscriptionOptions {
  /** The `ws://` or `wss://` URL of the gateway. */
  url: string;
  /** The bearer token, sent as the `access-token-<token>` subprotocol. */
  accessToken: string;
  /** The tenant, sent as the `x-tenant-context-<tenant>` subprotocol. */
  tenantId?: string | undefined;
  /** Headers of the upgrade request (User-Agent and the caller's extra headers). */
  headers: Record<string, string>;
  /** The operation: query text, variables and name. */
  payload: { query: string; variables?: unknown; operationName?: string | undefined };
  /** Time limit for the connection to open and be acknowledged, in milliseconds. */
  timeoutMs: number;
  /** Ends the subscription. */
  signal?: AbortSignal | undefined;
}

interface Waiter {
  resolve(result: IteratorResult<SubscriptionPayload>): void;
  reject(error: unknown): void;
}

function errorsOf(payload: unknown): GraphQLFormattedError[] {
  const list = Array.isArray(payload) ? payload : (payload as { errors?: unknown } | undefined)?.errors ?? [payload];
  return (Array.isArray(list) ? list : [list]).map((e) =>
    typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string"
      ? (e as GraphQLFormattedError)
      : { message: "The server reported a subscription error without a message." },
  );
}

/**
 * Runs one subscription over the legacy Apollo protocol (subscriptions-transport-ws,
 * subprotocol `graphql-ws`), as the Taegis events gateway speaks it:
 * subprotocols `graphql-ws`, `access-token-<token>` and
 * `x-tenant-context-<tenant>`; `connection_init` -> `connection_ack` ->
 * `start` -> `data`* -> `complete`. Redirects are not followed.
 *
 * The connection opens on the first `next()`. `data` messages are yielded as
 * they come (with any GraphQL errors they carry); an `error` or
 * `connection_error` message rejects with {@link TaegisGraphQLError}; a
 * refused token (HTTP 401 on the upgrade, an `UNAUTHENTICATED` error, close
 * code 4401) with {@link TaegisAuthError} `unauthorized`, so the caller can
 * re-authenticate; any other refused upgrade with {@link TaegisHttpError}; a
 * lost connection with {@link TaegisNetworkError}. `return()` sends `stop` and
 * closes the socket.
 */
export function legacyWsSubscription(options: LegacyWsSubscriptionOptions): AsyncIterableIterator<SubscriptionPayload> {
  const where = whereOf(options.url.replace(/^ws/, "http"));
  const buffer: SubscriptionPayload[] = [];
  const waiters: Waiter[] = [];
  let socket: WebSocket | undefined;
  let opened = false;
  let failure: unknown;
  let finished = false;
  let requestId: string | undefined;
  let ackTimer: NodeJS.Timeout | undefined;

  const settle = (): void => {
    while (waiters.length > 0) {
      if (buffer.length > 0) (waiters.shift() as Waiter).resolve({ value: buffer.shift() as SubscriptionPayload, done: false });
      else if (failure !== undefined) (waiters.shift() as Waiter).reject(failure);
      else if (finished) (waiters.shift() as Waiter).resolve({ value: undefined, done: true });
      else return;
    }
  };

  const onAbort = (): void => fail(new TaegisNetworkError("aborted", `The subscription to ${where} was cancelled by its AbortSignal.`, { url: options.url }));

  const close = (sendStop: boolean): void => {
    clearTimeout(ackTimer);
    options.signal?.removeEventListener("abort", onAbort);
    const ws = socket;
    if (ws === undefined) return;
    if (ws.readyState === ws.OPEN) {
      if (sendStop) {
        ws.send(JSON.stringify({ id: OPERATION_ID, type: "stop" }));
        ws.send(JSON.stringify({ type: "connection_terminate" }));
      }
      ws.close(1000);
    } else if (ws.readyState === ws.CONNECTING) {
      ws.terminate();
    }
  };

  function fail(error: unknown): void {
    if (finished || failure !== undefined) return;
    failure = error;
    close(true);
    settle();
  }

  const finish = (): void => {
    if (finished || failure !== undefined) return;
    finished = true;
    close(false);
    settle();
  };

  const unauthorized = (status: number | undefined): TaegisAuthError =>
    new TaegisAuthError(
      "unauthorized",
      `${where} refused the subscription's access token${status === undefined ? "" : ` (HTTP ${status})`}${requestId === undefined ? "" : ` [request id ${requestId}]`}.`,
      { ...(status === undefined ? {} : { status }) },
    );

  const graphQLError = (payload: unknown): TaegisGraphQLError | TaegisAuthError => {
    const errors = errorsOf(payload);
    if (errors.some((e) => e.extensions?.["code"] === "UNAUTHENTICATED")) return unauthorized(undefined);
    return new TaegisGraphQLError(graphQLErrorMessage(errors, { operationName: options.payload.operationName, url: options.url, requestId }), {
      errors,
      requestId,
    });
  };

  const onMessage = (raw: WebSocket.RawData): void => {
    let message: { id?: unknown; type?: unknown; payload?: unknown };
    try {
      message = JSON.parse(raw.toString()) as typeof message;
    } catch (cause) {
      fail(new TaegisHttpError("invalid_response", `${where} sent a subscription message that is not JSON.`, { status: 101, requestId, url: options.url, cause }));
      return;
    }
    switch (message.type) {
      case "connection_ack":
        clearTimeout(ackTimer);
        socket?.send(JSON.stringify({ id: OPERATION_ID, type: "start", payload: options.payload }));
        return;
      case "ka":
        return;
      case "data":
        if (message.id !== OPERATION_ID) return;
        buffer.push({ ...((message.payload ?? {}) as SubscriptionPayload), requestId });
        settle();
        return;
      case "error":
      case "connection_error":
        fail(graphQLError(message.payload));
        return;
      case "complete":
        if (message.id === undefined || message.id === OPERATION_ID) finish();
        return;
      default:
        return;
    }
  };

  const open = (): void => {
    opened = true;
    loadWs()
      .then((module) => connect(module.default))
      .catch((cause: unknown) => fail(new TaegisNetworkError("network", `Could not open a subscription to ${where}.`, { url: options.url, cause })));
  };

  const connect = (WebSocketClass: typeof WebSocket): void => {
    if (finished || failure !== undefined) return;
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const protocols = [LEGACY_WS_PROTOCOL, `access-token-${options.accessToken}`];
    if (options.tenantId !== undefined) protocols.push(`x-tenant-context-${options.tenantId}`);
    let ws: WebSocket;
    try {
      ws = new WebSocketClass(options.url, protocols, { headers: options.headers, handshakeTimeout: options.timeoutMs, followRedirects: false });
    } catch (cause) {
      fail(new TaegisNetworkError("network", `Could not open a subscription to ${where}.`, { url: options.url, cause }));
      return;
    }
    socket = ws;
    ackTimer = setTimeout(
      () => fail(new TaegisNetworkError("timeout", `${where} did not accept the subscription within ${options.timeoutMs} ms.`, { url: options.url })),
      options.timeoutMs,
    );
    ws.on("upgrade", (response) => {
      const id = response.headers["x-request-id"];
      requestId = Array.isArray(id) ? id[0] : id;
    });
    ws.on("unexpected-response", (request, response) => {
      const status = response.statusCode ?? 0;
      const id = response.headers["x-request-id"];
      requestId = Array.isArray(id) ? id[0] : id;
      response.resume();
      request.destroy();
      if (status === 401) {
        fail(unauthorized(401));
        return;
      }
      const redirect = status >= 300 && status < 400 ? " The SDK does not follow redirects of subscriptions." : "";
      fail(
        new TaegisHttpError("http_error", `${where} refused the subscription with HTTP ${status}${requestId === undefined ? "" : ` (request id ${requestId})`}.${redirect}`, {
          status,
          requestId,
          url: options.url,
        }),
      );
    });
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: {} })));
    ws.on("message", onMessage);
    ws.on("error", (cause) =>
      fail(new TaegisNetworkError("network", `The subscription connection to ${where} failed.`, { url: options.url, cause })),
    );
    ws.on("close", (code) =>
      fail(
        code === CLOSE_UNAUTHORIZED
          ? unauthorized(undefined)
          : new TaegisNetworkError("network", `${where} closed the subscription before it completed (WebSocket close code ${code}).`, { url: options.url }),
      ),
    );
  };

  const iterator: AsyncIterableIterator<SubscriptionPayload> = {
    next() {
      if (!opened && !finished && failure === undefined) open();
      return new Promise((resolve, reject) => {
        waiters.push({ resolve, reject });
        settle();
      });
    },
    return() {
      if (!finished && failure === undefined) {
        finished = true;
        close(true);
        buffer.length = 0;
        settle();
      }
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
