import { parse } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { InvestigationV2Document } from "../../generated/index.js";
import { TaegisGraphQLError } from "../../src/errors/TaegisGraphQLError.js";
import { TaegisHttpError } from "../../src/errors/TaegisHttpError.js";
import { TaegisNetworkError } from "../../src/errors/TaegisNetworkError.js";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import type { TaegisClient } from "../../src/client/index.js";
import { closeSandbox, requestsTo, sandboxClient, userTokenClient } from "./helpers.js";

let sandbox: Sandbox;
let client: TaegisClient;
let tenantId: string;
let configPath: string;

const SUBJECT = parse("query WhoAmI { currentSubject { id } }") as TypedDocumentNode<{ currentSubject: { id: string } | null }, Record<string, never>>;

beforeAll(async () => {
  sandbox = await startSandbox();
  tenantId = sandbox.tenants[0]?.id as string;
});

beforeEach(async () => {
  ({ configPath, client } = await userTokenClient(sandbox));
});

afterAll(() => closeSandbox(sandbox));

test("503, 503, then 200: the call succeeds after two retries", async () => {
  sandbox.inject({ path: "/us1/graphql", status: 503, times: 2 });

  const data = await client.query(SUBJECT);

  expect(data.currentSubject?.id).toEqual(expect.any(String));
  expect(requestsTo(sandbox, "/us1/graphql")).toHaveLength(3);
});

test("503 every time: the retries are bounded and the error says HTTP 503", async () => {
  sandbox.inject({ path: "/us1/graphql", status: 503, times: 3, body: "<html>busy</html>" });

  const error = await client.query(SUBJECT).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(TaegisHttpError);
  expect(error).toMatchObject({ code: "http_error", status: 503 });
  expect((error as Error).message).not.toContain("busy");
  expect(requestsTo(sandbox, "/us1/graphql")).toHaveLength(3);
});

test("429 with Retry-After: the next attempt waits as long as asked", async () => {
  const sent: number[] = [];
  const timed = sandboxClient(sandbox, {
    configPath,
    retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 5_000 },
    fetch: (input, init) => {
      sent.push(Date.now());
      return fetch(input, init);
    },
  });
  sandbox.inject({ path: "/us1/graphql", status: 429, headers: { "Retry-After": "1" }, body: "{}" });

  await expect(timed.query(SUBJECT)).resolves.toMatchObject({ currentSubject: { id: expect.any(String) } });

  expect(sent).toHaveLength(2);
  expect((sent[1] as number) - (sent[0] as number)).toBeGreaterThanOrEqual(950);
});

test("a mutation is not sent again after a 502 (it may have run)", async () => {
  sandbox.inject({ path: "/us1/graphql", status: 502, times: 1 });

  await expect(client.clients.createClient({ name: "once" }, { tenantId })).rejects.toMatchObject({ name: "TaegisHttpError", status: 502 });
  expect(requestsTo(sandbox, "/us1/graphql")).toHaveLength(1);
});

test("a GraphQL error: TaegisGraphQLError with the errors, their path, the status and the request id", async () => {
  const error = await client.query(InvestigationV2Document, { arguments: { id: "no-such-investigation" } }, { tenantId }).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(TaegisGraphQLError);
  const graphQLError = error as TaegisGraphQLError;
  expect(graphQLError.errors[0]?.path).toEqual(["investigationV2"]);
  expect(graphQLError.errors[0]?.message).toContain("no-such-investigation");
  expect(graphQLError.requestId).toMatch(/\S/);
  expect(graphQLError.status).toBe(200);
  expect(graphQLError.message).toContain("InvestigationV2");
  expect(graphQLError.message).toContain(graphQLError.requestId as string);
});

test("the facade throws TaegisGraphQLError with the partial data", async () => {
  sandbox.inject({
    path: "/us1/graphql",
    status: 200,
    headers: { "x-request-id": "req-partial" },
    body: JSON.stringify({ data: { currentSubject: { id: "x", name: null, displayName: null, identity: null } }, errors: [{ message: "identity unavailable", path: ["currentSubject", "identity"] }] }),
  });

  const error = await client.subjects.currentSubject().catch((e: unknown) => e);

  expect(error).toMatchObject({ name: "TaegisGraphQLError", requestId: "req-partial", data: { currentSubject: { id: "x" } } });
  expect((error as TaegisGraphQLError).errors[0]?.path).toEqual(["currentSubject", "identity"]);
});

test("an answer that is not JSON: TaegisHttpError invalid_response with a short message and the request id", async () => {
  sandbox.inject({ path: "/us1/graphql", status: 200, headers: { "content-type": "text/html", "x-request-id": "req-html" }, body: `<html>${"x".repeat(2_000_000)}</html>` });

  const error = await client.query(SUBJECT).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(TaegisHttpError);
  expect(error).toMatchObject({ code: "invalid_response", status: 200, requestId: "req-html" });
  expect((error as Error).message.length).toBeLessThan(400);
});

test("a JSON body that does not parse: invalid_response, without the body in the message", async () => {
  sandbox.inject({ path: "/us1/graphql", status: 200, headers: { "content-type": "application/json" }, body: `{"data": ${"[".repeat(100_000)}` });

  const error = await client.query(SUBJECT).catch((e: unknown) => e);

  expect(error).toMatchObject({ name: "TaegisHttpError", code: "invalid_response" });
  expect((error as Error).message.length).toBeLessThan(400);
});

test("a huge GraphQL error message is shortened in the error's message, kept whole in errors", async () => {
  const huge = "y".repeat(1_000_000);
  sandbox.inject({ path: "/us1/graphql", status: 200, body: JSON.stringify({ data: null, errors: [{ message: huge }] }) });

  const error = (await client.query(SUBJECT).catch((e: unknown) => e)) as TaegisGraphQLError;

  expect(error.message.length).toBeLessThan(600);
  expect(error.errors[0]?.message).toHaveLength(huge.length);
});

test("a call slower than timeoutMs: TaegisNetworkError timeout", async () => {
  sandbox.inject({ path: "/us1/graphql", delayMs: 2_000 });

  const error = await client.query(SUBJECT, {}, { timeoutMs: 200 }).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(TaegisNetworkError);
  expect(error).toMatchObject({ code: "timeout" });
});

test("a call cancelled by its signal: TaegisNetworkError aborted", async () => {
  sandbox.inject({ path: "/us1/graphql", delayMs: 2_000 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);

  await expect(client.query(SUBJECT, {}, { signal: controller.signal })).rejects.toMatchObject({ name: "TaegisNetworkError", code: "aborted" });
});

test("nobody listening: TaegisNetworkError network, after the bounded retries", async () => {
  const dead = sandboxClient(sandbox, { configPath, url: "http://127.0.0.1:9/graphql" });

  await expect(dead.query(SUBJECT)).rejects.toMatchObject({ name: "TaegisNetworkError", code: "network" });
});
