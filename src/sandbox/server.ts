import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { authenticate, bearerToken, gatewayContext, sendUnauthenticated, type ResolverContext } from "./authenticate.js";
import type { GatewayServer } from "./gateways.js";
import { BodyTooLargeError, parseFields, readBody, sendJson, sendOAuthError } from "./http.js";
import { newRequestId } from "./ids.js";
import type { TokenGrant } from "./metrics.js";
import type { AuthRequest } from "./oauth/authRequest.js";
import { handleClientCredentialsToken } from "./oauth/clientCredentialsToken.js";
import { handleDeviceCodeAuth } from "./oauth/deviceCodeAuth.js";
import { handleDeviceCodeToken } from "./oauth/deviceCodeToken.js";
import { MFA_OTP_GRANT, handleUserToken } from "./oauth/passwordToken.js";
import { handleVerificationPage } from "./oauth/verificationPage.js";
import { UNIVERSAL_ENVIRONMENT, type SandboxRuntime } from "./runtime.js";
import { GATEWAYS, type GatewayDefinition } from "./schemas.js";
import { GRAPHQL_WS_PROTOCOL, offeredProtocols, type SubscriptionServer } from "./subscriptions.js";
import { isRejection } from "./tokens.js";

interface AuthEndpoint {
  methods: readonly string[];
  handle: (request: AuthRequest) => void | Promise<void>;
  /** The grant a request to this endpoint counts as a token request for; absent: not a token endpoint. */
  grant?: (fields: Record<string, unknown> | undefined) => TokenGrant | undefined;
}

/** The auth endpoints, on every region prefix and on /universal. */
const AUTH_ENDPOINTS: Readonly<Record<string, AuthEndpoint>> = {
  "/auth/api/v2/auth/token": { methods: ["POST"], handle: handleClientCredentialsToken, grant: () => "client_credentials" },
  "/universal-auth/device/code/auth": { methods: ["POST"], handle: handleDeviceCodeAuth },
  "/universal-auth/device/code/token": { methods: ["POST"], handle: handleDeviceCodeToken, grant: () => "device_code" },
  "/universal-auth/token": {
    methods: ["POST"],
    handle: handleUserToken,
    grant: (fields) => (fields?.["grant_type"] === "password" ? "password" : fields?.["grant_type"] === MFA_OTP_GRANT ? "mfa" : undefined),
  },
  "/universal-auth/device": { methods: ["GET", "POST"], handle: handleVerificationPage },
};

type Route =
  | { kind: "auth"; environment: string; prefix: string; endpoint: AuthEndpoint }
  | { kind: "gateway"; region: string; gateway: GatewayDefinition; rest: string }
  | { kind: "unknown" };

/** Maps a path to what serves it: `/<region>/...`, `/<region>-tenants/public/query`, `/universal/...`. */
function resolveRoute(pathname: string, regions: readonly string[]): Route {
  const match = /^\/([^/]+)(\/.*)?$/.exec(pathname);
  if (match === null) return { kind: "unknown" };
  const prefix = match[1] as string;
  const rest = match[2] ?? "/";
  if (prefix === UNIVERSAL_ENVIRONMENT || regions.includes(prefix)) {
    const endpoint = AUTH_ENDPOINTS[rest];
    if (endpoint !== undefined) return { kind: "auth", environment: prefix, prefix, endpoint };
    const gateway = GATEWAYS.find((candidate) => candidate.host === "regional" && candidate.path === rest);
    if (gateway !== undefined && prefix !== UNIVERSAL_ENVIRONMENT) return { kind: "gateway", region: prefix, gateway, rest };
  }
  if (prefix.endsWith("-tenants") && regions.includes(prefix.slice(0, -"-tenants".length))) {
    const gateway = GATEWAYS.find((candidate) => candidate.host === "tenants" && candidate.path === rest);
    if (gateway !== undefined) return { kind: "gateway", region: prefix.slice(0, -"-tenants".length), gateway, rest };
  }
  return { kind: "unknown" };
}

const firstHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Writes a plain HTTP answer on a socket whose upgrade is refused. */
function refuseUpgrade(socket: Duplex, status: number, requestId: string, body: string, headers: Record<string, string> = {}): void {
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}`,
    `X-Request-Id: ${requestId}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    ...Object.entries({ "Content-Type": "application/json; charset=utf-8", ...headers }).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join("\r\n")}\r\n\r\n${body}`);
}

/** The routing of one sandbox: HTTP requests and WebSocket upgrades. */
export class SandboxRouter {
  /** Ends the fault delays still running (each answers false), by delay. */
  private readonly pendingDelays = new Set<() => void>();
  private stopping = false;

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly gateways: ReadonlyMap<string, GatewayServer>,
    private readonly subscriptions: SubscriptionServer,
  ) {}

  /** Cancels pending fault delays (the server is stopping). */
  abort(): void {
    this.stopping = true;
    for (const end of this.pendingDelays) end();
    this.pendingDelays.clear();
  }

  /** Waits out a fault's delay; false when the sandbox stopped meanwhile. */
  private delay(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(true);
    if (this.stopping) return Promise.resolve(false);
    // One timer per delayed request, and no listener on a shared signal: any number of requests may wait at once.
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.pendingDelays.delete(end);
        resolve(true);
      }, ms);
      this.pendingDelays.add(end);
    });
  }


  /** The `request` listener. */
  readonly handleRequest = (req: IncomingMessage, res: ServerResponse): void => {
    this.route(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "The sandbox failed to answer this request." }] });
      else res.destroy();
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { runtime } = this;
    res.setHeader("x-request-id", newRequestId());
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const method = req.method ?? "GET";
    runtime.metrics.recordRequest(method, url.pathname, req.headers);
    const route = resolveRoute(url.pathname, runtime.settings.regions);

    let body = "";
    if (route.kind === "auth" && method === "POST") {
      try {
        body = await readBody(req);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          sendOAuthError(res, 413, "invalid_request", "The request body is over 1 MiB.");
          return;
        }
        throw error;
      }
      if (route.endpoint.grant !== undefined) {
        runtime.metrics.countTokenRequest(route.endpoint.grant(parseFields(body, req.headers["content-type"])));
      }
    } else if (route.kind === "gateway") {
      runtime.metrics.countGraphqlRequest(route.region);
    }

    const fault = runtime.faults.take(url.pathname);
    if (fault !== undefined) {
      if (!(await this.delay(fault.delayMs)) || res.destroyed) return;
      if (fault.answer !== undefined) {
        res.writeHead(fault.answer.status, fault.answer.headers);
        res.end(fault.answer.body);
        return;
      }
    }

    if (route.kind === "auth") {
      if (!route.endpoint.methods.includes(method)) {
        sendOAuthError(res, 405, "invalid_request", `Use ${route.endpoint.methods.join(" or ")} for this endpoint.`, { allow: route.endpoint.methods.join(", ") });
        return;
      }
      await route.endpoint.handle({
        runtime,
        environment: route.environment,
        prefixUrl: `${runtime.baseUrl}/${route.prefix}`,
        req,
        res,
        body,
        query: url.searchParams,
      });
      return;
    }
    if (route.kind === "gateway") {
      await this.serveGateway(route, url, req, res);
      return;
    }
    sendJson(res, 404, { error: "not_found", error_description: `The sandbox serves nothing at ${method} ${url.pathname}; see docs/sandbox.md.` });
  }

  private async serveGateway(route: Extract<Route, { kind: "gateway" }>, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const server = this.gateways.get(route.gateway.path);
    if (server === undefined) throw new Error(`no GraphQL server for ${route.gateway.path}`);
    req.url = `${route.rest}${url.search}`;
    if (req.method === "OPTIONS") {
      await server(req, res, {} as ResolverContext);
      return;
    }
    const claims = await authenticate(this.runtime, bearerToken(req.headers.authorization), route.region);
    if (isRejection(claims)) {
      sendUnauthenticated(res, claims);
      return;
    }
    const sandbox = gatewayContext(this.runtime, route.region, claims, firstHeader(req.headers["x-tenant-context"]));
    await server(req, res, { sandbox });
  }

  /** The `upgrade` listener: WebSocket subscriptions on `/<region>/events/query`. */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    this.upgrade(req, socket, head).catch(() => socket.destroy());
  };

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const requestId = newRequestId();
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    this.runtime.metrics.recordRequest(req.method ?? "GET", url.pathname, req.headers);
    socket.on("error", () => socket.destroy());
    const fault = this.runtime.faults.take(url.pathname);
    if (fault !== undefined) {
      if (!(await this.delay(fault.delayMs))) {
        socket.destroy();
        return;
      }
      if (fault.answer !== undefined) {
        refuseUpgrade(socket, fault.answer.status, requestId, fault.answer.body, fault.answer.headers);
        return;
      }
    }
    const route = resolveRoute(url.pathname, this.runtime.settings.regions);
    if (route.kind !== "gateway" || route.gateway.path !== "/events/query") {
      refuseUpgrade(socket, 404, requestId, JSON.stringify({ errors: [{ message: "WebSocket subscriptions are served on /<region>/events/query." }] }));
      return;
    }
    if (!offeredProtocols(req).includes(GRAPHQL_WS_PROTOCOL)) {
      refuseUpgrade(socket, 400, requestId, JSON.stringify({ errors: [{ message: "Offer the graphql-ws subprotocol (subscriptions-transport-ws)." }] }));
      return;
    }
    this.subscriptions.handleUpgrade(req, socket, head, route.region, requestId);
  }
}
