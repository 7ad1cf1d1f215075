import { describe, expectTypeOf, test } from "vitest";
import {
  CreateClientDocument,
  CurrentTDRUserDocument,
  EventQueryDocument,
  type CreateClientMutation,
  type CurrentTDRUserQuery,
  type EventQuerySubscription,
} from "../../generated/index.js";
import type { TaegisClient } from "../../src/client/index.js";

declare const client: TaegisClient;

describe("TaegisClient types", () => {
  test("the facade lists services, then operations, with typed variables and the unwrapped root field", () => {
    expectTypeOf(client.clients.createClient({ name: "my_awesome_app", roles: null })).resolves.toEqualTypeOf<CreateClientMutation["createClient"]>();
    // @ts-expect-error name is required
    void client.clients.createClient({ roles: null });
    // @ts-expect-error no such service
    void client.nope;
    expectTypeOf(client.events.eventQuery({ query: "FROM process" })).toEqualTypeOf<AsyncIterableIterator<EventQuerySubscription["eventQuery"]>>();
  });

  test("query, mutation and subscribe are typed by the document", () => {
    expectTypeOf(client.query(CurrentTDRUserDocument)).resolves.toEqualTypeOf<CurrentTDRUserQuery>();
    expectTypeOf(client.mutation(CreateClientDocument, { name: "x" }, { tenantId: "1" })).resolves.toEqualTypeOf<CreateClientMutation>();
    // @ts-expect-error createClient has a required variable
    void client.mutation(CreateClientDocument);
    // @ts-expect-error a wrong variable type
    void client.mutation(CreateClientDocument, { name: 42 });
    expectTypeOf(client.subscribe(EventQueryDocument, { query: "FROM auth" })).toEqualTypeOf<AsyncIterableIterator<EventQuerySubscription>>();
  });

  test("views are clients, and per-call options are checked", () => {
    expectTypeOf(client.with({ environment: "eu" })).toEqualTypeOf<TaegisClient>();
    // @ts-expect-error not a call option
    void client.with({ environmnet: "eu" });
    expectTypeOf(client.getAccessToken()).resolves.toBeString();
  });
});
