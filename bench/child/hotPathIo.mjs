// Counts the file-system calls that touch the config file while 1000 calls
// run on a warm token. fs and fs/promises are instrumented before the SDK is
// loaded (so CommonJS copies such as graceful-fs's see the wrappers too, and
// syncBuiltinESMExports updates ESM named imports of node:fs).
// Usage: node bench/child/hotPathIo.mjs <calls>   (config file in TAEGIS_SDK_CONFIG)
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const configPath = resolve(process.env.TAEGIS_SDK_CONFIG ?? "");
const configDir = dirname(configPath);
const calls = Number(process.argv[2] ?? "1000");

const PATH_FUNCTIONS = [
  "access", "appendFile", "chmod", "copyFile", "createReadStream", "createWriteStream", "exists", "lstat", "mkdir",
  "open", "readFile", "readdir", "realpath", "rename", "rm", "rmdir", "stat", "unlink", "utimes", "watch", "watchFile", "writeFile",
];

/** phase -> function -> count, for calls on the config file itself and for anything in its directory (lock, temp files). */
const counts = { warmup: { file: {}, dir: {} }, hotPath: { file: {}, dir: {} } };
let phase = "warmup";

function pathOf(arg) {
  try {
    if (typeof arg === "string") return resolve(arg);
    if (arg instanceof URL) return fileURLToPath(arg);
    if (Buffer.isBuffer(arg)) return resolve(arg.toString());
  } catch {
    return undefined;
  }
  return undefined;
}

function wrap(target, name, label) {
  const original = target[name];
  if (typeof original !== "function") return;
  target[name] = function (...args) {
    const path = pathOf(args[0]);
    if (path !== undefined && (path === configDir || path.startsWith(`${configDir}/`))) {
      const bucket = path === configPath ? counts[phase].file : counts[phase].dir;
      bucket[label] = (bucket[label] ?? 0) + 1;
    }
    return original.apply(this, args);
  };
}

for (const name of PATH_FUNCTIONS) {
  wrap(fs, name, `fs.${name}`);
  wrap(fs, `${name}Sync`, `fs.${name}Sync`);
  wrap(fs.promises, name, `fs.promises.${name}`);
}
syncBuiltinESMExports();

const { sandboxClient } = await import("./sdkClient.mjs");
const { sdk, client } = await sandboxClient();
await client.query(sdk.CurrentSubjectDocument);
phase = "hotPath";
for (let i = 0; i < calls; i += 1) await client.query(sdk.CurrentSubjectDocument);

const total = (bucket) => Object.values(bucket).reduce((sum, n) => sum + n, 0);
process.stdout.write(
  `${JSON.stringify({
    calls,
    hotPathConfigFile: total(counts.hotPath.file),
    hotPathConfigDir: total(counts.hotPath.dir),
    warmupConfigFile: total(counts.warmup.file),
    counts,
  })}\n`,
);
