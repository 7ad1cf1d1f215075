import { safe } from "ini";
import { TaegisConfigError } from "../errors/TaegisConfigError.js";

const SECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/;
const KEY_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,255}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_VALUE_LENGTH = 64 * 1024;
/** Values that are storable at a glance: JWTs, variable names, plain words. */
const PLAIN_VALUE = /^[A-Za-z0-9_.-]{0,65536}$/;

/** Keys whose value is the name of an environment variable, never a secret itself. */
const VARIABLE_NAME_KEYS = new Set(["client_id", "client_secret"]);

function quoted(name: string): string {
  return JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}...` : name);
}

/** Whether `section` can be stored as a section name (see {@link assertSectionName}). */
export function isStorableSectionName(section: string): boolean {
  return typeof section === "string" && SECTION_NAME.test(section) && section !== "DEFAULT";
}

/**
 * Throws `config_invalid_key` unless `section` can be stored as an INI section
 * that the ini package and Python's configparser both read back unchanged:
 * letters, digits, `_` and `-`, at most 128 characters, and not `DEFAULT`
 * (configparser's section of defaults).
 */
export function assertSectionName(section: string, file: string): void {
  if (!isStorableSectionName(section)) {
    throw new TaegisConfigError(
      "config_invalid_key",
      `The config section name ${typeof section === "string" ? quoted(section) : String(section)} cannot be stored in ${file}: ` +
        "use letters, digits, '_' and '-' only (an environment name such as \"charlie\" or \"universal\"), and not \"DEFAULT\".",
      { file },
    );
  }
}

/**
 * Throws `config_invalid_key` unless `key` can be stored as an INI key:
 * letters, digits, `_`, `-` and `.`, at most 128 characters.
 */
export function assertKeyName(key: string, file: string): void {
  if (typeof key !== "string" || !KEY_NAME.test(key) || key === "__proto__") {
    throw new TaegisConfigError(
      "config_invalid_key",
      `The config key ${typeof key === "string" ? quoted(key) : String(key)} cannot be stored in ${file}: ` +
        "use letters, digits, '_', '-' and '.' only (for example CLIENT_ID, CLIENT_SECRET or access_token).",
      { file },
    );
  }
}

/**
 * Whether `value` survives a round trip through the file unchanged, for both
 * the ini package and Python's configparser: one line, no leading or trailing
 * blanks, nothing the ini package would quote or escape (`=`, `;`, `#`, a
 * leading `[`, surrounding quotes), and no `%` (configparser interpolation).
 * JWTs and environment-variable names always qualify.
 */
export function isStorableValue(value: string): boolean {
  if (typeof value === "string" && PLAIN_VALUE.test(value)) return true;
  return (
    typeof value === "string" &&
    value.length <= MAX_VALUE_LENGTH &&
    !CONTROL.test(value) &&
    !value.includes("%") &&
    safe(value) === value
  );
}

/**
 * Throws `config_invalid_key` unless `value` can be stored under `key` (see
 * {@link isStorableValue}). The message never contains the value.
 */
export function assertStorableValue(section: string, key: string, value: string, file: string): void {
  if (!isStorableValue(value)) {
    throw new TaegisConfigError(
      "config_invalid_key",
      `The value given for ${quoted(key)} in section ${quoted(section)} cannot be stored in ${file}: ` +
        "it must be one line without leading or trailing blanks, and without '=', ';', '#', '%' or surrounding quotes.",
      { file },
    );
  }
}

/**
 * Throws `config_invalid_key` when `key` is `CLIENT_ID` or `CLIENT_SECRET`
 * (in any case) and `value` is not the *name* of an environment variable.
 * Those keys tell the SDK which variable to read; the check keeps a
 * credential from being written to the file by mistake. The message never
 * contains the value.
 */
export function assertVariableNameValue(section: string, key: string, value: string, file: string): void {
  if (VARIABLE_NAME_KEYS.has(key.toLowerCase()) && !VARIABLE_NAME.test(value)) {
    throw new TaegisConfigError(
      "config_invalid_key",
      `The value of ${quoted(key)} in section ${quoted(section)} must be the name of an environment variable ` +
        "(letters, digits and '_', not starting with a digit), such as CHARLIE_CLIENT_ID; " +
        "the SDK reads the credential from that variable, so never write the credential itself to the config file.",
      { file },
    );
  }
}

/**
 * Whether a name already in the file (perhaps written by hand, or by another
 * tool) can be written back unchanged: looser than the rules for new names,
 * so that a rewrite keeps e.g. `[my env]`, but never a name the ini package
 * would quote, escape or nest, nor one configparser would split.
 */
function isRoundTripName(name: string, kind: "section" | "key"): boolean {
  if (name === "" || name !== name.trim() || CONTROL.test(name) || name === "__proto__" || safe(name) !== name) return false;
  if (/[[\]]/.test(name)) return false;
  return kind === "section" ? !name.includes(".") : !name.includes(":");
}

/**
 * Throws `config_invalid_key` when a section or key name found in the file
 * cannot be written back unchanged (see {@link isRoundTripName}); the
 * message says to rename or remove it there.
 */
export function assertRoundTripName(name: string, kind: "section" | "key", file: string): void {
  const plain = kind === "section" ? /^[A-Za-z0-9_-]+$/ : /^[A-Za-z0-9_.-]+$/;
  if (plain.test(name) && name !== "__proto__") return;
  if (!isRoundTripName(name, kind)) {
    throw new TaegisConfigError(
      "config_invalid_key",
      `The ${kind} name ${quoted(name)} in the config file ${file} cannot be written back unchanged, so the SDK will not rewrite the file. ` +
        `Rename it (letters, digits, '_' and '-') or remove it in ${file}.`,
      { file },
    );
  }
}
