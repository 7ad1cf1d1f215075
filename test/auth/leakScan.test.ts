import { describe, expect, it } from "vitest";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import { LeakScan } from "./helpers/leakScan.js";

describe("the leak scan used by the auth tests", () => {
  it("finds a secret in an error's cause chain, in log lines and in printed text, and reports it truncated", () => {
    const secret = "very-secret-value-42";
    for (const record of [
      (scan: LeakScan) => scan.error(new TaegisAuthError("invalid_client", "refused", { cause: new Error(`body: ${secret}`) })),
      (scan: LeakScan) => scan.error(new TaegisAuthError("invalid_client", "refused", { cause: { body: { access_token: secret } } })),
      (scan: LeakScan) => scan.logger().debug(`token ${secret}`),
      (scan: LeakScan) => scan.text(`printed ${secret}`),
    ]) {
      const scan = new LeakScan();
      scan.secret(secret);
      record(scan);
      expect(scan.leaks()).toEqual(["very-s..."]);
    }
  });

  it("finds nothing when nothing leaked", () => {
    const scan = new LeakScan();
    scan.secret("very-secret-value-42");
    scan.error(new TaegisAuthError("invalid_client", 'The token endpoint for environment "charlie" refused CLIENT_ID / CLIENT_SECRET.'));
    expect(scan.leaks()).toEqual([]);
  });
});
