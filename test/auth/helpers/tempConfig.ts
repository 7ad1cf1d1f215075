import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh config path in its own temporary directory (the file itself does not exist yet). */
export async function tempConfigPath(): Promise<{ configPath: string; dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "taegis-auth-"));
  return { configPath: join(dir, "config"), dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
