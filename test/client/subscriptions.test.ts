import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { EventQueryDocument } from "../../generated/index.js";
import { TaegisGraphQLError } from "../../src/errors/TaegisGraphQLError.js";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import type { TaegisClient } from "../../src/client/index.js";
import { closeSandbox, credentialsEnv, requestsTo, sandboxClient, tempConfigPath, userTokenClient } from "./helpers.js";

let sandbox: Sandbox;
let client: TaegisClient;
let tenantId: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  tenantId = sandbox.tenants[0]?.id as string;
});

beforeEach(async () => {
  ({ client } = await userTokenClient(sandbox));
});

afterAll(() => closeSandbox(sandbox));

test("eventQuery streams the first page, and eventPage fetches the next ones by their id", async () => {
  const rows: unknown[] = [];
  let next: string | null | undefined;
  for await (const message of client.events.eventQuery({ query: "FROM process", options: { pageSize: 2 } }, { tenantId })) {
    expect(message?.result?.type).toBe("process");
    rows.push(...(message?.result?.rows ?? []));
    next = message?.next;
  }
  expect(rows).toHaveLength(2);
  let pages = 1;
  while (typeof next === "string") {
    const id: string = next;
    next = undefined;
    for await (const message of client.events.eventPage({ id }, { tenantId })) {
      rows.push(...(message?.result?.rows ?? []));
      next = message?.next;
    }
    pages += 1;
  }

  expect(pages).toBe(3);
  expect(rows).toHaveLength(5);
  expect(new Set(rows.map((row) => (row as { id: unknown }).id)).size).toBe(5);
  expect(rows.every((row) => (row as { tenant_id: unknown }).tenant_id === tenantId)).toBe(true);

  const upgrade = requestsTo(sandbox, "/us1/events/query")[0];
  const protocols = (upgrade?.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
  expect(protocols[0]).toBe("graphql-ws");
  expect(protocols).toContain(`x-tenant-context-${tenantId}`);
  expect(protocols.some((p) => p.startsWith("access-token-"))).toBe(true);
  expect(upgrade?.headers["authorization"]).toBeUndefined();
  expect(sandbox.metrics().graphqlRequests["us1"]).toBe(3);
});

test("subscribe() with a typed document yields the data of each message; returning the iterator stops it", async () => {
  const iterator = client.subscribe(EventQueryDocument, { query: "FROM process, netflow", options: { pageSize: 1 } }, { tenantId });

  const first = await iterator.next();
  expect(first.done).toBe(false);
  expect(first.value?.eventQuery?.result?.rows).toHaveLength(1);
  await expect(iterator.return?.()).resolves.toMatchObject({ done: true });
  await expect(iterator.next()).resolves.toMatchObject({ done: true });
});

test("a subscription's GraphQL error is a TaegisGraphQLError", async () => {
  const iterator = client.events.eventQuery({ query: "FROM process" }); // a user token with several tenants, and no tenant chosen

  const error = await iterator.next().catch((e: unknown) => e);

  expect(error).toBeInstanceOf(TaegisGraphQLError);
  expect((error as Error).message).toContain("tenant");
});

test("a revoked token on the events gateway: one re-authentication, then the stream", async () => {
  const automation = sandboxClient(sandbox, { configPath: await tempConfigPath(), env: await credentialsEnv(sandbox, "us1", tenantId) });
  sandbox.revokeToken(await automation.getAccessToken());

  const messages = [];
  for await (const message of automation.events.eventQuery({ query: "FROM auth" })) messages.push(message);

  expect(messages.length).toBeGreaterThan(0);
  expect(sandbox.metrics().tokenRequests).toBe(2);
});

test("a subscription document is refused by query(), a query document by subscribe()", async () => {
  await expect(client.query(EventQueryDocument as never)).rejects.toMatchObject({ name: "TaegisOptionsError", code: "invalid_option" });
  expect(() => client.subscribe(EventQueryDocument, { query: "FROM process" }, { tenantId: "50001,evil" })).toThrow(
    expect.objectContaining({ code: "invalid_tenant_id" }),
  );
});
