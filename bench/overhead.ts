import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sdk } from "./loadSdk.js";
import { now } from "./measure.js";
import type { SandboxProcess } from "./sandboxProcess.js";
import { ratio, summarize, type Summary } from "./stats.js";

/** Per-call overhead of the SDK against a hand-written fetch of the same request. */
export interface OverheadResult {
  /** Per-call latency of sequential calls through TaegisClient, ms. */
  sequentialSdk: Summary;
  /** The same for the hand-written fetch, ms. */
  sequentialFetch: Summary;
  /** Wall time of a batch of concurrent calls through TaegisClient, ms. */
  concurrentSdk: Summary;
  /** The same for the hand-written fetch, ms. */
  concurrentFetch: Summary;
  /** median(SDK) / median(fetch), sequential. */
  sequentialRatio: number;
  /** median(SDK) / median(fetch), concurrent. */
  concurrentRatio: number;
  /**
   * The SDK given the global fetch as its `fetch` option (the transport of the baseline) instead of its
   * default node:http(s) transport: what the SDK's own work costs on the same transport.
   */
  overGlobalFetch: { sequential: Summary; concurrent: Summary; sequentialRatio: number; concurrentRatio: number };
  /** CPU time (user + system) of this process per sequential call, µs: the client's own cost, without the server's. */
  cpuPerCallUs: { sdk: number; fetch: number; overFetch: number };
  /** GraphQL requests the sandbox counted during the timed part, per side (each call must be one request). */
  requestsSeen: { expected: number; counted: number };
}

/** Sizes of the overhead benchmark. */
export interface OverheadPlan {
  /** Calls per side before timing. */
  warmupCalls: number;
  /** Sequential calls per round (2000). */
  sequentialCalls: number;
  /** Rounds of sequential calls per side. */
  sequentialRounds: number;
  /** Concurrent calls per batch (200). */
  concurrentCalls: number;
  /** Batches per side. */
  concurrentRounds: number;
  /** Time one side only (for profiling): the other sides' figures are then empty. Default all three. */
  only?: "sdk" | "fetch" | "both";
}

/** The request the SDK sends, captured once, so that the baseline sends the same bytes. */
interface CapturedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(init?.headers).entries());
}

/**
 * Times the same query (`CurrentSubject`) through `TaegisClient` with a warm
 * token, and as a hand-written `fetch` POST of the very request the SDK sends
 * (same URL, headers, body and bearer token, captured from the SDK), checking
 * `errors` in the answer as the SDK does. Sides alternate round by round so
 * that drift of the machine hits both alike; the sandbox runs in another
 * process.
 */
