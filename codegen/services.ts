import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, type OperationDefinitionNode } from "graphql";

/** The endpoint schema file (in schema/) of each service that is not on the default `/graphql` gateway. */
export const ENDPOINT_SCHEMAS: Readonly<Record<string, string>> = {
  events: "events-query.graphql",
  agent: "agent-graphql.graphql",
  endpoint_command_manager: "agent-graphql.graphql",
  endpoint_management_service: "agent-graphql.graphql",
  cql_metadata: "cql-metadata-query.graphql",
  fast_ioc: "fast-ioc-query.graphql",
  multi_tenant_ioc: "multi-tenant-ioc-query.graphql",
  tenants: "tenants-public-query.graphql",
};

/** One operation file, as the facade and index generators see it. */
export interface OperationInfo {
  /** The operation's name, e.g. `CreateClient`. */
  name: string;
  /** `query`, `mutation` or `subscription`. */
  kind: "query" | "mutation" | "subscription";
  /** The one root field it selects, e.g. `createClient`. */
  field: string;
  /** Whether some variable is required (non-null without a default). */
  hasRequiredVariables: boolean;
  /** The leading `#` comment of the file, used as the facade method's documentation. */
  summary: string;
  /** The file, relative to the project root. */
  file: string;
}

/** One folder of operations/. */
export interface ServiceInfo {
  /** The folder name: the Taegis service, e.g. `clients`. */
  name: string;
  /** The schema file its operations validate against. */
  schemaFile: string;
  operations: OperationInfo[];
  /** Files of the folder that hold only fragments, shared by its operations. */
  fragmentFiles: string[];
}

const sortedEntries = (dir: string): string[] => readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Describes the operation of a file, or returns undefined for a file of fragments only. */
function describe(file: string, source: string): OperationInfo | undefined {
  const document = parse(source);
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const [operation] = operations;
  if (operations.length === 0) return undefined;
  if (operations.length !== 1 || operation === undefined) {
    throw new Error(`${file}: an operation file holds exactly one operation (found ${operations.length}).`);
  }
  if (operation.name === undefined) throw new Error(`${file}: the operation must be named.`);
  const fields = operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD);
  const [field] = fields;
  if (fields.length !== 1 || field === undefined || field.kind !== Kind.FIELD) {
    throw new Error(`${file}: operation ${operation.name.value} must select exactly one root field.`);
  }
  const summary = source
    .split("\n")
    .filter((line) => line.startsWith("#"))
    .map((line) => line.replace(/^#\s?/, ""))
    .join(" ")
    .trim();
  return {
    name: operation.name.value,
    kind: operation.operation,
    field: (field.alias ?? field.name).value,
    hasRequiredVariables: (operation.variableDefinitions ?? []).some(
      (variable) => variable.type.kind === Kind.NON_NULL_TYPE && variable.defaultValue === undefined,
    ),
    summary,
    file,
  };
}

/**
 * Reads operations/: one service per folder, its operations sorted by file
 * name. Files that hold only fragments are shared by the folder's operations.
 */
export function readServices(root: string): ServiceInfo[] {
  const operationsDir = join(root, "operations");
  return sortedEntries(operationsDir).map((name) => {
    const files = sortedEntries(join(operationsDir, name)).filter((file) => file.endsWith(".graphql"));
    const operations: OperationInfo[] = [];
    const fragmentFiles: string[] = [];
    for (const file of files) {
      const relative = `operations/${name}/${file}`;
      const operation = describe(relative, readFileSync(join(root, relative), "utf8"));
      if (operation === undefined) fragmentFiles.push(relative);
      else operations.push(operation);
    }
    return { name, schemaFile: `schema/${ENDPOINT_SCHEMAS[name] ?? "graphql.graphql"}`, operations, fragmentFiles };
  });
}
