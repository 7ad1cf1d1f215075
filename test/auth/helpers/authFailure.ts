import { expect } from "vitest";
import { TaegisAuthError } from "../../../src/errors/TaegisAuthError.js";
import type { LeakScan } from "./leakScan.js";

/** Awaits a promise that must reject with a TaegisAuthError, and feeds the error to the leak scan. */
export async function authFailure(scan: LeakScan, promise: Promise<unknown>): Promise<TaegisAuthError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  scan.error(error);
  expect(error).toBeInstanceOf(TaegisAuthError);
  return error as TaegisAuthError;
}
