import { expect } from "vitest";
import { CurrentTDRUserDocument } from "../../generated/index.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import { TaegisConfigError } from "../../src/errors/TaegisConfigError.js";
import { DEFAULT_CONFIG, type CaseContext, type Expectation, type HostileCase } from "./hostileCase.js";
import { clientFor, credentialsEnv, region, requestsTo, sandbox, tokenFor } from "./hostileSandbox.js";

const base64url = (value: string): string => Buffer.from(value).toString("base64url");
/** An unsigned JWT-shaped string with the given payload text. */
const unsignedJwt = (payload: string): string => `${base64url('{"alg":"none","typ":"JWT"}')}.${base64url(payload)}.`;

const fileWith = (environment: string, token: string): string => `${DEFAULT_CONFIG}[${environment}]\naccess_token = ${token}\n`;

/** The cached token counted as absent: no request carried it, and with no other source the chain says what to set. */
const absentThenNoCredentials = (environment: string, token: () => string): Expectation => ({
  error: TaegisAuthError,
  code: "no_credentials",
  message: [/CLIENT_ID/, /CLIENT_SECRET/, new RegExp(`"?${environment}"?`)],
  check: () => {
    const sent = requestsTo(environment).filter((request) => request.headers["authorization"] === `Bearer ${token()}`);
    expect(sent, "the unusable cached token was never sent").toEqual([]);
  },
});

/** Builds a case whose config file caches `makeToken()`'s token for a region of its own. */
function unusableToken(name: string, makeToken: (ctx: CaseContext, environment: string) => string | Promise<string>): HostileCase {
  const environment = region();
  let token = "";
  return {
    name,
    area: "cached token",
    config: async (ctx) => {
      token = ctx.secret(await makeToken(ctx, environment));
      return fileWith(environment, token);
    },
    run: (ctx) => clientFor(ctx, environment).query(CurrentTDRUserDocument),
    expect: absentThenNoCredentials(environment, () => token),
  };
}

const wrongSecretRegion = region();
const revokedRegion = region();
const corruptRegion = region();
let revokedToken = "";

/** Cached tokens that cannot be used: each counts as absent and the chain goes on to the next source. */
export const cachedTokenCases: HostileCase[] = [
  unusableToken("a cached token that is not a JWT", () => "not-a-jwt-at-all-but-cached"),
  unusableToken("a cached JWT that expired an hour ago", (ctx, environment) => tokenFor(ctx, environment, -3600)),
  unusableToken("a cached JWT that expires inside the 60 s skew", (ctx, environment) => tokenFor(ctx, environment, 30)),
  unusableToken("a cached unsigned JWT without exp", () => unsignedJwt('{"sub":"hostile-no-exp"}')),
  unusableToken("a cached JWT whose exp is a string", () => unsignedJwt('{"sub":"hostile","exp":"99999999999"}')),
  unusableToken("a cached JWT whose payload is not JSON", () => `${base64url('{"alg":"RS256"}')}.${base64url("{not json")}.c2ln`),
  unusableToken("a cached token cut off in the middle (a half-written file)", async (ctx, environment) => {
    const token = await tokenFor(ctx, environment);
    return token.slice(0, Math.floor(token.length / 2));
  }),
  {
    name: "an unusable cached token, then client credentials with a wrong secret",
    area: "cached token",
    config: fileWith(wrongSecretRegion, "garbage.garbage.garbage"),
    run: async (ctx) => {
      const env = await credentialsEnv(ctx, wrongSecretRegion);
      return clientFor(ctx, wrongSecretRegion, { env: { ...env, CLIENT_SECRET: ctx.secret(`${env["CLIENT_SECRET"]}-wrong`) } }).query(CurrentTDRUserDocument);
    },
    expect: {
      error: TaegisAuthError,
      code: "invalid_client",
      message: [/rejected the client credentials from CLIENT_ID \/ CLIENT_SECRET/, /Check that they hold the id and secret/],
      check: (error) => expect((error as TaegisAuthError).status).toBe(401),
    },
  },
  {
    name: "a cached token that the server has revoked, and no other credentials",
    area: "cached token",
    config: async (ctx) => {
      revokedToken = await tokenFor(ctx, revokedRegion);
      return fileWith(revokedRegion, revokedToken);
    },
    run: async (ctx) => {
      sandbox().revokeToken(revokedToken);
      return clientFor(ctx, revokedRegion).query(CurrentTDRUserDocument);
    },
    expect: { error: TaegisAuthError, code: "no_credentials", message: [/CLIENT_ID/, /log in/] },
    // The rejected token may be dropped from the file; every other key stays.
    disk: "keys",
  },
  {
    name: "a corrupt config file while client credentials are set (the mapping cannot be read)",
    area: "cached token",
    config: `${DEFAULT_CONFIG}[${corruptRegion}]\nCLIENT_ID = MAPPED_ID\nCLIENT_SEC`,
    run: async (ctx) => clientFor(ctx, corruptRegion, { env: await credentialsEnv(ctx, corruptRegion) }).query(CurrentTDRUserDocument),
    expect: {
      error: TaegisConfigError,
      code: "config_corrupt",
      message: [/line 6/, /edit line 6/i],
      check: (error, ctx) => expect((error as TaegisConfigError).file).toBe(ctx.configPath),
    },
  },
];
