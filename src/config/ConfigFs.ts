import * as fsPromises from "node:fs/promises";

/**
 * `fs.promises` itself: the default export of node:fs/promises (which
 * @types/node does not declare). Importing node:fs from ESM instead would
 * also load its stream classes, at every start-up.
 */
const promises = (fsPromises as unknown as { default: typeof fsPromises }).default;

/**
 * The file-system calls the config store makes: a subset of
 * `node:fs/promises`. Inject your own (a wrapper that counts calls, or one that
 * fails) through the `fs` option of the store; the default looks each function
 * up on `fs.promises` at call time, so instrumenting `fs.promises` also works.
 */
export type ConfigFs = Pick<typeof promises, "open" | "rename" | "mkdir" | "unlink" | "readdir" | "stat" | "realpath">;

/** The real file system. */
export const nodeConfigFs: ConfigFs = promises;
