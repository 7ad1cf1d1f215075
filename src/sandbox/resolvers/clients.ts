import { createClientRecord, rotateClientRecordSecret } from "../clientRecords.js";
import type { GatewayContext } from "../authenticate.js";
import type { ClientRecord } from "../state.js";
import { graphqlError, requireTenant, type GatewayResolvers } from "./context.js";

/** The `Client` object of a record (the secret hash stays inside). */
const clientView = (client: ClientRecord) => ({
  id: client.id,
  clientID: client.clientID,
  client_id: client.clientID,
  name: client.name,
  tenantID: client.tenantID,
  tenant_id: client.tenantID,
  ownerTenantID: client.tenantID,
  environment: client.environment,
  enabled: client.enabled,
  createdAt: client.createdAt,
  created_at: client.createdAt,
  updatedAt: client.updatedAt,
  updated_at: client.updatedAt,
  createdBy: client.createdBy,
  tokenRequestTime: client.tokenRequestTime,
  tokenRequestCount: client.tokenRequestCount,
  roles: client.roleAssignments.map((role) => role.roleID).join(","),
  roleAssignments: client.roleAssignments,
});

/** The clients of the call's tenant in the call's region. */
function clientsInScope({ runtime, region }: GatewayContext, tenantId: string): ClientRecord[] {
  return [...runtime.state.clients.values()].filter((client) => client.tenantID === tenantId && client.environment === region);
}

function findClient(context: GatewayContext, id: string): ClientRecord {
  const tenantId = requireTenant(context);
  const client = clientsInScope(context, tenantId).find((candidate) => candidate.id === id || candidate.clientID === id);
  if (client === undefined) throw graphqlError(`No OAuth client ${JSON.stringify(id)} in this tenant and region.`, "NOT_FOUND");
  return client;
}

interface ClientsSearchInput {
  name?: string | null;
  clientIDs?: (string | null)[] | null;
  pageOffset?: number | null;
  perPage?: number | null;
  sortBy?: string | null;
  sortOrder?: string | null;
}

const SORT_KEYS: Record<string, (client: ClientRecord) => string | number> = {
  NAME: (client) => client.name.toLowerCase(),
  CLIENT_ID: (client) => client.clientID,
  ROLE_ASSIGNMENT_NAME: (client) => client.roleAssignments[0]?.roleName ?? "",
  TOKEN_REQUEST_COUNT: (client) => client.tokenRequestCount,
  TOKEN_REQUEST_TIME: (client) => client.tokenRequestTime ?? "",
};

/** The clients service: OAuth client credentials of a tenant, one region each. */
export const clientsResolvers: GatewayResolvers = {
  Query: {
    client: (_: unknown, { id }: { id: string }, { sandbox }) => clientView(findClient(sandbox, id)),
    clientsSearch: (_: unknown, { filters }: { filters?: ClientsSearchInput | null }, { sandbox }) => {
      const all = clientsInScope(sandbox, requireTenant(sandbox));
      const name = filters?.name?.toLowerCase();
      const ids = filters?.clientIDs?.filter((id): id is string => typeof id === "string");
      let found = all.filter(
        (client) =>
          (name === undefined || client.name.toLowerCase().includes(name)) &&
          (ids === undefined || ids.length === 0 || ids.includes(client.clientID) || ids.includes(client.id)),
      );
      const key = SORT_KEYS[filters?.sortBy ?? "NAME"] ?? SORT_KEYS["NAME"];
      if (key !== undefined) {
        const direction = filters?.sortOrder === "DESC" ? -1 : 1;
        found = [...found].sort((a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0));
      }
      const offset = Math.max(0, filters?.pageOffset ?? 0);
      const perPage = Math.max(1, filters?.perPage ?? 100);
      return {
        totalCount: found.length,
        result_count: found.length,
        totalUnfilteredCount: all.length,
        results: found.slice(offset, offset + perPage).map(clientView),
      };
    },
  },
  Mutation: {
    createClient: (_: unknown, { name, roles }: { name: string; roles?: (string | null)[] | null }, { sandbox }) => {
      if (name.trim() === "") throw graphqlError("createClient needs a non-empty name.", "BAD_USER_INPUT");
      const { client, clientSecret } = createClientRecord(sandbox.runtime.state, {
        name,
        tenantID: requireTenant(sandbox),
        environment: sandbox.region,
        roles: roles?.filter((role): role is string => typeof role === "string") ?? null,
        createdBy: sandbox.claims.sub,
      });
      return { clientSecret, client_secret: clientSecret, client: clientView(client) };
    },
    rotateClientSecret: (_: unknown, { id, secret }: { id: string; secret?: string | null }, { sandbox }) => {
      const client = findClient(sandbox, id);
      const clientSecret = rotateClientRecordSecret(client, secret);
      return { clientSecret, client_secret: clientSecret, client: clientView(client) };
    },
    deleteClient: (_: unknown, { id }: { id: string }, { sandbox }) => {
      const client = findClient(sandbox, id);
      client.enabled = false;
      sandbox.runtime.state.clients.delete(client.id);
      return clientView(client);
    },
  },
};
