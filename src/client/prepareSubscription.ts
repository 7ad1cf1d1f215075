import type { DocumentNode } from "graphql";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import type { ClientCore } from "./ClientCore.js";
import { operationInfo, type OperationInfo } from "./operationInfo.js";
import type { CallOptions } from "./options.js";
import type { CallTarget } from "./resolveCallTarget.js";

/** A subprotocol token (RFC 6455): what a tenant id must be to travel as `x-tenant-context-<tenant>`. */
const SUBPROTOCOL_TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`|a-z~]+$/;

/** A subscription whose options were checked: what its messages are run from (see `subscriptionMessages`). */
export interface PreparedSubscription {
  readonly document: DocumentNode;
  readonly info: OperationInfo;
  readonly variables: Record<string, unknown> | undefined;
  /** The layered, validated options of the call. */
  readonly call: CallOptions;
  readonly target: CallTarget;
}

/**
 * Checks a subscription at once, before anything is loaded or sent: the
 * document must be a subscription, its target must resolve, and a tenant id
 * must be able to travel as a WebSocket subprotocol.
 *
 * @param call the layered, validated options of the call.
 * @throws TaegisOptionsError for what cannot be subscribed to.
 */
export function prepareSubscription(
  core: ClientCore,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  call: CallOptions,
  service: string | undefined,
): PreparedSubscription {
  const info = operationInfo(document);
  if (info.kind !== "subscription") {
    throw new TaegisOptionsError("invalid_option", "document", `${info.name ?? "This operation"} is a ${info.kind}: run it with query() or mutation().`);
  }
  const target = core.target(call, service ?? info.service);
  if (call.tenantId !== undefined && !SUBPROTOCOL_TOKEN.test(call.tenantId)) {
    throw new TaegisOptionsError(
      "invalid_tenant_id",
      "tenantId",
      "The tenantId of a subscription travels as a WebSocket subprotocol and may hold only letters, digits and !#$%&'*+-.^_`|~.",
    );
  }
  return { document, info, variables, call, target };
}
