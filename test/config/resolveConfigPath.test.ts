import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfigPath } from "../../src/config/resolveConfigPath.js";
import { TaegisOptionsError } from "../../src/errors/TaegisOptionsError.js";

describe("resolveConfigPath", () => {
  it("takes the configPath option first", () => {
    expect(resolveConfigPath({ configPath: "/srv/a/config", env: { TAEGIS_SDK_CONFIG: "/srv/b/config" }, homedir: "/home/me" })).toBe("/srv/a/config");
  });

  it("else TAEGIS_SDK_CONFIG", () => {
    expect(resolveConfigPath({ env: { TAEGIS_SDK_CONFIG: "/srv/b/config" }, homedir: "/home/me" })).toBe("/srv/b/config");
  });

  it("else ~/.taegis_sdk_typescript/config", () => {
    expect(resolveConfigPath({ env: {}, homedir: "/home/me" })).toBe("/home/me/.taegis_sdk_typescript/config");
    expect(resolveConfigPath({ env: { TAEGIS_SDK_CONFIG: "  " }, homedir: "/home/me" })).toBe("/home/me/.taegis_sdk_typescript/config");
  });

  it("expands a leading ~ and resolves relative paths", () => {
    expect(resolveConfigPath({ configPath: "~/taegis.ini", homedir: "/home/me" })).toBe("/home/me/taegis.ini");
    expect(resolveConfigPath({ env: { TAEGIS_SDK_CONFIG: "rel/config" } })).toBe(join(process.cwd(), "rel/config"));
  });

  it("refuses an empty configPath with a typed error", () => {
    expect(() => resolveConfigPath({ configPath: "" })).toThrow(TaegisOptionsError);
    expect(() => resolveConfigPath({ configPath: "" })).toThrow(/configPath/);
  });
});
