import { expect } from "vitest";
import { CurrentTDRUserDocument } from "../../generated/index.js";
import { TaegisClient } from "../../src/client/TaegisClient.js";
import { TaegisOptionsError } from "../../src/errors/TaegisOptionsError.js";
import type { Expectation, HostileCase } from "./hostileCase.js";
import { clientFor, region, requestsTo, tokenFor } from "./hostileSandbox.js";

/** A non-loopback host that never resolves (RFC 6761), so a refused URL could not send traffic anywhere even if it were used. */
const FOREIGN = "http://taegis.invalid";

const refused = (code: string, option: RegExp, ...message: RegExp[]): Expectation => ({
  error: TaegisOptionsError,
  code,
  message,
  check: (error) => expect((error as TaegisOptionsError).option).toMatch(option),
});

/** Builds a case whose call, made with a valid token in a region of its own, must be refused before any request. */
function refusedCall(name: string, call: (client: TaegisClient) => Promise<unknown>, expectation: Expectation): HostileCase {
  const environment = region();
  return {
    name,
    area: "options",
    run: async (ctx) => {
      const client = clientFor(ctx, environment, { accessToken: await tokenFor(ctx, environment) });
      return call(client);
    },
    expect: {
      ...expectation,
      check: async (error, ctx) => {
        await expectation.check?.(error, ctx);
        expect(requestsTo(environment), "refused before any request").toEqual([]);
      },
    },
  };
}

/** A region for the cases refused at construction (they send nothing). */
const constructionRegion = region();

/** Options that must be refused, with the option named and the valid values said. */
export const optionsCases: HostileCase[] = [
  {
    name: "an unknown environment at construction",
    area: "options",
    run: async (ctx) => clientFor(ctx, "atlantis"),
    expect: refused("unknown_environment", /^environment$/, /Unknown Taegis environment "atlantis"/, /Valid names: .*h\d\d/),
  },
  refusedCall(
    "an unknown environment in one call",
    (client) => client.query(CurrentTDRUserDocument, {}, { environment: "moon-base" }),
    refused("unknown_environment", /^environment$/, /"moon-base"/, /Valid names:/),
  ),
  {
    name: "a tenant id with CR/LF at construction (header injection)",
    area: "options",
    run: async (ctx) => clientFor(ctx, constructionRegion, { tenantId: "50001\r\nX-Injected: yes" }),
    expect: refused("invalid_tenant_id", /tenantId/, /CR, LF/, /Pass the tenant id alone/),
  },
  refusedCall(
    "a tenant id with a bare LF in one call",
    (client) => client.query(CurrentTDRUserDocument, {}, { tenantId: "50001\nX-Injected: yes" }),
    refused("invalid_tenant_id", /tenantId/, /CR, LF/),
  ),
  {
    name: "a non-loopback http:// environment URL",
    area: "options",
    run: async (ctx) => new TaegisClient({ environments: { charlie: `${FOREIGN}/us1` }, configPath: ctx.configPath, logger: ctx.logger }),
    expect: refused("insecure_url", /environments/, /use https:\/\//, /only for loopback/),
  },
  {
    name: "an http:// URL that only looks like loopback (127.0.0.1.taegis.invalid)",
    area: "options",
    run: async (ctx) =>
      new TaegisClient({ environments: { charlie: "http://127.0.0.1.taegis.invalid/us1" }, configPath: ctx.configPath, logger: ctx.logger }),
    expect: refused("insecure_url", /environments/, /use https:\/\//),
  },
  {
    name: "a non-loopback http:// universal authentication URL",
    area: "options",
    run: async (ctx) => clientFor(ctx, constructionRegion, { universalAuthenticationUrl: FOREIGN }),
    expect: refused("insecure_url", /universalAuthenticationUrl/, /use https:\/\//),
  },
  refusedCall(
    "a non-loopback http:// url in one call",
    (client) => client.query(CurrentTDRUserDocument, {}, { url: `${FOREIGN}/graphql` }),
    refused("insecure_url", /^url$/, /use https:\/\//),
  ),
  refusedCall(
    "an extra header whose value carries CR/LF",
    (client) => client.query(CurrentTDRUserDocument, {}, { extraHeaders: { "X-Trace": "a\r\nAuthorization: Bearer forged" } }),
    refused("invalid_header", /extraHeaders/, /without CR, LF/),
  ),
  {
    name: "an access token with CR/LF in it, refused without quoting it",
    area: "options",
    run: async (ctx) => clientFor(ctx, constructionRegion, { accessToken: ctx.secret("eyJhbGciOiJIUzI1NiJ9.hostile\r\nX-Evil: 1") }),
    expect: refused("invalid_option", /accessToken/, /without spaces or control characters/),
  },
];
