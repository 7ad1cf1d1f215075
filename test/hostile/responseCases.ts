import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { CurrentTDRUserDocument } from "../../generated/index.js";
import { TaegisClient } from "../../src/client/TaegisClient.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import { TaegisGraphQLError } from "../../src/errors/TaegisGraphQLError.js";
import { TaegisHttpError } from "../../src/errors/TaegisHttpError.js";
import { TaegisNetworkError } from "../../src/errors/TaegisNetworkError.js";
import type { SandboxFault } from "../../src/sandbox/types.js";
import type { CaseContext, Expectation, HostileArea, HostileCase } from "./hostileCase.js";
import { clientFor, credentialsEnv, region, requestsTo, sandbox, tokenFor } from "./hostileSandbox.js";

const MB = 1024 * 1024;
const json = { "content-type": "application/json; charset=utf-8" };

/**
 * Builds a case where the `/graphql` gateway of a region of its own answers
 * `fault` (up to `times`), to a query made with a valid token.
 */
function brokenGateway(
  name: string,
  fault: Omit<SandboxFault, "path">,
  expectation: Expectation,
  options: { area?: HostileArea; timeoutMs?: number; call?: (client: TaegisClient) => Promise<unknown> } = {},
): HostileCase {
  const environment = region();
  return {
    name,
    area: options.area ?? "graphql response",
    run: async (ctx) => {
      const client = clientFor(ctx, environment, {
        accessToken: await tokenFor(ctx, environment),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
      sandbox().inject({ times: 5, ...fault, path: `/${environment}/graphql` });
      return (options.call ?? ((c) => c.query(CurrentTDRUserDocument)))(client);
    },
    expect: expectation,
  };
}

/** An HTTP server elsewhere on loopback that records what reaches it. */
async function elsewhere(): Promise<{ url: string; seen: IncomingHttpHeaders[]; close: () => Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, json).end('{"data":{"currentTDRUser":null}}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const crossOriginRegion = region();
let elsewhereSeen: IncomingHttpHeaders[] = [];
const refusingRegion = region();

/** Answers of the GraphQL gateway that are not a clean GraphQL result, and transport tricks. */
export const responseCases: HostileCase[] = [
  brokenGateway(
    "the gateway answers an HTML page with 200",
    { status: 200, body: "<!doctype html><title>Maintenance</title>", headers: { "x-request-id": "req-html-1" } },
    {
      error: TaegisHttpError,
      code: "invalid_response",
      message: [/text\/html/, /request id req-html-1/, /Check that the URL points at a Taegis GraphQL endpoint/],
      check: (error) => expect((error as TaegisHttpError).requestId).toBe("req-html-1"),
    },
  ),
  brokenGateway("the gateway answers 200 with an empty JSON body", { status: 200, body: "", headers: json }, {
    error: TaegisHttpError,
    code: "invalid_response",
    message: [/not a GraphQL response/],
  }),
  brokenGateway("the gateway answers 5 MB that are not JSON", { status: 200, body: "x".repeat(5 * MB), headers: json }, {
    error: TaegisHttpError,
    code: "invalid_response",
    message: [/not a GraphQL response/],
  }),
  brokenGateway(
    "the gateway answers a 5 MB error message",
    { status: 200, body: JSON.stringify({ errors: [{ message: "E".repeat(5 * MB), path: ["currentTDRUser"] }], data: null }), headers: json },
    {
      error: TaegisGraphQLError,
      code: "graphql_error",
      message: [/GraphQL error in CurrentTDRUser/, /\.\.\./],
      check: (error) => expect((error as TaegisGraphQLError).errors[0]?.message.length, "the full error stays on the object").toBe(5 * MB),
    },
  ),
  brokenGateway(
    "the gateway answers errors with partial data",
    {
      status: 200,
      body: JSON.stringify({
        data: { currentTDRUser: { id: "u1", email: "a@example.com", given_name: null, family_name: null, status: null, timezone: null, last_login: null, accessible_tenants: null } },
        errors: [{ message: "accessible_tenants unavailable", path: ["currentTDRUser", "accessible_tenants"], extensions: { code: "UNAVAILABLE" } }],
      }),
      headers: { ...json, "x-request-id": "req-partial-7" },
    },
    {
      error: TaegisGraphQLError,
      code: "graphql_error",
      message: [/accessible_tenants unavailable/, /at currentTDRUser\.accessible_tenants/, /request id req-partial-7/],
      check: (error) => {
        const graphQLError = error as TaegisGraphQLError<{ currentTDRUser: { id: string } | null }>;
        expect(graphQLError.data?.currentTDRUser?.id).toBe("u1");
        expect(graphQLError.errors[0]?.extensions).toEqual({ code: "UNAVAILABLE" });
        expect(graphQLError.requestId).toBe("req-partial-7");
      },
    },
  ),
  brokenGateway(
    "a facade call whose field is null with errors",
    { status: 200, body: JSON.stringify({ data: { currentTDRUser: null }, errors: [{ message: "user not found", path: ["currentTDRUser"] }] }), headers: json },
    { error: TaegisGraphQLError, code: "graphql_error", message: [/user not found/, /at currentTDRUser/] },
    { call: (client) => client.users.currentTDRUser() },
  ),
  brokenGateway("the gateway answers a JSON array", { status: 200, body: "[1,2,3]", headers: json }, {
    error: TaegisHttpError,
    code: "invalid_response",
    message: [/not a GraphQL response/],
  }),
  brokenGateway("the gateway keeps answering 502 with an HTML page", { status: 502, body: "<html>Bad Gateway</html>" }, {
    error: TaegisHttpError,
    code: "http_error",
    message: [/HTTP 502/],
    check: (error) => expect((error as TaegisHttpError).status).toBe(502),
  }),
  brokenGateway("the gateway keeps answering 429 with Retry-After", { status: 429, body: "", headers: { "retry-after": "0" } }, {
    error: TaegisHttpError,
    code: "http_error",
    message: [/HTTP 429/],
  }),
  brokenGateway("the gateway answers 401 to a token given in the accessToken option", { status: 401, body: '{"errors":[{"message":"unauthorized"}]}', headers: json }, {
    error: TaegisAuthError,
    code: "unauthorized",
    message: [/refused the token given in the accessToken option/, /Pass a valid token/],
  }),
  brokenGateway("the gateway is slower than the timeout", { delayMs: 2_000 }, {
    error: TaegisNetworkError,
    code: "timeout",
    message: [/no answer within 300 ms|in time/, /raise timeoutMs/],
  }, { area: "transport", timeoutMs: 300 }),
  brokenGateway("a redirect loop on the same origin", { status: 307, headers: { location: "graphql" }, times: 20 }, {
    error: TaegisHttpError,
    code: "http_error",
    message: [/HTTP 30\d|redirect/],
  }, { area: "transport" }),
  brokenGateway("a redirect to a non-loopback http:// URL", { status: 302, headers: { location: "http://taegis.invalid/graphql" } }, {
    error: TaegisHttpError,
    code: "http_error",
    message: [/another origin \(http:\/\/taegis\.invalid\)/, /does not follow redirects across origins/],
  }, { area: "transport" }),
  {
    name: "a redirect to another origin on loopback (the token must not follow)",
    area: "transport",
    run: async (ctx) => {
      const other = await elsewhere();
      elsewhereSeen = other.seen;
      try {
        const client = clientFor(ctx, crossOriginRegion, { accessToken: await tokenFor(ctx, crossOriginRegion) });
        sandbox().inject({ times: 5, path: `/${crossOriginRegion}/graphql`, status: 307, headers: { location: other.url } });
        return await client.query(CurrentTDRUserDocument);
      } finally {
        await other.close();
      }
    },
    expect: {
      error: TaegisHttpError,
      code: "http_error",
      message: [/redirected the request to another origin/, /set the environment's URL/],
      check: () => expect(elsewhereSeen, "nothing reached the other origin").toEqual([]),
    },
  },
  {
    name: "an environment URL where nothing listens",
    area: "transport",
    run: async (ctx: CaseContext) => {
      const port = await closedPort();
      const client = new TaegisClient({
        environments: { charlie: `http://127.0.0.1:${port}/us1` },
        configPath: ctx.configPath,
        logger: ctx.logger,
        accessToken: ctx.secret("static-token-for-a-closed-port"),
        retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 5 },
      });
      return client.query(CurrentTDRUserDocument);
    },
    expect: { error: TaegisNetworkError, code: "network", message: [/Could not reach http:\/\/127\.0\.0\.1:\d+\/us1\/graphql/, /Check the network/] },
  },
  {
    name: "credentials whose fresh token is refused too: one re-authentication, no loop",
    area: "graphql response",
    run: async (ctx) => {
      const client = clientFor(ctx, refusingRegion, { env: await credentialsEnv(ctx, refusingRegion) });
      sandbox().inject({ times: 10, path: `/${refusingRegion}/graphql`, status: 401, body: '{"errors":[{"message":"unauthorized"}]}', headers: json });
      return client.query(CurrentTDRUserDocument);
    },
    expect: {
      error: TaegisAuthError,
      code: "unauthorized",
      message: [/also after getting a fresh one/, /clearAccessToken\(\)/],
      check: () => {
        const requests = requestsTo(refusingRegion);
        expect(requests.filter((r) => r.path.endsWith("/auth/api/v2/auth/token")), "one token, one fresh token").toHaveLength(2);
        expect(requests.filter((r) => r.path.endsWith("/graphql")), "the call and its one retry").toHaveLength(2);
      },
    },
    // The refused token is dropped from the file; every other key stays.
    disk: "keys",
  },
];
