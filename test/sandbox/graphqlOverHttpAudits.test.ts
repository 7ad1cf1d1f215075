import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverAudits } from "graphql-http";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";

let sandbox: Sandbox;
let token: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  token = await sandbox.mintToken({ environment: "us1", subject: "alice@example.com" });
});
afterAll(() => sandbox.stop());

/** fetch with the bearer token added to every audit request, as any client of Taegis sends it. */
const authorisedFetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

describe("GraphQL over HTTP conformance (graphql-http audits) of /us1/graphql", () => {
  it("passes every MUST-level audit", async () => {
    const audits = serverAudits({ url: () => `${sandbox.environments["us1"]!.url}/graphql`, fetchFn: authorisedFetch });
    const must = audits.filter((audit) => audit.name.startsWith("MUST"));
    expect(must.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const audit of must) {
      const result = await audit.fn();
      if (result.status !== "ok") failures.push(`${result.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });

  it("passes the SHOULD-level audits too", async () => {
    const audits = serverAudits({ url: () => `${sandbox.environments["us1"]!.url}/graphql`, fetchFn: authorisedFetch });
    const results = await Promise.all(audits.filter((audit) => audit.name.startsWith("SHOULD")).map((audit) => audit.fn()));
    expect(results.filter((result) => result.status !== "ok").map((result) => result.name)).toEqual([]);
  });
});
