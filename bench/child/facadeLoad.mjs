// Lists the files a fresh process has loaded after one step, with their sizes, as JSON.
// Usage: node bench/child/facadeLoad.mjs <urql|import|call>
//   urql:   import('@urql/core') alone (the baseline);
//   import: import('taegis-sdk');
//   call:   import('taegis-sdk') and make one facade call against the sandbox whose
//           environments map is in BENCH_SANDBOX (JSON), with the client credentials
//           in CLIENT_ID / CLIENT_SECRET and the config file in TAEGIS_SDK_CONFIG.
import { loadedFiles } from "./loadedModules.mjs";
import { sandboxClient } from "./sdkClient.mjs";
import { statSync } from "node:fs";

const mode = process.argv[2];
if (mode === "urql") {
  await import("@urql/core");
} else {
  await import("taegis-sdk");
  if (mode === "call") {
    const { client } = await sandboxClient();
    const [service, operation] = (process.env.BENCH_CALL ?? "users.currentTDRUser").split(".");
    await client[service][operation](JSON.parse(process.env.BENCH_CALL_VARIABLES ?? "{}"));
  } else if (mode !== "import") {
    throw new Error("usage: facadeLoad.mjs <urql|import|call>");
  }
}
const here = new URL(".", import.meta.url).pathname;
const files = (await loadedFiles())
  .filter((path) => !path.startsWith(here))
  .map((path) => {
    try {
      return { path, bytes: statSync(path).size };
    } catch {
      return { path, bytes: 0 };
    }
  });
process.stdout.write(`${JSON.stringify({ files })}\n`);
