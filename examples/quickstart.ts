/**
 * The quickstart that `npm start` runs: the Taegis SDK for Python's story,
 * in TypeScript, against the embedded sandbox. It uses a temporary config
 * file, never the one in your home directory, and stops the sandbox when done.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox } from "../src/sandbox/index.js";
import { InvestigationsV2Document, TaegisClient, readConfig, writeToConfig } from "../src/index.js";

const say = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
const step = (n: number, title: string): void => say(`\n${n}. ${title}`);

/** Shows that a secret was received without printing it. */
const masked = (secret: string | null | undefined): string =>
  secret ? `${"*".repeat(8)} (${secret.length} characters, shown once by the API)` : "(none)";

const work = await mkdtemp(join(tmpdir(), "taegis-quickstart-"));
const configPath = join(work, "config");
const sandbox = await startSandbox();
const started = Date.now();

try {
  say("Taegis SDK for TypeScript: quickstart against the local sandbox");
  say(`sandbox: ${sandbox.url}`);
  say(`regions: ${Object.entries(sandbox.environments).map(([name, { url }]) => `${name} ${url}`).join(", ")}`);
  say(`config file: ${configPath} (temporary)`);

  // Everything a client needs to talk to the sandbox instead of Taegis.
  const where = {
    environments: sandbox.environments,
    universalAuthenticationUrl: sandbox.universalAuthenticationUrl,
    configPath,
    env: {} as NodeJS.ProcessEnv,
  };

  step(1, "A user logs in by device code (SSO), with universal authentication");
  const user = new TaegisClient({
    ...where,
    environment: "us1",
    useUniversalAuthentication: true,
    interactive: true,
    onDeviceCode: ({ verificationUriComplete, verificationUri, userCode }) => {
      say(`   Open ${verificationUriComplete ?? verificationUri} in a browser and confirm the code ${userCode}.`);
      say("   (the sandbox approves it for you)");
    },
  });
  const me = await user.users.currentTDRUser();
  say(`   logged in as ${me?.email ?? "?"}; the token is cached under [universal]`);

  step(2, "createClient: OAuth client credentials for automation");
  const created = await user.clients.createClient({ name: "my_awesome_app", roles: null });
  const clientId = created?.client?.clientID ?? "";
  const clientSecret = created?.clientSecret ?? "";
  say(`   CLIENT_ID=${clientId}`);
  say(`   CLIENT_SECRET=${masked(clientSecret)}`);
  say("   In a shell you would now: export CLIENT_ID=... CLIENT_SECRET=...");

  step(3, "A new client authenticates with them from the environment, then runs typed queries");
  const automation = new TaegisClient({
    ...where,
    environment: "us1",
    interactive: false,
    env: { CLIENT_ID: clientId, CLIENT_SECRET: clientSecret },
  });
  const tenants = await automation.tenants.listTenants({ tenantsQuery: { maxResults: 5 } });
  for (const tenant of tenants?.results ?? []) say(`   tenant ${tenant?.id}: ${tenant?.name}`);
  const opened = await automation.investigations2.createInvestigationV2({
    input: { title: "Quickstart: suspicious login", priority: 3, tags: ["quickstart"] },
  });
  say(`   created investigation ${opened?.shortId ?? opened?.id}: ${opened?.title}`);
  const found = await automation.query(InvestigationsV2Document, {
    arguments: { cql: "title contains 'Quickstart'", perPage: 10 },
  });
  say(`   investigationsV2 finds ${found.investigationsV2?.totalCount ?? 0} matching investigation(s)`);
  const alerts = await automation.alerts.alertsServiceSearch({ in: { cql_query: "FROM alert", limit: 3 } });
  for (const alert of alerts?.alerts?.list ?? []) {
    say(`   alert ${alert?.id}: ${alert?.metadata?.title} (severity ${alert?.metadata?.severity})`);
  }

  step(4, "writeToConfig: the delta environment reads its credentials from DELTA_CLIENT_ID / DELTA_CLIENT_SECRET");
  const deltaCredentials = await user.clients.createClient({ name: "delta_app" }, { environment: "us2" });
  await writeToConfig("delta", "CLIENT_ID", "DELTA_CLIENT_ID", { configPath });
  await writeToConfig("delta", "CLIENT_SECRET", "DELTA_CLIENT_SECRET", { configPath });
  const delta = new TaegisClient({
    ...where,
    environment: "delta",
    interactive: false,
    env: {
      CLIENT_ID: clientId, // the charlie credentials: not valid in delta
      CLIENT_SECRET: clientSecret,
      DELTA_CLIENT_ID: deltaCredentials?.client?.clientID ?? "",
      DELTA_CLIENT_SECRET: deltaCredentials?.clientSecret ?? "",
    },
  });
  const deltaSubject = await delta.subjects.currentSubject();
  say(`   delta (us2) authenticated as client ${deltaSubject?.name ?? deltaSubject?.id}`);
  const sections = await readConfig({ configPath });
  say(`   [delta] in the config file: ${JSON.stringify({ CLIENT_ID: sections["delta"]?.["CLIENT_ID"], CLIENT_SECRET: sections["delta"]?.["CLIENT_SECRET"] })}`);

  step(5, "Universal authentication: one token serves two regions");
  const before = sandbox.metrics().tokenRequests;
  const inUs1 = await user.users.currentTDRUser(undefined, { environment: "us1" });
  const inEu = await user.users.currentTDRUser(undefined, { environment: "eu" });
  say(`   us1 and eu both answered for ${inUs1?.email} / ${inEu?.email}`);
  say(`   token requests for these two calls: ${sandbox.metrics().tokenRequests - before}`);

  step(6, "clearAccessToken(): forget the cached tokens");
  await automation.clearAccessToken(); // charlie, the automation client's environment
  await user.clearAccessToken(); // universal, the user's login
  const after = await readConfig({ configPath });
  say(`   [charlie] access_token cached: ${after["charlie"]?.["access_token"] === undefined ? "no" : "yes"}`);
  say(`   [universal] access_token cached: ${after["universal"]?.["access_token"] === undefined ? "no" : "yes"}`);

  say(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await sandbox.stop();
  await rm(work, { recursive: true, force: true });
}
