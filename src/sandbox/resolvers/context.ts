import { GraphQLError } from "../graphqlRuntime.js";
import type { GatewayContext, ResolverContext } from "../authenticate.js";

/** A field resolver; its arguments are those the schema declares (coerced by graphql-js). */
export type Resolver = (parent: unknown, args: never, context: ResolverContext) => unknown;

/** A subscription field: `subscribe` returns the event stream (or throws a GraphQLError). */
export interface SubscriptionResolver {
  subscribe: (parent: unknown, args: never, context: ResolverContext) => AsyncIterable<unknown>;
}

/** The resolvers of one gateway's schema. */
export interface GatewayResolvers {
  Query?: Record<string, Resolver>;
  Mutation?: Record<string, Resolver>;
  Subscription?: Record<string, SubscriptionResolver>;
  /** Union and interface type resolvers, by type name. */
  abstractTypes?: Record<string, (value: unknown) => string | undefined>;
}

/** A GraphQL error with an `extensions.code`. */
export const graphqlError = (message: string, code: string): GraphQLError => new GraphQLError(message, { extensions: { code } });

/**
 * The tenant of the call.
 * @throws GraphQLError `BAD_USER_INPUT` when the token may act in several tenants and none was chosen.
 */
export function requireTenant(context: GatewayContext): string {
  if (context.tenantId !== undefined) return context.tenantId;
  throw graphqlError(
    "This call needs a tenant: send X-Tenant-Context with one of the tenants this access token may act in.",
    "BAD_USER_INPUT",
  );
}

/** A page of a list, 1-based page numbers. */
export function paginate<T>(items: readonly T[], page: number | null | undefined, perPage: number | null | undefined, defaultPerPage: number): T[] {
  const size = Math.max(1, perPage ?? defaultPerPage);
  const start = (Math.max(1, page ?? 1) - 1) * size;
  return items.slice(start, start + size);
}

/** Now, as an ISO 8601 string. */
export const nowIso = (): string => new Date().toISOString();
