import { getEventListeners } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, test } from "vitest";
import { requestSignal } from "../../src/auth/requestSignal.js";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { closeSandbox, sandboxClient, tempConfigPath, userToken } from "./helpers.js";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(() => closeSandbox(sandbox));

test("a request signal times out with a TimeoutError, and says it was the timeout", async () => {
  const request = requestSignal(10);
  await sleep(40);
  expect(request.signal.aborted).toBe(true);
  expect((request.signal.reason as Error).name).toBe("TimeoutError");
  expect(request.timedOut()).toBe(true);
  expect(request.aborted()).toBe(false);
});

test("a request signal follows the caller's signal, with its reason", () => {
  const caller = new AbortController();
  const request = requestSignal(60_000, caller.signal);
  caller.abort(new Error("stop"));
  expect(request.signal.aborted).toBe(true);
  expect((request.signal.reason as Error).message).toBe("stop");
  expect(request.aborted()).toBe(true);
  expect(request.timedOut()).toBe(false);
  expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
});

test("a disposed request signal no longer fires: its timer is cleared and the caller's signal is let go", async () => {
  const caller = new AbortController();
  const request = requestSignal(10, caller.signal);
  expect(getEventListeners(caller.signal, "abort")).toHaveLength(1);
  request.dispose();
  expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  await sleep(40);
  caller.abort();
  expect(request.signal.aborted).toBe(false);
  expect(request.timedOut()).toBe(false);
});

test("many calls with one long-lived AbortSignal leave no listener on it, and Node warns of no listener leak", async () => {
  const caller = new AbortController();
  const client = sandboxClient(sandbox, { configPath: await tempConfigPath(), environment: "us1", accessToken: await userToken(sandbox, "us1") });
  const warnings: string[] = [];
  const onWarning = (warning: Error): void => void warnings.push(warning.name);
  process.on("warning", onWarning);
  try {
    for (let i = 0; i < 30; i++) await client.subjects.currentSubject(undefined, { signal: caller.signal });
    const inFlight = Array.from({ length: 50 }, () => client.subjects.currentSubject(undefined, { signal: caller.signal }));
    // While 50 calls wait on it, the signal has one listener of the SDK's, not one per call.
    expect(getEventListeners(caller.signal, "abort").length).toBeLessThanOrEqual(1);
    await Promise.all(inFlight);
    // Node emits its warnings on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", onWarning);
  }

  expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  expect(warnings).not.toContain("MaxListenersExceededWarning");
});

test("one AbortSignal shared by concurrent calls cancels them all", async () => {
  const caller = new AbortController();
  // us2 is this test's own region: the slow answers it queues never reach another test's calls.
  const client = sandboxClient(sandbox, { configPath: await tempConfigPath(), environment: "us2", accessToken: await userToken(sandbox, "us2") });
  sandbox.inject({ path: "/us2/graphql", delayMs: 2_000, times: 20 });
  const calls = Array.from({ length: 20 }, () => client.subjects.currentSubject(undefined, { signal: caller.signal }).catch((error: unknown) => error));
  await sleep(50);
  caller.abort();
  const outcomes = await Promise.all(calls);
  expect(outcomes.map((error) => (error as { code?: string }).code)).toEqual(Array.from({ length: 20 }, () => "aborted"));
  expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
});
