import { GraphQLError } from "../graphqlRuntime.js";
import type { AlertRecord } from "../state.js";
import { newId } from "../ids.js";
import { requireTenant, type GatewayResolvers } from "./context.js";
import { cqlPredicate } from "./cqlFilter.js";

const alertView = (alert: AlertRecord) => ({
  id: alert.id,
  tenant_id: alert.tenantId,
  status: alert.status,
  tags: alert.tags,
  sensor_types: alert.sensorTypes,
  threat_score: alert.threatScore,
  suppressed: alert.status === "SUPPRESSED",
  metadata: {
    title: alert.title,
    full_title: alert.title,
    description: alert.description,
    severity: alert.severity,
    confidence: alert.confidence,
    created_at: { seconds: Math.floor(alert.createdAt.getTime() / 1000), nanos: 0 },
  },
});

const ALERT_FIELDS: Record<string, (alert: AlertRecord) => unknown> = {
  id: (alert) => alert.id,
  tenant_id: (alert) => alert.tenantId,
  status: (alert) => alert.status,
  severity: (alert) => alert.severity,
  confidence: (alert) => alert.confidence,
  title: (alert) => alert.title,
  description: (alert) => alert.description,
  tags: (alert) => alert.tags,
  sensor_types: (alert) => alert.sensorTypes,
  threat_score: (alert) => alert.threatScore,
};

const alertField = (alert: AlertRecord, field: string): unknown => ALERT_FIELDS[field.replace(/^metadata\./, "")]?.(alert);

/**
 * The alerts service: the call tenant's alerts, newest first. `cql_query`
 * uses the sandbox's CQL subset (`FROM alert` ignored; fields id, tenant_id,
 * status, severity, confidence, title, description, tags, sensor_types,
 * threat_score, with or without `metadata.`); `offset` / `limit` (default 10)
 * page, and `next_offset` is set while more remain. Bad CQL answers
 * `status: INVALID_REQUEST` with a `reason`, as the service does.
 */
export const alertsResolvers: GatewayResolvers = {
  Query: {
    alertsServiceSearch: (_: unknown, { in: input }: { in?: { cql_query?: string | null; offset?: number | null; limit?: number | null } | null }, { sandbox }) => {
      const tenantId = requireTenant(sandbox);
      let matches: (alert: AlertRecord) => boolean;
      try {
        matches = cqlPredicate(input?.cql_query, alertField);
      } catch (error) {
        if (error instanceof GraphQLError) return { search_id: null, status: "INVALID_REQUEST", reason: error.message, alerts: null };
        throw error;
      }
      const found = sandbox.runtime.state.alerts
        .filter((alert) => alert.tenantId === tenantId && matches(alert))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      const offset = Math.max(0, input?.offset ?? 0);
      const limit = Math.max(1, input?.limit ?? 10);
      const page = found.slice(offset, offset + limit);
      return {
        search_id: newId(),
        status: "OK",
        reason: null,
        alerts: {
          total_results: found.length,
          next_offset: offset + limit < found.length ? offset + limit : null,
          previous_offset: offset > 0 ? Math.max(0, offset - limit) : null,
          list: page.map(alertView),
        },
      };
    },
    alertsServiceRetrieveAlertsById: (_: unknown, { in: input }: { in?: { iDs?: (string | null)[] | null } | null }, { sandbox }) => {
      const tenantId = requireTenant(sandbox);
      const ids = new Set((input?.iDs ?? []).filter((id): id is string => typeof id === "string"));
      const found = sandbox.runtime.state.alerts.filter((alert) => alert.tenantId === tenantId && ids.has(alert.id));
      return { search_id: null, status: "OK", reason: null, alerts: { total_results: found.length, list: found.map(alertView) } };
    },
  },
};
