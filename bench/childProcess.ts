import { spawn } from "node:child_process";
import { PROJECT_ROOT } from "./paths.js";

/** What a finished child process printed. */
export interface ChildOutput {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, in ms. */
  wallMs: number;
}

/** Options of {@link runChild}. */
export interface RunChildOptions {
  /** Extra environment variables (merged over `process.env`). */
  env?: Record<string, string>;
  /** Kill the child after this many ms (default 60 000). */
  timeoutMs?: number;
  /** Node flags placed before the script. */
  nodeArgs?: string[];
}

/** Runs `node [nodeArgs] script ...args` from the project root and collects its output. */
export function runChild(script: string, args: readonly string[] = [], options: RunChildOptions = {}): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - start });
    });
  });
}

/** Runs a child that prints one JSON line on success, and parses it. */
export async function runJsonChild<T>(script: string, args: readonly string[] = [], options: RunChildOptions = {}): Promise<T & { wallMs: number }> {
  const output = await runChild(script, args, options);
  const line = output.stdout.trim().split("\n").pop() ?? "";
  if (output.code !== 0 || line === "") {
    throw new Error(`${script} ${args.join(" ")} exited ${output.code}: ${output.stderr.trim().split("\n").slice(-8).join("\n")}`);
  }
  return { ...(JSON.parse(line) as T), wallMs: output.wallMs };
}
