import { execFile } from "node:child_process";
import { mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
const bin = (name: string) => join(root, "node_modules/.bin", name);

/** A consumer project that installed the packed tarball, as a user would. */
let consumer: string;
let tarball: string;

beforeAll(async () => {
  consumer = await mkdtemp(join(tmpdir(), "taegis-consumer-"));
  await run("npm", ["run", "build"], { cwd: root });
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", consumer], { cwd: root });
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  tarball = join(consumer, packed.filename);
  await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], { cwd: consumer });
}, 240_000);

afterAll(async () => {
  await rm(consumer, { recursive: true, force: true });
});

describe("the packed package", () => {
  test("imports without TypeScript tooling: the SDK and the sandbox entry", async () => {
    const script = [
      "const sdk = await import('taegis-sdk');",
      "const { startSandbox } = await import('taegis-sdk/sandbox');",
      "const sandbox = await startSandbox();",
      "const client = new sdk.TaegisClient({ environments: sandbox.environments, accessToken: await sandbox.mintToken({ environment: 'us1' }) });",
      "const me = await client.subjects.currentSubject();",
      "await sandbox.stop();",
      "const names = [sdk.TaegisClient.name, new sdk.TaegisAuthError('no_credentials', 'x').name];",
      "console.log(JSON.stringify({ client: typeof sdk.TaegisClient, document: sdk.CreateClientDocument.kind, subject: typeof me?.id, names }));",
    ].join("\n");
    const { stdout } = await run("node", ["--input-type=module", "-e", script], { cwd: consumer });
    // The bundle is minified: class names are kept explicitly, for stack traces and console output.
    expect(JSON.parse(stdout)).toEqual({ client: "function", document: "Document", subject: "string", names: ["TaegisClient", "TaegisAuthError"] });
  });

  test("importing it loads a few files of its own and no dependency; the first call loads what calls need", async () => {
    // The hooks that record every module the process loads (shared with the start-up benchmark).
    const recorder = pathToFileURL(join(root, "bench/child/loadedModules.mjs")).href;
    const script = [
      `const { loadedFiles } = await import(${JSON.stringify(recorder)});`,
      "const sdk = await import('taegis-sdk');",
      "const afterImport = await loadedFiles();",
      "const { startSandbox } = await import('taegis-sdk/sandbox');",
      "const sandbox = await startSandbox();",
      "const client = new sdk.TaegisClient({ environments: sandbox.environments, accessToken: await sandbox.mintToken({ environment: 'us1' }) });",
      "const me = await client.subjects.currentSubject();",
      "await sandbox.stop();",
      "console.log(JSON.stringify({ afterImport, afterCall: await loadedFiles(), subject: typeof me?.id }));",
    ].join("\n");
    const { stdout } = await run("node", ["--input-type=module", "-e", script], { cwd: consumer });
    const { afterImport, afterCall, subject } = JSON.parse(stdout) as { afterImport: string[]; afterCall: string[]; subject: string };
    const installed = (files: string[]) => files.filter((file) => file.includes(`${sep}node_modules${sep}`)).map((file) => relative(join(consumer, "node_modules"), file));
    const ownFiles = installed(afterImport).filter((file) => file.startsWith(`taegis-sdk${sep}`));
    expect(installed(afterImport)).toEqual(ownFiles);
    expect(ownFiles.length).toBeGreaterThan(0);
    expect(ownFiles.length).toBeLessThanOrEqual(4);
    expect(subject).toBe("string");
    expect(installed(afterCall).some((file) => file.startsWith(`@urql${sep}core${sep}`))).toBe(true);
  });

  test("a damaged installation without the call engine's file fails the first call with a typed error that says to reinstall", async () => {
    const chunks = join(consumer, "node_modules", "taegis-sdk", "dist", "src", "chunks");
    const engine = (await readdir(chunks)).find((file) => /^CallEngine-.*\.js$/.test(file));
    expect(engine).toBeDefined();
    const kept = join(consumer, "CallEngine.kept");
    await rename(join(chunks, engine as string), kept);
    try {
      const script = [
        "const sdk = await import('taegis-sdk');",
        "const client = new sdk.TaegisClient({ accessToken: 'not-sent' });",
        "const error = await client.subjects.currentSubject().catch((caught) => caught);",
        "console.log(JSON.stringify({ taegis: error instanceof sdk.TaegisError, name: error.name, code: error.code, message: error.message }));",
      ].join("\n");
      const { stdout } = await run("node", ["--input-type=module", "-e", script], { cwd: consumer });
      const failure = JSON.parse(stdout) as { taegis: boolean; name: string; code: string; message: string };
      expect(failure).toMatchObject({ taegis: true, name: "TaegisError", code: "sdk_incomplete" });
      expect(failure.message).toMatch(/Reinstall it/);
    } finally {
      await rename(kept, join(chunks, engine as string));
    }
  });

  test("its types resolve for a consumer compiling with node16 resolution", async () => {
    await writeFile(
      join(consumer, "use.ts"),
      [
        'import { TaegisClient, CreateClientDocument, type CreateClientMutation } from "taegis-sdk";',
        'import { startSandbox } from "taegis-sdk/sandbox";',
        "const secret: string | null | undefined = ({} as CreateClientMutation).createClient?.clientSecret;",
        "void secret; void startSandbox; void CreateClientDocument;",
        "const client: TaegisClient = new TaegisClient();",
        "void client.clients.createClient({ name: 'x' });",
        "// @ts-expect-error name is required",
        "void client.clients.createClient({});",
      ].join("\n"),
    );
    await writeFile(
      join(consumer, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, module: "node16", moduleResolution: "node16", target: "es2022", noEmit: true, skipLibCheck: true }, files: ["use.ts"] }),
    );
    await run(bin("tsc"), ["-p", "tsconfig.json"], { cwd: consumer });
  });

  test("publint and @arethetypeswrong/cli find no problem", async () => {
    await run(bin("publint"), ["--strict"], { cwd: root });
    // The package is ESM only: the esm-only profile leaves out CommonJS and node10 resolution, and exits non-zero on any other problem.
    const { stdout } = await run(bin("attw"), [tarball, "--profile", "esm-only", "--no-emoji"], { cwd: root });
    expect(stdout).toContain("OK (ESM)");
  });
});
