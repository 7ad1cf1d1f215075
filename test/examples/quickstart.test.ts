import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");

let home: string;
let output: { stdout: string; stderr: string };

beforeAll(async () => {
  // A fresh HOME: the quickstart must leave the user's home directory alone.
  home = await mkdtemp(join(tmpdir(), "taegis-home-"));
  const env: NodeJS.ProcessEnv = { PATH: process.env["PATH"], HOME: home, CI: "true" };
  output = await run(join(root, "node_modules/.bin/tsx"), ["examples/quickstart.ts"], { cwd: root, env, timeout: 60_000 });
}, 90_000);

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

test("the quickstart walks the whole story against the sandbox", () => {
  const steps = [
    "1. A user logs in by device code (SSO), with universal authentication",
    "Open http://127.0.0.1:",
    "logged in as ",
    "2. createClient",
    "CLIENT_ID=",
    "3. A new client authenticates with them from the environment",
    "tenant ",
    "investigationsV2 finds 1 matching investigation(s)",
    "4. writeToConfig",
    "delta (us2) authenticated as client delta_app",
    '"CLIENT_ID":"DELTA_CLIENT_ID"',
    "5. Universal authentication: one token serves two regions",
    "token requests for these two calls: 0",
    "6. clearAccessToken()",
    "[charlie] access_token cached: no",
    "[universal] access_token cached: no",
    "Done in ",
  ];
  let from = 0;
  for (const expected of steps) {
    const at = output.stdout.indexOf(expected, from);
    expect(at, `missing, or out of order: ${expected}`).toBeGreaterThanOrEqual(0);
    from = at;
  }
});

test("the quickstart prints no token or secret, and leaves HOME untouched", async () => {
  const printed = output.stdout + output.stderr;
  expect(printed).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // a JWT
  expect(printed).toMatch(/CLIENT_SECRET=\*+ \(\d+ characters/);
  expect(await readdir(home)).toEqual([]);
});
