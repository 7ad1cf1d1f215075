import { isLoopbackHost } from "../environments.js";
import { TaegisAuthError } from "../errors/TaegisAuthError.js";
import { authErrorCode } from "./authErrorCode.js";
import { basicClientAuth } from "./basicClientAuth.js";
import type { AccessToken } from "./credentialSource.js";
import { expiresAt } from "./expiresAt.js";
import { requestSignal } from "./requestSignal.js";
import { transportError } from "./transportError.js";

/** The path of the client credentials token endpoint under the authentication URL. */
export const TOKEN_ENDPOINT_PATH = "/auth/api/v2/auth/token";

/** Options of {@link clientCredentialsGrant}. */
export interface ClientCredentialsGrantOptions {
  /** Authentication environment, named in errors. */
  environment: string;
  /** Base URL of the authentication host (already checked: https, or http to loopback). */
  authUrl: URL;
  /** The client id. */
  clientId: string;
  /** The client secret. Never logged, never in a message. */
  clientSecret: string;
  /** How the credentials were found, for messages: e.g. `CLIENT_ID / CLIENT_SECRET`. */
  credentialNames: string;
  /** The fetch to send with. */
  fetch: typeof fetch;
  /** Time limit of the request, in milliseconds. */
  timeoutMs: number;
  /** The caller's signal. */
  signal?: AbortSignal | undefined;
  /** Clock, ms since the epoch. */
  now: () => number;
}

/** What the token endpoint answered, read from a copy of the response before openid-client processes it. */
interface Answer {
  status?: number;
  error?: string;
  errorDescription?: string;
}

/** openid-client's module. */
type OpenidClient = typeof import("openid-client");

let openidClient: Promise<OpenidClient> | undefined;

/** openid-client (and oauth4webapi under it), imported once, when a client credentials token is first requested. */
function loadOpenidClient(): Promise<OpenidClient> {
  openidClient ??= import("openid-client");
  return openidClient;
}

/** Marks a failure of fetch itself (no HTTP answer), so it can be told apart from openid-client's own errors. */
class TransportFailure extends Error {}

/**
 * Gets a token with the OAuth client credentials grant from
 * `<authUrl>/auth/api/v2/auth/token`, through openid-client with a manually
 * built server configuration, raw HTTP Basic client authentication
 * ({@link basicClientAuth}), a request timeout, and the caller's signal.
 *
 * @throws TaegisAuthError `invalid_client`, `server_error`, `invalid_response`,
 * `oauth_error` (and the OAuth codes it keeps), `network`, `timeout`, `aborted`.
 */
export async function clientCredentialsGrant(options: ClientCredentialsGrantOptions): Promise<AccessToken> {
  const oauth = await loadOpenidClient();
  const base = options.authUrl.href.replace(/\/+$/, "");
  const config = new oauth.Configuration(
    { issuer: base, token_endpoint: `${base}${TOKEN_ENDPOINT_PATH}` },
    options.clientId,
    {},
    basicClientAuth(options.clientSecret),
  );
  if (options.authUrl.protocol === "http:" && isLoopbackHost(options.authUrl.hostname)) oauth.allowInsecureRequests(config);
  // openid-client's own limit is a backstop; ours fires first and is the one reported.
  config.timeout = options.timeoutMs / 1000 + 5;
  const signal = requestSignal(options.timeoutMs, options.signal);
  const answer: Answer = {};
  const fetchImpl = options.fetch;
  config[oauth.customFetch] = async (url, init) => {
    let response: Response;
    try {
      response = await fetchImpl(url, { ...(init as RequestInit), signal: AbortSignal.any([signal.signal, ...(init.signal ? [init.signal] : [])]) });
    } catch (cause) {
      throw new TransportFailure("fetch failed", { cause });
    }
    answer.status = response.status;
    if (!response.ok) await readOAuthError(response.clone(), answer);
    return response;
  };
  const startedAt = options.now();
  let result: Awaited<ReturnType<OpenidClient["clientCredentialsGrant"]>>;
  try {
    result = await oauth.clientCredentialsGrant(config);
  } catch (error) {
    throw grantError(oauth, error, answer, signal, options, `${base}${TOKEN_ENDPOINT_PATH}`);
  }
  return { accessToken: result.access_token, expiresAt: expiresAt(result.access_token, result.expires_in, startedAt) };
}

async function readOAuthError(response: Response, answer: Answer): Promise<void> {
  try {
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null) return;
    const { error, error_description: description } = body as Record<string, unknown>;
    if (typeof error === "string") answer.error = error;
    if (typeof description === "string") answer.errorDescription = description;
  } catch {
    // Not JSON: the status says enough.
  }
}

function grantError(
  oauth: OpenidClient,
  error: unknown,
  answer: Answer,
  signal: ReturnType<typeof requestSignal>,
  options: ClientCredentialsGrantOptions,
  url: string,
): TaegisAuthError {
  const { environment } = options;
  const transport = findTransportFailure(error);
  if (transport !== undefined || signal.aborted() || signal.timedOut()) {
    return transportError(signal, { environment, what: "the client credentials token request", url, timeoutMs: options.timeoutMs, cause: transport?.cause ?? error });
  }
  // openid-client errors may carry the response body in `cause`: keep only a summary.
  const cause = summarize(error);
  const status = answer.status ?? (error instanceof oauth.ResponseBodyError ? error.status : undefined);
  const oauthError = answer.error ?? (error instanceof oauth.ResponseBodyError ? error.error : undefined);
  const description = answer.errorDescription ?? (error instanceof oauth.ResponseBodyError ? error.error_description : undefined);
  const details = { environment, cause, ...(status === undefined ? {} : { status }), ...(oauthError === undefined ? {} : { error: oauthError }), ...(description === undefined ? {} : { errorDescription: description }) };
  const said = oauthError === undefined ? `HTTP ${status ?? "?"}` : `${oauthError}${description === undefined ? "" : `: ${description}`} (HTTP ${status ?? "?"})`;
  const ok = status !== undefined && status >= 200 && status < 300;
  const code = ok ? "invalid_response" : authErrorCode(status, oauthError);
  switch (code) {
    case "invalid_client":
      return new TaegisAuthError(
        code,
        `The Taegis token endpoint for environment "${environment}" rejected the client credentials from ${options.credentialNames} (${said}). ` +
          "Check that they hold the id and secret of a client made for this environment (region), or rotate the secret.",
        details,
      );
    case "server_error":
      return new TaegisAuthError(code, `The Taegis token endpoint for environment "${environment}" failed (${said}). Try again later.`, details);
    case "invalid_response":
      return new TaegisAuthError(
        code,
        `The Taegis token endpoint for environment "${environment}" answered ${ok ? "with something that is not a token response" : said}. Check the authentication URL (${url}).`,
        details,
      );
    default:
      return new TaegisAuthError(
        code,
        `The Taegis token endpoint for environment "${environment}" refused the client credentials grant for ${options.credentialNames} (${said}).`,
        details,
      );
  }
}

function findTransportFailure(error: unknown): TransportFailure | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof TransportFailure) return current;
  }
  return undefined;
}

function summarize(error: unknown): Error {
  if (!(error instanceof Error)) return new Error("token request failed");
  const code = (error as { code?: unknown }).code;
  return new Error(`${error.name}: ${error.message}${typeof code === "string" ? ` (${code})` : ""}`);
}
