import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as oauth from "openid-client";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientCredentials } from "../../src/auth/clientCredentials.js";
import { TaegisAuthError } from "../../src/errors/TaegisAuthError.js";
import { LeakScan } from "./helpers/leakScan.js";

/**
 * Conformance with an independent, certified OAuth 2.0 server: the client
 * credentials source gets a token from oidc-provider, whose token endpoint is
 * mounted where Taegis has it (`/auth/api/v2/auth/token`), with a
 * `client_secret_basic` client.
 *
 * The secret here has no URL-special characters. oidc-provider follows RFC 6749
 * section 2.3.1 and URL-decodes the id and secret of HTTP Basic, while Taegis
 * (and the Python SDK) take them raw; for a secret of letters, digits, `-`,
 * `_` and `.` the two encodings are the same bytes, so one request suits both.
 * A secret with `+` sent raw reaches oidc-provider as a space and is refused,
 * while openid-client's form-url-encoding ClientSecretBasic is accepted (the
 * last test shows both): that is where Taegis and the RFC disagree, and the
 * source follows Taegis, whose token endpoint takes the raw bytes.
 */
const CLIENT_ID = "conformance-client";
const CLIENT_SECRET = "conformance-Secret-0123456789_abcdefghijklmnop.qrstuv";
/** A second client whose secret has `+` and `~`: the characters on which RFC 6749 and Taegis disagree. */
const PLUS_CLIENT_ID = "plus-client";
const PLUS_SECRET = "plus+tilde~Secret-0123456789_abcdefghijklmnopqrstuv";
const scan = new LeakScan();
scan.secret(CLIENT_SECRET, PLUS_SECRET);

let server: Server;
let issuer: string;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: "client_secret_basic",
      },
      {
        client_id: PLUS_CLIENT_ID,
        client_secret: PLUS_SECRET,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    ttl: { ClientCredentials: 600 },
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
    routes: { token: "/auth/api/v2/auth/token" },
  });
  server.on("request", provider.callback());
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  expect(scan.leaks()).toEqual([]);
});

const source = (secret: string, clientId = CLIENT_ID) =>
  clientCredentials({
    configPath: "/nonexistent/config",
    readConfig: async () => ({}),
    env: { CLIENT_ID: clientId, CLIENT_SECRET: secret },
    logger: scan.logger(),
  });

describe("client credentials against oidc-provider", () => {
  it("gets an access token with client_secret_basic", async () => {
    const before = Date.now();
    const token = await source(CLIENT_SECRET).getToken({ environment: "charlie", authUrl: issuer });
    scan.secret(token.accessToken);
    expect(token.accessToken.length).toBeGreaterThan(20);
    // oidc-provider issues opaque tokens here, with expires_in (default 10 minutes).
    expect(token.expiresAt.getTime()).toBeGreaterThan(before + 60_000);
  });

  it("maps oidc-provider's refusal of a wrong secret to invalid_client", async () => {
    scan.secret("wrong-secret-value");
    const error = await source("wrong-secret-value").getToken({ environment: "charlie", authUrl: issuer }).catch((e: unknown) => e);
    scan.error(error);
    expect(error).toBeInstanceOf(TaegisAuthError);
    expect(error).toMatchObject({ code: "invalid_client", status: 401, error: "invalid_client" });
  });

  it("documents the RFC 6749 difference: oidc-provider URL-decodes Basic credentials, so a raw '+' arrives as a space", async () => {
    // Raw, as Taegis wants it: oidc-provider decodes '+' to ' ' and refuses the secret.
    const raw = await source(PLUS_SECRET, PLUS_CLIENT_ID).getToken({ environment: "charlie", authUrl: issuer }).catch((e: unknown) => e);
    scan.error(raw);
    expect(raw).toMatchObject({ code: "invalid_client" });
    // Form-url-encoded first (openid-client's ClientSecretBasic), as the RFC wants it: oidc-provider accepts.
    const config = new oauth.Configuration(
      { issuer, token_endpoint: `${issuer}/auth/api/v2/auth/token` },
      PLUS_CLIENT_ID,
      {},
      oauth.ClientSecretBasic(PLUS_SECRET),
    );
    oauth.allowInsecureRequests(config);
    const granted = await oauth.clientCredentialsGrant(config);
    scan.secret(granted.access_token);
    expect(granted.access_token.length).toBeGreaterThan(20);
  });
});
