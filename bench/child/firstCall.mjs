// Prints how long a fresh process takes from before the import to the result of its first call, in ms, as JSON.
// Usage: node bench/child/firstCall.mjs <sdk|urql>
//   sdk:  import('taegis-sdk'), a TaegisClient for the sandbox of BENCH_SANDBOX (see sdkClient.mjs), one query
//         (CurrentSubject) with the token the config file in TAEGIS_SDK_CONFIG caches;
//   urql: import('@urql/core'), a Client with its fetchExchange, and the same query (BENCH_QUERY) POSTed to
//         BENCH_URL with the headers of BENCH_HEADERS (JSON), written by hand.
const mode = process.argv[2];
const start = performance.now();
if (mode === "sdk") {
  const { sandboxClient } = await import("./sdkClient.mjs");
  const { sdk, client } = await sandboxClient();
  const data = await client.query(sdk.CurrentSubjectDocument);
  if (typeof data.currentSubject?.id !== "string") throw new Error("the first call returned no subject");
} else if (mode === "urql") {
  const { Client, fetchExchange } = await import("@urql/core");
  const client = new Client({
    url: process.env.BENCH_URL,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: "network-only",
    fetchOptions: { headers: JSON.parse(process.env.BENCH_HEADERS ?? "{}") },
  });
  const result = await client.query(process.env.BENCH_QUERY, {}).toPromise();
  if (result.error !== undefined || typeof result.data?.currentSubject?.id !== "string") throw new Error(`the first call failed: ${result.error?.message}`);
} else {
  throw new Error("usage: firstCall.mjs <sdk|urql>");
}
process.stdout.write(`${JSON.stringify({ firstCallMs: performance.now() - start })}\n`);
