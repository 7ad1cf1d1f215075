import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const codegenCli = join(root, "node_modules/.bin/graphql-codegen");

/** A copy of the codegen inputs in a temp directory, so the tests can change operations freely. */
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "taegis-codegen-"));
  for (const path of ["codegen.ts", "codegen", "schema", "operations", "generated", "src/environments.ts", "src/errors"]) {
    await cp(join(root, path), join(work, path), { recursive: true });
  }
  await writeFile(join(work, "package.json"), JSON.stringify({ type: "module" }));
  await symlink(join(root, "node_modules"), join(work, "node_modules"));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function check(): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ["codegen/check.ts"], { cwd: work });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const clientOperation = () => join(work, "operations/clients/client.graphql");

describe("the codegen pipeline", () => {
  test("a field the schema lacks makes codegen:check fail, naming the file and the field", async () => {
    const original = await readFile(clientOperation(), "utf8");
    await writeFile(clientOperation(), original.replace("    enabled\n", "    enabled\n    favouriteColour\n"));
    try {
      const result = await check();
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("operations/clients/client.graphql:");
      expect(result.stderr).toContain('Cannot query field "favouriteColour" on type "Client"');
    } finally {
      await writeFile(clientOperation(), original);
    }
  });

  test("changing a selection and running codegen changes the result type; check flags the stale output first", async () => {
    const original = await readFile(clientOperation(), "utf8");
    await writeFile(clientOperation(), original.replace("    enabled\n", "    enabled\n    tokenRequestCount\n"));
    try {
      const stale = await check();
      expect(stale.code).not.toBe(0);
      expect(stale.stderr).toContain("generated/clients/operations.ts: differs from what codegen writes");

      await run(codegenCli, ["--config", "codegen.ts"], { cwd: work });
      const generated = await readFile(join(work, "generated/clients/operations.ts"), "utf8");
      const clientQuery = generated.split("\n").find((line) => line.startsWith("export type ClientQuery ="));
      expect(clientQuery).toContain("tokenRequestCount: number | null");
    } finally {
      await writeFile(clientOperation(), original);
    }
  });
});
