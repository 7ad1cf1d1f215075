import { homedir as osHomedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";

/** The environment variable that names the config file. */
export const CONFIG_PATH_VARIABLE = "TAEGIS_SDK_CONFIG";

/** The config directory under the home directory, and the file in it. */
export const DEFAULT_CONFIG_DIRECTORY = ".taegis_sdk_typescript";
const DEFAULT_CONFIG_FILE = "config";

/** Where the config file is: an explicit path, the environment, the home directory. */
export interface ConfigLocationOptions {
  /** Path of the config file. Wins over `TAEGIS_SDK_CONFIG`. */
  configPath?: string;
  /** Environment to read `TAEGIS_SDK_CONFIG` from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Home directory for the default location (default `os.homedir()`). */
  homedir?: string;
}

function expandHome(path: string, home: () => string): string {
  if (path === "~") return home();
  if (path.startsWith("~/") || path.startsWith("~\\")) return join(home(), path.slice(2));
  return path;
}

/**
 * The absolute path of the config file: the `configPath` option, else the
 * `TAEGIS_SDK_CONFIG` environment variable, else
 * `~/.taegis_sdk_typescript/config`. A leading `~` is the home directory, and
 * a relative path is taken from the current directory.
 *
 * @example
 * ```ts
 * resolveConfigPath({ env: { TAEGIS_SDK_CONFIG: "/tmp/taegis/config" } }); // "/tmp/taegis/config"
 * ```
 */
export function resolveConfigPath(options: ConfigLocationOptions = {}): string {
  const home = (): string => options.homedir ?? osHomedir();
  if (options.configPath !== undefined) {
    if (typeof options.configPath !== "string" || options.configPath.trim() === "") {
      throw new TaegisOptionsError(
        "invalid_option",
        "configPath",
        "The configPath option must be the path of a file; leave it out to use TAEGIS_SDK_CONFIG or ~/.taegis_sdk_typescript/config.",
      );
    }
    return resolve(expandHome(options.configPath, home));
  }
  const fromEnv = (options.env ?? process.env)[CONFIG_PATH_VARIABLE];
  if (fromEnv !== undefined && fromEnv.trim() !== "") return resolve(expandHome(fromEnv, home));
  const base = home();
  return join(isAbsolute(base) ? base : resolve(base), DEFAULT_CONFIG_DIRECTORY, DEFAULT_CONFIG_FILE);
}
