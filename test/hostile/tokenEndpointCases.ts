import { expect } from "vitest";
import { CurrentTDRUserDocument } from "../../generated/index.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import type { SandboxFault } from "../../src/sandbox/types.js";
import type { Expectation, HostileCase } from "./hostileCase.js";
import { clientFor, credentialsEnv, region, requestsTo, sandbox } from "./hostileSandbox.js";

const TOKEN_PATH = "/auth/api/v2/auth/token";

/**
 * Builds a case where the client-credentials token endpoint of a region of
 * its own gives `fault` (up to 5 times, enough for any retry), with valid
 * credentials in the environment.
 */
function brokenTokenEndpoint(name: string, fault: Omit<SandboxFault, "path">, expectation: Expectation, timeoutMs?: number): HostileCase {
  const environment = region();
  return {
    name,
    area: "token endpoint",
    run: async (ctx) => {
      const env = await credentialsEnv(ctx, environment);
      sandbox().inject({ times: 5, ...fault, path: `/${environment}${TOKEN_PATH}` });
      const client = clientFor(ctx, environment, { env, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
      return client.query(CurrentTDRUserDocument);
    },
    expect: expectation,
  };
}

const auth = (code: string, ...message: RegExp[]): Expectation => ({
  error: TaegisAuthError,
  code,
  message: [/environment "h\d+"/, ...message],
  check: (error) => expect((error as TaegisAuthError).environment).toMatch(/^h\d+$/),
});

const refusedRegion = region();

/** Token endpoints that answer anything but a token. */
export const tokenEndpointCases: HostileCase[] = [
  brokenTokenEndpoint(
    "the token endpoint answers an HTML page with 200",
    { status: 200, body: "<!doctype html><html><body>Sign in</body></html>", headers: { "content-type": "text/html" } },
    auth("invalid_response", /not a token response|HTTP 200/, /Check the authentication URL/),
  ),
  brokenTokenEndpoint(
    "the token endpoint answers 200 with an empty body",
    { status: 200, body: "" },
    auth("invalid_response", /Check the authentication URL/),
  ),
  brokenTokenEndpoint(
    "the token endpoint answers 500",
    { status: 500, body: '{"error":"server_error","error_description":"database down"}', headers: { "content-type": "application/json" } },
    auth("server_error", /Try again later/),
  ),
  brokenTokenEndpoint(
    "the token endpoint answers 429 with Retry-After",
    { status: 429, body: "", headers: { "retry-after": "1" } },
    auth("server_error", /429/, /Try again later/),
  ),
  brokenTokenEndpoint(
    "the token endpoint is slower than the timeout",
    { delayMs: 2_000 },
    auth("timeout", /within 300 ms/, /raise timeoutMs/),
    300,
  ),
  brokenTokenEndpoint(
    "the token endpoint answers JSON without access_token",
    { status: 200, body: '{"token_type":"Bearer","expires_in":3600}', headers: { "content-type": "application/json" } },
    auth("invalid_response", /Check the authentication URL/),
  ),
  brokenTokenEndpoint(
    "the token endpoint answers an access_token that is a number",
    { status: 200, body: '{"access_token":12345,"token_type":"Bearer","expires_in":3600}', headers: { "content-type": "application/json" } },
    auth("invalid_response", /Check the authentication URL/),
  ),
  brokenTokenEndpoint(
    "the token endpoint answers 400 with a body that is not JSON",
    { status: 400, body: "Bad Request", headers: { "content-type": "text/plain" } },
    { error: TaegisAuthError, code: "invalid_response", message: [/HTTP 400/] },
  ),
  {
    name: "the token endpoint redirects to another origin",
    area: "token endpoint",
    run: async (ctx) => {
      const env = await credentialsEnv(ctx, refusedRegion);
      const elsewhere = `http://localhost:${new URL(sandbox().url).port}/${refusedRegion}${TOKEN_PATH}`;
      sandbox().inject({ times: 5, path: `/${refusedRegion}${TOKEN_PATH}`, status: 307, headers: { location: elsewhere } });
      return clientFor(ctx, refusedRegion, { env }).query(CurrentTDRUserDocument);
    },
    expect: {
      error: TaegisAuthError,
      code: "invalid_response",
      message: [/HTTP 307/],
      check: () => {
        const tokenRequests = requestsTo(refusedRegion).filter((request) => request.path.endsWith(TOKEN_PATH));
        expect(tokenRequests, "the credentials were sent once, never to the redirect's target").toHaveLength(1);
      },
    },
  },
];
