// Runs the sandbox in its own process, so that the server's work does not share
// the benchmark's event loop, and answers the benchmark's calls over IPC:
// { id, method, args } -> { id, result } or { id, error }.
import { startSandbox } from "taegis-sdk/sandbox";

const sandbox = await startSandbox(JSON.parse(process.env.BENCH_SANDBOX_OPTIONS ?? "{}"));
const { environments, universalAuthenticationUrl, url, tenants, users } = sandbox;
process.send({ type: "ready", info: { environments, universalAuthenticationUrl, url, tenants, users } });

const methods = {
  counts: () => {
    const { requests: _requests, ...counts } = sandbox.metrics();
    return counts;
  },
  resetMetrics: () => sandbox.resetMetrics(),
  createClientCredentials: (options) => sandbox.createClientCredentials(options),
  mintToken: (options) => sandbox.mintToken(options),
  inject: (fault) => sandbox.inject(fault),
};

process.on("message", async (message) => {
  const { id, method, args } = message;
  try {
    const fn = methods[method];
    if (fn === undefined) throw new Error(`unknown sandbox method ${method}`);
    process.send({ id, result: (await fn(...args)) ?? null });
  } catch (error) {
    process.send({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
process.on("disconnect", () => {
  sandbox.stop().finally(() => process.exit(0));
});
