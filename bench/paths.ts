import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (the folder holding package.json). */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** bench/ */
export const BENCH_DIR = join(PROJECT_ROOT, "bench");
/** bench/child/: plain-JavaScript scripts run in fresh Node processes (no TypeScript loader, so start-up is not skewed). */
export const CHILD_DIR = join(BENCH_DIR, "child");
/** Where `npm run bench` writes its figures. */
export const RESULTS_FILE = join(BENCH_DIR, "results.json");
