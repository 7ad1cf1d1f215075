import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, test, vi } from "vitest";
import { CurrentSubjectDocument } from "../../generated/index.js";
import { TaegisClient } from "../../src/client/index.js";
import { writeToConfig } from "../../src/config/publicApi.js";
import { TaegisHttpError } from "../../src/errors/TaegisHttpError.js";
import { TaegisOptionsError } from "../../src/errors/TaegisOptionsError.js";
import { silentLogger } from "../../src/logger.js";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { removeTempDirectories, requestsTo, sandboxClient, tempConfigPath, userToken } from "./helpers.js";

let sandbox: Sandbox;
let configPath: string;
let elsewhere: Server;
let elsewhereUrl: string;
const elsewhereSaw: IncomingHttpHeaders[] = [];

/** Binds a server to another loopback address when the system allows it, else to another port. */
async function listenElsewhere(server: Server): Promise<string> {
  for (const host of ["127.0.0.2", "127.0.0.1"]) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      return `http://${host}:${(server.address() as AddressInfo).port}`;
    } catch {
      // try the next host
    }
  }
  throw new Error("could not listen on loopback");
}

beforeAll(async () => {
  sandbox = await startSandbox();
  elsewhere = createServer((req, res) => {
    elsewhereSaw.push(req.headers);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: { currentSubject: null } }));
  });
  elsewhereUrl = await listenElsewhere(elsewhere);
});

beforeEach(async () => {
  configPath = await tempConfigPath();
  await writeToConfig("charlie", "access_token", await userToken(sandbox, "us1"), { configPath });
  sandbox.resetMetrics();
});

afterAll(async () => {
  await sandbox?.stop();
  await new Promise((resolve) => elsewhere?.close(resolve));
  await removeTempDirectories();
});

test("a non-loopback http:// URL is refused with a clear error before any request", async () => {
  const fetchSpy = vi.fn<typeof fetch>();
  const base = { configPath, env: {}, interactive: false, logger: silentLogger, fetch: fetchSpy };

  const construct = () => new TaegisClient({ ...base, environments: { us1: "http://api.example.com" } });
  expect(construct).toThrow(TaegisOptionsError);
  expect(construct).toThrow(/https:\/\/.*loopback/);
  expect(() => new TaegisClient({ ...base, universalAuthenticationUrl: "http://auth.example.com" })).toThrow(
    expect.objectContaining({ code: "insecure_url", option: "universalAuthenticationUrl" }),
  );
  expect(() => new TaegisClient({ ...base, url: "http://10.1.2.3/graphql" })).toThrow(expect.objectContaining({ code: "insecure_url" }));

  const client = new TaegisClient({ ...base, accessToken: "a.b.c" });
  await expect(client.query(CurrentSubjectDocument, {}, { url: "http://192.168.1.10/graphql" })).rejects.toMatchObject({
    name: "TaegisOptionsError",
    code: "insecure_url",
    option: "url",
  });
  expect(() => client.with({ url: "ftp://example.com/graphql" })).toThrow(expect.objectContaining({ code: "insecure_url" }));
  expect(fetchSpy).not.toHaveBeenCalled();
  expect(sandbox.metrics().requests).toHaveLength(0);
});

test("a redirect to another origin is refused, and the other origin never sees the Authorization header", async () => {
  const client = sandboxClient(sandbox, { configPath });
  sandbox.inject({ path: "/us1/graphql", status: 302, headers: { Location: `${elsewhereUrl}/collect` } });

  const error = await client.query(CurrentSubjectDocument).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(TaegisHttpError);
  expect(error).toMatchObject({ code: "http_error", status: 302 });
  expect((error as Error).message).toContain("another origin");
  expect(elsewhereSaw).toHaveLength(0);
  expect(elsewhereSaw.some((headers) => headers.authorization !== undefined)).toBe(false);
  expect(requestsTo(sandbox, "/us1/graphql")).toHaveLength(1);
});

test("a same-origin redirect is followed with the request unchanged", async () => {
  const client = sandboxClient(sandbox, { configPath });
  sandbox.inject({ path: "/us1/graphql", status: 307, headers: { Location: `${sandbox.environments["us1"]?.url}/graphql?moved=1` } });

  await expect(client.query(CurrentSubjectDocument)).resolves.toMatchObject({ currentSubject: { id: expect.any(String) } });

  const [redirected, followed] = requestsTo(sandbox, "/us1/graphql");
  expect(followed?.method).toBe("POST");
  expect(followed?.headers["authorization"] === redirected?.headers["authorization"]).toBe(true);
});

test("an unknown environment fails at construction and lists the valid names", () => {
  const error = (() => {
    try {
      new TaegisClient({ environment: "zulu", configPath, env: {} });
    } catch (e) {
      return e;
    }
  })();

  expect(error).toBeInstanceOf(TaegisOptionsError);
  expect(error).toMatchObject({ code: "unknown_environment" });
  for (const name of ["charlie", "us1", "delta", "echo", "quebec"]) expect((error as Error).message).toContain(name);
  expect(() => sandboxClient(sandbox, { configPath, environment: "us3" })).toThrow(/us1, .*us2/);
});

test("a tenant id with CR/LF or other control characters is refused before it becomes a header", async () => {
  const client = sandboxClient(sandbox, { configPath });

  expect(() => sandboxClient(sandbox, { configPath, tenantId: "50001\r\nX-Evil: 1" })).toThrow(
    expect.objectContaining({ code: "invalid_tenant_id", option: "tenantId" }),
  );
  expect(() => client.with({ tenantId: "50001\n" })).toThrow(expect.objectContaining({ code: "invalid_tenant_id" }));
  await expect(client.query(CurrentSubjectDocument, {}, { tenantId: "\u0000" })).rejects.toMatchObject({ code: "invalid_tenant_id" });
  expect(sandbox.metrics().requests).toHaveLength(0);
});

test("extra headers that cannot be sent are refused, without quoting their values", () => {
  expect(() => sandboxClient(sandbox, { configPath, extraHeaders: { "Bad Name": "x" } })).toThrow(expect.objectContaining({ code: "invalid_header" }));
  const error = (() => {
    try {
      sandboxClient(sandbox, { configPath, extraHeaders: { "X-Api-Key": "s3cr3t-value\r\nInjected: 1" } });
    } catch (e) {
      return e as Error;
    }
  })();
  expect(error).toMatchObject({ code: "invalid_header" });
  expect(error?.message).toContain("X-Api-Key");
  expect(error?.message).not.toContain("s3cr3t-value");
});

test("other bad options fail early with what is valid", () => {
  expect(() => sandboxClient(sandbox, { configPath, timeoutMs: -1 })).toThrow(/timeoutMs/);
  expect(() => sandboxClient(sandbox, { configPath, retry: { maxAttempts: 0 } })).toThrow(/retry\.maxAttempts/);
  expect(() => sandboxClient(sandbox, { configPath, gateway: "//evil.example.com/graphql" })).toThrow(/gateway/);
  expect(() => sandboxClient(sandbox, { configPath, accessToken: "a b" })).toThrow(/accessToken/);
  expect(() => sandboxClient(sandbox, { configPath, loginMethod: "sms" as never })).toThrow(/loginMethod/);
});