export async function measureOverhead(sdk: Sdk, sandbox: SandboxProcess, plan: OverheadPlan): Promise<OverheadResult> {
  const dir = await mkdtemp(join(tmpdir(), "taegis-bench-overhead-"));
  try {
    const credentials = await sandbox.createClientCredentials({ environment: "us1", tenantId: "50001" });
    const common = {
      environments: sandbox.info.environments,
      universalAuthenticationUrl: sandbox.info.universalAuthenticationUrl,
      environment: "us1",
      tenantId: "50001",
      configPath: join(dir, "config"),
      env: { CLIENT_ID: credentials.clientId, CLIENT_SECRET: credentials.clientSecret },
      interactive: false,
      logger: sdk.silentLogger,
    };
    const document = sdk.CurrentSubjectDocument;

    // One call through a capturing fetch gives the exact request; the timed client uses the global fetch.
    let captured: CapturedRequest | undefined;
    const probe = new sdk.TaegisClient({
      ...common,
      fetch: async (input, init) => {
        const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        if (url.endsWith("/graphql") && typeof init?.body === "string") captured = { url, headers: headersOf(init), body: init.body };
        return fetch(input, init);
      },
    });
    await probe.query(document);
    if (captured === undefined) throw new Error("could not capture the request the SDK sends");
    const request = captured;

    const client = new sdk.TaegisClient(common);
    const viaSdk = async (): Promise<void> => {
      await client.query(document);
    };
    const overFetch = new sdk.TaegisClient({ ...common, fetch: globalThis.fetch });
    const viaSdkOverFetch = async (): Promise<void> => {
      await overFetch.query(document);
    };
    const viaFetch = async (): Promise<void> => {
      const response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      if (!response.ok || body.errors !== undefined || body.data === undefined) throw new Error(`baseline call failed: HTTP ${response.status}`);
    };

    const only = plan.only ?? "both";
    for (let i = 0; i < plan.warmupCalls; i += 1) {
      await viaSdk();
      await viaFetch();
      if (only === "both") await viaSdkOverFetch();
    }
    await sandbox.resetMetrics();

    const seqSdk: number[] = [];
    const seqFetch: number[] = [];
    const seqOverFetch: number[] = [];
    const cpu = { sdk: 0, fetch: 0, overFetch: 0 };
    const sequential = async (call: () => Promise<void>, into: number[], side: keyof typeof cpu): Promise<void> => {
      const cpuStart = process.cpuUsage();
      for (let i = 0; i < plan.sequentialCalls; i += 1) {
        const start = now();
        await call();
        into.push(now() - start);
      }
      const used = process.cpuUsage(cpuStart);
      cpu[side] += used.user + used.system;
    };
    // Which side goes first rotates round by round, so that none always pays for what another warmed up.
    const inTurn = async (round: number, ...sides: (() => Promise<void>)[]): Promise<void> => {
      for (let i = 0; i < sides.length; i++) await (sides[(round + i) % sides.length] as () => Promise<void>)();
    };
    for (let round = 0; round < plan.sequentialRounds; round += 1) {
      await inTurn(
        round,
        async () => (only !== "fetch" ? sequential(viaSdk, seqSdk, "sdk") : undefined),
        async () => (only !== "sdk" ? sequential(viaFetch, seqFetch, "fetch") : undefined),
        async () => (only === "both" ? sequential(viaSdkOverFetch, seqOverFetch, "overFetch") : undefined),
      );
    }

    const conSdk: number[] = [];
    const conFetch: number[] = [];
    const conOverFetch: number[] = [];
    const batch = async (call: () => Promise<void>, into: number[]): Promise<void> => {
      const start = now();
      await Promise.all(Array.from({ length: plan.concurrentCalls }, call));
      into.push(now() - start);
    };
    for (let round = 0; round < plan.concurrentRounds; round += 1) {
      await inTurn(
        round,
        async () => (only !== "fetch" ? batch(viaSdk, conSdk) : undefined),
        async () => (only !== "sdk" ? batch(viaFetch, conFetch) : undefined),
        async () => (only === "both" ? batch(viaSdkOverFetch, conOverFetch) : undefined),
      );
    }

    const counted = (await sandbox.counts()).graphqlRequests["total"] ?? 0;
    const expected = (only === "both" ? 3 : 1) * (plan.sequentialCalls * plan.sequentialRounds + plan.concurrentCalls * plan.concurrentRounds);
    const sequentialSdk = summarize(seqSdk);
    const sequentialFetch = summarize(seqFetch);
    const concurrentSdk = summarize(conSdk);
    const concurrentFetch = summarize(conFetch);
    const overFetchSequential = summarize(seqOverFetch);
    const overFetchConcurrent = summarize(conOverFetch);
    return {
      sequentialSdk,
      sequentialFetch,
      concurrentSdk,
      concurrentFetch,
      sequentialRatio: ratio(sequentialSdk.median, sequentialFetch.median),
      concurrentRatio: ratio(concurrentSdk.median, concurrentFetch.median),
      overGlobalFetch: {
        sequential: overFetchSequential,
        concurrent: overFetchConcurrent,
        sequentialRatio: ratio(overFetchSequential.median, sequentialFetch.median),
        concurrentRatio: ratio(overFetchConcurrent.median, concurrentFetch.median),
      },
      cpuPerCallUs: {
        sdk: Math.round(cpu.sdk / (plan.sequentialCalls * plan.sequentialRounds)),
        fetch: Math.round(cpu.fetch / (plan.sequentialCalls * plan.sequentialRounds)),
        overFetch: Math.round(cpu.overFetch / (plan.sequentialCalls * plan.sequentialRounds)),
      },
      requestsSeen: { expected, counted },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
