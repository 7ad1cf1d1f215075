import type { GatewayContext } from "../authenticate.js";
import { newId } from "../ids.js";
import type { CommentRecord, InvestigationRecord } from "../state.js";
import { graphqlError, nowIso, paginate, requireTenant, type GatewayResolvers } from "./context.js";
import { cqlPredicate } from "./cqlFilter.js";

const investigationView = (record: InvestigationRecord) => ({
  ...record,
  alertsEvidenceCount: record.alerts.length,
  eventsEvidenceCount: record.events.length,
  assetsEvidenceCount: 0,
  searchQueriesEvidenceCount: 0,
  contributorIds: [record.createdById],
  archivedAt: null,
});

/** Reads an investigation field for CQL (`assignee_id` and `assigneeId` alike). */
function investigationField(record: InvestigationRecord, field: string): unknown {
  const camel = field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return (record as unknown as Record<string, unknown>)[camel];
}

function findInvestigation(context: GatewayContext, id: string | null | undefined): InvestigationRecord {
  const tenantId = requireTenant(context);
  const found = [...context.runtime.state.investigations.values()].find(
    (record) => record.tenantId === tenantId && (record.id === id || record.shortId === id),
  );
  if (found === undefined) throw graphqlError(`No investigation ${JSON.stringify(id)} in this tenant.`, "NOT_FOUND");
  return found;
}

interface InvestigationInput {
  id?: string | null;
  title?: string | null;
  keyFindings?: string | null;
  priority?: number | null;
  tags?: (string | null)[] | null;
  assigneeId?: string | null;
  riskScore?: number | null;
  type?: string | null;
  status?: string | null;
  alerts?: (string | null)[] | null;
  events?: (string | null)[] | null;
}

const strings = (list: (string | null)[] | null | undefined): string[] => (list ?? []).filter((item): item is string => typeof item === "string");

const byCreatedAt = (direction: number) => (a: { createdAt: string }, b: { createdAt: string }) =>
  a.createdAt < b.createdAt ? -direction : a.createdAt > b.createdAt ? direction : 0;

/**
 * The investigations service: investigations of the call's tenant, searched
 * with the sandbox's CQL subset (fields: id, shortId, title, status, priority,
 * type, tags, assigneeId, createdById, keyFindings), and their comments.
 */
export const investigationsResolvers: GatewayResolvers = {
  Query: {
    investigationsV2: (
      _: unknown,
      { arguments: args }: { arguments: { cql?: string | null; page?: number | null; perPage?: number | null; orderBy?: string | null } },
      { sandbox },
    ) => {
      const tenantId = requireTenant(sandbox);
      const matches = cqlPredicate(args.cql, investigationField);
      const found = [...sandbox.runtime.state.investigations.values()]
        .filter((record) => record.tenantId === tenantId && matches(record))
        .sort(byCreatedAt(args.orderBy === "ASCENDING" ? 1 : -1));
      return { totalCount: found.length, investigations: paginate(found, args.page, args.perPage, 10).map(investigationView) };
    },
    investigationV2: (_: unknown, { arguments: args }: { arguments: { id?: string | null } }, { sandbox }) =>
      investigationView(findInvestigation(sandbox, args.id)),
    commentsV2: (
      _: unknown,
      { arguments: args }: { arguments: { investigationId?: string | null; page?: number | null; perPage?: number | null; orderBy?: string | null; visibility?: string | null } },
      { sandbox },
    ) => {
      const investigation = findInvestigation(sandbox, args.investigationId);
      const found = sandbox.runtime.state.comments
        .filter(
          (comment) =>
            comment.investigationId === investigation.id &&
            (args.visibility === "INTERNAL" ? comment.isInternal : args.visibility === "NOT_INTERNAL" ? !comment.isInternal : true),
        )
        .sort(byCreatedAt(args.orderBy === "DESCENDING" ? -1 : 1));
      return { totalCount: found.length, comments: paginate(found, args.page, args.perPage, 50) };
    },
  },
  Mutation: {
    createInvestigationV2: (_: unknown, { input }: { input: InvestigationInput }, { sandbox }) => {
      const tenantId = requireTenant(sandbox);
      if (typeof input.title !== "string" || input.title.trim() === "") {
        throw graphqlError("createInvestigationV2 needs input.title.", "BAD_USER_INPUT");
      }
      const at = nowIso();
      const { state } = sandbox.runtime;
      const record: InvestigationRecord = {
        id: newId(),
        shortId: state.nextShortId(),
        tenantId,
        title: input.title,
        keyFindings: input.keyFindings ?? null,
        status: input.status ?? "OPEN",
        priority: input.priority ?? 2,
        type: input.type ?? "SECURITY_INVESTIGATION",
        tags: strings(input.tags),
        assigneeId: input.assigneeId ?? null,
        createdById: sandbox.claims.sub,
        updatedById: sandbox.claims.sub,
        createdAt: at,
        updatedAt: at,
        alerts: strings(input.alerts),
        events: strings(input.events),
        riskScore: input.riskScore ?? null,
      };
      state.investigations.set(record.id, record);
      return investigationView(record);
    },
    updateInvestigationV2: (_: unknown, { input }: { input: InvestigationInput }, { sandbox }) => {
      const record = findInvestigation(sandbox, input.id);
      if (typeof input.title === "string") record.title = input.title;
      if (input.keyFindings !== undefined) record.keyFindings = input.keyFindings;
      if (typeof input.priority === "number") record.priority = input.priority;
      if (input.tags !== undefined && input.tags !== null) record.tags = strings(input.tags);
      if (input.assigneeId !== undefined) record.assigneeId = input.assigneeId;
      if (input.riskScore !== undefined) record.riskScore = input.riskScore;
      if (typeof input.type === "string") record.type = input.type;
      if (typeof input.status === "string") record.status = input.status;
      record.updatedAt = nowIso();
      record.updatedById = sandbox.claims.sub;
      return investigationView(record);
    },
    addCommentToInvestigation: (
      _: unknown,
      { input }: { input: { investigationId?: string | null; comment?: string | null; isInternal?: boolean | null } },
      { sandbox },
    ) => {
      const investigation = findInvestigation(sandbox, input.investigationId);
      if (typeof input.comment !== "string" || input.comment.trim() === "") {
        throw graphqlError("addCommentToInvestigation needs input.comment.", "BAD_USER_INPUT");
      }
      const at = nowIso();
      const comment: CommentRecord = {
        id: newId(),
        investigationId: investigation.id,
        tenantId: investigation.tenantId,
        comment: input.comment,
        authorId: sandbox.claims.sub,
        isInternal: input.isInternal ?? false,
        createdAt: at,
        updatedAt: at,
      };
      sandbox.runtime.state.comments.push(comment);
      return comment;
    },
  },
};
