/**
 * `npm run sandbox`: runs the sandbox standalone until SIGINT or SIGTERM.
 * Port from `--port N` (or `--port=N`), else `PORT`, else 0 (any free port).
 * Prints the environments map, the universal authentication URL, the seeded
 * users and one fresh client credential pair per region: this is a local test
 * server, and these are its own test credentials.
 */
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import { startSandbox } from "./startSandbox.js";

/** The port asked for on the command line or in `PORT`; 0 when neither. */
function portFrom(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let text: string | undefined;
  argv.forEach((arg, index) => {
    if (arg === "--port") text = argv[index + 1];
    else if (arg.startsWith("--port=")) text = arg.slice("--port=".length);
  });
  text ??= env["PORT"];
  if (text === undefined || text === "") return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TaegisOptionsError("invalid_option", "port", "The sandbox port must be an integer from 0 to 65535 (--port N or PORT=N).");
  }
  return port;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: portFrom(process.argv.slice(2), process.env) });
  const credentials: Record<string, { CLIENT_ID: string; CLIENT_SECRET: string }> = {};
  for (const region of Object.keys(sandbox.environments)) {
    const { clientId, clientSecret } = await sandbox.createClientCredentials({ environment: region });
    credentials[region] = { CLIENT_ID: clientId, CLIENT_SECRET: clientSecret };
  }
  const out = process.stdout;
  out.write(`Taegis sandbox listening on ${sandbox.url}\n\n`);
  out.write(`environments (pass to new TaegisClient({ environments })):\n${JSON.stringify(sandbox.environments, null, 2)}\n\n`);
  out.write(`universalAuthenticationUrl: ${sandbox.universalAuthenticationUrl}\n\n`);
  out.write(`tenants:\n${sandbox.tenants.map((tenant) => `  ${tenant.id}  ${tenant.name}`).join("\n")}\n\n`);
  out.write("users (device-code logins are approved as the first one; password logins at /universal-auth/token):\n");
  for (const user of sandbox.users) {
    out.write(`  ${user.username}  password ${user.password}${user.otp === undefined ? "" : `  otp ${user.otp}`}  tenants ${user.tenantIds.join(", ")}\n`);
  }
  out.write(`\nclient credentials (tenant ${sandbox.tenants[0]?.id ?? ""}), one pair per region:\n${JSON.stringify(credentials, null, 2)}\n\n`);
  out.write("Press Ctrl+C to stop.\n");

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`taegis sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
