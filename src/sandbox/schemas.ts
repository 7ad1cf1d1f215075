import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GraphQLError, buildSchema, isInterfaceType, isUnionType, validateSchema, type GraphQLObjectType, type GraphQLSchema } from "./graphqlRuntime.js";
import type { ResolverContext } from "./authenticate.js";
import type { GatewayResolvers } from "./resolvers/context.js";
import { RESOLVERS_BY_SCHEMA } from "./resolvers/index.js";

/** A GraphQL gateway: its path under the region (or tenants) host and its schema file in schema/. */
export interface GatewayDefinition {
  readonly path: string;
  readonly schemaFile: string;
  /** `tenants`: served on the region's tenants host; `regional`: on the regional API host. */
  readonly host: "regional" | "tenants";
}

/** schema/ names each file after the gateway path with `/` turned into `-` (the tenants host's gateway after `tenants/public/query`). */
const gateway = (path: string, host: GatewayDefinition["host"] = "regional"): GatewayDefinition => ({
  path,
  schemaFile: `${(host === "tenants" ? `tenants${path}` : path.slice(1)).replace(/\//g, "-")}.graphql`,
  host,
});

/** Every gateway of a region (PROTOCOL.md), each with its own schema. */
export const GATEWAYS: readonly GatewayDefinition[] = [
  gateway("/graphql"),
  gateway("/agent-graphql"),
  gateway("/events/query"),
  gateway("/fast-ioc/query"),
  gateway("/multi-tenant-ioc/query"),
  gateway("/cql-metadata/query"),
  gateway("/public/query", "tenants"),
];

let packageRoot: string | undefined;

/**
 * The package root: the nearest ancestor of this module that holds
 * `schema/graphql.graphql` (works from src/sandbox/ and from dist/src/sandbox/).
 */
export function findPackageRoot(): string {
  if (packageRoot !== undefined) return packageRoot;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, "schema", "graphql.graphql"))) {
      packageRoot = directory;
      return directory;
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error("The sandbox cannot find schema/graphql.graphql above its own module: the package is incomplete.");
    directory = parent;
  }
}

const notImplemented = (coordinate: string): never => {
  throw new GraphQLError(`${coordinate} is not implemented in the sandbox.`, { extensions: { code: "NOT_IMPLEMENTED" } });
};

type AnyResolver = (parent: unknown, args: unknown, context: ResolverContext) => unknown;

function attachRoot(type: GraphQLObjectType | null | undefined, resolvers: GatewayResolvers["Query"]): void {
  if (!type) return;
  for (const field of Object.values(type.getFields())) {
    const resolve = resolvers?.[field.name] as AnyResolver | undefined;
    const coordinate = `${type.name}.${field.name}`;
    field.resolve = resolve === undefined ? () => notImplemented(coordinate) : (parent, args, context) => resolve(parent, args, context as ResolverContext);
  }
}

/** Gives a schema the sandbox's resolvers; root fields without one answer "not implemented in the sandbox". */
function attachResolvers(schema: GraphQLSchema, resolvers: GatewayResolvers): void {
  attachRoot(schema.getQueryType(), resolvers.Query);
  attachRoot(schema.getMutationType(), resolvers.Mutation);
  const subscription = schema.getSubscriptionType();
  if (subscription) {
    for (const field of Object.values(subscription.getFields())) {
      const subscribe = resolvers.Subscription?.[field.name]?.subscribe as AnyResolver | undefined;
      const coordinate = `Subscription.${field.name}`;
      field.subscribe = subscribe === undefined ? () => notImplemented(coordinate) : (parent, args, context) => subscribe(parent, args, context as ResolverContext);
      field.resolve = (payload: unknown) => payload;
    }
  }
  for (const [name, resolveType] of Object.entries(resolvers.abstractTypes ?? {})) {
    const type = schema.getType(name);
    if (isUnionType(type) || isInterfaceType(type)) type.resolveType = (value) => resolveType(value);
  }
}

const cache = new Map<string, Promise<GraphQLSchema>>();

async function buildGatewaySchema(schemaFile: string): Promise<GraphQLSchema> {
  const sdl = await readFile(join(findPackageRoot(), "schema", schemaFile), "utf8");
  // The snapshot is valid SDL (codegen:check builds it and validates every operation against it):
  // skipping SDL validation and AST locations halves the build of the 15k-line /graphql schema.
  // validateSchema below still checks the type system.
  const schema = buildSchema(sdl, { noLocation: true, assumeValidSDL: true });
  attachResolvers(schema, RESOLVERS_BY_SCHEMA[schemaFile] ?? {});
  const errors = validateSchema(schema);
  if (errors.length > 0) throw new Error(`schema/${schemaFile} is not a valid schema: ${errors[0]?.message ?? ""}`);
  return schema;
}

/** The executable schema of a schema file: parsed and built once per process. */
export function loadGatewaySchema(schemaFile: string): Promise<GraphQLSchema> {
  let schema = cache.get(schemaFile);
  if (schema === undefined) {
    schema = buildGatewaySchema(schemaFile);
    cache.set(schemaFile, schema);
    schema.catch(() => cache.delete(schemaFile));
  }
  return schema;
}
