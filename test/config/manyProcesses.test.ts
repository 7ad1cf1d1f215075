// The two multi-process checks of the config file share one file so that they
// run one after the other: each keeps both cores of a small machine busy.
import { readFile, stat, utimes } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/parseConfigText.js";
import { pythonRead, buildFixtures, removeFixtureBuild, startFixture, type Child, scratchSpace } from "./helpers.js";

/** Generous: these finish in seconds on an idle machine, but must not fail on a busy one. */
const TIMEOUT_MS = 120_000;

const PROCESSES = 16;
const KEYS_EACH = 50;
const TRIALS = 50;
/** Children started ahead of their trial, so that their start-up overlaps the trials before. */
const READY_AHEAD = 3;

const randomInt = (max: number): number => Math.floor(Math.random() * max);


beforeAll(buildFixtures);
afterAll(removeFixtureBuild);

describe("many processes writing one config file at once", () => {
  let dir: string;
  const scratch = scratchSpace();
  const { children } = scratch;
  beforeEach(async () => (dir = await scratch.setUp()));
  afterEach(() => scratch.tearDown());

  it("keeps all 800 keys, and a reader never sees a partial or unparseable file", { timeout: TIMEOUT_MS }, async () => {
    const configPath = join(dir, "nested", "config");
    const reader = startFixture("loopReader.ts", [configPath]);
    children.push(reader);
    const writers = Array.from({ length: PROCESSES }, (_, n) => startFixture("stormWriter.ts", [configPath, `p${n}`, String(KEYS_EACH)]));
    children.push(...writers);
    await Promise.all([reader, ...writers].map((child) => child.waitForLine((line) => line === "ready")));

    for (const writer of writers) writer.send("go");
    const results = await Promise.all(writers.map((writer) => writer.exited));
    reader.send("stop");
    const summaryLine = await reader.waitForLine((line) => line.startsWith("{"));
    const summary = JSON.parse(summaryLine) as { reads: number; failures: string[]; decreases: number; maxKeys: number; missingNewline: number };

    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
    const sections = parseConfigText(await readFile(configPath, "utf8"), configPath);
    const keys = Object.keys(sections["storm"] ?? {});
    expect(keys).toHaveLength(PROCESSES * KEYS_EACH);
    for (let n = 0; n < PROCESSES; n++) {
      for (let i = 0; i < KEYS_EACH; i++) expect(sections["storm"]?.[`p${n}_k${i}`]).toBe(`tok.p${n}-${i}_v`);
    }

    expect(summary.reads).toBeGreaterThan(0);
    expect(summary.failures).toEqual([]);
    expect(summary.missingNewline).toBe(0);
    expect(summary.decreases).toBe(0);

    expect((await stat(configPath)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(configPath))).mode & 0o777).toBe(0o700);
    expect(Object.keys(pythonRead(configPath)["storm"] ?? {})).toHaveLength(PROCESSES * KEYS_EACH);
  });
});

describe("a writer killed with SIGKILL in the middle of its writes", () => {
  let dir: string;
  const scratch = scratchSpace();
  const { children } = scratch;
  beforeEach(async () => (dir = await scratch.setUp()));
  afterEach(() => scratch.tearDown());

  it(`leaves a file that parses and holds every write that had returned (${TRIALS} trials)`, { timeout: TIMEOUT_MS }, async () => {
    const configPath = join(dir, "config");
    const lockPath = `${configPath}.writer.lock`;
    const start = (trial: number): Child => {
      const child = startFixture("ackWriter.ts", [configPath, `trial${trial}`]);
      children.push(child);
      return child;
    };
    const pending = Array.from({ length: Math.min(READY_AHEAD, TRIALS) }, (_, trial) => start(trial));
    const acked = new Map<string, number>();
    let killedMidWrite = 0;
    let killedHoldingLock = 0;

    for (let trial = 0; trial < TRIALS; trial++) {
      const child = pending.shift()!;
      if (trial + READY_AHEAD < TRIALS) pending.push(start(trial + READY_AHEAD));
      await child.waitForLine((line) => line === "ready");
      child.send("go");
      // Every fifth trial dies at any moment after "go" (even before its first
      // write returns); the others after their first acknowledged write.
      if (trial % 5 === 0) await new Promise((resolve) => setTimeout(resolve, randomInt(15)));
      else {
        await child.waitForLine((line) => line.startsWith("ack "));
        await new Promise((resolve) => setTimeout(resolve, randomInt(25)));
      }
      child.process.kill("SIGKILL");
      const { signal } = await child.exited;
      expect(signal).toBe("SIGKILL");
      const acks = child.lines.filter((line) => line.startsWith("ack ")).map((line) => Number(line.slice(4)));
      if (acks.length > 0) acked.set(`trial${trial}`, Math.max(...acks));
      killedMidWrite++;

      const sections = parseConfigText(await readFile(configPath, "utf8").catch(() => ""), configPath);
      for (const [section, last] of acked) {
        for (let i = 0; i <= last; i++) expect(sections[section]?.[`k${i}`], `${section} k${i}`).toBe(`v${i}.${"p".repeat(200)}`);
      }
      if (acked.size > 0) expect((await stat(configPath)).mode & 0o777).toBe(0o600);

      // The dead writer may have left its lock behind. Age it as time would,
      // so that the next writer recovers it as stale instead of waiting.
      const old = new Date(Date.now() - 60_000);
      if (await utimes(lockPath, old, old).then(() => true, () => false)) killedHoldingLock++;
    }

    expect(killedMidWrite).toBe(TRIALS);
    expect(acked.size).toBeGreaterThan(TRIALS / 2);
    // Writers spend nearly all their time inside a locked write, so most die holding the lock.
    expect(killedHoldingLock).toBeGreaterThan(0);
    const fromPython = pythonRead(configPath);
    for (const [section, last] of acked) expect(Object.keys(fromPython[section] ?? {}).length).toBeGreaterThanOrEqual(last + 1);
  });
});
