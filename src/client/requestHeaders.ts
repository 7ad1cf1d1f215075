import { SDK_NAME, SDK_VERSION } from "../version.js";

/** The headers every GraphQL request carries, in PROTOCOL.md's order, before the caller's identity and extra headers. */
const BASE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "content-type": "application/json; charset=utf-8",
  accept: "application/json",
  "user-agent": `${SDK_NAME}/${SDK_VERSION}`,
  "apollographql-client-name": SDK_NAME,
  "apollographql-client-version": SDK_VERSION,
});

/** What {@link requestHeaders} needs. */
export interface RequestHeadersInput {
  /** The bearer token. */
  accessToken: string;
  /** The tenant of the call, already checked for control characters. */
  tenantId?: string | undefined;
  /** The caller's headers, merged last. */
  extraHeaders?: Readonly<Record<string, string>> | undefined;
}

/**
 * The request headers of a query or mutation, as PROTOCOL.md lists them:
 * `Authorization: Bearer`, `X-Tenant-Context` when a tenant is selected,
 * `Content-Type: application/json; charset=utf-8`, `Accept: application/json`,
 * `User-Agent: taegis-sdk/<version>`, `apollographql-client-name` and
 * `apollographql-client-version`, then the caller's extra headers merged last
 * (names compared without regard to case).
 */
export function requestHeaders(input: RequestHeadersInput): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${input.accessToken}`, ...BASE_HEADERS };
  if (input.tenantId !== undefined) headers["x-tenant-context"] = input.tenantId;
  if (input.extraHeaders !== undefined) {
    for (const [name, value] of Object.entries(input.extraHeaders)) headers[name.toLowerCase()] = value;
  }
  return headers;
}

/** The headers of a subscription's WebSocket upgrade: the same, without the token and the tenant (they travel as subprotocols). */
export function upgradeHeaders(extraHeaders?: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": BASE_HEADERS["user-agent"] as string,
    "apollographql-client-name": SDK_NAME,
    "apollographql-client-version": SDK_VERSION,
  };
  if (extraHeaders !== undefined) {
    for (const [name, value] of Object.entries(extraHeaders)) headers[name.toLowerCase()] = value;
  }
  return headers;
}
