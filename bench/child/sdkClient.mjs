// Shared by the child scripts: a TaegisClient for the sandbox described in the
// environment (BENCH_SANDBOX, JSON), with the client credentials in CLIENT_ID /
// CLIENT_SECRET and the config file in TAEGIS_SDK_CONFIG.
export async function sandboxClient() {
  const sdk = await import("taegis-sdk");
  const sandbox = JSON.parse(process.env.BENCH_SANDBOX ?? "{}");
  const client = new sdk.TaegisClient({
    environments: sandbox.environments,
    universalAuthenticationUrl: sandbox.universalAuthenticationUrl,
    environment: sandbox.environment,
    tenantId: sandbox.tenantId,
    interactive: false,
    logger: sdk.silentLogger,
  });
  return { sdk, client };
}
