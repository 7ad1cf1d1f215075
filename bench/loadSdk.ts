import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Client from "../src/client/index.js";
import type * as Root from "../src/index.js";
import { PROJECT_ROOT } from "./paths.js";

/** The package's public surface, as `import("taegis-sdk")` gives it. */
export type Sdk = typeof Root & Pick<typeof Client, "TaegisClient">;

/** The package name, kept in a variable so that the import resolves at run time (through `exports`, to dist/), not at type-check time. */
const PACKAGE: string = "taegis-sdk";

/**
 * Imports the SDK by its package name, from the built dist/ (the package
 * imports itself through its `exports` map), as a user's code would. While
 * the root does not export `TaegisClient` yet, takes it from
 * dist/src/client/index.js and says so through `warn`.
 */
export async function loadSdk(warn: (message: string) => void): Promise<Sdk> {
  const sdk = (await import(PACKAGE)) as Partial<Sdk>;
  if (typeof sdk.TaegisClient === "function") return sdk as Sdk;
  warn("taegis-sdk does not export TaegisClient (src/index.ts): taking it from dist/src/client/index.js");
  const client = (await import(pathToFileURL(join(PROJECT_ROOT, "dist", "src", "client", "index.js")).href)) as typeof Client;
  return { ...sdk, TaegisClient: client.TaegisClient } as Sdk;
}
