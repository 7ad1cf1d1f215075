import { resolve } from "node:path";
import { loadConfig } from "graphql-config";
import { expect, test } from "vitest";
import { readServices } from "../../codegen/services.js";

const root = resolve(import.meta.dirname, "../..");

test("graphql.config.ts gives editors one project per endpoint, each operation under its own endpoint's schema", async () => {
  const config = await loadConfig({ rootDir: root, throwOnMissing: true });
  if (config === undefined) throw new Error("graphql.config.ts was not found");
  const schemaOfFile = new Map(
    readServices(root).flatMap((service) => [
      ...service.operations.map((operation) => [operation.file, service.schemaFile] as const),
      ...service.fragmentFiles.map((file) => [file, service.schemaFile] as const),
    ]),
  );
  const covered: string[] = [];
  for (const project of Object.values(config.projects)) {
    const schema = await project.getSchema();
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {}).length).toBeGreaterThan(0);
    for (const source of await project.getDocuments()) {
      const file = (source.location ?? "").replace(`${root}/`, "");
      expect(project.schema).toBe(schemaOfFile.get(file));
      covered.push(file);
    }
  }
  expect(Object.keys(config.projects).sort()).toEqual(["events-query", "graphql", "tenants-public-query"]);
  expect(covered.sort()).toEqual([...schemaOfFile.keys()].sort());
});
