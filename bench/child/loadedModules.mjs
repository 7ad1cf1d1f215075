// Registers hooks that record loaded module URLs, then exposes what was loaded:
// ESM modules (and CommonJS entry points) seen by the loader, plus every file in
// the CommonJS require cache (modules that CommonJS code require()d).
import { register, createRequire } from "node:module";
import { MessageChannel } from "node:worker_threads";

const { port1, port2 } = new MessageChannel();
const urls = new Set();
port1.on("message", (url) => urls.add(url));
port1.unref();
register(new URL("./recordLoadsHooks.mjs", import.meta.url), { data: { port: port2 }, transferList: [port2] });

const require = createRequire(import.meta.url);

/** Waits for the hooks thread's messages to arrive, then lists the loaded file paths. */
export async function loadedFiles() {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const files = new Set();
  for (const url of urls) if (url.startsWith("file:")) files.add(new URL(url).pathname);
  for (const path of Object.keys(require.cache)) files.add(path);
  return [...files];
}
