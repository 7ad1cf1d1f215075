import type { TenantRecord } from "../state.js";
import type { GatewayResolvers } from "./context.js";

interface TenantsQuery {
  ids?: (string | null)[] | null;
  name?: string | null;
  isPartner?: boolean | null;
  isOrganization?: boolean | null;
  maxResults?: number | null;
  pageNum?: number | null;
  cursorPos?: string | null;
  orderBy?: string | null;
  orderDir?: string | null;
}

/** The tenants host's `Tenant` object. */
const tenantView = (tenant: TenantRecord, regions: readonly string[]) => ({
  id: tenant.id,
  name: tenant.name,
  name_normalized: tenant.name.toLowerCase(),
  domain: tenant.domain,
  domain_normalized: tenant.domain.toLowerCase(),
  enabled: true,
  is_partner: tenant.isPartner,
  is_organization: tenant.isOrganization,
  parent: tenant.parent,
  partner: tenant.parent,
  created_at: tenant.createdAt,
  updated_at: tenant.updatedAt,
  enabled_in_production: true,
  enabled_in_pilot: false,
  labels: tenant.labels.map((label) => ({ ...label, tenant_id: tenant.id })),
  environments: regions.map((name) => ({ name, enabled: true })),
});

const ORDER_KEYS: Record<string, (tenant: TenantRecord) => string> = {
  Id: (tenant) => tenant.id,
  Name: (tenant) => tenant.name.toLowerCase(),
  CreatedAt: (tenant) => tenant.createdAt,
  UpdatedAt: (tenant) => tenant.updatedAt,
};

/**
 * The tenants service on the tenants host (`/public/query`): the tenants the
 * token may act in, filtered by `ids`, `name` (substring, case-insensitive),
 * `isPartner` and `isOrganization`, a page at a time (`maxResults`, default
 * 100; `pageNum` from 1, or `cursorPos` as returned).
 */
export const tenantsResolvers: GatewayResolvers = {
  Query: {
    tenants: (_: unknown, { tenantsQuery }: { tenantsQuery: TenantsQuery }, { sandbox }) => {
      const visible = sandbox.claims.tenantIds;
      const ids = tenantsQuery.ids?.filter((id): id is string => typeof id === "string");
      const name = tenantsQuery.name?.toLowerCase();
      const key = ORDER_KEYS[tenantsQuery.orderBy ?? "Id"] ?? ORDER_KEYS["Id"];
      const direction = tenantsQuery.orderDir === "desc" ? -1 : 1;
      const found = [...sandbox.runtime.state.tenants.values()]
        .filter(
          (tenant) =>
            visible.includes(tenant.id) &&
            (ids === undefined || ids.length === 0 || ids.includes(tenant.id)) &&
            (name === undefined || name === "" || tenant.name.toLowerCase().includes(name)) &&
            (tenantsQuery.isPartner == null || tenant.isPartner === tenantsQuery.isPartner) &&
            (tenantsQuery.isOrganization == null || tenant.isOrganization === tenantsQuery.isOrganization),
        )
        .sort((a, b) => (key === undefined ? 0 : key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0));
      const size = Math.max(1, tenantsQuery.maxResults ?? 100);
      const cursor = Number.parseInt(tenantsQuery.cursorPos ?? "", 10);
      const start = Number.isNaN(cursor) ? (Math.max(1, tenantsQuery.pageNum ?? 1) - 1) * size : Math.max(0, cursor);
      const results = found.slice(start, start + size);
      const hasMore = start + size < found.length;
      return {
        count: results.length,
        totalCount: found.length,
        hasMore,
        cursorPos: hasMore ? String(start + size) : null,
        results: results.map((tenant) => tenantView(tenant, sandbox.runtime.settings.regions)),
      };
    },
  },
};
