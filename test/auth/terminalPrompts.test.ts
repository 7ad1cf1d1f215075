import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { promptLine, terminalPrompts } from "../../src/auth/terminalPrompts.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";

function streams(tty: boolean) {
  const input = Object.assign(new PassThrough(), { isTTY: tty, setRawMode: () => input });
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  return { input, output, printed: () => printed };
}

describe("terminal prompts", () => {
  it("shows the question and echoes a visible answer", async () => {
    const io = streams(true);
    const answer = promptLine("Taegis username: ", { input: io.input, output: io.output });
    io.input.write("alice@example.com\r");
    await expect(answer).resolves.toBe("alice@example.com");
    expect(io.printed()).toContain("Taegis username: ");
    expect(io.printed()).toContain("alice@example.com");
  });

  it("hides a password on a terminal: the question is shown, nothing typed is echoed", async () => {
    const io = streams(true);
    const prompts = terminalPrompts({ input: io.input, output: io.output });
    const answer = prompts.promptPassword();
    io.input.write("hunter2-Secret\r");
    await expect(answer).resolves.toBe("hunter2-Secret");
    expect(io.printed()).toContain("Taegis password: ");
    expect(io.printed()).not.toContain("hunter2");
  });

  it("hides an OTP read from a pipe too", async () => {
    const io = streams(false);
    const answer = terminalPrompts({ input: io.input, output: io.output }).promptOtp();
    io.input.write("123456\n");
    await expect(answer).resolves.toBe("123456");
    expect(io.printed()).toContain("one-time password");
    expect(io.printed()).not.toContain("123456");
  });

  it("rejects with aborted at the end of the input and on the signal", async () => {
    const io = streams(false);
    const ended = promptLine("Taegis username: ", { input: io.input, output: io.output });
    io.input.end();
    const error = await ended.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaegisAuthError);
    expect((error as TaegisAuthError).code).toBe("aborted");

    const io2 = streams(true);
    const controller = new AbortController();
    const cancelled = promptLine("Taegis password: ", { input: io2.input, output: io2.output, hidden: true, signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: "aborted" });
  });
});
