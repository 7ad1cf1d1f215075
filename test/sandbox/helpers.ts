import type { Sandbox } from "../../src/sandbox/index.js";

/** The raw HTTP Basic value Taegis expects: base64(id:secret), no URL-encoding. */
export const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`, "utf8").toString("base64")}`;

/** POSTs `grant_type=client_credentials` to an auth host's token endpoint. */
export function clientCredentialsRequest(authUrl: string, authorization: string | undefined, body = "grant_type=client_credentials"): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (authorization !== undefined) headers["authorization"] = authorization;
  return fetch(`${authUrl}/auth/api/v2/auth/token`, { method: "POST", headers, body });
}

/** POSTs JSON to a path of an auth host. */
export function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** A GraphQL POST as the SDK sends it. */
export async function graphql(
  url: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      accept: "application/json",
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as never };
}

/** A client credentials token for a region (credentials made through the sandbox API). */
export async function clientToken(sandbox: Sandbox, region: string, tenantId?: string): Promise<string> {
  const { clientId, clientSecret } = await sandbox.createClientCredentials({ environment: region, ...(tenantId === undefined ? {} : { tenantId }) });
  const response = await clientCredentialsRequest(sandbox.environments[region]!.url, basic(clientId, clientSecret));
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/** The GraphQL URL of a region's default gateway. */
export const graphqlUrl = (sandbox: Sandbox, region: string): string => `${sandbox.environments[region]!.url}/graphql`;

/** A token response with the token replaced by `<jwt>` when it is one, so that assertions never print a token. */
export function redactToken(body: Record<string, unknown>): Record<string, unknown> {
  const token = body["access_token"];
  return { ...body, access_token: typeof token === "string" && token.split(".").length === 3 ? "<jwt>" : token };
}
