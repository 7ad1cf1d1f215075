import { TaegisAuthError } from "../errors/TaegisAuthError.js";
import type { PromptContext } from "./interaction.js";

let terminal: Promise<[typeof import("node:readline"), typeof import("node:stream")]> | undefined;

/** node:readline and node:stream, imported on the first prompt (most programs never prompt). */
function loadTerminal(): Promise<[typeof import("node:readline"), typeof import("node:stream")]> {
  terminal ??= Promise.all([import("node:readline"), import("node:stream")]);
  return terminal;
}

/** Streams of the terminal prompts. */
export interface TerminalPromptOptions {
  /** Where answers are read. Default `process.stdin`. */
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Where questions are written. Default `process.stderr`, so stdout stays the program's. */
  output?: NodeJS.WritableStream;
}

/** Options of one prompt. */
export interface PromptLineOptions extends TerminalPromptOptions {
  /** Hide what is typed (passwords, OTPs). */
  hidden?: boolean;
  /** Cancels the prompt. */
  signal?: AbortSignal | undefined;
}

/** The three prompts of a password login. */
export interface TerminalPrompts {
  /** Asks for the username (visible input). */
  promptUsername(context?: PromptContext): Promise<string>;
  /** Asks for the password (hidden input). */
  promptPassword(context?: PromptContext): Promise<string>;
  /** Asks for the one-time password (hidden input). */
  promptOtp(context?: PromptContext): Promise<string>;
}

/**
 * Asks one question on the terminal with node:readline and resolves to the
 * line typed. With `hidden`, nothing typed is echoed: readline's echo goes to
 * a muted stream, and on a TTY readline puts the input in raw mode so that
 * the terminal does not echo either. Ctrl+C, the end of the input, or the
 * signal reject with {@link TaegisAuthError} `aborted`.
 */
export async function promptLine(question: string, options: PromptLineOptions = {}): Promise<string> {
  const [{ createInterface }, { Writable }] = await loadTerminal();
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stderr;
  let muted = false;
  const sink = new Writable({
    write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
      if (!muted) output.write(chunk);
      callback();
    },
  });
  const readline = createInterface({ input, output: sink, terminal: input.isTTY === true });
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, answer?: string) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      if (muted) output.write("\n");
      muted = false;
      readline.close();
      if (error !== undefined) reject(error);
      else resolve(answer ?? "");
    };
    const cancelled = (why: string) => new TaegisAuthError("aborted", `The login prompt was cancelled (${why}). Run the login again to sign in.`);
    const onAbort = () => finish(cancelled("AbortSignal"));
    if (options.signal?.aborted) {
      finish(cancelled("AbortSignal"));
      return;
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });
    readline.on("SIGINT", () => finish(cancelled("Ctrl+C")));
    readline.on("close", () => finish(cancelled("end of input")));
    readline.question(question, (answer) => finish(undefined, answer));
    muted = options.hidden === true;
  });
}

/**
 * The default prompts of a password login: the username with visible input,
 * the password and the OTP with hidden input, on stderr.
 */
export function terminalPrompts(options: TerminalPromptOptions = {}): TerminalPrompts {
  const ask = (question: string, hidden: boolean, signal: AbortSignal | undefined) => promptLine(question, { ...options, hidden, signal });
  return {
    promptUsername: (context) => ask("Taegis username: ", false, context?.signal),
    promptPassword: (context) => ask("Taegis password: ", true, context?.signal),
    promptOtp: (context) => ask("Taegis one-time password (MFA): ", true, context?.signal),
  };
}
