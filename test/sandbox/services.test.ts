import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { clientToken, graphql, graphqlUrl } from "./helpers.js";

let sandbox: Sandbox;
let alice: string;
let bob: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  alice = await sandbox.mintToken({ environment: "us1", subject: "alice@example.com" });
  bob = await sandbox.mintToken({ environment: "universal", subject: "bob@example.com" });
});
afterAll(() => sandbox.stop());

const gql = (query: string, variables: Record<string, unknown> = {}, token = alice, region = "us1", headers: Record<string, string> = {}) =>
  graphql(graphqlUrl(sandbox, region), token, query, variables, headers).then((answer) => answer.body);

describe("investigations", () => {
  it("finds a created investigation by search and by id, in every region of its tenant only", async () => {
    const created = await gql(
      `mutation ($input: CreateInvestigationInput!) { createInvestigationV2(input: $input) { id shortId title status priority type tags tenantId createdAt } }`,
      { input: { title: "Lateral movement from HOST-7", priority: 3, tags: ["lateral"] } },
    );
    const investigation = created.data!["createInvestigationV2"];
    expect(investigation).toMatchObject({ title: "Lateral movement from HOST-7", status: "OPEN", priority: 3, type: "SECURITY_INVESTIGATION", tags: ["lateral"], tenantId: "50001" });
    expect(investigation.shortId).toMatch(/^INV\d{5}$/);

    const search = `query ($arguments: InvestigationsV2Arguments!) { investigationsV2(arguments: $arguments) { totalCount investigations { id title } } }`;
    const found = await gql(search, { arguments: { cql: "title contains 'lateral movement'" } });
    expect(found.data!["investigationsV2"]).toEqual({ totalCount: 1, investigations: [{ id: investigation.id, title: investigation.title }] });
    const byStatus = await gql(search, { arguments: { cql: "status = 'ACTIVE'" } });
    expect(byStatus.data!["investigationsV2"].investigations.map((i: { title: string }) => i.title)).toEqual(["Ransomware precursor activity"]);
    const all = await gql(search, { arguments: { cql: "" } });
    expect(all.data!["investigationsV2"].totalCount).toBe(3);
    expect(all.data!["investigationsV2"].investigations[0].id).toBe(investigation.id);
    const paged = await gql(search, { arguments: { page: 2, perPage: 2 } });
    expect(paged.data!["investigationsV2"].investigations).toHaveLength(1);

    const elsewhere = await gql(search, { arguments: { cql: "title contains 'lateral'" } }, bob, "eu", { "x-tenant-context": "50001" });
    expect(elsewhere.data!["investigationsV2"].totalCount).toBe(1);
    const otherTenant = await gql(search, { arguments: { cql: "title contains 'lateral'" } }, bob, "eu", { "x-tenant-context": "50002" });
    expect(otherTenant.data!["investigationsV2"].totalCount).toBe(0);

    const one = await gql(`query ($arguments: InvestigationV2Arguments!) { investigationV2(arguments: $arguments) { id title alertsEvidenceCount createdById } }`, {
      arguments: { id: investigation.id },
    });
    expect(one.data!["investigationV2"]).toEqual({ id: investigation.id, title: investigation.title, alertsEvidenceCount: 0, createdById: "auth0|sandbox-alice" });
  });

  it("updates an investigation and keeps its comments", async () => {
    const created = await gql(`mutation { createInvestigationV2(input: { title: "To update", alerts: ["a1", "a2"] }) { id } }`);
    const id = created.data!["createInvestigationV2"].id as string;
    const updated = await gql(`mutation ($input: UpdateInvestigationV2Input!) { updateInvestigationV2(input: $input) { id title status priority tags } }`, {
      input: { id, status: "CLOSED_THREAT_MITIGATED", priority: 1, tags: ["done"] },
    });
    expect(updated.data!["updateInvestigationV2"]).toEqual({ id, title: "To update", status: "CLOSED_THREAT_MITIGATED", priority: 1, tags: ["done"] });

    const add = `mutation ($input: AddCommentToInvestigationInput!) { addCommentToInvestigation(input: $input) { id investigationId comment authorId isInternal } }`;
    const comment = await gql(add, { input: { investigationId: id, comment: "First look done." } });
    expect(comment.data!["addCommentToInvestigation"]).toMatchObject({ investigationId: id, comment: "First look done.", authorId: "auth0|sandbox-alice", isInternal: false });
    await gql(add, { input: { investigationId: id, comment: "Internal note.", isInternal: true } });
    const list = `query ($arguments: CommentsV2Arguments!) { commentsV2(arguments: $arguments) { totalCount comments { comment } } }`;
    expect((await gql(list, { arguments: { investigationId: id } })).data!["commentsV2"]).toEqual({
      totalCount: 2,
      comments: [{ comment: "First look done." }, { comment: "Internal note." }],
    });
    expect((await gql(list, { arguments: { investigationId: id, visibility: "INTERNAL" } })).data!["commentsV2"].totalCount).toBe(1);
    const evidence = await gql(`query ($arguments: InvestigationV2Arguments!) { investigationV2(arguments: $arguments) { alertsEvidenceCount } }`, { arguments: { id } });
    expect(evidence.data!["investigationV2"].alertsEvidenceCount).toBe(2);
  });

  it("answers NOT_FOUND for an unknown investigation and BAD_USER_INPUT for CQL outside the subset", async () => {
    const missing = await gql(`{ investigationV2(arguments: { id: "nope" }) { id } }`);
    expect(missing.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    const bad = await gql(`{ investigationsV2(arguments: { cql: "title = 'a' OR title = 'b'" }) { totalCount } }`);
    expect(bad.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
  });
});

describe("alerts", () => {
  const search = `query ($in: SearchRequestInput) { alertsServiceSearch(in: $in) { search_id status reason alerts { total_results next_offset list { id tenant_id status metadata { title severity created_at { seconds } } } } } }`;

  it("searches the tenant's alerts with CQL, a page at a time, newest first", async () => {
    const first = (await gql(search, { in: { cql_query: "FROM alert WHERE severity >= 0.6 EARLIEST=-1d", limit: 2 } })).data!["alertsServiceSearch"];
    expect(first.status).toBe("OK");
    expect(first.alerts.total_results).toBe(4);
    expect(first.alerts.next_offset).toBe(2);
    expect(first.alerts.list).toHaveLength(2);
    expect(first.alerts.list.every((alert: { tenant_id: string; metadata: { severity: number } }) => alert.tenant_id === "50001" && alert.metadata.severity >= 0.6)).toBe(true);
    const seconds = first.alerts.list.map((alert: { metadata: { created_at: { seconds: number } } }) => alert.metadata.created_at.seconds);
    expect(seconds[0]).toBeGreaterThan(seconds[1]);
    const second = (await gql(search, { in: { cql_query: "FROM alert WHERE severity >= 0.6", offset: 2, limit: 2 } })).data!["alertsServiceSearch"];
    expect(second.alerts.list).toHaveLength(2);
    expect(second.alerts.next_offset).toBeNull();
    const statuses = (await gql(search, { in: { cql_query: "status in ('FALSE_POSITIVE', 'TRUE_POSITIVE_BENIGN')" } })).data!["alertsServiceSearch"];
    expect(statuses.alerts.total_results).toBe(2);
    const bad = (await gql(search, { in: { cql_query: "severity >" } })).data!["alertsServiceSearch"];
    expect(bad).toMatchObject({ status: "INVALID_REQUEST", reason: expect.stringMatching(/CQL/), alerts: null });
  });

  it("gets alerts by id within the tenant", async () => {
    const list = (await gql(search, { in: { limit: 3 } })).data!["alertsServiceSearch"].alerts.list as { id: string }[];
    const ids = list.map((alert) => alert.id);
    const byId = await gql(`query ($in: GetByIDRequestInput) { alertsServiceRetrieveAlertsById(in: $in) { status alerts { total_results list { id } } } }`, {
      in: { iDs: [ids[0], ids[2], "alert://priv:unknown"] },
    });
    expect(byId.data!["alertsServiceRetrieveAlertsById"]).toEqual({ status: "OK", alerts: { total_results: 2, list: [{ id: ids[0] }, { id: ids[2] }] } });
    const foreign = await gql(`query ($in: GetByIDRequestInput) { alertsServiceRetrieveAlertsById(in: $in) { alerts { total_results } } }`, { in: { iDs: ids } }, bob, "us1", {
      "x-tenant-context": "50002",
    });
    expect(foreign.data!["alertsServiceRetrieveAlertsById"].alerts.total_results).toBe(0);
  });
});

describe("tenants, users, subjects and preferences", () => {
  it("lists the token's tenants on the tenants host, filtered by ids and name", async () => {
    const url = `${sandbox.environments["us2"]!.tenantsUrl}/public/query`;
    const query = `query ($tenantsQuery: TenantsQuery!) { tenants(tenantsQuery: $tenantsQuery) { count totalCount hasMore cursorPos results { id name domain is_partner labels { name value } } } }`;
    const all = (await graphql(url, bob, query, { tenantsQuery: {} })).body.data!["tenants"];
    expect(all).toMatchObject({ count: 2, totalCount: 2, hasMore: false, cursorPos: null });
    expect(all.results.map((tenant: { id: string }) => tenant.id)).toEqual(["50001", "50002"]);
    expect(all.results[0].labels).toEqual([{ name: "tier", value: "gold" }]);
    const byName = (await graphql(url, bob, query, { tenantsQuery: { name: "globex" } })).body.data!["tenants"];
    expect(byName.results.map((tenant: { name: string }) => tenant.name)).toEqual(["Globex Corporation"]);
    const byIds = (await graphql(url, bob, query, { tenantsQuery: { ids: ["50002", "50003"] } })).body.data!["tenants"];
    expect(byIds.results.map((tenant: { id: string }) => tenant.id)).toEqual(["50002"]);
    const paged = (await graphql(url, bob, query, { tenantsQuery: { maxResults: 1 } })).body.data!["tenants"];
    expect(paged).toMatchObject({ count: 1, totalCount: 2, hasMore: true, cursorPos: "1" });
  });

  it("gets one tenant on /graphql", async () => {
    const query = `query ($id: String!) { tenant(id: $id) { id name isPartner enabledAtEnvironments } }`;
    expect((await gql(query, { id: "50001" })).data!["tenant"]).toEqual({ id: "50001", name: "Acme Security", isPartner: false, enabledAtEnvironments: ["CHARLIE", "DELTA", "ECHO"] });
    const foreign = await gql(query, { id: "50003" });
    expect(foreign.data!["tenant"]).toBeNull();
    expect(foreign.errors![0]!.extensions!.code).toBe("NOT_FOUND");
  });

  it("answers currentTDRUser for users and null with an error for clients; currentSubject for both", async () => {
    const user = await gql(`{ currentTDRUser { id email given_name family_name accessible_tenants { id } } }`, {}, bob, "us2");
    expect(user.data!["currentTDRUser"]).toEqual({
      id: "auth0|sandbox-bob",
      email: "bob@example.com",
      given_name: "Bob",
      family_name: "Responder",
      accessible_tenants: [{ id: "50001" }, { id: "50002" }],
    });
    const subjectQuery = `{ currentSubject { id name identity { __typename ... on TDRUser { email } ... on Client { clientID name } } } }`;
    expect((await gql(subjectQuery, {}, bob, "us2")).data!["currentSubject"]).toEqual({
      id: "auth0|sandbox-bob",
      name: "bob@example.com",
      identity: { __typename: "TDRUser", email: "bob@example.com" },
    });

    const client = await clientToken(sandbox, "us1");
    const notUser = await gql(`{ currentTDRUser { id } }`, {}, client);
    expect(notUser.data!["currentTDRUser"]).toBeNull();
    expect(notUser.errors![0]!.message).toMatch(/user token/);
    const subject = (await gql(subjectQuery, {}, client)).data!["currentSubject"];
    expect(subject.identity.__typename).toBe("Client");
    expect(subject.id).toBe(`${subject.identity.clientID}@clients`);
  });

  it("stores preferences per subject and key", async () => {
    const create = `mutation ($p: NewUserPreferenceInput) { createUserPreference(newUserPreference: $p) { id key environment preference_items { key value } } }`;
    const made = await gql(create, { p: { key: "theme", preference_items: [{ key: "mode", value: "dark" }] } });
    expect(made.data!["createUserPreference"]).toMatchObject({ key: "theme", environment: "us1", preference_items: [{ key: "mode", value: "dark" }] });
    const read = `query ($key: String!) { userPreferenceByKey(key: $key) { id key preference_items { value } } }`;
    expect((await gql(read, { key: "theme" })).data!["userPreferenceByKey"]).toEqual({ id: made.data!["createUserPreference"].id, key: "theme", preference_items: [{ value: "dark" }] });
    expect((await gql(read, { key: "theme" }, bob)).data!["userPreferenceByKey"]).toBeNull();
    expect((await gql(read, { key: "other" })).data!["userPreferenceByKey"]).toBeNull();
  });

  it("answers NOT_IMPLEMENTED for root fields outside operations/, on every gateway", async () => {
    const rules = await gql(`{ allRules { id } }`);
    expect(rules.data!["allRules"]).toBeNull();
    expect(rules.errors![0]).toMatchObject({ message: "Query.allRules is not implemented in the sandbox.", extensions: { code: "NOT_IMPLEMENTED" } });
    for (const gateway of ["/agent-graphql", "/fast-ioc/query", "/multi-tenant-ioc/query", "/cql-metadata/query", "/events/query"]) {
      const { status, body } = await graphql(`${sandbox.environments["us1"]!.url}${gateway}`, alice, "{ __typename }");
      expect(status).toBe(200);
      expect(body.data).toEqual({ __typename: "Query" });
    }
  });
});
