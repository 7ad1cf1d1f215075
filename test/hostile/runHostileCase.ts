import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { parseConfigText } from "../../src/config/parseConfigText.js";
import { captureOutput } from "./captureOutput.js";
import { diffSnapshots, snapshotDisk } from "./diskSnapshot.js";
import { DEFAULT_CONFIG, type CaseContext, type HostileCase } from "./hostileCase.js";
import { errorTexts } from "./leakScan.js";

/** Everything a case let out, for the leak scan. */
export interface CaseCapture {
  where: string;
  text: string;
}

/** Longest message a typed error may have: a message is advice, never a dump of a response body. */
const MAX_MESSAGE_LENGTH = 1_500;

/** The sections and keys of a config file, without `access_token` values, or undefined when it does not parse. */
async function keysOf(path: string): Promise<Record<string, Record<string, string>> | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return {};
  }
  try {
    const sections = parseConfigText(text, path);
    for (const [name, section] of Object.entries(sections)) {
      delete section["access_token"];
      if (Object.keys(section).length === 0) delete sections[name];
    }
    return sections;
  } catch {
    return undefined;
  }
}

/** Every token the case left in its config file is a secret too. */
async function registerCachedTokens(path: string, secrets: Set<string>): Promise<void> {
  try {
    for (const section of Object.values(parseConfigText(await readFile(path, "utf8"), path))) {
      const token = section["access_token"];
      if (token !== undefined) secrets.add(token);
    }
  } catch {
    // No file, or not a parseable one: nothing cached.
  }
}

/**
 * Runs one hostile case: writes its config file, runs its setup, snapshots
 * the case directory, runs the call with stdout and stderr captured, and
 * asserts the typed error (class, code, message phrases, short message) and
 * that nothing on disk was lost. Returns every text the case let out.
 */
export async function runHostileCase(hostile: HostileCase, secrets: Set<string>): Promise<CaseCapture[]> {
  const dir = await mkdtemp(join(tmpdir(), "taegis-hostile-"));
  const captured: CaseCapture[] = [];
  const lines: string[] = [];
  const ctx: CaseContext = {
    dir,
    configPath: join(dir, "config"),
    logger: {
      lines,
      warn: (message) => void lines.push(`warn: ${message}`),
      debug: (message) => void lines.push(`debug: ${message}`),
    },
    secret: (value) => {
      secrets.add(value);
      return value;
    },
    capture: (text) => void captured.push({ where: `${hostile.name}: hook`, text }),
  };
  try {
    const config = typeof hostile.config === "function" ? await hostile.config(ctx) : hostile.config === undefined ? DEFAULT_CONFIG : hostile.config;
    if (config !== null) await writeFile(ctx.configPath, config, { mode: 0o600 });
    await hostile.setup?.(ctx);
    const before = await snapshotDisk(dir);
    const keysBefore = hostile.disk === "keys" ? await keysOf(ctx.configPath) : undefined;

    const output = captureOutput();
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await hostile.run(ctx) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      output.restore();
    }
    captured.push(
      ...output.stdout.map((text) => ({ where: `${hostile.name}: stdout`, text })),
      ...output.stderr.map((text) => ({ where: `${hostile.name}: stderr`, text })),
      ...lines.map((text) => ({ where: `${hostile.name}: logger`, text })),
    );
    if (!outcome.ok) captured.push(...errorTexts(outcome.error).map((text) => ({ where: `${hostile.name}: error`, text })));

    if (outcome.ok) throw new Error(`expected ${hostile.expect.error.name} ${hostile.expect.code}, but the call succeeded`);
    const error = outcome.error;
    expect(error, String(error)).toBeInstanceOf(hostile.expect.error);
    expect((error as { code?: unknown }).code, (error as Error).message).toBe(hostile.expect.code);
    const message = (error as Error).message;
    for (const phrase of hostile.expect.message) expect(message).toMatch(phrase);
    expect(message.length, "the message is advice, not a dump").toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    await hostile.expect.check?.(error, ctx);

    if (hostile.disk === "keys") {
      expect(await keysOf(ctx.configPath), "every section and key (access tokens aside) is kept").toEqual(keysBefore);
    } else {
      expect(diffSnapshots(before, await snapshotDisk(dir)), "nothing on disk changed").toEqual([]);
    }
    return captured;
  } finally {
    await registerCachedTokens(ctx.configPath, secrets);
    await rm(dir, { recursive: true, force: true });
  }
}
