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

test("many calls with one long-lived AbortSignal leave no listener on it", async () => {
  const caller = new AbortController();
  const client = sandboxClient(sandbox, { configPath: await tempConfigPath(), environment: "us1", accessToken: await userToken(sandbox, "us1") });

  for (let i = 0; i < 30; i++) await client.subjects.currentSubject(undefined, { signal: caller.signal });
  await Promise.all(Array.from({ length: 30 }, () => client.subjects.currentSubject(undefined, { signal: caller.signal })));

  expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
});
