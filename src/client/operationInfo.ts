import { Kind, type DocumentNode, type OperationTypeNode } from "graphql";
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
  const definition = document?.definitions?.find((node) => node.kind === Kind.OPERATION_DEFINITION);
  if (definition === undefined || definition.kind !== Kind.OPERATION_DEFINITION) {
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
