import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

/** Every entry under a directory: relative path -> file bytes (base64), `<dir>` or `<link>`. */
export type DiskSnapshot = Record<string, string>;

/** Records every file (its bytes) and directory under `root`, recursively. */
export async function snapshotDisk(root: string): Promise<DiskSnapshot> {
  const out: DiskSnapshot = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const name = relative(root, path);
      const stats = await lstat(path);
      if (stats.isSymbolicLink()) out[name] = "<link>";
      else if (stats.isDirectory()) {
        out[name] = "<dir>";
        await walk(path);
      } else out[name] = (await readFile(path)).toString("base64");
    }
  };
  await walk(root);
  return out;
}

/** The differences between two snapshots, as readable lines (empty when equal). */
export function diffSnapshots(before: DiskSnapshot, after: DiskSnapshot): string[] {
  const lines: string[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!(name in after)) lines.push(`removed: ${name}`);
    else if (!(name in before)) lines.push(`added: ${name}`);
    else if (before[name] !== after[name]) lines.push(`changed: ${name}`);
  }
  return lines.sort();
}
