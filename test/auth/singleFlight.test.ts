import { describe, expect, it } from "vitest";
import { SingleFlight } from "../../src/auth/singleFlight.js";

const aborted = () => new Error("left");

describe("SingleFlight", () => {
  it("shares one run among concurrent callers of a key, and starts anew after it settles", async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return runs;
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => flights.run("charlie", undefined, work, aborted)));
    expect(new Set(results)).toEqual(new Set([1]));
    expect(runs).toBe(1);
    expect(flights.has("charlie")).toBe(false);
    await flights.run("charlie", undefined, work, aborted);
    expect(runs).toBe(2);
  });

  it("runs different keys separately", async () => {
    const flights = new SingleFlight<string>();
    const keys: string[] = [];
    await Promise.all(["charlie", "delta", "charlie"].map((key) => flights.run(key, undefined, async () => (keys.push(key), key), aborted)));
    expect(keys.sort()).toEqual(["charlie", "delta"]);
  });

  it("gives every caller the same failure", async () => {
    const flights = new SingleFlight<string>();
    const failing = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error("boom");
    };
    const settled = await Promise.allSettled([flights.run("k", undefined, failing, aborted), flights.run("k", undefined, failing, aborted)]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected"]);
  });

  it("lets one caller leave without cancelling the work of the others; cancels it when all left", async () => {
    const flights = new SingleFlight<string>();
    let shared: AbortSignal | undefined;
    let finish!: (value: string) => void;
    const work = (signal: AbortSignal) => {
      shared = signal;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const first = new AbortController();
    const second = new AbortController();
    const a = flights.run("k", first.signal, work, aborted);
    const b = flights.run("k", second.signal, work, aborted);
    first.abort();
    await expect(a).rejects.toThrow("left");
    expect(shared?.aborted).toBe(false);
    second.abort();
    await expect(b).rejects.toThrow("left");
    expect(shared?.aborted).toBe(true);
    finish("late");
    const c = new AbortController();
    const third = flights.run("k", c.signal, async () => "fresh", aborted);
    await expect(third).resolves.toBe("fresh");
  });
});
