import { canonicalEnvironmentName } from "../../environments.js";
import type { TenantRecord } from "../state.js";
import { graphqlError, type GatewayResolvers } from "./context.js";

/** The schema's TenantEnvironment values the sandbox's regions stand for (unknown region names are left out). */
function environmentsOf(regions: readonly string[]): string[] {
  const known = new Set(["charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "quebec"]);
  return [...new Set(regions.map(canonicalEnvironmentName).filter((name) => known.has(name)))].map((name) => name.toUpperCase());
}

/** The `TenantV4` object of `/graphql`. */
export const tenantV4View = (tenant: TenantRecord, regions: readonly string[]) => ({
  id: tenant.id,
  name: tenant.name,
  enabled: true,
  isPartner: tenant.isPartner,
  isOrganization: tenant.isOrganization,
  parentTenantID: tenant.parent,
  partnerTenantID: tenant.isPartner ? tenant.id : tenant.parent,
  organizationTenantID: tenant.isOrganization ? tenant.id : null,
  organizationName: tenant.isOrganization ? tenant.name : null,
  createdAt: tenant.createdAt,
  updatedAt: tenant.updatedAt,
  enabledAtEnvironments: environmentsOf(regions),
  labels: tenant.labels.map((label) => ({ ...label, tenant_id: tenant.id })),
});

/** `tenant(id)` on `/graphql`: one tenant the token may act in. */
export const tenants4Resolvers: GatewayResolvers = {
  Query: {
    tenant: (_: unknown, { id }: { id: string }, { sandbox }) => {
      const tenant = sandbox.runtime.state.tenants.get(id);
      if (tenant === undefined || !sandbox.claims.tenantIds.includes(id)) {
        throw graphqlError(`Tenant ${JSON.stringify(id)} was not found among the tenants this access token may act in.`, "NOT_FOUND");
      }
      return tenantV4View(tenant, sandbox.runtime.settings.regions);
    },
  },
};
