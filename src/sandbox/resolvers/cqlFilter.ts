import { CqlSyntaxError, matchesCql, parseCql } from "../cql.js";
import { graphqlError } from "./context.js";

/**
 * A predicate for a CQL text over records whose fields `get` reads.
 * @throws GraphQLError `BAD_USER_INPUT` for CQL outside the sandbox's subset.
 */
export function cqlPredicate<T>(cql: string | null | undefined, get: (record: T, field: string) => unknown): (record: T) => boolean {
  try {
    const { conditions } = parseCql(cql);
    return (record) => matchesCql(conditions, (field) => get(record, field));
  } catch (error) {
    if (error instanceof CqlSyntaxError) {
      throw graphqlError(`The sandbox does not understand this CQL (${error.message}); see docs/sandbox.md for the subset it supports.`, "BAD_USER_INPUT");
    }
    throw error;
  }
}
