import { spawn } from "node:child_process";

/** What a finished command printed. */
export interface CommandOutput {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  /** stdout and stderr, interleaved as received. */
  output: string;
  /** Wall time from spawn to exit, in ms. */
  wallMs: number;
}

/** Runs `command ...args` in `cwd` (no shell) and resolves when it exits. */
export function runCommand(command: string, args: readonly string[], cwd: string, timeoutMs = 120_000): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output, wallMs: performance.now() - start });
    });
  });
}
