import { loadOnFirstUse } from "../loadOnFirstUse.js";
import type { TaegisLogger } from "../logger.js";
import type { ConfigSections } from "./configSections.js";
import type { ConfigStore } from "./ConfigStore.js";
import { resolveConfigPath, type ConfigLocationOptions } from "./resolveConfigPath.js";

/** Options of {@link writeToConfig}, {@link readConfig} and {@link removeFromConfig}. */
export interface ConfigOptions extends ConfigLocationOptions {
  /** Where warnings go (default: stderr). Applies when the file's store is first used in the process. */
  logger?: TaegisLogger;
}

/** The store of the file the options name, and the code that edits it (loaded on first use, not when the SDK is imported). */
async function storeFor(options: ConfigOptions): Promise<{ store: ConfigStore; editing: typeof import("./configEditing.js") }> {
  const path = resolveConfigPath(options);
  const editing = await loadOnFirstUse(() => import("./configEditing.js"), "reads and writes the config file");
  return { store: editing.configStoreFor(path, options.logger === undefined ? {} : { logger: options.logger }), editing };
}

/**
 * Sets `key` to `value` in `section` of the config file (the Python SDK's
 * `write_to_config`), under the file's lock and with an atomic replace. A key
 * that differs only in case (as Python's configparser writes it) is replaced.
 *
 * `CLIENT_ID` and `CLIENT_SECRET` take the *name* of the environment variable
 * to read for that environment, never the credential itself.
 *
 * Throws {@link TaegisConfigError}: `config_invalid_key` for a name or value
 * that cannot be stored, `config_corrupt` when the file cannot be parsed (it is
 * left untouched), `config_unwritable`, or `config_lock_timeout`.
 *
 * @example
 * ```ts
 * // The charlie environment now reads its client id from CHARLIE_CLIENT_ID.
 * await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID");
 * await writeToConfig("charlie", "CLIENT_SECRET", "CHARLIE_CLIENT_SECRET");
 * ```
 */
export async function writeToConfig(section: string, key: string, value: string, options: ConfigOptions = {}): Promise<void> {
  const { store, editing } = await storeFor(options);
  editing.assertSectionName(section, store.path);
  editing.assertKeyName(key, store.path);
  editing.assertStorableValue(section, key, value, store.path);
  editing.assertVariableNameValue(section, key, value, store.path);
  await store.update((sections) => {
    editing.setConfigValue(sections, section, key, value);
  });
}

/**
 * Reads the config file: `{ section: { key: value } }`, all strings, `{}`
 * when there is no file. Needs no lock. Throws {@link TaegisConfigError}
 * `config_corrupt` (with `file` and `line`) when the file cannot be parsed.
 *
 * @example
 * ```ts
 * const sections = await readConfig();
 * console.log(Object.keys(sections)); // e.g. ["charlie", "universal"]
 * ```
 */
export async function readConfig(options: ConfigOptions = {}): Promise<ConfigSections> {
  const { store } = await storeFor(options);
  return store.read();
}

/**
 * Removes `key` (in any case) from `section` of the config file, and the
 * section when it is left empty. Does nothing when the key is not there.
 * Throws like {@link writeToConfig}.
 *
 * @example
 * ```ts
 * await removeFromConfig("charlie", "CLIENT_ID"); // back to reading CLIENT_ID
 * ```
 */
export async function removeFromConfig(section: string, key: string, options: ConfigOptions = {}): Promise<void> {
  const { store, editing } = await storeFor(options);
  editing.assertSectionName(section, store.path);
  editing.assertKeyName(key, store.path);
  await store.update((sections) => {
    editing.deleteConfigValue(sections, section, key);
  });
}
