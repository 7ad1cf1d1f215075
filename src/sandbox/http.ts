import type { IncomingMessage, ServerResponse } from "node:http";

const BODY_LIMIT = 1024 * 1024;

/** Thrown by {@link readBody} for a body over 1 MiB. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/** Reads a request body as text (at most 1 MiB). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > BODY_LIMIT) throw new BodyTooLargeError("request body over 1 MiB");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) });
  res.end(html);
}

/** The OAuth error codes the sandbox sends (RFC 6749 section 5.2, RFC 8628 section 3.5). */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unsupported_grant_type"
  | "authorization_pending"
  | "slow_down"
  | "expired_token"
  | "access_denied";

/** Sends an RFC 6749 error body `{ error, error_description }`, never cached. */
export function sendOAuthError(
  res: ServerResponse,
  status: number,
  error: OAuthErrorCode,
  description: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error, error_description: description }, { "cache-control": "no-store", pragma: "no-cache", ...headers });
}

/** Sends a token response `{ access_token, token_type: "bearer", expires_in }`, never cached. */
export function sendToken(res: ServerResponse, accessToken: string, expiresIn: number): void {
  sendJson(
    res,
    200,
    { access_token: accessToken, token_type: "bearer", expires_in: expiresIn },
    { "cache-control": "no-store", pragma: "no-cache" },
  );
}

/** Parses a JSON or form-encoded body into string fields; undefined when it is neither. */
export function parseFields(body: string, contentType: string | undefined): Record<string, unknown> | undefined {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(body));
  if (type === "application/json" || type === "" || type.endsWith("+json")) {
    if (body.trim() === "") return {};
    try {
      const parsed: unknown = JSON.parse(body);
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Escapes text for HTML. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
