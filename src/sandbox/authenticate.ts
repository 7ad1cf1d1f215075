import type { ServerResponse } from "node:http";
import { GraphQLError } from "./graphqlRuntime.js";
import type { SandboxRuntime } from "./runtime.js";
import type { ClientRecord, UserRecord } from "./state.js";
import type { TokenClaims, TokenRejection } from "./tokens.js";
import { sendJson } from "./http.js";

/** Who a GraphQL call is made by and for which tenant: what every resolver reads. */
export interface GatewayContext {
  readonly runtime: SandboxRuntime;
  /** The region the gateway belongs to. */
  readonly region: string;
  readonly claims: TokenClaims;
  /** The seeded user the token belongs to, if it is a user token. */
  readonly user: UserRecord | undefined;
  /** The OAuth client the token belongs to, if it is a client token. */
  readonly client: ClientRecord | undefined;
  /** The tenant of the call: `X-Tenant-Context`, else the token's only tenant. */
  readonly tenantId: string | undefined;
  /** Set when `X-Tenant-Context` names a tenant the token may not act in: the call fails with it. */
  readonly tenantError: GraphQLError | undefined;
}

/** The GraphQL context of a sandbox gateway (HTTP and WebSocket alike). */
export interface ResolverContext {
  readonly sandbox: GatewayContext;
}

/** Reads a bearer token from an `Authorization` header value. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/** Checks a token for a region; a missing token is a rejection too. */
export async function authenticate(runtime: SandboxRuntime, token: string | undefined, region: string): Promise<TokenClaims | TokenRejection> {
  if (token === undefined || token === "") {
    return { reason: "missing", message: "No access token: send Authorization: Bearer <access token>." };
  }
  return runtime.tokens.verify(token, region);
}

/** Sends HTTP 401 with a GraphQL-shaped body and an RFC 6750 `WWW-Authenticate: Bearer` challenge. */
export function sendUnauthenticated(res: ServerResponse, rejection: TokenRejection): void {
  const challenge =
    rejection.reason === "missing" ? 'Bearer realm="taegis"' : `Bearer realm="taegis", error="invalid_token", error_description="${rejection.message.replace(/"/g, "'")}"`;
  sendJson(res, 401, { errors: [{ message: rejection.message, extensions: { code: "UNAUTHENTICATED" } }] }, { "www-authenticate": challenge });
}

/** Builds the context of a call from accepted claims and the requested tenant (undefined: none requested). */
export function gatewayContext(runtime: SandboxRuntime, region: string, claims: TokenClaims, requestedTenant: string | undefined): GatewayContext {
  const { state } = runtime;
  const user = state.users.find((candidate) => candidate.id === claims.sub);
  const client = claims.sub.endsWith("@clients") ? state.findClientByClientId(claims.sub.slice(0, -"@clients".length)) : undefined;
  let tenantId: string | undefined;
  let tenantError: GraphQLError | undefined;
  if (requestedTenant !== undefined) {
    if (claims.tenantIds.includes(requestedTenant)) tenantId = requestedTenant;
    else {
      tenantError = new GraphQLError("X-Tenant-Context names a tenant this access token may not act in.", {
        extensions: { code: "FORBIDDEN" },
      });
    }
  } else if (claims.tenantIds.length === 1) {
    tenantId = claims.tenantIds[0];
  }
  return { runtime, region, claims, user, client, tenantId, tenantError };
}
