import { promises as fsPromises } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TokenCache, tokenCacheFor } from "../../src/auth/tokenCache.js";
import { ConfigStore } from "../../src/config/ConfigStore.js";
import { readConfig, writeToConfig } from "../../src/config/publicApi.js";
import { capturingLogger, countingFs, jwtExpiringAt, buildFixtures, removeFixtureBuild, startFixture, tempDir, type Child } from "./helpers.js";

const NOW = 1_900_000_000_000;
const nowSeconds = NOW / 1000;


beforeAll(buildFixtures);
afterAll(removeFixtureBuild);

describe("TokenCache", () => {
  let dir: string;
  let configPath: string;
  let cleanup: () => Promise<void>;
  let clock: number;
  const now = (): number => clock;
  const children: Child[] = [];
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    configPath = join(dir, "config");
    clock = NOW;
  });
  afterEach(async () => {
    for (const child of children) child.process.kill("SIGKILL");
    children.length = 0;
    await cleanup();
  });

  const cacheOn = (options: { skewSeconds?: number; store?: ConfigStore; logger?: ReturnType<typeof capturingLogger> } = {}): TokenCache =>
    new TokenCache(options.store ?? new ConfigStore(configPath, { logger: options.logger ?? capturingLogger() }), {
      now,
      logger: options.logger ?? capturingLogger(),
      ...(options.skewSeconds === undefined ? {} : { skewSeconds: options.skewSeconds }),
    });

  describe("freshness", () => {
    it("a token counts as fresh while its exp is more than the skew (default 60 s) ahead", async () => {
      const cache = cacheOn();
      const token = jwtExpiringAt(nowSeconds + 120);
      await cache.set("charlie", token);
      expect(cache.peek("charlie")).toEqual({ accessToken: token, expiresAt: new Date((nowSeconds + 120) * 1000) });
      clock = NOW + 59_000;
      expect(cache.peek("charlie")?.accessToken).toBe(token);
      clock = NOW + 60_000;
      expect(cache.peek("charlie")).toBeUndefined();
      expect(await cache.get("charlie")).toBeUndefined();
    });

    it("the skew is configurable", () => {
      const cache = cacheOn({ skewSeconds: 0 });
      const token = jwtExpiringAt(nowSeconds + 10);
      expect(cache.isFresh(token)?.accessToken).toBe(token);
      clock = NOW + 10_000;
      expect(cache.isFresh(token)).toBeUndefined();
      expect(() => cacheOn({ skewSeconds: -1 })).toThrow(/skewSeconds/);
    });

    it("an expired token is not fresh", () => {
      expect(cacheOn().isFresh(jwtExpiringAt(nowSeconds - 1))).toBeUndefined();
    });

    it.each([
      ["garbage", "not-a-token"],
      ["three parts of garbage", "abc.def.ghi"],
      ["a JWT without exp", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."],
      ["a JWT whose exp is a string", "eyJhbGciOiJub25lIn0.eyJleHAiOiJzb29uIn0."],
      ["an encrypted token (five parts)", "a.b.c.d.e"],
      ["an empty value", ""],
    ])("%s in the file counts as absent, without an error", async (_, token) => {
      await writeFile(configPath, `[charlie]\naccess_token = ${token}\n`, { mode: 0o600 });
      const cache = cacheOn();
      expect(cache.isFresh(token)).toBeUndefined();
      expect(await cache.get("charlie")).toBeUndefined();
      let minted = 0;
      const fresh = jwtExpiringAt(nowSeconds + 3600);
      const got = await cache.lockedRefresh("charlie", async () => {
        minted++;
        return { accessToken: fresh };
      });
      expect([minted, got.accessToken]).toEqual([1, fresh]);
    });
  });

  describe("memory and file", () => {
    it("set writes only access_token to the environment's section, keeping the other keys", async () => {
      await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", { configPath });
      await writeToConfig("charlie", "CLIENT_SECRET", "CHARLIE_CLIENT_SECRET", { configPath });
      const token = jwtExpiringAt(nowSeconds + 3600);
      await cacheOn().set("charlie", token);
      await cacheOn().set("universal", token);
      expect(await readConfig({ configPath })).toEqual({
        charlie: { CLIENT_ID: "CHARLIE_CLIENT_ID", CLIENT_SECRET: "CHARLIE_CLIENT_SECRET", access_token: token },
        universal: { access_token: token },
      });
    });

    it("get finds a token another process wrote", async () => {
      const token = jwtExpiringAt(nowSeconds + 3600);
      await writeToConfig("delta", "access_token", token, { configPath });
      const cache = cacheOn();
      expect(cache.peek("delta")).toBeUndefined();
      expect((await cache.get("delta"))?.accessToken).toBe(token);
      expect(cache.peek("delta")?.accessToken).toBe(token);
    });

    it("clear empties memory and the file, keeping the other keys", async () => {
      await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", { configPath });
      const cache = cacheOn();
      await cache.set("charlie", jwtExpiringAt(nowSeconds + 3600));
      await cache.clear("charlie");
      expect(cache.peek("charlie")).toBeUndefined();
      expect(await cache.get("charlie")).toBeUndefined();
      expect(await readConfig({ configPath })).toEqual({ charlie: { CLIENT_ID: "CHARLIE_CLIENT_ID" } });
    });

    it("invalidate drops the rejected token from memory and file", async () => {
      const cache = cacheOn();
      const token = jwtExpiringAt(nowSeconds + 3600);
      await cache.set("charlie", token);
      await cache.invalidate("charlie", token);
      expect(cache.peek("charlie")).toBeUndefined();
      expect(await readConfig({ configPath })).toEqual({});
    });

    it("invalidate keeps a newer token that another process wrote, and get then finds it", async () => {
      const ours = cacheOn();
      const theirs = cacheOn({ store: new ConfigStore(configPath) });
      const rejected = jwtExpiringAt(nowSeconds + 3600, "old");
      const newer = jwtExpiringAt(nowSeconds + 3600, "new");
      await ours.set("charlie", rejected);
      await theirs.set("charlie", newer);
      await ours.invalidate("charlie", rejected);
      expect((await readConfig({ configPath }))["charlie"]).toEqual({ access_token: newer });
      expect((await ours.get("charlie"))?.accessToken).toBe(newer);
      // And the other way round: theirs keeps its newer token in memory.
      await theirs.invalidate("charlie", rejected);
      expect(theirs.peek("charlie")?.accessToken).toBe(newer);
    });

    it("a rejected token still in an unwritable file is not served again", async () => {
      const token = jwtExpiringAt(nowSeconds + 3600);
      await writeToConfig("charlie", "access_token", token, { configPath });
      const { fs } = countingFs();
      const readOnly = { ...fs, open: ((path: string, flags?: string, mode?: number) =>
        flags === "wx" ? Promise.reject(Object.assign(new Error("EROFS"), { code: "EROFS" })) : fs.open(path, flags, mode)) as typeof fs.open };
      const logger = capturingLogger();
      const cache = cacheOn({ store: new ConfigStore(configPath, { fs: readOnly, logger }), logger });
      expect((await cache.get("charlie"))?.accessToken).toBe(token);
      await cache.invalidate("charlie", token);
      expect(await cache.get("charlie")).toBeUndefined();
    });
  });

  describe("the hot path", () => {
    it("peek makes no file-system call; get reads the file only when the token is missing or about to expire", async () => {
      const counting = countingFs();
      const cache = new TokenCache(new ConfigStore(configPath, { fs: counting.fs }), { now });
      const token = jwtExpiringAt(nowSeconds + 600);
      await cache.set("charlie", token);
      const afterSet = counting.total();

      for (let i = 0; i < 1000; i++) expect(cache.peek("charlie")?.accessToken).toBe(token);
      for (let i = 0; i < 100; i++) expect((await cache.get("charlie"))?.accessToken).toBe(token);
      expect(counting.total()).toBe(afterSet);

      clock = NOW + 541_000; // 59 s before exp: within the skew
      expect(cache.peek("charlie")).toBeUndefined();
      await cache.get("charlie");
      expect(counting.total()).toBeGreaterThan(afterSet);
      expect(counting.calls.get("open")).toBeGreaterThan(0);
    });

    it("fs.promises sees no call during warm peeks and gets (as a benchmark would count)", async () => {
      const cache = tokenCacheFor(configPath, { now, logger: capturingLogger() });
      await cache.set("charlie", jwtExpiringAt(nowSeconds + 600));
      const calls: string[] = [];
      const originals = new Map<string, unknown>();
      for (const name of ["open", "readFile", "stat", "lstat", "readdir", "realpath", "mkdir", "rename"] as const) {
        originals.set(name, fsPromises[name]);
        const original = fsPromises[name] as (...args: unknown[]) => unknown;
        (fsPromises as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
          calls.push(name);
          return original(...args);
        };
      }
      try {
        for (let i = 0; i < 1000; i++) cache.peek("charlie");
        for (let i = 0; i < 100; i++) await cache.get("charlie");
      } finally {
        for (const [name, original] of originals) (fsPromises as unknown as Record<string, unknown>)[name] = original;
      }
      expect(calls).toEqual([]);
    });
  });

  describe("an unusable config file", () => {
    it("a directory in the way: the cache works in memory, with exactly one warning", async () => {
      await mkdir(configPath);
      const logger = capturingLogger();
      const cache = cacheOn({ logger, store: new ConfigStore(configPath, { logger }) });
      const first = jwtExpiringAt(nowSeconds + 3600, "first");
      const second = jwtExpiringAt(nowSeconds + 3600, "second");
      await cache.set("charlie", first);
      expect((await cache.get("charlie"))?.accessToken).toBe(first);
      await cache.invalidate("charlie", first);
      expect(await cache.get("charlie")).toBeUndefined();
      const got = await cache.lockedRefresh("charlie", async () => ({ accessToken: second }));
      expect(got.accessToken).toBe(second);
      expect(cache.peek("charlie")?.accessToken).toBe(second);
      await cache.set("delta", first);
      await cache.clear("delta");
      expect(logger.warnings).toHaveLength(1);
      expect(logger.warnings[0]).toContain(configPath);
      expect(logger.warnings[0]).toMatch(/in memory/);
      for (const secret of [first, second]) expect(logger.warnings.join("\n") + logger.debugs.join("\n")).not.toContain(secret);
    });

    it("a corrupt file: tokens in memory, one warning, the bytes on disk unchanged", async () => {
      const corrupt = "[charlie]\nCLIENT_ID = X\ncut-off-line";
      await writeFile(configPath, corrupt, { mode: 0o600 });
      const logger = capturingLogger();
      const cache = cacheOn({ logger, store: new ConfigStore(configPath, { logger }) });
      const token = jwtExpiringAt(nowSeconds + 3600);
      expect(await cache.get("charlie")).toBeUndefined();
      await cache.set("charlie", token);
      expect(cache.peek("charlie")?.accessToken).toBe(token);
      await cache.lockedRefresh("delta", async () => ({ accessToken: token }));
      expect(await readFile(configPath, "utf8")).toBe(corrupt);
      expect(logger.warnings).toHaveLength(1);
      expect(logger.warnings[0]).toMatch(/line 3/);
      expect(logger.warnings[0]).not.toContain(token);
    });
  });

  describe("lockedRefresh", () => {
    it("returns a fresh token found in the file without fetching", async () => {
      const token = jwtExpiringAt(nowSeconds + 3600);
      await writeToConfig("charlie", "access_token", token, { configPath });
      const got = await cacheOn().lockedRefresh("charlie", () => Promise.reject(new Error("must not fetch")));
      expect(got.accessToken).toBe(token);
    });

    it("fetches once, stores the token, and serves concurrent callers in the process from it", async () => {
      const cache = cacheOn();
      let minted = 0;
      const token = jwtExpiringAt(nowSeconds + 3600);
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          cache.lockedRefresh("charlie", async () => {
            minted++;
            return { accessToken: token };
          }),
        ),
      );
      expect(minted).toBe(1);
      expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set([token]));
      expect((await readConfig({ configPath }))["charlie"]).toEqual({ access_token: token });
    });

    it("passes errors of the fetch through unchanged and stores nothing", async () => {
      const failure = new Error("token endpoint down");
      await expect(cacheOn().lockedRefresh("charlie", () => Promise.reject(failure))).rejects.toBe(failure);
      expect(await readConfig({ configPath })).toEqual({});
    });

    it("keeps going when the lock cannot be had in time: fetches anyway, one warning", async () => {
      const logger = capturingLogger();
      const blocker = new ConfigStore(configPath);
      let releaseBlocker!: () => void;
      const held = new Promise<void>((resolve) => (releaseBlocker = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holding = blocker.withLock(async () => {
        locked();
        await held;
      });
      await isLocked;
      const cache = new TokenCache(new ConfigStore(configPath, { lockTimeoutMs: 200, logger }), { now, logger });
      const token = jwtExpiringAt(nowSeconds + 3600);
      const got = await cache.lockedRefresh("charlie", async () => ({ accessToken: token }));
      expect(got.accessToken).toBe(token);
      expect(cache.peek("charlie")?.accessToken).toBe(token);
      expect(logger.warnings).toHaveLength(1);
      expect(logger.warnings[0]).toMatch(/lock/);
      releaseBlocker();
      await holding;
    });

    it("a token response without a JWT exp uses the expiry it came with", async () => {
      const cache = cacheOn();
      const got = await cache.lockedRefresh("charlie", async () => ({ accessToken: "opaque-token", expiresAt: new Date(NOW + 600_000) }));
      expect(got.expiresAt).toEqual(new Date(NOW + 600_000));
      expect(cache.peek("charlie")?.accessToken).toBe("opaque-token");
    });

    it("processes started together on one file mint one token between them", async () => {
      const counter = join(dir, "mints");
      const racers = Array.from({ length: 6 }, () => startFixture("lockedRefresh.ts", [configPath, counter]));
      children.push(...racers);
      await Promise.all(racers.map((child) => child.waitForLine((line) => line === "ready")));
      for (const child of racers) child.send("go");
      const subjects = await Promise.all(racers.map((child) => child.waitForLine((line) => line.startsWith("sub "))));
      const exits = await Promise.all(racers.map((child) => child.exited));
      for (const exit of exits) expect(exit, exit.stderr).toMatchObject({ code: 0 });
      expect((await readFile(counter, "utf8")).trim().split("\n")).toHaveLength(1);
      expect(new Set(subjects).size).toBe(1);
    });
  });
});
