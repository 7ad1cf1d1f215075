// One of N processes started together on one config file: loads the SDK and
// builds its client, prints "ready", waits for "go" on stdin (sent once every
// process is ready), then makes one call and prints JSON.
import { sandboxClient } from "./sdkClient.mjs";

const { sdk, client } = await sandboxClient();
process.stdout.write("ready\n");
await new Promise((resolve) => {
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => {
    if (chunk.includes("go")) resolve();
  });
});
process.stdin.pause();
const start = performance.now();
await client.query(sdk.CurrentSubjectDocument);
process.stdout.write(`${JSON.stringify({ ok: true, callMs: performance.now() - start })}\n`);
process.exit(0);
