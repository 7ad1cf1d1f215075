import { writeFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { TaegisConfigError } from "../../src/errors/TaegisConfigError.js";
import { errorTexts, scanForLeaks } from "./leakScan.js";
import { runHostileCase } from "./runHostileCase.js";

/** The suite's own machinery must be able to fail: a scan that finds nothing, ever, proves nothing. */
describe("hostile suite harness", () => {
  test("the leak scan finds a secret in the message of a cause of a cause", () => {
    const error = new Error("outer", { cause: new Error("middle", { cause: new Error("inner holds s3cret-token-value") }) });
    const captured = errorTexts(error).map((text) => ({ where: "error", text }));
    expect(scanForLeaks(captured, ["s3cret-token-value"])).toEqual([{ where: "error", secret: "s3c... (18 chars)" }]);
  });

  test("the leak scan finds a secret in GraphQL errors and string fields", () => {
    const error = Object.assign(new Error("plain"), { errorDescription: "bad pa55word-value", errors: [{ message: "x", extensions: { token: "tok-123456" } }] });
    const texts = errorTexts(error).map((text) => ({ where: "error", text }));
    expect(scanForLeaks(texts, ["pa55word-value", "tok-123456"]).map((leak) => leak.secret)).toEqual(["pa5... (14 chars)", "tok... (10 chars)"]);
  });

  test("a case whose call succeeds fails", async () => {
    await expect(
      runHostileCase(
        { name: "succeeds", area: "config file", run: async () => "fine", expect: { error: TaegisConfigError, code: "config_corrupt", message: [] } },
        new Set(),
      ),
    ).rejects.toThrow(/but the call succeeded/);
  });

  test("a case that changes the config file fails, even with the right error", async () => {
    await expect(
      runHostileCase(
        {
          name: "clobbers",
          area: "config file",
          run: async (ctx) => {
            await writeFile(ctx.configPath, "");
            throw new TaegisConfigError("config_corrupt", "The file cannot be parsed: edit it, or delete the file.", { file: ctx.configPath });
          },
          expect: { error: TaegisConfigError, code: "config_corrupt", message: [/delete the file/] },
        },
        new Set(),
      ),
    ).rejects.toThrow(/nothing on disk changed/);
  });
});
