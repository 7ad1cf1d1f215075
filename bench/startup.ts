import { join, relative, sep } from "node:path";
import { runJsonChild } from "./childProcess.js";
import { CHILD_DIR, PROJECT_ROOT } from "./paths.js";
import { summarize, type Summary } from "./stats.js";

/** Import times of `taegis-sdk` and `@urql/core`, each in fresh processes. */
export interface ImportTimes {
  /** `import('taegis-sdk')`, ms, measured inside each fresh process. */
  sdk: Summary;
  /** `import('@urql/core')` alone, ms. */
  urql: Summary;
  /** Wall time of the whole process (Node boot included) importing `taegis-sdk`, ms. */
  sdkProcess: Summary;
  /** The same for `@urql/core`. */
  urqlProcess: Summary;
}

/**
 * Times `import(specifier)` in `rounds` fresh Node processes for each of
 * `taegis-sdk` (resolved through the package's own `exports`, from dist/) and
 * `@urql/core`, alternating, after `warmup` unrecorded runs of each (which
 * warm the disk cache).
 */
export async function measureImportTimes(plan: { warmup: number; rounds: number }): Promise<ImportTimes> {
  const script = join(CHILD_DIR, "importTime.mjs");
  const sdk: number[] = [];
  const urql: number[] = [];
  const sdkProcess: number[] = [];
  const urqlProcess: number[] = [];
  for (let i = 0; i < plan.warmup + plan.rounds; i += 1) {
    const a = await runJsonChild<{ importMs: number }>(script, ["taegis-sdk"]);
    const b = await runJsonChild<{ importMs: number }>(script, ["@urql/core"]);
    if (i < plan.warmup) continue;
    sdk.push(a.importMs);
    sdkProcess.push(a.wallMs);
    urql.push(b.importMs);
    urqlProcess.push(b.wallMs);
  }
  return { sdk: summarize(sdk), urql: summarize(urql), sdkProcess: summarize(sdkProcess), urqlProcess: summarize(urqlProcess) };
}

/** The files one step loaded in a fresh process. */
export interface LoadedSize {
  /** Files under node_modules/ and dist/ (the package and its dependencies). */
  files: number;
  /** Their total size, in bytes (as on disk; minified or not, as installed). */
  bytes: number;
  /** Bytes by package (`taegis-sdk` for dist/), largest first. */
  byPackage: Record<string, number>;
}

function packageOf(path: string): string | undefined {
  const rel = relative(PROJECT_ROOT, path);
  if (rel.startsWith(`dist${sep}`)) return "taegis-sdk";
  const parts = rel.split(sep);
  const at = parts.lastIndexOf("node_modules");
  if (at < 0) return undefined;
  const name = parts[at + 1] ?? "";
  return name.startsWith("@") ? `${name}/${parts[at + 2] ?? ""}` : name;
}

/** Sums what bench/child/facadeLoad.mjs reported, keeping files of the package and its dependencies. */
export function sizeOf(files: readonly { path: string; bytes: number }[]): LoadedSize {
  const byPackage: Record<string, number> = {};
  let bytes = 0;
  let count = 0;
  for (const file of files) {
    const name = packageOf(file.path);
    if (name === undefined) continue;
    count += 1;
    bytes += file.bytes;
    byPackage[name] = (byPackage[name] ?? 0) + file.bytes;
  }
  const sorted = Object.fromEntries(Object.entries(byPackage).sort((a, b) => b[1] - a[1]));
  return { files: count, bytes, byPackage: sorted };
}

/**
 * Sizes of what a fresh process loads: `@urql/core` alone, `import('taegis-sdk')`,
 * and `import('taegis-sdk')` followed by one facade call against the sandbox
 * (client credentials from the environment, an empty config file), counted by
 * module hooks (every module the ESM loader loads) plus the CommonJS require
 * cache, summing the sizes of the files under dist/ and node_modules/.
 */
export async function measureLoadedSizes(call: {
  env: Record<string, string>;
}): Promise<{ urql: LoadedSize; sdkImport: LoadedSize; facadeCall: LoadedSize }> {
  const script = join(CHILD_DIR, "facadeLoad.mjs");
  type Files = { files: { path: string; bytes: number }[] };
  const urql = await runJsonChild<Files>(script, ["urql"]);
  const sdkImport = await runJsonChild<Files>(script, ["import"]);
  const facadeCall = await runJsonChild<Files>(script, ["call"], { env: call.env });
  return { urql: sizeOf(urql.files), sdkImport: sizeOf(sdkImport.files), facadeCall: sizeOf(facadeCall.files) };
}
