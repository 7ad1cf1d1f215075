import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import WebSocket from "ws";
import { startSandbox } from "../../src/sandbox/index.js";
import { TaegisOptionsError } from "../../src/errors/index.js";

const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });

describe("startSandbox / stop", () => {
  it("stop() closes keep-alive, WebSocket and pending connections and frees the port", async () => {
    const sandbox = await startSandbox();
    const port = Number(new URL(sandbox.url).port);
    expect(await portIsFree(port)).toBe(false);
    const token = await sandbox.mintToken({ environment: "us1" });
    await fetch(`${sandbox.environments["us1"]!.url}/graphql`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", connection: "keep-alive" },
      body: '{"query":"{ __typename }"}',
    });
    const ws = new WebSocket(`${sandbox.environments["us1"]!.url.replace("http", "ws")}/events/query`, ["graphql-ws", `access-token-${token}`]);
    await new Promise((resolve) => ws.on("open", resolve));
    const wsClosed = new Promise((resolve) => ws.on("close", resolve));
    sandbox.inject({ path: "/us1/graphql", delayMs: 60_000 });
    const pending = fetch(`${sandbox.environments["us1"]!.url}/graphql`, { method: "POST", body: "{}" }).catch((error: unknown) => error);

    await sandbox.stop();
    await wsClosed;
    expect(await pending).toBeInstanceOf(Error);
    expect(await portIsFree(port)).toBe(true);
    await sandbox.stop();

    const again = await startSandbox({ port, regions: ["us1"] });
    expect(again.url).toBe(`http://127.0.0.1:${port}`);
    await again.stop();
  });

  it("refuses unusable options with TaegisOptionsError", async () => {
    await expect(startSandbox({ regions: [] })).rejects.toBeInstanceOf(TaegisOptionsError);
    await expect(startSandbox({ regions: ["us1", "universal"] })).rejects.toThrow(/universal/);
    await expect(startSandbox({ tokenTtlSeconds: -1 })).rejects.toThrow(/tokenTtlSeconds/);
    await expect(startSandbox({ seed: { users: [{ username: "x@example.com", password: "p", tenantIds: ["404"] }] } })).rejects.toThrow(/tenant "404"/);
    const sandbox = await startSandbox({ regions: ["us1"] });
    try {
      await expect(sandbox.createClientCredentials({ environment: "us2" })).rejects.toThrow(/Valid names: us1/);
      await expect(sandbox.mintToken({ environment: "eu" })).rejects.toThrow(/Valid names: us1, universal/);
      expect(() => sandbox.approveDeviceCode("NOPE-NOPE")).toThrow(TaegisOptionsError);
    } finally {
      await sandbox.stop();
    }
  });

  it("takes a custom seed", async () => {
    const sandbox = await startSandbox({
      regions: ["dev"],
      seed: { tenants: [{ id: "t1", name: "Test Tenant" }], users: [{ username: "dev@example.com", password: "pw", otp: "1", tenantIds: ["t1"] }], alerts: [] },
    });
    try {
      expect(sandbox.tenants).toEqual([{ id: "t1", name: "Test Tenant" }]);
      expect(sandbox.users).toEqual([{ username: "dev@example.com", password: "pw", otp: "1", tenantIds: ["t1"] }]);
      const token = await sandbox.mintToken({ environment: "dev" });
      const response = await fetch(`${sandbox.environments["dev"]!.url}/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ query: "{ alertsServiceSearch(in: {}) { alerts { total_results } } investigationsV2(arguments: {}) { totalCount } }" }),
      });
      expect(((await response.json()) as { data: unknown }).data).toEqual({ alertsServiceSearch: { alerts: { total_results: 0 } }, investigationsV2: { totalCount: 2 } });
    } finally {
      await sandbox.stop();
    }
  });
});

describe("npm run sandbox", () => {
  it("prints the environments, users and credentials, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/sandbox/cli.ts", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", () => output.includes("Press Ctrl+C") && resolve());
      child.on("exit", () => reject(new Error("the sandbox CLI exited early")));
    });
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    // the output holds test credentials: assert with booleans so that a failure never prints it
    expect(output.includes(`"url": "${url}/us1"`)).toBe(true);
    expect(output.includes(`universalAuthenticationUrl: ${url}/universal`)).toBe(true);
    expect(/bob@example\.com {2}password \S+ {2}otp \d+/.test(output)).toBe(true);
    const credentials = JSON.parse(output.slice(output.indexOf("{", output.indexOf("client credentials")), output.lastIndexOf("}") + 1)) as Record<string, { CLIENT_ID: string; CLIENT_SECRET: string }>;
    expect(Object.keys(credentials)).toEqual(["us1", "us2", "eu"]);
    const token = await fetch(`${url}/us2/auth/api/v2/auth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${credentials["us2"]!.CLIENT_ID}:${credentials["us2"]!.CLIENT_SECRET}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(token.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
