import { CqlSyntaxError, matchesCql, parseCql, type CqlQuery } from "../cql.js";
import { newId } from "../ids.js";
import type { EventSearchRecord, SandboxState } from "../state.js";
import { graphqlError, nowIso, requireTenant, type GatewayResolvers } from "./context.js";

/** Rows per page when `options.pageSize` is not given. */
export const DEFAULT_EVENT_PAGE_SIZE = 100;

interface EventQueryOptions {
  pageSize?: number | null;
  maxRows?: number | null;
  timestampAscending?: boolean | null;
}

function parseEventQuery(query: string): CqlQuery {
  try {
    return parseCql(query);
  } catch (error) {
    if (error instanceof CqlSyntaxError) {
      throw graphqlError(`The sandbox does not understand this event query (${error.message}); see docs/sandbox.md.`, "BAD_USER_INPUT");
    }
    throw error;
  }
}

function pageId(state: SandboxState, search: EventSearchRecord, index: number): string {
  let id = search.pageIds[index];
  if (id === undefined) {
    id = newId();
    search.pageIds[index] = id;
    state.eventPages.set(id, { search, index });
  }
  return id;
}

/**
 * The messages of page `index` of a search: one per event type that has rows
 * on that page (page 0 also lists types without rows). Every message whose
 * type has rows after this page carries `next`, the id of the query's next
 * page; `prev` is the previous page's id.
 */
function pageMessages(state: SandboxState, search: EventSearchRecord, index: number): unknown[] {
  const start = index * search.pageSize;
  const end = start + search.pageSize;
  const completed = nowIso();
  const query = { id: search.queryId, query: search.query, types: search.types.map((t) => t.type), status: "COMPLETE", submitted: search.submitted, completed };
  const prev = index > 0 ? pageId(state, search, index - 1) : null;
  const messages = search.types
    .filter(({ rows }) => (index === 0 ? true : rows.length > start))
    .map(({ type, rows, truncated }) => ({
      queryId: search.queryId,
      next: rows.length > end ? pageId(state, search, index + 1) : null,
      prev,
      query,
      result: {
        id: newId(),
        type,
        status: "COMPLETE",
        reason: null,
        submitted: search.submitted,
        completed,
        rows: rows.slice(start, end),
        progress: { type, totalRows: rows.length, totalRowsIsLowerBound: false, rowsRemoved: 0, rowsFiltered: 0, resultsTruncated: truncated },
      },
    }));
  return messages;
}

async function* stream(messages: readonly unknown[]): AsyncGenerator<unknown> {
  for (const message of messages) yield message;
}

const eventTime = (row: Record<string, unknown>): number => Number(row["event_time_usec"] ?? 0);

/**
 * The events service (`/events/query`): `eventQuery` runs the sandbox's CQL
 * subset over the call tenant's seeded events (`FROM type[, type]` picks the
 * types, `WHERE` conditions test row fields) and streams the first page of
 * each type; `eventPage(id)` streams the page a `next` / `prev` id names.
 */
export const eventsResolvers: GatewayResolvers = {
  Subscription: {
    eventQuery: {
      subscribe: (_: unknown, { query, options }: { query: string; options?: EventQueryOptions | null }, { sandbox }) => {
        const tenantId = requireTenant(sandbox);
        const { state } = sandbox.runtime;
        const parsed = parseEventQuery(query);
        const pageSize = options?.pageSize ?? DEFAULT_EVENT_PAGE_SIZE;
        if (!Number.isInteger(pageSize) || pageSize < 1) throw graphqlError("options.pageSize must be a positive integer.", "BAD_USER_INPUT");
        const maxRows = options?.maxRows ?? Number.POSITIVE_INFINITY;
        const direction = options?.timestampAscending === true ? 1 : -1;
        const rowsByType = new Map<string, Record<string, unknown>[]>();
        for (const type of parsed.from ?? []) rowsByType.set(type, []);
        for (const event of state.events) {
          const type = event.type.toLowerCase();
          if (event.tenantId !== tenantId || (parsed.from !== undefined && !parsed.from.includes(type))) continue;
          const row: Record<string, unknown> = { ...event.values, id: event.id, tenant_id: event.tenantId, event_type: type };
          if (!matchesCql(parsed.conditions, (field) => row[field])) continue;
          const rows = rowsByType.get(type) ?? [];
          rows.push(row);
          rowsByType.set(type, rows);
        }
        const search: EventSearchRecord = {
          queryId: newId(),
          tenantId,
          query,
          pageSize,
          submitted: nowIso(),
          pageIds: [],
          types: [...rowsByType].map(([type, rows]) => {
            const sorted = rows.sort((a, b) => direction * (eventTime(a) - eventTime(b)));
            return { type, rows: sorted.slice(0, maxRows), truncated: sorted.length > maxRows };
          }),
        };
        return stream(pageMessages(state, search, 0));
      },
    },
    eventPage: {
      subscribe: (_: unknown, { id }: { id: string }, { sandbox }) => {
        const tenantId = requireTenant(sandbox);
        const { state } = sandbox.runtime;
        const page = state.eventPages.get(id);
        if (page === undefined || page.search.tenantId !== tenantId) {
          throw graphqlError("Unknown page id: use the `next` or `prev` of an eventQuery result of this tenant.", "NOT_FOUND");
        }
        return stream(pageMessages(state, page.search, page.index));
      },
    },
  },
};
