import { spawn } from "node:child_process";
import { PROJECT_ROOT } from "./paths.js";

/** What one of the processes printed last (its JSON line). */
export type TogetherResult = Record<string, unknown>;

/**
 * Starts `count` Node processes of `script`, waits until every one has
 * printed `ready` (its SDK loaded), then sends `go` to all at once: a real
 * barrier, so that the processes make their calls together however long each
 * took to start. Resolves to each process's last (JSON) line.
 */
export async function startTogether(script: string, count: number, env: Record<string, string>, timeoutMs = 60_000): Promise<TogetherResult[]> {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [script], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] }),
  );
  const timer = setTimeout(() => children.forEach((child) => child.kill("SIGKILL")), timeoutMs);
  try {
    const outputs = children.map(() => ({ stdout: "", stderr: "" }));
    let ready = 0;
    const allReady = new Promise<void>((resolve) => {
      children.forEach((child, index) => {
        const output = outputs[index] as { stdout: string; stderr: string };
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output.stderr += chunk));
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          const wasReady = output.stdout.includes("ready\n");
          output.stdout += chunk;
          if (!wasReady && output.stdout.includes("ready\n") && ++ready === count) resolve();
        });
      });
    });
    const exits = children.map(
      (child, index) =>
        new Promise<TogetherResult>((resolve, reject) => {
          child.on("close", (code) => {
            const output = outputs[index] as { stdout: string; stderr: string };
            const line = output.stdout.trim().split("\n").pop() ?? "";
            if (code !== 0 || !line.startsWith("{")) reject(new Error(`${script} exited ${code}: ${output.stderr.trim().split("\n").slice(-6).join("\n")}`));
            else resolve(JSON.parse(line) as TogetherResult);
          });
        }),
    );
    await Promise.race([allReady, Promise.all(exits)]);
    for (const child of children) child.stdin.write("go\n");
    return await Promise.all(exits);
  } finally {
    clearTimeout(timer);
  }
}
