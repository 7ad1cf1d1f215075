import type { DocumentNode, OperationDefinitionNode, OperationTypeNode } from "graphql";
import { OPERATION_SERVICES } from "../../generated/index.js";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";

/** What the client needs to know about a document to route it. */
export interface OperationInfo {
  /** `query`, `mutation` or `subscription`. */
  readonly kind: OperationTypeNode;
  /** The operation's name, when it has one. */
  readonly name: string | undefined;
  /** The service of an operation the SDK ships (its folder under operations/), else undefined: the default gateway. */
  readonly service: string | undefined;
}

const cache = new WeakMap<DocumentNode, OperationInfo>();

/** graphql's `Kind.OPERATION_DEFINITION`, as its string: importing `Kind` at run time would load all of graphql-js. */
const OPERATION_DEFINITION: `${OperationDefinitionNode["kind"]}` = "OperationDefinition";

function isOperationDefinition(node: DocumentNode["definitions"][number]): node is OperationDefinitionNode {
  return node.kind === OPERATION_DEFINITION;
}

/**
 * The kind, name and service of a document's operation (the first one). The
 * service comes from the routing table generated from operations/, by
 * operation name; the user's own documents are not in it and go to the
 * default gateway `/graphql` unless a `gateway` or `url` option says
 * otherwise. Cached per document object.
 * @throws TaegisOptionsError `invalid_option` when the document holds no operation.
 */
export function operationInfo(document: DocumentNode): OperationInfo {
  const cached = cache.get(document);
  if (cached !== undefined) return cached;
  const definition = document?.definitions?.find(isOperationDefinition);
  if (definition === undefined) {
    throw new TaegisOptionsError(
      "invalid_option",
      "document",
      "The document holds no GraphQL operation: pass a typed document such as CreateClientDocument, or one made with graphql's parse().",
    );
  }
  const name = definition.name?.value;
  const info: OperationInfo = {
    kind: definition.operation,
    name,
    service: name === undefined || !Object.hasOwn(OPERATION_SERVICES, name) ? undefined : OPERATION_SERVICES[name],
  };
  cache.set(document, info);
  return info;
}
