import { decode, unsafe } from "ini";
import { TaegisConfigError } from "../errors/TaegisConfigError.js";
import type { ConfigSections } from "./configSections.js";

/** Options of {@link parseConfigText}. */
export interface ParseConfigTextOptions {
  /** Word the error for a write that is refused because of the content (default: a read). */
  forWrite?: boolean;
}

interface SyntaxProblem {
  line: number;
  reason: string;
}

const HEADER = /^\[([^\]]*)\]\s*(?:[;#].*)?$/;

/**
 * Checks every line against the layout both SDKs understand, and returns the
 * text in the plain form the ini package parses (`[section]`, `key=value`).
 * Each line must be blank, a comment (`;` or `#`), a `[section]` header, or
 * `key = value` / `key: value` inside a section. Anything else (a line cut off
 * by a crash, a key before the first section, a second copy of a section or of
 * a key, which Python's configparser rejects) is reported with its line number.
 * Reasons never quote the line, which may hold a token.
 */
function normalise(text: string): { normalised: string; lossyLine: number | undefined } | SyntaxProblem {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const out: string[] = [];
  let lossyLine: number | undefined;
  const sectionLines = new Map<string, number>();
  let keyLines: Map<string, number> | undefined;
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith(";") || trimmed.startsWith("#")) continue;
    if (trimmed.startsWith("[")) {
      const header = HEADER.exec(trimmed);
      const name = header?.[1]?.trim();
      if (name === undefined) return { line, reason: "a '[' that does not open a complete [section] header" };
      if (name === "") return { line, reason: "a [section] header with an empty name" };
      const earlier = sectionLines.get(name);
      if (earlier !== undefined) return { line, reason: `a second header for the section that line ${earlier} opened` };
      sectionLines.set(name, line);
      keyLines = new Map();
      out.push(`[${name}]`);
      continue;
    }
    const delimiter = trimmed.search(/[=:]/);
    if (delimiter < 0) {
      return { line, reason: "a line that is neither a [section] header, a 'key = value' pair nor a comment (perhaps cut off while being written)" };
    }
    if (keyLines === undefined) return { line, reason: "a key before the first [section] header" };
    const key = trimmed.slice(0, delimiter).trim();
    if (key === "") return { line, reason: "a value without a key name" };
    const earlier = keyLines.get(key.toLowerCase());
    if (earlier !== undefined) return { line, reason: `a key that line ${earlier} already set in this section` };
    keyLines.set(key.toLowerCase(), line);
    const value = trimmed.slice(delimiter + 1).trim();
    if (lossyLine === undefined && (unsafe(key) !== key || unsafe(value) !== value)) lossyLine = line;
    out.push(`${key}=${value}`);
  }
  return { normalised: out.join("\n"), lossyLine };
}

function asString(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return asString(value.at(-1));
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Turns the ini package's result (dotted sections nested, `true` as a boolean) back into flat string sections. */
function flatten(decoded: Record<string, unknown>, prefix: string, into: ConfigSections): void {
  for (const [name, entries] of Object.entries(decoded)) {
    if (!isObject(entries)) continue;
    const section = prefix === "" ? name : `${prefix}.${name}`;
    const values: Record<string, string> = {};
    const nested: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries)) {
      if (isObject(value)) nested[key] = value;
      else values[key] = asString(value);
    }
    if (Object.keys(values).length > 0 || Object.keys(nested).length === 0) into[section] = values;
    flatten(nested, section, into);
  }
}

/** What {@link parseConfigFile} found. */
export interface ParsedConfig {
  /** The sections, as the ini package reads them. */
  sections: ConfigSections;
  /**
   * The first line whose key or value the ini package reads differently from
   * Python's configparser (an inline `;` or `#`, quotes, a backslash escape),
   * so that writing the file back would change it; undefined when none.
   */
  lossyLine: number | undefined;
}

/**
 * Parses the text of a config file with the ini package, after checking it
 * line by line. Throws {@link TaegisConfigError} `config_corrupt` naming the
 * file and the first bad line; the message says how to repair it.
 */
export function parseConfigFile(text: string, file: string, options: ParseConfigTextOptions = {}): ParsedConfig {
  const result = normalise(text);
  if ("reason" in result) {
    const { line, reason } = result;
    const message = options.forWrite
      ? `Refusing to write to the config file ${file}: it cannot be parsed at line ${line} (${reason}), ` +
        `and replacing it would lose what it holds. Edit line ${line} of ${file}, or delete the file, then try again.`
      : `The config file ${file} cannot be parsed at line ${line} (${reason}). ` +
        `The SDK leaves it untouched and will not write to it: edit line ${line} of ${file}, or delete the file.`;
    throw new TaegisConfigError("config_corrupt", message, { file, line });
  }
  const sections: ConfigSections = {};
  flatten(decode(result.normalised, { bracketedArray: false }), "", sections);
  return { sections, lossyLine: result.lossyLine };
}

/**
 * Parses the text of a config file into sections (see {@link parseConfigFile}).
 * Throws `config_corrupt` with the file and the first bad line.
 */
export function parseConfigText(text: string, file: string, options: ParseConfigTextOptions = {}): ConfigSections {
  return parseConfigFile(text, file, options).sections;
}
