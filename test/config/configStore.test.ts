import { chmod, lstat, mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nodeConfigFs, type ConfigFs } from "../../src/config/ConfigFs.js";
import { ConfigStore, configStoreFor } from "../../src/config/ConfigStore.js";
import { readConfig, removeFromConfig, writeToConfig } from "../../src/config/publicApi.js";
import { TaegisConfigError } from "../../src/errors/TaegisConfigError.js";
import { capturingLogger, buildFixtures, removeFixtureBuild, startFixture, scratchSpace } from "./helpers.js";

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

async function rejection(promise: Promise<unknown>): Promise<TaegisConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TaegisConfigError);
  return error as TaegisConfigError;
}

/** A ConfigFs whose writes fail with `code`, as on a read-only home or a directory without write permission. */
function failingWritesFs(code: string): ConfigFs {
  const fail = async (): Promise<never> => {
    throw Object.assign(new Error(`${code}: simulated`), { code });
  };
  return {
    ...nodeConfigFs,
    mkdir: fail,
    open: ((path: string, flags?: string, mode?: number) => (flags === "wx" ? fail() : nodeConfigFs.open(path, flags, mode))) as ConfigFs["open"],
  };
}


beforeAll(buildFixtures);
afterAll(removeFixtureBuild);

describe("ConfigStore", () => {
  let dir: string;
  const scratch = scratchSpace();
  const { children } = scratch;
  beforeEach(async () => (dir = await scratch.setUp()));
  afterEach(() => scratch.tearDown());

  describe("permissions", () => {
    it("creates the directory 0700 and the file 0600, and keeps them so after every write", async () => {
      const configPath = join(dir, "home", ".taegis_sdk_typescript", "config");
      for (let i = 0; i < 10; i++) {
        await writeToConfig("charlie", `k${i}`, `v${i}`, { configPath });
        expect(await modeOf(configPath)).toBe(0o600);
        expect(await modeOf(dirname(configPath))).toBe(0o700);
      }
      await removeFromConfig("charlie", "k0", { configPath });
      expect(await modeOf(configPath)).toBe(0o600);
    });

    it("tightens a file found at 0644 on write, with one warning", async () => {
      const configPath = join(dir, "config");
      await writeFile(configPath, "[charlie]\nCLIENT_ID = X\n");
      await chmod(configPath, 0o644);
      const logger = capturingLogger();
      await writeToConfig("charlie", "CLIENT_SECRET", "Y", { configPath, logger });
      await writeToConfig("charlie", "access_token", "a.b.c", { configPath, logger });
      expect(await modeOf(configPath)).toBe(0o600);
      expect(logger.warnings).toHaveLength(1);
      expect(logger.warnings[0]).toContain(configPath);
      expect(logger.warnings[0]).toMatch(/0644.*0600/);
    });

    it("tightens a file found at 0644 on read too", async () => {
      const configPath = join(dir, "config");
      await writeFile(configPath, "[charlie]\nCLIENT_ID = X\n");
      await chmod(configPath, 0o644);
      const logger = capturingLogger();
      expect(await readConfig({ configPath, logger })).toEqual({ charlie: { CLIENT_ID: "X" } });
      expect(await modeOf(configPath)).toBe(0o600);
      expect(logger.warnings).toHaveLength(1);
    });
  });

  describe("a corrupt file", () => {
    const corrupt = "[charlie]\nCLIENT_ID = CHARLIE_CLIENT_ID\naccess_token = eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.\n[delta]\nhalf-written-line";

    it("reading gives config_corrupt with the file and the line", async () => {
      const configPath = join(dir, "config");
      await writeFile(configPath, corrupt, { mode: 0o600 });
      const error = await rejection(readConfig({ configPath }));
      expect(error).toMatchObject({ code: "config_corrupt", file: configPath, line: 5 });
      expect(error.message).toContain(configPath);
      expect(error.message).toContain("line 5");
    });

    it("writing refuses, says how to fix it, and leaves the bytes on disk unchanged", async () => {
      const configPath = join(dir, "config");
      await writeFile(configPath, corrupt, { mode: 0o600 });
      const before = await stat(configPath);
      const store = configStoreFor(configPath);
      for (const attempt of [
        () => writeToConfig("charlie", "CLIENT_SECRET", "CHARLIE_CLIENT_SECRET", { configPath }),
        () => removeFromConfig("charlie", "CLIENT_ID", { configPath }),
        () => store.update((sections) => void (sections["x"] = { a: "b" })),
        () => store.withLock(async (tx) => tx.write({ fresh: { a: "b" } })),
      ]) {
        const error = await rejection(attempt());
        expect(error).toMatchObject({ code: "config_corrupt", file: configPath, line: 5 });
        expect(error.message).toMatch(/Refusing to write/);
        expect(error.message).toMatch(new RegExp(`Edit line 5 of ${configPath}, or delete the file`));
      }
      expect(await readFile(configPath, "utf8")).toBe(corrupt);
      const after = await stat(configPath);
      expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
      expect((await readdir(dir)).sort()).toEqual(["config"]);
    });
  });

  describe("an unwritable location", () => {
    it("a directory in the way of the file: config_unwritable on write and read", async () => {
      const configPath = join(dir, "config");
      await mkdir(configPath);
      const write = await rejection(writeToConfig("charlie", "CLIENT_ID", "X", { configPath }));
      expect(write).toMatchObject({ code: "config_unwritable", file: configPath });
      expect(write.message).toMatch(/is a directory/);
      expect((await rejection(readConfig({ configPath }))).code).toBe("config_unwritable");
    });

    it("a file in the way of the directory (ENOTDIR): config_unwritable, saying what to do", async () => {
      await writeFile(join(dir, "blocker"), "not a directory");
      const configPath = join(dir, "blocker", "sub", "config");
      const error = await rejection(writeToConfig("charlie", "CLIENT_ID", "X", { configPath }));
      expect(error.code).toBe("config_unwritable");
      expect(error.message).toMatch(/TAEGIS_SDK_CONFIG/);
      expect(await readFile(join(dir, "blocker"), "utf8")).toBe("not a directory");
    });

    it.each(["EACCES", "EROFS", "EPERM"])("%s from the file system: config_unwritable, the file left as it was", async (code) => {
      const configPath = join(dir, "config");
      await writeFile(configPath, "[charlie]\nCLIENT_ID = X\n", { mode: 0o600 });
      const store = new ConfigStore(configPath, { fs: failingWritesFs(code) });
      const error = await rejection(store.update((sections) => void (sections["charlie"] = { CLIENT_ID: "Y" })));
      expect(error.code).toBe("config_unwritable");
      expect(error.message).toContain(code);
      expect(await readFile(configPath, "utf8")).toBe("[charlie]\nCLIENT_ID = X\n");
    });
  });

  describe("atomic replacement", () => {
    it("leaves no temporary file behind and writes through a symlink to its target", async () => {
      const real = join(dir, "real", "config");
      await mkdir(dirname(real), { mode: 0o700 });
      await writeFile(real, "[charlie]\nCLIENT_ID = X\n", { mode: 0o600 });
      const link = join(dir, "link-config");
      await symlink(real, link);
      await writeToConfig("charlie", "CLIENT_SECRET", "Y", { configPath: link });
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      expect(await readFile(real, "utf8")).toBe("[charlie]\nCLIENT_ID = X\nCLIENT_SECRET = Y\n");
      expect((await readdir(dirname(real))).sort()).toEqual(["config"]);
    });

    it("sweeps a temporary file that a crashed writer left long ago", async () => {
      const configPath = join(dir, "config");
      const leftover = join(dir, ".config.12345.abcdef.tmp");
      await writeFile(leftover, "[half");
      const old = new Date(Date.now() - 3_600_000);
      await utimes(leftover, old, old);
      await writeToConfig("charlie", "CLIENT_ID", "X", { configPath });
      expect((await readdir(dir)).sort()).toEqual(["config"]);
    });

    it("does not create a file for a change that changes nothing", async () => {
      const configPath = join(dir, "config");
      await removeFromConfig("charlie", "CLIENT_ID", { configPath });
      expect(await readdir(dir)).toEqual([]);
    });

    it("serialises concurrent writers in one process: none is lost", async () => {
      const configPath = join(dir, "config");
      await Promise.all(Array.from({ length: 100 }, (_, i) => writeToConfig("storm", `k${i}`, `v${i}`, { configPath })));
      expect(Object.keys((await readConfig({ configPath }))["storm"] ?? {})).toHaveLength(100);
    });

    it("refuses a lock timeout that is not a number of milliseconds", () => {
      expect(() => new ConfigStore(join(dir, "config"), { lockTimeoutMs: Number.NaN })).toThrow(/lockTimeoutMs/);
      expect(() => new ConfigStore(join(dir, "config"), { staleLockMs: -1 })).toThrow(/staleLockMs/);
    });

    it("refuses to use a transaction after withLock returned", async () => {
      const store = new ConfigStore(join(dir, "config"));
      let kept: Parameters<Parameters<ConfigStore["withLock"]>[0]>[0] | undefined;
      await store.withLock(async (tx) => void (kept = tx));
      await expect(kept!.read()).rejects.toThrow(/after its withLock\(\) callback returned/);
    });
  });

  describe("the inter-process lock", () => {
    it("a lock held too long by a live process is config_lock_timeout, naming the lock and the stale recovery", async () => {
      const configPath = join(dir, "config");
      const holder = startFixture("holdLock.ts", [configPath, "5000"]);
      children.push(holder);
      await holder.waitForLine((line) => line === "locked");
      const store = new ConfigStore(configPath, { lockTimeoutMs: 400, staleLockMs: 5000 });
      const error = await rejection(store.update((sections) => void (sections["charlie"] = { a: "b" })));
      expect(error.code).toBe("config_lock_timeout");
      expect(error.message).toContain(store.lockPath);
      expect(error.message).toMatch(/crashed process is recovered automatically once it is 5 s old/);
      await expect(readConfig({ configPath })).resolves.toEqual({});
    });

    it("a lock left by a crashed process is recovered after the stale age", async () => {
      const configPath = join(dir, "config");
      const holder = startFixture("holdLock.ts", [configPath, "2000"]);
      children.push(holder);
      await holder.waitForLine((line) => line === "locked");
      holder.process.kill("SIGKILL");
      await holder.exited;
      const store = new ConfigStore(configPath, { lockTimeoutMs: 8000, staleLockMs: 2000 });
      await expect(stat(store.lockPath)).resolves.toBeDefined();
      await store.update((sections) => void (sections["charlie"] = { CLIENT_ID: "X" }));
      expect(await readConfig({ configPath })).toEqual({ charlie: { CLIENT_ID: "X" } });
    });

    it("a lock compromised while held is a warning, not a crash", async () => {
      const configPath = join(dir, "config");
      const logger = capturingLogger();
      const store = new ConfigStore(configPath, { logger, staleLockMs: 2000 });
      const result = await store.withLock(async (tx) => {
        const { rm } = await import("node:fs/promises");
        await rm(store.lockPath, { recursive: true });
        await sleep(1500);
        await tx.write({ charlie: { CLIENT_ID: "X" } });
        return "finished";
      });
      expect(result).toBe("finished");
      expect(logger.warnings.some((w) => w.includes(store.lockPath) && /lost while held/.test(w))).toBe(true);
      await store.update((sections) => void (sections["delta"] = { a: "b" }));
      expect(await store.read()).toEqual({ charlie: { CLIENT_ID: "X" }, delta: { a: "b" } });
    });
  });
});
