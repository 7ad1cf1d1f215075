/**
 * `npm run schema:pull -- [--environment <name>] [--universal] [--out <dir>]`:
 * refreshes schema/ by introspecting a live Taegis environment, with a token
 * from the SDK's credential chain (CLIENT_ID / CLIENT_SECRET, a cached token,
 * or an interactive login). Then run `npm run codegen` and `npm run typecheck`.
 */
import { parseArgs } from "node:util";
import { TaegisClient } from "../src/client/TaegisClient.js";
import { pullSchemas } from "./pullSchema.js";

const { values } = parseArgs({
  options: {
    environment: { type: "string", default: "charlie" },
    universal: { type: "boolean", default: false },
    out: { type: "string", default: "schema" },
  },
});

const client = new TaegisClient({ environment: values.environment, useUniversalAuthentication: values.universal });
const written = await pullSchemas({ client, outDir: values.out });
for (const file of written) process.stdout.write(`wrote ${file}\n`);
process.stdout.write("Now run `npm run codegen`, then `npm run typecheck` to see what the change touches.\n");
