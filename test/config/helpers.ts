import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { UnsecuredJWT } from "jose";
import ts from "typescript";
import { nodeConfigFs, type ConfigFs } from "../../src/config/ConfigFs.js";
import type { TaegisLogger } from "../../src/logger.js";

export const repoRoot = resolve(import.meta.dirname, "../..");
export const fixture = (name: string): string => join(import.meta.dirname, "fixtures", name);

/** A fresh temporary directory; remove it with the returned function. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "taegis-config-test-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A logger that keeps what it is told. */
export function capturingLogger(): TaegisLogger & { warnings: string[]; debugs: string[] } {
  const warnings: string[] = [];
  const debugs: string[] = [];
  return { warnings, debugs, warn: (message) => void warnings.push(message), debug: (message) => void debugs.push(message) };
}

/** An unsigned JWT (`alg: none`) with the given `exp` (seconds since the epoch) and subject. */
export function jwtExpiringAt(expSeconds: number, sub = "tester"): string {
  return new UnsecuredJWT({ sub }).setIssuedAt().setExpirationTime(Math.floor(expSeconds)).encode();
}

/** A ConfigFs that counts every call, by function name. */
export function countingFs(base: ConfigFs = nodeConfigFs): { fs: ConfigFs; calls: Map<string, number>; total: () => number } {
  const calls = new Map<string, number>();
  const fs = Object.fromEntries(
    (Object.keys(base) as Array<keyof ConfigFs>)
      .filter((name) => typeof base[name] === "function")
      .map((name) => [
        name,
        (...args: unknown[]) => {
          calls.set(name, (calls.get(name) ?? 0) + 1);
          return (base[name] as (...a: unknown[]) => unknown).apply(base, args);
        },
      ]),
  ) as unknown as ConfigFs;
  return { fs, calls, total: () => [...calls.values()].reduce((a, b) => a + b, 0) };
}

/** What Python's configparser reads from `file`: sections as plain objects. */
export function pythonRead(file: string, options: { preserveCase: boolean } = { preserveCase: true }): Record<string, Record<string, string>> {
  const script = [
    "import configparser, json, sys",
    "c = configparser.ConfigParser()",
    options.preserveCase ? "c.optionxform = str" : "",
    "c.read(sys.argv[1])",
    "print(json.dumps({s: dict(c[s]) for s in c.sections()}))",
  ].join("\n");
  return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" })) as Record<string, Record<string, string>>;
}

/** A child process running a fixture, its stdout as lines. */
export interface Child {
  process: ChildProcessWithoutNullStreams;
  lines: string[];
  /** Resolves with the first line matching `predicate` (already seen or upcoming). */
  waitForLine(predicate: (line: string) => boolean): Promise<string>;
  send(line: string): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/**
 * The fixtures, and the sources they import, transpiled to JavaScript with
 * the project's TypeScript into a temporary directory, so that each child is
 * a plain `node` process: the tests start about a hundred of them, and a
 * TypeScript loader in each would cost more than the work they do.
 */
let built: { dir: string; cleanup: () => Promise<void> } | undefined;

async function transpileTree(entries: string[], outDir: string): Promise<void> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await readFile(file, "utf8");
    for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
      if (fileName.startsWith(".")) queue.push(resolve(dirname(file), fileName.replace(/\.js$/, ".ts")));
    }
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    const target = join(outDir, relative(repoRoot, file)).replace(/\.ts$/, ".js");
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
}

/** Builds the fixtures once per test file; call in `beforeAll`, and {@link removeFixtureBuild} in `afterAll`. */
export async function buildFixtures(): Promise<void> {
  if (built !== undefined) return;
  const { dir, cleanup } = await tempDir();
  await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  await symlink(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  const fixtures = (await readdir(join(import.meta.dirname, "fixtures"))).filter((name) => name.endsWith(".ts"));
  await transpileTree(fixtures.map(fixture), dir);
  built = { dir, cleanup };
}

/** Removes what {@link buildFixtures} made. */
export async function removeFixtureBuild(): Promise<void> {
  await built?.cleanup();
  built = undefined;
}

export function startFixture(name: string, args: string[]): Child {
  if (built === undefined) throw new Error("call buildFixtures() in beforeAll first");
  const script = join(built.dir, relative(repoRoot, fixture(name))).replace(/\.ts$/, ".js");
  const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiters: Array<{ predicate: (line: string) => boolean; resolve: (line: string) => void }> = [];
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stdin.on("error", () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolveExit) => {
    child.on("exit", (code, signal) => {
      // Give the stream a moment to deliver the last lines.
      setImmediate(() => resolveExit({ code, signal, stderr }));
    });
  });
  return {
    process: child,
    lines,
    exited,
    send: (line) => void child.stdin.write(`${line}\n`),
    waitForLine(predicate) {
      const seen = lines.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolveLine, reject) => {
        waiters.push({ predicate, resolve: resolveLine });
        void exited.then(({ code, signal, stderr: err }) =>
          reject(new Error(`fixture ${name} exited (${code ?? signal}) before the expected line; stderr: ${err}`)),
        );
      });
    },
  };
}

/**
 * The scratch space of one test: a fresh temporary directory, and the child
 * processes it started, killed and removed by {@link ScratchSpace.tearDown}.
 */
export interface ScratchSpace {
  /** Children started by the test; `tearDown` kills what is still running. */
  readonly children: Child[];
  /** Makes the test's directory and returns it. */
  setUp(): Promise<string>;
  /** Kills the test's children and removes its directory. */
  tearDown(): Promise<void>;
}

/** A {@link ScratchSpace} to set up before and tear down after each test. */
export function scratchSpace(): ScratchSpace {
  const children: Child[] = [];
  let cleanup: () => Promise<void> = async () => {};
  return {
    children,
    async setUp() {
      const made = await tempDir();
      cleanup = made.cleanup;
      return made.dir;
    },
    async tearDown() {
      for (const child of children) child.process.kill("SIGKILL");
      children.length = 0;
      await cleanup();
    },
  };
}
