/**
 * `npm run codegen:check`: fails when an operation does not validate against
 * its endpoint's schema, or when generated/ is not what `npm run codegen`
 * would write now (stale, missing or extra files). Writes nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { readServices } from "./services.js";
import { validateOperations } from "./validateOperations.js";

const root = process.cwd();

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [relative(root, path)];
  });
}

async function main(): Promise<number> {
  const problems = validateOperations(root, readServices(root));
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`${problem.location}: ${problem.message}\n`);
    process.stderr.write(`codegen:check: ${problems.length} operation problem(s); fix the operations or refresh schema/.\n`);
    return 1;
  }
  // Loaded only once the operations validate: the code generator is slow to import.
  const { generate } = await import("@graphql-codegen/cli");
  const { default: config } = await import("../codegen.js");
  const outputs = (await generate({ ...config, cwd: root }, false)) as { filename: string; content: string }[];
  const expected = new Map(outputs.map((output) => [relative(root, join(root, output.filename)), output.content]));
  const stale: string[] = [];
  for (const [file, content] of expected) {
    const path = join(root, file);
    if (!existsSync(path)) stale.push(`${file}: missing`);
    else if (readFileSync(path, "utf8") !== content) stale.push(`${file}: differs from what codegen writes`);
  }
  for (const file of listFiles(join(root, "generated"))) {
    if (!expected.has(file)) stale.push(`${file}: not written by codegen (remove it)`);
  }
  if (stale.length > 0) {
    for (const line of stale) process.stderr.write(`${line}\n`);
    process.stderr.write("codegen:check: generated/ is stale; run `npm run codegen` and commit the result.\n");
    return 1;
  }
  process.stdout.write(`codegen:check: ${expected.size} generated files up to date; every operation validates.\n`);
  return 0;
}

process.exitCode = await main();
