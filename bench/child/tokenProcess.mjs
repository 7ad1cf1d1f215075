// One of N processes started together on one config file: waits for the
// common start time (BENCH_START_AT, epoch ms), then makes one call.
import { sandboxClient } from "./sdkClient.mjs";

const { sdk, client } = await sandboxClient();
const startAt = Number(process.env.BENCH_START_AT ?? "0");
const wait = startAt - Date.now();
if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
const lateMs = Date.now() - startAt;
await client.query(sdk.CurrentSubjectDocument);
process.stdout.write(`${JSON.stringify({ ok: true, lateMs })}\n`);
