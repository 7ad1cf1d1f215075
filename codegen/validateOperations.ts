import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NoUnusedFragmentsRule, Source, buildSchema, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import type { ServiceInfo } from "./services.js";

/** One problem found in an operation file. */
export interface OperationProblem {
  /** `operations/<service>/<file>.graphql:line:column`. */
  location: string;
  /** graphql-js's message, naming the field or type at fault. */
  message: string;
}

/** Every rule but "no unused fragments": an operation file is checked with all the fragments of its folder. */
const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);

const parseFile = (root: string, file: string): DocumentNode => parse(new Source(readFileSync(join(root, file), "utf8"), file));

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
    const fragments = service.fragmentFiles.flatMap((file) => parseFile(root, file).definitions);
    for (const operation of service.operations) {
      const own = parseFile(root, operation.file);
      const document: DocumentNode = { ...own, definitions: [...own.definitions, ...fragments] };
      for (const error of validate(schema, document, rules)) {
        const where = error.locations?.[0];
        const file = error.source?.name ?? operation.file;
        problems.push({
          location: where === undefined ? file : `${file}:${where.line}:${where.column}`,
          message: `${error.message} (against ${service.schemaFile})`,
        });
      }
    }
  }
  return problems;
}
