import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { SubscriptionClient } from "subscriptions-transport-ws";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";

const EVENT_QUERY = `subscription EventQuery($query: String!, $metadata: Map, $options: EventQueryOptions) {
  eventQuery(query: $query, metadata: $metadata, options: $options) {
    queryId next prev
    result { id type status rows progress { totalRows totalRowsIsLowerBound resultsTruncated } }
  }
}`;
const EVENT_PAGE = `subscription EventPage($id: String!) {
  eventPage(id: $id) { queryId next prev result { type rows progress { totalRows } } }
}`;

interface Message {
  queryId: string;
  next: string | null;
  prev: string | null;
  result: { type: string; rows: Record<string, unknown>[]; progress: { totalRows: number } };
}

let sandbox: Sandbox;
const clients: SubscriptionClient[] = [];
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await sandbox.stop();
});

function connect(token: string, tenantId?: string, region = "us1"): SubscriptionClient {
  const url = `${sandbox.environments[region]!.url.replace(/^http/, "ws")}/events/query`;
  const protocols = ["graphql-ws", `access-token-${token}`, ...(tenantId === undefined ? [] : [`x-tenant-context-${tenantId}`])];
  const client = new SubscriptionClient(url, { reconnect: false }, WebSocket, protocols);
  clients.push(client);
  return client;
}

/** Runs one operation to its end: the data payloads, or the error the server sent. */
function run(client: SubscriptionClient, query: string, variables: Record<string, unknown>): Promise<{ data: { data?: any; errors?: any[] }[]; error?: unknown }> {
  return new Promise((resolve) => {
    const data: { data?: any; errors?: any[] }[] = [];
    client.request({ query, variables }).subscribe({
      next: (value) => data.push(value as never),
      error: (error) => resolve({ data, error }),
      complete: () => resolve({ data }),
    });
  });
}

const messagesOf = (answer: { data: { data?: any }[] }, field: string): Message[] => answer.data.map((payload) => payload.data[field] as Message);

describe("events subscriptions over the legacy graphql-ws protocol", () => {
  it("streams one message per event type, pages of pageSize rows, and pages on by next / eventPage", async () => {
    sandbox.resetMetrics();
    const client = connect(await sandbox.mintToken({ environment: "us1", subject: "alice@example.com" }));
    const first = messagesOf(await run(client, EVENT_QUERY, { query: "FROM process, netflow, auth EARLIEST=-1d", options: { pageSize: 2 } }), "eventQuery");
    expect(first.map((message) => message.result.type)).toEqual(["process", "netflow", "auth"]);
    expect(first.map((message) => message.result.rows.length)).toEqual([2, 2, 2]);
    expect(first.map((message) => message.result.progress.totalRows)).toEqual([5, 3, 3]);
    const queryId = first[0]!.queryId;
    expect(first.every((message) => message.queryId === queryId)).toBe(true);
    const next = first[0]!.next;
    expect(next).toEqual(expect.any(String));
    expect(first.every((message) => message.next === next && message.prev === null)).toBe(true);
    expect(first[0]!.result.rows[0]).toMatchObject({ tenant_id: "50001", event_type: "process", image_path: expect.any(String) });

    const second = messagesOf(await run(client, EVENT_PAGE, { id: next }), "eventPage");
    expect(second.map((message) => [message.result.type, message.result.rows.length])).toEqual([
      ["process", 2],
      ["netflow", 1],
      ["auth", 1],
    ]);
    expect(second[0]!.next).toEqual(expect.any(String));
    expect(second[1]!.next).toBeNull();
    const prev = second[0]!.prev;
    expect(prev).toEqual(expect.any(String));
    expect(second.every((message) => message.prev === prev)).toBe(true);
    const back = messagesOf(await run(client, EVENT_PAGE, { id: prev }), "eventPage");
    expect(back.map((message) => message.result.rows)).toEqual(first.map((message) => message.result.rows));

    const third = messagesOf(await run(client, EVENT_PAGE, { id: second[0]!.next }), "eventPage");
    expect(third.map((message) => [message.result.type, message.result.rows.length, message.next])).toEqual([["process", 1, null]]);
    expect(third[0]!.prev).toBe(next);

    const ids = [...first, ...second, ...third].flatMap((message) => message.result.rows.map((row) => row["id"]));
    expect(new Set(ids).size).toBe(11);
    expect(sandbox.metrics().graphqlRequests["us1"]).toBe(4);
  });

  it("filters with WHERE and uses the tenant of the x-tenant-context subprotocol", async () => {
    const bob = await sandbox.mintToken({ environment: "universal", subject: "bob@example.com" });
    const client = connect(bob, "50002", "eu");
    const answer = messagesOf(await run(client, EVENT_QUERY, { query: "FROM process WHERE image_path contains 'powershell'" }), "eventQuery");
    expect(answer).toHaveLength(1);
    expect(answer[0]!.result.rows).toHaveLength(1);
    expect(answer[0]!.result.rows[0]).toMatchObject({ tenant_id: "50002", commandline: expect.stringMatching(/^powershell/) });
    expect(answer[0]!.next).toBeNull();
  });

  it("answers FORBIDDEN for a tenant the token may not act in, and errors for bad requests", async () => {
    const alice = await sandbox.mintToken({ environment: "us1", subject: "alice@example.com" });
    const forbidden = await run(connect(alice, "50003"), EVENT_QUERY, { query: "FROM auth" });
    expect(forbidden.data[0]!.errors![0]).toMatchObject({ extensions: { code: "FORBIDDEN" } });

    const client = connect(alice);
    const unknownPage = await run(client, EVENT_PAGE, { id: "no-such-page" });
    expect(unknownPage.data[0]!.errors![0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    const invalid = await run(client, "subscription { eventQuery(query: 1) { nope } }", {});
    expect(invalid.error).toBeDefined();
  });

  it("refuses a foreign-region token at connection_init with connection_error", async () => {
    const token = await sandbox.mintToken({ environment: "us2" });
    const url = `${sandbox.environments["us1"]!.url.replace(/^http/, "ws")}/events/query`;
    const error = await new Promise<unknown>((resolve) => {
      clients.push(new SubscriptionClient(url, { reconnect: false, connectionCallback: (failure) => resolve(failure) }, WebSocket, ["graphql-ws", `access-token-${token}`]));
    });
    expect(error).toEqual({ message: expect.stringMatching(/issued for environment us2/), extensions: { code: "UNAUTHENTICATED" } });
  });
});
