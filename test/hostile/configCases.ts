import { mkdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { configStoreFor } from "../../src/config/ConfigStore.js";
import { readConfig, removeFromConfig, writeToConfig } from "../../src/config/publicApi.js";
import { TaegisConfigError } from "../../src/errors/TaegisConfigError.js";
import type { CaseContext, Expectation, HostileCase } from "./hostileCase.js";

const TRUNCATED_HEADER = "[golf]\nCLIENT_ID = GOLF_CLIENT_ID\n[universal\n";
const TRUNCATED_LINE = "[golf]\nCLIENT_ID = GOLF_CLIENT_ID\nCLIENT_SEC";
/** Something that looks like a token, on a line the parser cannot read: the message must not quote it. */
const TOKEN_ON_BAD_LINE = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJob3N0aWxlLWNvbmZpZy1saW5lIn0.c2lnbmF0dXJlLW9mLWEtYmFkLWxpbmU";

const corruptAt = (line: number, ...more: RegExp[]): Expectation => ({
  error: TaegisConfigError,
  code: "config_corrupt",
  message: [new RegExp(`line ${line}\\b`), /edit line \d+ of .+, or delete the file/i, ...more],
  check: (error, ctx) => {
    expect((error as TaegisConfigError).file).toBe(ctx.configPath);
    expect((error as TaegisConfigError).line).toBe(line);
  },
});

const unwritable = (...more: RegExp[]): Expectation => ({
  error: TaegisConfigError,
  code: "config_unwritable",
  message: [/configPath option or TAEGIS_SDK_CONFIG/, ...more],
  check: (error, ctx) => expect((error as TaegisConfigError).file).toBe(ctx.configPath),
});

const invalidKey = (...more: RegExp[]): Expectation => ({ error: TaegisConfigError, code: "config_invalid_key", message: more });

const opts = (ctx: CaseContext) => ({ configPath: ctx.configPath, logger: ctx.logger });

/** A directory where the config file should be, with a file inside it that must survive. */
async function directoryAtConfigPath(ctx: CaseContext): Promise<void> {
  await mkdir(ctx.configPath, { recursive: true });
  await writeFile(join(ctx.configPath, "keep-me"), "precious\n");
}

/**
 * The config path lies under a regular FILE (ENOTDIR). The suite runs as root,
 * for whom chmod does not stop a write, so "unwritable" is made this way (and
 * by a directory at the file's path) rather than with permissions.
 */
function underRegularFile(ctx: CaseContext): string {
  return join(ctx.dir, "not-a-directory", "config");
}

/** The config file cases: corrupt and half-written files, locations that cannot be used, values that cannot be stored. */
export const configCases: HostileCase[] = [
  {
    name: "binary garbage in the config file, read",
    area: "config file",
    config: Uint8Array.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x89, 0x50, 0x4e, 0x47]),
    run: (ctx) => readConfig(opts(ctx)),
    expect: corruptAt(1),
  },
  {
    name: "a config file cut off in the middle of a section header, read",
    area: "config file",
    config: TRUNCATED_HEADER,
    run: (ctx) => readConfig(opts(ctx)),
    expect: corruptAt(3, /complete \[section\] header/),
  },
  {
    name: "a config file cut off in the middle of a key, read",
    area: "config file",
    config: TRUNCATED_LINE,
    run: (ctx) => readConfig(opts(ctx)),
    expect: corruptAt(3, /cut off/),
  },
  {
    name: "a key before the first section",
    area: "config file",
    config: "access_token = abc\n[golf]\nCLIENT_ID = GOLF_CLIENT_ID\n",
    run: (ctx) => readConfig(opts(ctx)),
    expect: corruptAt(1, /before the first \[section\]/),
  },
  {
    name: "a section that appears twice (Python's configparser refuses it too)",
    area: "config file",
    config: "[golf]\nCLIENT_ID = A\n[delta]\nCLIENT_ID = B\n[golf]\nCLIENT_SECRET = C\n",
    run: (ctx) => readConfig(opts(ctx)),
    expect: corruptAt(5, /second header/),
  },
  {
    name: "a key set twice in one section, in different case",
    area: "config file",
    config: "[golf]\nCLIENT_ID = A\nclient_id = B\n",
    run: (ctx) => readConfig(opts(ctx)),
    expect: corruptAt(3, /already set/),
  },
  {
    name: "writeToConfig on a half-written file refuses and keeps it",
    area: "config file",
    config: TRUNCATED_HEADER,
    run: (ctx) => writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", opts(ctx)),
    expect: corruptAt(3, /Refusing to write/),
  },
  {
    name: "removeFromConfig on a half-written file refuses and keeps it",
    area: "config file",
    config: TRUNCATED_LINE,
    run: (ctx) => removeFromConfig("golf", "CLIENT_ID", opts(ctx)),
    expect: corruptAt(3, /Refusing to write/),
  },
  {
    name: "a bad line holding a token is reported without quoting it",
    area: "config file",
    config: `[charlie]\n${TOKEN_ON_BAD_LINE}\n`,
    setup: (ctx) => void ctx.secret(TOKEN_ON_BAD_LINE),
    run: (ctx) => readConfig(opts(ctx)),
    expect: corruptAt(2),
  },
  {
    name: "a directory at the config file's path, read",
    area: "config file",
    config: null,
    setup: directoryAtConfigPath,
    run: (ctx) => readConfig(opts(ctx)),
    expect: unwritable(/is a directory/),
  },
  {
    name: "a directory at the config file's path, write",
    area: "config file",
    config: null,
    setup: directoryAtConfigPath,
    run: (ctx) => writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", opts(ctx)),
    expect: unwritable(/directory/),
  },
  {
    name: "a config path under a regular file (ENOTDIR), write",
    area: "config file",
    setup: (ctx) => writeFile(join(ctx.dir, "not-a-directory"), "a regular file\n"),
    run: (ctx) => writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", { ...opts(ctx), configPath: underRegularFile(ctx) }),
    expect: {
      error: TaegisConfigError,
      code: "config_unwritable",
      message: [/a file is in the way/, /configPath option or TAEGIS_SDK_CONFIG/],
      check: (error, ctx) => expect((error as TaegisConfigError).file).toBe(underRegularFile(ctx)),
    },
  },
  {
    name: "a config path under a regular file (ENOTDIR), read",
    area: "config file",
    setup: (ctx) => writeFile(join(ctx.dir, "not-a-directory"), "a regular file\n"),
    run: (ctx) => readConfig({ ...opts(ctx), configPath: underRegularFile(ctx) }),
    expect: { error: TaegisConfigError, code: "config_unwritable", message: [/ENOTDIR/, /configPath option or TAEGIS_SDK_CONFIG/] },
  },
  {
    name: "a client secret written as the CLIENT_SECRET mapping is refused, unquoted",
    area: "config file",
    run: (ctx) => writeToConfig("charlie", "CLIENT_SECRET", ctx.secret("s3cr3t-_~+Hostile-Value"), opts(ctx)),
    expect: invalidKey(/must be the name of an environment variable/, /never write the credential itself/),
  },
  {
    name: "a value with a line break that would inject a section",
    area: "config file",
    run: (ctx) => writeToConfig("golf", "note", "x\n[universal]\naccess_token = forged", opts(ctx)),
    expect: invalidKey(/one line/),
  },
  {
    name: "a section name that would close the header and open another",
    area: "config file",
    run: (ctx) => writeToConfig("golf]\n[universal", "access_token", "forged", opts(ctx)),
    expect: invalidKey(/letters, digits/),
  },
  {
    name: "the DEFAULT section (configparser's defaults) as a section name",
    area: "config file",
    run: (ctx) => writeToConfig("DEFAULT", "CLIENT_ID", "ANY_CLIENT_ID", opts(ctx)),
    expect: invalidKey(/not "DEFAULT"/),
  },
  {
    name: "a config lock held by a live process longer than the lock timeout",
    area: "config file",
    setup: (ctx) => mkdir(`${ctx.configPath}.writer.lock`),
    run: async (ctx) => {
      const lockPath = `${ctx.configPath}.writer.lock`;
      // The holder refreshes its lock as proper-lockfile does, so it never looks stale.
      const refresh = setInterval(() => void utimes(lockPath, new Date(), new Date()).catch(() => undefined), 200);
      try {
        configStoreFor(ctx.configPath, { lockTimeoutMs: 600, logger: ctx.logger });
        await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", opts(ctx));
      } finally {
        clearInterval(refresh);
      }
    },
    expect: { error: TaegisConfigError, code: "config_lock_timeout", message: [/another process holds/, /remove .+\.writer\.lock when no process/] },
    // The lock directory is the other process's: the disk check proves it is still there.
  },
];
