import { cp, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "./paths.js";
import { runCommand } from "./runCommand.js";
import { summarize, type Summary } from "./stats.js";

/** Timings of the code generator and the type checker. */
export interface CodegenTimings {
  /** `npm run codegen` in a temporary copy of the project, ms. */
  codegen: Summary;
  /** Whether the copy's regenerated generated/ equals the committed one byte for byte. */
  reproducible: boolean;
  /** Files of generated/ that differ (empty when reproducible). */
  differingFiles: string[];
  /** `tsc --noEmit -p tsconfig.json` on the project, ms. */
  tsc: Summary;
  /** tsc's exit code in the last round (non-zero: the tree has type errors). */
  tscExitCode: number | null;
}

/** What the code generator reads: copied so that a run never writes into the real generated/. */
const CODEGEN_INPUTS = ["codegen.ts", "codegen", "schema", "operations", "src", "generated", "package.json", "tsconfig.json"];

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Relative paths under `a` and `b` whose bytes differ, or that exist in only one of them. */
async function diffTrees(a: string, b: string): Promise<string[]> {
  const filesA = new Set((await listFiles(a)).map((path) => relative(a, path)));
  const filesB = new Set((await listFiles(b)).map((path) => relative(b, path)));
  const differing: string[] = [];
  for (const name of new Set([...filesA, ...filesB])) {
    if (!filesA.has(name) || !filesB.has(name)) {
      differing.push(name);
      continue;
    }
    const [x, y] = await Promise.all([readFile(join(a, name)), readFile(join(b, name))]);
    if (!x.equals(y)) differing.push(name);
  }
  return differing.sort();
}

/**
 * Times `npm run codegen` in a temporary copy of the project (node_modules
 * linked), then checks that what it generated equals the committed
 * generated/; and times `tsc --noEmit -p tsconfig.json` on the real tree,
 * which writes nothing.
 */
export async function measureCodegen(plan: { warmup: number; rounds: number; tscWarmup: number; tscRounds: number }): Promise<CodegenTimings> {
  const copy = await mkdtemp(join(tmpdir(), "taegis-bench-codegen-"));
  try {
    for (const name of CODEGEN_INPUTS) await cp(join(PROJECT_ROOT, name), join(copy, name), { recursive: true });
    await symlink(join(PROJECT_ROOT, "node_modules"), join(copy, "node_modules"), "dir");
    const codegen: number[] = [];
    for (let i = 0; i < plan.warmup + plan.rounds; i += 1) {
      const run = await runCommand("npm", ["run", "--silent", "codegen"], copy);
      if (run.code !== 0) throw new Error(`npm run codegen failed (exit ${run.code}):\n${run.output.trim().split("\n").slice(-15).join("\n")}`);
      if (i >= plan.warmup) codegen.push(run.wallMs);
    }
    const differingFiles = await diffTrees(join(copy, "generated"), join(PROJECT_ROOT, "generated"));

    const tscBin = join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc");
    const tsc: number[] = [];
    let tscExitCode: number | null = null;
    for (let i = 0; i < plan.tscWarmup + plan.tscRounds; i += 1) {
      const run = await runCommand(process.execPath, [tscBin, "--noEmit", "-p", "tsconfig.json"], PROJECT_ROOT);
      tscExitCode = run.code;
      if (i >= plan.tscWarmup) tsc.push(run.wallMs);
    }
    return { codegen: summarize(codegen), reproducible: differingFiles.length === 0, differingFiles, tsc: summarize(tsc), tscExitCode };
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
