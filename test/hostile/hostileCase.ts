import type { TaegisLogger } from "../../src/logger.js";

/** The part of the SDK a case attacks, for grouping in the report. */
export type HostileArea =
  | "config file"
  | "cached token"
  | "token endpoint"
  | "device code"
  | "password login"
  | "options"
  | "transport"
  | "graphql response";

/** An error class the suite expects, e.g. `TaegisConfigError`. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** What a case may use while it runs. */
export interface CaseContext {
  /** A fresh temporary directory of this case. */
  dir: string;
  /** The config file of this case (its content is set from {@link HostileCase.config} before `run`). */
  configPath: string;
  /** A logger whose lines are kept for the assertions and the leak scan. */
  logger: TaegisLogger & { lines: string[] };
  /** Registers a value that must never appear in anything captured (a secret, password, OTP or token). */
  secret(value: string): string;
  /** Records a text to include in the leak scan (e.g. what a prompt hook printed). */
  capture(text: string): void;
}

/** What a case expects to happen. */
export interface Expectation {
  /** The error's class (checked with instanceof). */
  error: ErrorClass;
  /** Its `code`. */
  code: string;
  /** Phrases the message must contain: what happened and what to do. */
  message: RegExp[];
  /** Further checks on the error and the context (thrown assertions fail the case). */
  check?: (error: unknown, ctx: CaseContext) => void | Promise<void>;
}

/**
 * One hostile input: the setup, the call that meets it, the typed error it
 * must end in, and what on disk must survive.
 */
export interface HostileCase {
  /** What the input is, e.g. `a config file cut off in the middle of a section header`. */
  name: string;
  /** The part of the SDK it attacks. */
  area: HostileArea;
  /**
   * The config file's bytes before the case: a string or bytes; `null` for no
   * file; a function of the context (for a token minted for the case);
   * default {@link DEFAULT_CONFIG}, a file with something to lose.
   */
  config?: string | Uint8Array | null | ((ctx: CaseContext) => string | Promise<string>);
  /** Extra setup in the case's directory, before the snapshot (e.g. a directory in the way). */
  setup?: (ctx: CaseContext) => void | Promise<void>;
  /** The call that meets the hostile input: it must reject. */
  run: (ctx: CaseContext) => Promise<unknown>;
  /** The typed error it must reject with. */
  expect: Expectation;
  /**
   * What must be left on disk: `bytes` (default) every file of the case's
   * directory byte for byte; `keys` every section and key of the config file
   * except `access_token` values (for cases that may legitimately drop a
   * rejected token).
   */
  disk?: "bytes" | "keys";
}

/** A config file with something to lose: a remapping for another environment. */
export const DEFAULT_CONFIG = "[golf]\nCLIENT_ID = GOLF_CLIENT_ID\nCLIENT_SECRET = GOLF_CLIENT_SECRET\n";
