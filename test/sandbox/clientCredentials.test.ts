import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { basic, clientCredentialsRequest, graphql, graphqlUrl } from "./helpers.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

const us1 = () => sandbox.environments["us1"]!.url;

describe("client credentials token endpoint", () => {
  it("issues an RS256 bearer token with the Taegis claims, not cached", async () => {
    const { clientId, clientSecret } = await sandbox.createClientCredentials({ environment: "us1", tenantId: "50002" });
    const response = await clientCredentialsRequest(us1(), basic(clientId, clientSecret));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe("bearer");
    expect(body.expires_in).toBe(3600);
    const claims = decodeJwt(body.access_token);
    expect(claims["https://missione/octolabs/io/tenantIds"]).toEqual(["50002"]);
    expect(claims["https://missione/octolabs/io/environment"]).toBe("us1");
    expect(claims.sub).toBe(`${clientId}@clients`);
    expect(typeof claims.jti).toBe("string");
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
  });

  it("issues secrets holding + and ~, so URL-encoded Basic credentials fail", async () => {
    const { clientId, clientSecret } = await sandbox.createClientCredentials({ environment: "us1" });
    // booleans, so that a failure never prints the secret
    expect(clientSecret.includes("+")).toBe(true);
    expect(clientSecret.includes("~")).toBe(true);
    const encoded = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${new URLSearchParams({ s: clientSecret }).toString().slice(2)}`).toString("base64")}`;
    const refused = await clientCredentialsRequest(us1(), encoded);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect(await refused.json()).toMatchObject({ error: "invalid_client" });
    const accepted = await clientCredentialsRequest(us1(), basic(clientId, clientSecret));
    expect(accepted.status).toBe(200);
  });

  it("answers RFC 6749 errors", async () => {
    const { clientId, clientSecret } = await sandbox.createClientCredentials({ environment: "us1" });
    const auth = basic(clientId, clientSecret);

    const noBasic = await clientCredentialsRequest(us1(), undefined);
    expect(noBasic.status).toBe(401);
    expect(noBasic.headers.get("www-authenticate")).toBe('Basic realm="taegis"');
    expect(await noBasic.json()).toEqual({ error: "invalid_client", error_description: expect.any(String) });

    const wrongSecret = await clientCredentialsRequest(us1(), basic(clientId, `${clientSecret}x`));
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: "invalid_client" });

    const unknownGrant = await clientCredentialsRequest(us1(), auth, "grant_type=password");
    expect(unknownGrant.status).toBe(400);
    expect(await unknownGrant.json()).toMatchObject({ error: "unsupported_grant_type" });

    const noGrant = await clientCredentialsRequest(us1(), auth, "scope=x");
    expect(noGrant.status).toBe(400);
    expect(await noGrant.json()).toMatchObject({ error: "invalid_request" });

    const json = await fetch(`${us1()}/auth/api/v2/auth/token`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials" }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: "invalid_request" });

    const get = await fetch(`${us1()}/auth/api/v2/auth/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(await get.json()).toMatchObject({ error: "invalid_request" });
  });

  it("accepts credentials only in their own region and at /universal", async () => {
    const { clientId, clientSecret } = await sandbox.createClientCredentials({ environment: "us2" });
    const auth = basic(clientId, clientSecret);
    expect((await clientCredentialsRequest(sandbox.environments["us2"]!.url, auth)).status).toBe(200);
    const foreign = await clientCredentialsRequest(us1(), auth);
    expect(foreign.status).toBe(401);
    expect(await foreign.json()).toMatchObject({ error: "invalid_client" });
    const universal = await clientCredentialsRequest(sandbox.universalAuthenticationUrl, auth);
    expect(universal.status).toBe(200);
    const token = ((await universal.json()) as { access_token: string }).access_token;
    expect(decodeJwt(token)["https://missione/octolabs/io/environment"]).toBe("universal");
  });
});

describe("clients made with createClient", () => {
  it("authenticate at once, stop after rotation (old secret) and deletion", async () => {
    const { clientId, clientSecret } = await sandbox.createClientCredentials({ environment: "us1" });
    const adminToken = ((await (await clientCredentialsRequest(us1(), basic(clientId, clientSecret))).json()) as { access_token: string }).access_token;

    const created = await graphql(
      graphqlUrl(sandbox, "us1"),
      adminToken,
      `mutation ($name: String!, $roles: [String]) { createClient(name: $name, roles: $roles) { clientSecret client { id clientID name tenantID environment roleAssignments { roleID roleName tenantID } } } }`,
      { name: "my_awesome_app", roles: null },
    );
    expect(created.status).toBe(200);
    const made = created.body.data!["createClient"];
    expect(made.client).toMatchObject({ name: "my_awesome_app", tenantID: "50001", environment: "us1" });
    expect(made.client.roleAssignments[0]).toMatchObject({ roleID: "tenant-analyst", roleName: "Tenant Analyst", tenantID: "50001" });
    const newAuth = basic(made.client.clientID, made.clientSecret);
    const first = await clientCredentialsRequest(us1(), newAuth);
    expect(first.status).toBe(200);

    const listed = await graphql(graphqlUrl(sandbox, "us1"), adminToken, `{ clientsSearch(filters: { name: "awesome" }) { totalCount results { clientID tokenRequestCount } } }`);
    expect(listed.body.data!["clientsSearch"]).toEqual({ totalCount: 1, results: [{ clientID: made.client.clientID, tokenRequestCount: 1 }] });
    const one = await graphql(graphqlUrl(sandbox, "us1"), adminToken, `query ($id: String!) { client(id: $id) { clientID enabled } }`, { id: made.client.id });
    expect(one.body.data!["client"]).toEqual({ clientID: made.client.clientID, enabled: true });

    const rotated = await graphql(graphqlUrl(sandbox, "us1"), adminToken, `mutation ($id: String!) { rotateClientSecret(id: $id) { clientSecret } }`, { id: made.client.id });
    const newSecret = rotated.body.data!["rotateClientSecret"].clientSecret as string;
    expect(newSecret === made.clientSecret).toBe(false);
    expect((await clientCredentialsRequest(us1(), newAuth)).status).toBe(401);
    expect((await clientCredentialsRequest(us1(), basic(made.client.clientID, newSecret))).status).toBe(200);

    const deleted = await graphql(graphqlUrl(sandbox, "us1"), adminToken, `mutation ($id: String!) { deleteClient(id: $id) { clientID } }`, { id: made.client.id });
    expect(deleted.body.data!["deleteClient"]).toEqual({ clientID: made.client.clientID });
    expect((await clientCredentialsRequest(us1(), basic(made.client.clientID, newSecret))).status).toBe(401);
  });

  it("are made for the region of the gateway that created them", async () => {
    const token = await sandbox.mintToken({ environment: "universal" });
    const created = await graphql(graphqlUrl(sandbox, "eu"), token, `mutation { createClient(name: "eu-app") { clientSecret client { clientID environment } } }`);
    const made = created.body.data!["createClient"];
    expect(made.client.environment).toBe("eu");
    expect((await clientCredentialsRequest(sandbox.environments["eu"]!.url, basic(made.client.clientID, made.clientSecret))).status).toBe(200);
    expect((await clientCredentialsRequest(us1(), basic(made.client.clientID, made.clientSecret))).status).toBe(401);
  });
});
