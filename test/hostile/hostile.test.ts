import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cachedTokenCases } from "./cachedTokenCases.js";
import { configCases } from "./configCases.js";
import type { HostileCase } from "./hostileCase.js";
import { HOSTILE_USERS, sandbox, startHostileSandbox, stopHostileSandbox } from "./hostileSandbox.js";
import { scanForLeaks } from "./leakScan.js";
import { loginCases } from "./loginCases.js";
import { optionsCases } from "./optionsCases.js";
import { responseCases } from "./responseCases.js";
import { runHostileCase, type CaseCapture } from "./runHostileCase.js";
import { tokenEndpointCases } from "./tokenEndpointCases.js";

/**
 * The hostile-input suite: each case feeds the SDK one bad input (a corrupt
 * config file, a broken token endpoint, a hostile option, a strange GraphQL
 * answer) and asserts a typed error with a message that says what to do, and
 * that nothing on disk was lost. A leak scan then runs over everything the
 * cases let out: stdout, stderr, logger lines, error messages and their causes.
 */
const cases: HostileCase[] = [
  ...configCases,
  ...cachedTokenCases,
  ...tokenEndpointCases,
  ...loginCases,
  ...optionsCases,
  ...responseCases,
];

const secrets = new Set<string>();
const captured: CaseCapture[] = [];

/** Every bearer token the sandbox saw is a secret: collect them, then forget the requests. */
function collectSandboxTokens(): void {
  for (const request of sandbox().metrics().requests) {
    const authorization = request.headers["authorization"];
    if (authorization?.startsWith("Bearer ")) secrets.add(authorization.slice("Bearer ".length));
  }
  sandbox().resetMetrics();
}

beforeAll(async () => {
  await startHostileSandbox();
  for (const user of HOSTILE_USERS) {
    secrets.add(user.password);
    if (user.otp !== undefined) secrets.add(user.otp);
  }
});

afterAll(async () => {
  await stopHostileSandbox();
  console.log(`hostile cases: ${cases.length}`);
});

describe(`hostile input (${cases.length} cases)`, () => {
  for (const [index, hostile] of cases.entries()) {
    test(`${String(index + 1).padStart(2, "0")} ${hostile.area}: ${hostile.name}`, async () => {
      try {
        captured.push(...(await runHostileCase(hostile, secrets)));
      } finally {
        collectSandboxTokens();
      }
    });
  }

  test("no secret, password, OTP or token appears in anything the cases let out", () => {
    expect(secrets.size).toBeGreaterThan(10);
    expect(captured.length).toBeGreaterThan(cases.length);
    expect(scanForLeaks(captured, secrets)).toEqual([]);
  });
});
