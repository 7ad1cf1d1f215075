import { describe, expectTypeOf, test } from "vitest";
import type {
  ClientsService,
  CreateClientMutation,
  CreateClientMutationVariables,
  EventQuerySubscription,
  TaegisServices,
} from "../../generated/index.js";
import { clientsTypes, investigations2Types } from "../../generated/index.js";
import type { CallOptions } from "../../src/client/options.js";

describe("types generated from schema/ and operations/", () => {
  test("createClient's variables require name: string", () => {
    expectTypeOf<CreateClientMutationVariables["name"]>().toEqualTypeOf<string>();
    // @ts-expect-error name is required
    const missingName: CreateClientMutationVariables = { roles: null };
    void missingName;
    // @ts-expect-error name must be a string
    const wrongName: CreateClientMutationVariables = { name: 42 };
    void wrongName;
  });

  test("createClient's result has clientSecret and the client, nullable as the schema says", () => {
    type Result = NonNullable<CreateClientMutation["createClient"]>;
    expectTypeOf<Result["clientSecret"]>().toEqualTypeOf<string | null>();
    expectTypeOf<NonNullable<Result["client"]>["clientID"]>().toEqualTypeOf<string | null>();
  });

  test("a field the operation does not select fails to compile", () => {
    type Result = NonNullable<CreateClientMutation["createClient"]>;
    const result = {} as Result;
    // @ts-expect-error client_secret is not selected by operations/clients/createClient.graphql
    void result.client_secret;
    // @ts-expect-error no such field anywhere
    void result.notAField;
  });

  test("the Map scalar is a record and never any", () => {
    type Page = NonNullable<NonNullable<EventQuerySubscription["eventQuery"]>["result"]>;
    expectTypeOf<Page["rows"]>().toEqualTypeOf<Array<Record<string, unknown> | null> | null>();
  });

  test("enums are usable as values and as types", () => {
    expectTypeOf(clientsTypes.ClientsSearchSortOrder.ASC).toEqualTypeOf<"ASC">();
    expectTypeOf<clientsTypes.ClientsSearchSortOrder>().toEqualTypeOf<"ASC" | "DESC">();
    expectTypeOf<investigations2Types.InvestigationStatus>().toBeString();
  });

  test("the facade returns the unwrapped root field", () => {
    expectTypeOf<ClientsService["createClient"]>().parameters.toEqualTypeOf<
      [variables: CreateClientMutationVariables, options?: CallOptions]
    >();
    expectTypeOf<ReturnType<TaegisServices["clients"]["createClient"]>>().resolves.toEqualTypeOf<
      CreateClientMutation["createClient"]
    >();
    expectTypeOf<ReturnType<TaegisServices["events"]["eventQuery"]>>().toEqualTypeOf<
      AsyncIterableIterator<EventQuerySubscription["eventQuery"]>
    >();
  });
});
