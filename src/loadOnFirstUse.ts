import { TaegisError } from "./errors/TaegisError.js";

/**
 * Runs `load`, an `import()` of a part of the SDK that loads on first use
 * (a client's call engine, the config store), and turns its failure into a
 * {@link TaegisError} `sdk_incomplete` that says what to do: such a file is
 * missing only from a damaged installation, and before the SDK loaded code
 * lazily that failed at import, with no hint either.
 *
 * @param what what the part does, for the message ("runs a client's calls").
 */
export async function loadOnFirstUse<T>(load: () => Promise<T>, what: string): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new TaegisError(
      "sdk_incomplete",
      `The part of taegis-sdk that ${what} could not be loaded: the installed package looks incomplete. Reinstall it (npm ci, or npm install taegis-sdk).`,
      { cause },
    );
  }
}
