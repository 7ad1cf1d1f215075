import { TaegisConfigError } from "../errors/TaegisConfigError.js";

/** The `code` of a Node.js system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function explain(code: string | undefined): string {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOTDIR":
    case "EEXIST":
      return "a file is in the way where a directory should be";
    case "EISDIR":
      return "a directory is in the way";
    case "ENOSPC":
    case "EDQUOT":
      return "no space left";
    default:
      return code ?? "unknown error";
  }
}

/**
 * A file-system failure while using the config location, as
 * `TaegisConfigError("config_unwritable")` with what went wrong and what to do.
 * The original error is the `cause`.
 */
export function configLocationError(error: unknown, file: string, action: "read" | "write" | "lock"): TaegisConfigError {
  const code = errorCode(error);
  const what = action === "read" ? "read" : action === "lock" ? "lock" : "write";
  return new TaegisConfigError(
    "config_unwritable",
    `Cannot ${what} the config file ${file} (${code ?? "error"}: ${explain(code)}). ` +
      "Make that location writable by this user, or point the configPath option or TAEGIS_SDK_CONFIG at a writable file.",
    { file, cause: error },
  );
}

/** A directory stands where the config file should be. */
export function directoryInTheWay(file: string): TaegisConfigError {
  return new TaegisConfigError(
    "config_unwritable",
    `The config file ${file} is a directory. Move it away, or point the configPath option or TAEGIS_SDK_CONFIG at a file.`,
    { file },
  );
}
