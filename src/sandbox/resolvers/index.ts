import { alertsResolvers } from "./alerts.js";
import { clientsResolvers } from "./clients.js";
import type { GatewayResolvers } from "./context.js";
import { eventsResolvers } from "./events.js";
import { investigationsResolvers } from "./investigations2.js";
import { preferencesResolvers } from "./preferences.js";
import { subjectsResolvers } from "./subjects.js";
import { tenants4Resolvers } from "./tenants4.js";
import { tenantsResolvers } from "./tenants.js";
import { usersResolvers } from "./users.js";

function merge(...parts: GatewayResolvers[]): GatewayResolvers {
  const merged: Required<GatewayResolvers> = { Query: {}, Mutation: {}, Subscription: {}, abstractTypes: {} };
  for (const part of parts) {
    Object.assign(merged.Query, part.Query);
    Object.assign(merged.Mutation, part.Mutation);
    Object.assign(merged.Subscription, part.Subscription);
    Object.assign(merged.abstractTypes, part.abstractTypes);
  }
  return merged;
}

/** The resolvers of each schema file, by file name. Root fields not listed answer "not implemented in the sandbox". */
export const RESOLVERS_BY_SCHEMA: Readonly<Record<string, GatewayResolvers>> = {
  "graphql.graphql": merge(
    clientsResolvers,
    investigationsResolvers,
    alertsResolvers,
    preferencesResolvers,
    subjectsResolvers,
    usersResolvers,
    tenants4Resolvers,
  ),
  "tenants-public-query.graphql": tenantsResolvers,
  "events-query.graphql": eventsResolvers,
};
