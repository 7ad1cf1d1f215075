import { UNIVERSAL_ENVIRONMENT, issueClientToken } from "../runtime.js";
import { secretMatches } from "../state.js";
import { parseFields, sendOAuthError, sendToken } from "../http.js";
import type { AuthRequest } from "./authRequest.js";

const BASIC_CHALLENGE = { "www-authenticate": 'Basic realm="taegis"' };

/**
 * Reads HTTP Basic client credentials exactly as Taegis does: base64 decoded,
 * split at the first `:`, with no URL-decoding (a client that form-url-encodes
 * the id and secret first sends different bytes and is refused).
 */
export function readBasicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? "");
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

/** POST `/auth/api/v2/auth/token`: the OAuth client credentials grant (RFC 6749 section 4.4), HTTP Basic only. */
export async function handleClientCredentialsToken({ runtime, environment, req, res, body }: AuthRequest): Promise<void> {
  const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/x-www-form-urlencoded") {
    sendOAuthError(res, 400, "invalid_request", "Send the token request as application/x-www-form-urlencoded with grant_type=client_credentials.");
    return;
  }
  const fields = parseFields(body, contentType) ?? {};
  const grantType = fields["grant_type"];
  if (typeof grantType !== "string" || grantType === "") {
    sendOAuthError(res, 400, "invalid_request", "The grant_type parameter is missing: send grant_type=client_credentials.");
    return;
  }
  if (grantType !== "client_credentials") {
    sendOAuthError(res, 400, "unsupported_grant_type", "This endpoint supports only grant_type=client_credentials.");
    return;
  }
  const credentials = readBasicCredentials(req.headers.authorization);
  if (credentials === undefined) {
    sendOAuthError(res, 401, "invalid_client", "Client authentication failed: send the client id and secret with HTTP Basic authentication.", BASIC_CHALLENGE);
    return;
  }
  const client = runtime.state.findClientByClientId(credentials.clientId);
  const valid =
    client !== undefined &&
    client.enabled &&
    (environment === UNIVERSAL_ENVIRONMENT || client.environment === environment) &&
    secretMatches(credentials.clientSecret, client.secretHash);
  if (!valid || client === undefined) {
    sendOAuthError(res, 401, "invalid_client", "Client authentication failed: unknown client id, wrong secret, or credentials of another region.", BASIC_CHALLENGE);
    return;
  }
  sendToken(res, await issueClientToken(runtime, client, environment), runtime.settings.tokenTtlSeconds);
}
