import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import {
  GraphQLError,
  execute,
  getOperationAST,
  parse,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from "./graphqlRuntime.js";
import { WebSocketServer, type WebSocket } from "ws";
import { authenticate, gatewayContext } from "./authenticate.js";
import type { SandboxRuntime } from "./runtime.js";
import { isRejection } from "./tokens.js";

/** The legacy subscriptions-transport-ws subprotocol. */
export const GRAPHQL_WS_PROTOCOL = "graphql-ws";
const ACCESS_TOKEN_PREFIX = "access-token-";
const TENANT_PREFIX = "x-tenant-context-";
/** Keep-alive (`ka`) period; the legacy client gives up after 30 s without one. */
const KEEP_ALIVE_MS = 10_000;

interface StartPayload {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** The subprotocols a client offered, in order. */
export const offeredProtocols = (req: IncomingMessage): string[] =>
  (req.headers["sec-websocket-protocol"] ?? "")
    .split(",")
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== "");

const errorPayload = (errors: readonly GraphQLError[]) => errors.map((error) => error.toJSON());

/**
 * GraphQL over WebSocket with the legacy subscriptions-transport-ws protocol
 * (`graphql-ws` subprotocol): connection_init / connection_ack / ka,
 * start / data / error / complete / stop, connection_terminate. The access
 * token comes in the `access-token-<token>` subprotocol and the tenant in
 * `x-tenant-context-<tenant id>`; a bad token gets connection_error, then the
 * socket is closed (4401).
 */
export class SubscriptionServer {
  private readonly wss: WebSocketServer;
  private readonly requestIds = new WeakMap<IncomingMessage, string>();

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly schema: GraphQLSchema,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => (protocols.has(GRAPHQL_WS_PROTOCOL) ? GRAPHQL_WS_PROTOCOL : false),
    });
    this.wss.on("headers", (headers, req) => {
      const requestId = this.requestIds.get(req);
      if (requestId !== undefined) headers.push(`X-Request-Id: ${requestId}`);
    });
  }

  /** Completes a WebSocket upgrade on the events gateway of `region`. The caller checked the path and the subprotocol. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, region: string, requestId: string): void {
    this.requestIds.set(req, requestId);
    const protocols = offeredProtocols(req);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, region, protocols));
  }

  /** Closes every WebSocket connection. */
  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket, region: string, protocols: readonly string[]): void {
    const token = protocols.find((protocol) => protocol.startsWith(ACCESS_TOKEN_PREFIX))?.slice(ACCESS_TOKEN_PREFIX.length);
    const tenant = protocols.find((protocol) => protocol.startsWith(TENANT_PREFIX))?.slice(TENANT_PREFIX.length);
    const operations = new Map<string, AsyncIterator<ExecutionResult>>();
    /** Settles when connection_init was handled: true once acknowledged. Messages after init wait for it, as the legacy client sends start right behind init. */
    let initialised: Promise<boolean> | undefined;
    let keepAlive: NodeJS.Timeout | undefined;
    const send = (message: Record<string, unknown>): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const stop = (id: string): void => {
      const iterator = operations.get(id);
      operations.delete(id);
      void iterator?.return?.();
    };

    const start = async (id: string, payload: StartPayload): Promise<void> => {
      if (initialised === undefined) {
        send({ type: "error", id, payload: [{ message: "Send connection_init before start." }] });
        return;
      }
      if (!(await initialised)) return;
      stop(id);
      this.runtime.metrics.countGraphqlRequest(region);
      const claims = await authenticate(this.runtime, token, region);
      if (isRejection(claims)) {
        send({ type: "error", id, payload: [{ message: claims.message, extensions: { code: "UNAUTHENTICATED" } }] });
        return;
      }
      const context = { sandbox: gatewayContext(this.runtime, region, claims, tenant) };
      if (typeof payload.query !== "string") {
        send({ type: "error", id, payload: [{ message: "The start payload needs a query string." }] });
        return;
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch (error) {
        send({ type: "error", id, payload: errorPayload([error as GraphQLError]) });
        return;
      }
      const validationErrors = validate(this.schema, document);
      if (validationErrors.length > 0) {
        send({ type: "error", id, payload: errorPayload(validationErrors) });
        return;
      }
      const operationName = typeof payload.operationName === "string" ? payload.operationName : undefined;
      const operation = getOperationAST(document, operationName);
      if (operation === null || operation === undefined) {
        send({ type: "error", id, payload: [{ message: "The document has no operation to run (or several and no operationName)." }] });
        return;
      }
      if (context.sandbox.tenantError !== undefined) {
        send({ type: "data", id, payload: { data: null, errors: errorPayload([context.sandbox.tenantError]) } });
        send({ type: "complete", id });
        return;
      }
      const args = {
        schema: this.schema,
        document,
        operationName,
        variableValues: (payload.variables ?? undefined) as Record<string, unknown> | undefined,
        contextValue: context,
      };
      if (operation.operation !== "subscription") {
        send({ type: "data", id, payload: await execute(args) });
        send({ type: "complete", id });
        return;
      }
      const result = await subscribe(args);
      if (!(Symbol.asyncIterator in result)) {
        send({ type: "data", id, payload: result });
        send({ type: "complete", id });
        return;
      }
      const iterator = result[Symbol.asyncIterator]();
      operations.set(id, iterator);
      for (;;) {
        const next = await iterator.next();
        if (next.done === true || operations.get(id) !== iterator) break;
        send({ type: "data", id, payload: next.value });
      }
      if (operations.get(id) === iterator) {
        operations.delete(id);
        send({ type: "complete", id });
      }
    };

    const initialise = async (): Promise<boolean> => {
      const claims = await authenticate(this.runtime, token, region);
      if (isRejection(claims)) {
        send({ type: "connection_error", payload: { message: claims.message, extensions: { code: "UNAUTHENTICATED" } } });
        ws.close(4401, "Unauthorized");
        return false;
      }
      send({ type: "connection_ack" });
      send({ type: "ka" });
      keepAlive ??= setInterval(() => send({ type: "ka" }), KEEP_ALIVE_MS).unref();
      return true;
    };

    const onMessage = async (text: string): Promise<void> => {
      let message: { type?: unknown; id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(text) as typeof message;
      } catch {
        send({ type: "error", payload: { message: "Messages must be JSON." } });
        return;
      }
      const id = typeof message.id === "string" || typeof message.id === "number" ? String(message.id) : undefined;
      switch (message.type) {
        case "connection_init":
          initialised ??= initialise();
          await initialised;
          return;
        case "start":
          if (id === undefined) send({ type: "error", payload: { message: "start needs an id." } });
          else await start(id, (message.payload ?? {}) as StartPayload);
          return;
        case "stop":
          if (id !== undefined) stop(id);
          return;
        case "connection_terminate":
          ws.close(1000, "Terminated");
          return;
        default:
          send({ type: "error", id, payload: { message: `Unknown message type ${JSON.stringify(message.type)}.` } });
      }
    };

    ws.on("message", (data) => {
      onMessage(String(data)).catch(() => send({ type: "error", payload: { message: "The sandbox failed to handle this message." } }));
    });
    ws.on("close", () => {
      clearInterval(keepAlive);
      for (const id of [...operations.keys()]) stop(id);
    });
  }
}
