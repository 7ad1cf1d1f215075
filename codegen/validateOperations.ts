import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, parse, validate, type GraphQLSchema } from "graphql";
import type { ServiceInfo } from "./services.js";

/** One problem found in an operation file. */
export interface OperationProblem {
  /** `operations/<service>/<file>.graphql:line:column`. */
  location: string;
  /** graphql-js's message, naming the field or type at fault. */
  message: string;
}

/**
 * Validates every operation of every service against the schema of the
 * service's own endpoint (schema/<endpoint>.graphql), never the merged one.
 */
export function validateOperations(root: string, services: readonly ServiceInfo[]): OperationProblem[] {
  const schemas = new Map<string, GraphQLSchema>();
  const problems: OperationProblem[] = [];
  for (const service of services) {
    let schema = schemas.get(service.schemaFile);
    if (schema === undefined) {
      schema = buildSchema(readFileSync(join(root, service.schemaFile), "utf8"));
      schemas.set(service.schemaFile, schema);
    }
    for (const operation of service.operations) {
      const document = parse(readFileSync(join(root, operation.file), "utf8"));
      for (const error of validate(schema, document)) {
        const where = error.locations?.[0];
        problems.push({
          location: where === undefined ? operation.file : `${operation.file}:${where.line}:${where.column}`,
          message: `${error.message} (against ${service.schemaFile})`,
        });
      }
    }
  }
  return problems;
}
