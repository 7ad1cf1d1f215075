import { basename, dirname, join } from "node:path";
import type { ConfigFs } from "./ConfigFs.js";

const TEMP_SUFFIX = ".tmp";

let cryptoModule: Promise<typeof import("node:crypto")> | undefined;

/** node:crypto, imported on the first write (loading it costs start-up time that reads never need). */
function loadCrypto(): Promise<typeof import("node:crypto")> {
  cryptoModule ??= import("node:crypto");
  return cryptoModule;
}
const isWindows = process.platform === "win32";

/** Whether `name` (a bare file name) is a temporary file of {@link atomicWriteFile} for `target`. */
export function isTempFileOf(target: string, name: string): boolean {
  return name.startsWith(`.${basename(target)}.`) && name.endsWith(TEMP_SUFFIX);
}

async function syncDirectory(fs: ConfigFs, directory: string): Promise<void> {
  if (isWindows) return;
  try {
    const handle = await fs.open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic.
  }
}

/**
 * Replaces `target` with `text` so that a reader sees the old content or the
 * new, never a part: the text goes to a temporary file in the same directory,
 * created with mode 0600, flushed to disk, then renamed over `target`, and
 * the directory is flushed so that the rename survives a power cut. On failure
 * the temporary file is removed and `target` is left as it was.
 */
export async function atomicWriteFile(fs: ConfigFs, target: string, text: string): Promise<void> {
  const { randomBytes } = await loadCrypto();
  const directory = dirname(target);
  const temp = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
  const handle = await fs.open(temp, "wx", 0o600);
  let renamed = false;
  try {
    try {
      await handle.writeFile(text, "utf8");
      if (!isWindows) await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
  }
  await syncDirectory(fs, directory);
}
