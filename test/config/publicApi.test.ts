import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configValue } from "../../src/config/configSections.js";
import { readConfig, removeFromConfig, writeToConfig } from "../../src/config/publicApi.js";
import { tempDir } from "./helpers.js";

describe("writeToConfig, readConfig, removeFromConfig", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it("maps the charlie environment's variable names, as the Python SDK's write_to_config does", async () => {
    const configPath = join(dir, "config");
    await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", { configPath });
    await writeToConfig("charlie", "CLIENT_SECRET", "CHARLIE_CLIENT_SECRET", { configPath });
    const sections = await readConfig({ configPath });
    expect(sections).toEqual({ charlie: { CLIENT_ID: "CHARLIE_CLIENT_ID", CLIENT_SECRET: "CHARLIE_CLIENT_SECRET" } });
    expect(configValue(sections, "charlie", "client_id")).toBe("CHARLIE_CLIENT_ID");
    expect(await readFile(configPath, "utf8")).toBe("[charlie]\nCLIENT_ID = CHARLIE_CLIENT_ID\nCLIENT_SECRET = CHARLIE_CLIENT_SECRET\n");
  });

  it("finds the file through TAEGIS_SDK_CONFIG", async () => {
    const env = { TAEGIS_SDK_CONFIG: join(dir, "from-env", "config") };
    await writeToConfig("delta", "CLIENT_ID", "DELTA_CLIENT_ID", { env });
    expect(await readConfig({ env })).toEqual({ delta: { CLIENT_ID: "DELTA_CLIENT_ID" } });
    expect(await readConfig({ configPath: env.TAEGIS_SDK_CONFIG })).toEqual({ delta: { CLIENT_ID: "DELTA_CLIENT_ID" } });
  });

  it("reads a missing file as empty", async () => {
    expect(await readConfig({ configPath: join(dir, "none", "config") })).toEqual({});
  });

  it("replaces a value, and removes a key in any case, dropping a section left empty", async () => {
    const configPath = join(dir, "config");
    await writeToConfig("charlie", "CLIENT_ID", "FIRST", { configPath });
    await writeToConfig("charlie", "CLIENT_ID", "SECOND", { configPath });
    await writeToConfig("delta", "CLIENT_ID", "DELTA", { configPath });
    expect(await readConfig({ configPath })).toEqual({ charlie: { CLIENT_ID: "SECOND" }, delta: { CLIENT_ID: "DELTA" } });
    await removeFromConfig("charlie", "client_id", { configPath });
    await removeFromConfig("charlie", "absent", { configPath });
    expect(await readConfig({ configPath })).toEqual({ delta: { CLIENT_ID: "DELTA" } });
  });
});
