import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configValue } from "../../src/config/configSections.js";
import { parseConfigText } from "../../src/config/parseConfigText.js";
import { readConfig, writeToConfig } from "../../src/config/publicApi.js";
import { serializeConfig } from "../../src/config/serializeConfig.js";
import { TaegisConfigError } from "../../src/errors/TaegisConfigError.js";
import { jwtExpiringAt, pythonRead, tempDir } from "./helpers.js";

const FILE = "/cfg/config";

function corruptLine(text: string): { line: number | undefined; message: string } {
  try {
    parseConfigText(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(TaegisConfigError);
    expect((error as TaegisConfigError).code).toBe("config_corrupt");
    expect((error as TaegisConfigError).file).toBe(FILE);
    return { line: (error as TaegisConfigError).line, message: (error as Error).message };
  }
  throw new Error("expected the text to be refused");
}

describe("parsing the config file", () => {
  it("reads sections, keys and values, with comments, blank lines, CRLF, a BOM and key: value lines", () => {
    const text = "\uFEFF; written by hand\r\n[charlie]\r\nCLIENT_ID = CHARLIE_CLIENT_ID\r\n\r\n# token\r\naccess_token: abc.def-ghi_jkl\r\n[universal]\r\nflag=true\r\nempty =\r\n";
    expect(parseConfigText(text, FILE)).toEqual({
      charlie: { CLIENT_ID: "CHARLIE_CLIENT_ID", access_token: "abc.def-ghi_jkl" },
      universal: { flag: "true", empty: "" },
    });
  });

  it("keeps true, false and null as strings", () => {
    expect(parseConfigText("[a]\nx = true\ny = false\nz = null\n", FILE)).toEqual({ a: { x: "true", y: "false", z: "null" } });
  });

  it("keeps an empty section", () => {
    expect(parseConfigText("[delta]\n", FILE)).toEqual({ delta: {} });
  });

  it.each([
    ["a line cut off while being written", "[charlie]\naccess_token = abc\naccess_tok", 3],
    ["a key before any section", "access_token = abc\n[charlie]\n", 1],
    ["an unterminated section header", "[charlie]\nCLIENT_ID = X\n[delta\n", 3],
    ["an empty section name", "[]\n", 1],
    ["a value without a key", "[charlie]\n= value\n", 2],
    ["a section twice (configparser refuses it)", "[charlie]\na = 1\n[delta]\n[charlie]\n", 4],
    ["a key twice, in another case (configparser refuses it)", "[charlie]\nCLIENT_ID = A\nclient_id = B\n", 3],
  ])("refuses %s, naming the file and the line", (_, text, line) => {
    const found = corruptLine(text);
    expect(found.line).toBe(line);
    expect(found.message).toContain(FILE);
    expect(found.message).toContain(`line ${line}`);
    expect(found.message).toMatch(/edit line \d+ of .* or delete the file/i);
  });

  it("never quotes the bad line, which may hold a token", () => {
    const token = jwtExpiringAt(2_000_000_000);
    const { message } = corruptLine(`[charlie]\n${token}\n`);
    expect(message).not.toContain(token);
    expect(message).not.toContain(token.slice(0, 20));
  });
});

describe("writing the config file", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it("round-trips tokens, variable names and plain values", async () => {
    const configPath = join(dir, "config");
    const token = jwtExpiringAt(2_000_000_000, "user-1_x.y");
    const written = {
      charlie: { CLIENT_ID: "CHARLIE_CLIENT_ID", CLIENT_SECRET: "CHARLIE_CLIENT_SECRET", access_token: token },
      universal: { access_token: token, note: "true", empty: "" },
      "my-sandbox_1": { "key.with-dots_and-dashes": "a.b-c_d" },
    };
    for (const [section, entries] of Object.entries(written)) {
      for (const [key, value] of Object.entries(entries)) await writeToConfig(section, key, value, { configPath });
    }
    expect(await readConfig({ configPath })).toEqual(written);
    expect(await readFile(configPath, "utf8")).toContain(`access_token = ${token}\n`);
  });

  it("is read by Python's configparser with the same sections, keys and values", async () => {
    const configPath = join(dir, "config");
    const token = jwtExpiringAt(2_000_000_000);
    await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", { configPath });
    await writeToConfig("charlie", "CLIENT_SECRET", "CHARLIE_CLIENT_SECRET", { configPath });
    await writeToConfig("charlie", "access_token", token, { configPath });
    await writeToConfig("universal", "access_token", token, { configPath });
    const ours = await readConfig({ configPath });

    // With keys kept as written (optionxform = str): identical.
    expect(pythonRead(configPath, { preserveCase: true })).toEqual(ours);
    // With configparser's default (keys lower-cased, as the Python SDK reads):
    // same sections and values, keys in lower case, and get("CLIENT_ID") works.
    const lowered = pythonRead(configPath, { preserveCase: false });
    expect(Object.keys(lowered)).toEqual(Object.keys(ours));
    expect(lowered["charlie"]).toEqual({ client_id: "CHARLIE_CLIENT_ID", client_secret: "CHARLIE_CLIENT_SECRET", access_token: token });
    const viaGet = execFileSync(
      "python3",
      ["-c", "import configparser,sys; c=configparser.ConfigParser(); c.read(sys.argv[1]); print(c['charlie'].get('CLIENT_ID'))", configPath],
      { encoding: "utf8" },
    );
    expect(viaGet.trim()).toBe("CHARLIE_CLIENT_ID");
  });

  it("reads a file the Python SDK wrote (lower-cased keys) and updates it without a duplicate key", async () => {
    const configPath = join(dir, "config");
    execFileSync("python3", [
      "-c",
      [
        "import configparser, sys",
        "c = configparser.ConfigParser()",
        "c.add_section('charlie')",
        "c['charlie']['CLIENT_ID'] = 'OLD_CLIENT_ID'",
        "c['charlie']['access_token'] = 'a.b.c'",
        "c.write(open(sys.argv[1], 'w'))",
      ].join("\n"),
      configPath,
    ]);
    const sections = await readConfig({ configPath });
    expect(sections).toEqual({ charlie: { client_id: "OLD_CLIENT_ID", access_token: "a.b.c" } });
    expect(configValue(sections, "charlie", "CLIENT_ID")).toBe("OLD_CLIENT_ID");

    await writeToConfig("charlie", "CLIENT_ID", "CHARLIE_CLIENT_ID", { configPath });
    expect(await readConfig({ configPath })).toEqual({ charlie: { access_token: "a.b.c", CLIENT_ID: "CHARLIE_CLIENT_ID" } });
    expect(pythonRead(configPath, { preserveCase: false })).toEqual({ charlie: { access_token: "a.b.c", client_id: "CHARLIE_CLIENT_ID" } });
  });

  it.each([
    ["a section with '['", "char[lie", "k", "v"],
    ["a section with ']'", "charlie]", "k", "v"],
    ["a section with '='", "a=b", "k", "v"],
    ["a section with a newline", "a\nb", "k", "v"],
    ["a section with '.' (the ini package nests it)", "a.b", "k", "v"],
    ["the DEFAULT section (configparser's defaults)", "DEFAULT", "k", "v"],
    ["an empty section", "", "k", "v"],
    ["a key with '='", "charlie", "a=b", "v"],
    ["a key with ':'", "charlie", "a:b", "v"],
    ["a key with a newline", "charlie", "a\nb", "v"],
    ["a key with '['", "charlie", "[a", "v"],
    ["an empty key", "charlie", "", "v"],
    ["a value with a newline", "charlie", "k", "a\nb"],
    ["a value with a carriage return", "charlie", "k", "a\rb"],
    ["a value with ';' (the ini package cuts it)", "charlie", "k", "a;b"],
    ["a value with '#'", "charlie", "k", "a#b"],
    ["a value with '='", "charlie", "k", "a=b"],
    ["a value with '%' (configparser interpolates it)", "charlie", "k", "a%b"],
    ["a value with surrounding blanks", "charlie", "k", " ab "],
    ["a quoted value", "charlie", "k", '"ab"'],
    ["a CLIENT_SECRET that is not a variable name", "charlie", "CLIENT_SECRET", "s3cr-et~value+x"],
    ["a client_id that is not a variable name", "charlie", "client_id", "abc-def"],
  ])("refuses %s with config_invalid_key, writing nothing", async (_, section, key, value) => {
    const configPath = join(dir, "config");
    await writeToConfig("charlie", "CLIENT_ID", "KEEP_ME", { configPath });
    const before = await readFile(configPath);
    const error = await writeToConfig(section, key, value, { configPath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaegisConfigError);
    expect((error as TaegisConfigError).code).toBe("config_invalid_key");
    if (value.length > 1) expect((error as Error).message).not.toContain(value);
    expect(await readFile(configPath)).toEqual(before);
  });

  it("writes the layout configparser writes: [section], then key = value lines", () => {
    expect(serializeConfig({ charlie: { CLIENT_ID: "X", access_token: "a.b.c" }, empty: {}, delta: { k: "v" } }, FILE)).toBe(
      "[charlie]\nCLIENT_ID = X\naccess_token = a.b.c\n\n[delta]\nk = v\n",
    );
  });

  it("keeps hand-written names it does not use itself, such as [my env] and 'some key'", async () => {
    const configPath = join(dir, "config");
    await writeFile(configPath, "[my env]\nsome key = some value\n", { mode: 0o600 });
    await writeToConfig("charlie", "CLIENT_ID", "X", { configPath });
    expect(await readConfig({ configPath })).toEqual({ "my env": { "some key": "some value" }, charlie: { CLIENT_ID: "X" } });
    expect(pythonRead(configPath)).toEqual({ "my env": { "some key": "some value" }, charlie: { CLIENT_ID: "X" } });
  });

  it.each([
    ["a value with an inline ';' (configparser keeps it, the ini package drops it)", "[charlie]\nnote = a;b\n", 2],
    ["a quoted value", '[charlie]\nnote = "a"\n', 2],
    ["a section the ini package nests ([a.b])", "[a.b]\nk = v\n", undefined],
  ])("refuses to rewrite a file with %s, leaving it unchanged", async (_, text, line) => {
    const configPath = join(dir, "config");
    await writeFile(configPath, text, { mode: 0o600 });
    const error = await writeToConfig("charlie", "CLIENT_ID", "X", { configPath }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "config_invalid_key", file: configPath, line });
    expect((error as Error).message).toContain(configPath);
    expect(await readFile(configPath, "utf8")).toBe(text);
  });
});
