import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./paths.js";

/** The newest modification time (ms) of the files under `dir`, or 0 when there are none. */
function newestMtime(dir: string): number {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** What {@link ensureBuild} did. */
export interface BuildStatus {
  /** Whether `npm run build` ran. */
  built: boolean;
  /** How long the build took, in ms, when it ran. */
  buildMs?: number;
  /** A problem worth printing (a failed build with an older dist/ still in place). */
  warning?: string;
}

/**
 * Runs `npm run build` when dist/ is missing or older than src/ or generated/,
 * so that the benchmarks import the package by name (`taegis-sdk`, through the
 * `exports` map) from what a user would install.
 * @throws Error when the build fails and there is no dist/ to fall back on.
 */
export function ensureBuild(): BuildStatus {
  const entry = join(PROJECT_ROOT, "dist", "src", "index.js");
  const builtAt = mtimeOf(entry);
  const sourcesAt = Math.max(newestMtime(join(PROJECT_ROOT, "src")), newestMtime(join(PROJECT_ROOT, "generated")));
  if (builtAt !== undefined && builtAt >= sourcesAt) return { built: false };
  const start = performance.now();
  const result = spawnSync("npm", ["run", "build"], { cwd: PROJECT_ROOT, encoding: "utf8" });
  const buildMs = performance.now() - start;
  if (result.status === 0) return { built: true, buildMs };
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
  if (mtimeOf(entry) !== undefined) {
    return { built: true, buildMs, warning: `npm run build failed; benchmarking the dist/ left in place.\n${output}` };
  }
  throw new Error(`npm run build failed and there is no dist/ to benchmark:\n${output}`);
}
