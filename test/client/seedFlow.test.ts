import { afterAll, beforeAll, expect, test } from "vitest";
import type { DeviceCodePrompt } from "../../src/auth/interaction.js";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/types.js";
import { closeSandbox, requestsTo, sandboxClient, tempConfigPath } from "./helpers.js";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(() => closeSandbox(sandbox));

test("the seed's flow: a user logs in by device code, creates a client, and the client authenticates with its credentials", async () => {
  const tenantId = sandbox.tenants[0]?.id as string;
  const prompts: DeviceCodePrompt[] = [];

  // GraphQLService(environment="US1"), with a user login by device code.
  const service = sandboxClient(sandbox, {
    environment: "US1",
    configPath: await tempConfigPath(),
    interactive: true,
    onDeviceCode: (prompt) => {
      prompts.push(prompt);
    },
  });

  // service.clients.mutation.create_client(name="my_awesome_app", roles=None)
  const created = await service.clients.createClient({ name: "my_awesome_app", roles: null }, { tenantId });
  expect(prompts).toHaveLength(1);
  expect(prompts[0]?.verificationUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  expect(prompts[0]?.userCode).toMatch(/\S/);

  // "print its CLIENT_ID and secret": both are there (their values stay out of the test output).
  const clientId = created?.client?.clientID;
  const clientSecret = created?.clientSecret;
  expect(typeof clientId).toBe("string");
  expect(typeof clientSecret).toBe("string");
  expect(created?.client?.name).toBe("my_awesome_app");

  // A new process-like client, authenticating with those through CLIENT_ID / CLIENT_SECRET.
  sandbox.resetMetrics();
  const automation = sandboxClient(sandbox, {
    environment: "us1",
    configPath: await tempConfigPath(),
    env: { CLIENT_ID: clientId as string, CLIENT_SECRET: clientSecret as string },
  });
  const subject = await automation.subjects.currentSubject();
  expect(subject?.identity).toMatchObject({ __typename: "Client", clientID: clientId });
  expect(sandbox.metrics().tokenRequestsByGrant["client_credentials"]).toBe(1);

  // The typed document way gives the same answer, with the token already cached.
  const investigations = await automation.investigations2.investigationsV2({ arguments: { perPage: 5 } });
  expect(investigations?.investigations?.every((investigation) => investigation?.tenantId === tenantId)).toBe(true);
  expect(sandbox.metrics().tokenRequests).toBe(1);
  expect(requestsTo(sandbox, "/us1/graphql")).toHaveLength(2);
});
