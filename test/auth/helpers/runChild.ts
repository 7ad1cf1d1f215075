import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CHILD = fileURLToPath(new URL("../fixtures/getTokenChild.ts", import.meta.url));

/** What a child printed, parsed, with its raw stdout and stderr for the leak scan. */
export interface ChildResult {
  ok: boolean;
  fingerprint?: string;
  code?: string;
  message?: string;
  stdout: string;
  stderr: string;
}

/** Runs the getToken child (`node --import tsx`) with `env` added to a clean environment. */
export function runTokenChild(env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", () => {
      const line = stdout.trim().split("\n").at(-1) ?? "";
      try {
        resolve({ ...(JSON.parse(line) as Omit<ChildResult, "stdout" | "stderr">), stdout, stderr });
      } catch {
        resolve({ ok: false, message: `no result line; stderr: ${stderr.slice(0, 2000)}`, stdout, stderr });
      }
    });
  });
}
