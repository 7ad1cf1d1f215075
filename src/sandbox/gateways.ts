import { createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import type { ResolverContext } from "./authenticate.js";
import { GATEWAYS, loadGatewaySchema, type GatewayDefinition } from "./schemas.js";

/** A gateway's GraphQL-over-HTTP server. */
export type GatewayServer = YogaServerInstance<ResolverContext, object>;

/** Stops a call whose `X-Tenant-Context` the token may not use, before any resolver runs (HTTP 200, `FORBIDDEN`). */
const tenantGuard: Plugin<ResolverContext> = {
  onExecute({ args, setResultAndStopExecution }) {
    const error = args.contextValue.sandbox.tenantError;
    if (error !== undefined) setResultAndStopExecution({ data: null, errors: [error] });
  },
  onSubscribe({ args, setResultAndStopExecution }) {
    const error = args.contextValue.sandbox.tenantError;
    if (error !== undefined) setResultAndStopExecution({ data: null, errors: [error] });
  },
};

const cache = new Map<string, Promise<GatewayServer>>();

async function createGatewayServer(definition: GatewayDefinition): Promise<GatewayServer> {
  const schema = await loadGatewaySchema(definition.schemaFile);
  return createYoga<ResolverContext>({
    schema,
    graphqlEndpoint: definition.path,
    logging: false,
    maskedErrors: false,
    graphiql: false,
    landingPage: false,
    plugins: [tenantGuard],
  });
}

/** The GraphQL server of a gateway, made once per process (it holds no sandbox state: that comes in the context). */
export function gatewayServer(definition: GatewayDefinition): Promise<GatewayServer> {
  let server = cache.get(definition.path);
  if (server === undefined) {
    server = createGatewayServer(definition);
    cache.set(definition.path, server);
    server.catch(() => cache.delete(definition.path));
  }
  return server;
}

/** Builds every gateway's server (the first sandbox of a process pays for parsing the schemas). */
export async function loadAllGateways(): Promise<Map<string, GatewayServer>> {
  const servers = await Promise.all(GATEWAYS.map(async (definition) => [definition.path, await gatewayServer(definition)] as const));
  return new Map(servers);
}
