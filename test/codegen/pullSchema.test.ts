import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSchema, printSchema } from "graphql";
import { afterAll, beforeAll, expect, test } from "vitest";
import { pullSchemas } from "../../codegen/pullSchema.js";
import { TaegisClient } from "../../src/client/TaegisClient.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";

const root = resolve(import.meta.dirname, "../..");
let sandbox: Sandbox;
let work: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  work = await mkdtemp(join(tmpdir(), "taegis-pull-"));
});

afterAll(async () => {
  await sandbox.stop();
  await rm(work, { recursive: true, force: true });
});

test("schema:pull introspects every endpoint of an environment and reproduces the snapshot it serves", async () => {
  const client = new TaegisClient({
    environments: sandbox.environments,
    environment: "us2",
    configPath: join(work, "config"),
    accessToken: await sandbox.mintToken({ environment: "us2" }),
  });
  const written = await pullSchemas({ client, outDir: join(work, "schema") });
  expect(written.map((path) => path.replace(`${work}/schema/`, "")).sort()).toEqual([
    "agent-graphql.graphql",
    "cql-metadata-query.graphql",
    "events-query.graphql",
    "fast-ioc-query.graphql",
    "graphql.graphql",
    "multi-tenant-ioc-query.graphql",
    "tenants-public-query.graphql",
  ]);
  for (const path of written) {
    const file = path.replace(`${work}/schema/`, "");
    const snapshot = printSchema(buildSchema(await readFile(join(root, "schema", file), "utf8")));
    expect(printSchema(buildSchema(await readFile(path, "utf8"))), file).toBe(snapshot);
  }
  // Each endpoint was asked once, on its own gateway (the tenants one on the tenants host).
  const paths = sandbox.metrics().requests.map((request) => request.path);
  expect(paths).toContain("/us2-tenants/public/query");
  expect(paths).toContain("/us2/events/query");
  expect(paths).toContain("/us2/graphql");
});
