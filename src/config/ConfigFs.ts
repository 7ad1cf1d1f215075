import { promises } from "node:fs";

/**
 * The file-system calls the config store makes: a subset of
 * `node:fs/promises`. Inject your own (a wrapper that counts calls, or one that
 * fails) through the `fs` option of the store; the default looks each function
 * up on `fs.promises` at call time, so instrumenting `fs.promises` also works.
 */
export type ConfigFs = Pick<typeof promises, "open" | "rename" | "mkdir" | "unlink" | "readdir" | "stat" | "realpath">;

/** The real file system. */
export const nodeConfigFs: ConfigFs = promises;
