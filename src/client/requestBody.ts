import { stringifyDocument, type Operation } from "@urql/core";
import type { DocumentNode, OperationDefinitionNode } from "graphql";

/** The JSON of a document's `operationName` and `query` members, made once per document object. */
const heads = new WeakMap<DocumentNode, string>();

function operationName(document: DocumentNode): string | undefined {
  for (const definition of document.definitions) {
    // graphql's Kind enum is not imported, so that graphql is not loaded for this.
    if ((definition.kind as string) === "OperationDefinition") return (definition as OperationDefinitionNode).name?.value;
  }
  return undefined;
}

function headOf(document: DocumentNode): string {
  let head = heads.get(document);
  if (head === undefined) {
    const name = operationName(document);
    head = `{${name === undefined ? "" : `"operationName":${JSON.stringify(name)},`}"query":${JSON.stringify(stringifyDocument(document))}`;
    heads.set(document, head);
  }
  return head;
}

/**
 * The JSON body of a GraphQL-over-HTTP POST for an operation:
 * `{"operationName", "query", "variables"[, "extensions"]}`. The document's
 * part (its printed text, as urql prints it) is encoded once per document;
 * only the variables are encoded per call.
 */
export function requestBody(operation: Pick<Operation, "query" | "variables" | "extensions">): string {
  const variables = JSON.stringify(operation.variables ?? {});
  const extensions = operation.extensions === undefined ? "" : `,"extensions":${JSON.stringify(operation.extensions)}`;
  return `${headOf(operation.query)},"variables":${variables}${extensions}}`;
}
