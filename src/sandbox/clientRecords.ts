import { newClientId, newClientSecret, newId } from "./ids.js";
import { hashSecret, type ClientRecord, type RoleAssignmentRecord, type SandboxState } from "./state.js";

/** Role ids the sandbox knows by name; any other role id is kept as given, named after itself. */
export const ROLE_NAMES: Readonly<Record<string, string>> = {
  "tenant-admin": "Tenant Admin",
  "tenant-analyst": "Tenant Analyst",
  "tenant-responder": "Tenant Responder",
  "tenant-auditor": "Tenant Auditor",
};

/** The role given to a client created without roles. */
export const DEFAULT_CLIENT_ROLE = "tenant-analyst";

function roleAssignments(roles: readonly string[] | null | undefined, tenantID: string): RoleAssignmentRecord[] {
  const wanted = roles === null || roles === undefined || roles.length === 0 ? [DEFAULT_CLIENT_ROLE] : roles;
  return wanted.map((role) => {
    const byName = Object.entries(ROLE_NAMES).find(([, name]) => name.toLowerCase() === role.toLowerCase());
    const roleID = byName?.[0] ?? role;
    return { id: newId(), roleID, roleName: ROLE_NAMES[roleID] ?? role, tenantID, expiresAt: null };
  });
}

/** What a new client is made of. */
export interface NewClientRequest {
  name: string;
  tenantID: string;
  /** The region the credentials belong to. */
  environment: string;
  roles?: readonly string[] | null;
  createdBy: string;
}

/** Creates OAuth client credentials in the state; the secret is returned once and kept only as a hash. */
export function createClientRecord(state: SandboxState, request: NewClientRequest): { client: ClientRecord; clientSecret: string } {
  const clientSecret = newClientSecret();
  const at = new Date().toISOString();
  const client: ClientRecord = {
    id: newId(),
    clientID: newClientId(),
    secretHash: hashSecret(clientSecret),
    name: request.name,
    tenantID: request.tenantID,
    environment: request.environment,
    enabled: true,
    roleAssignments: roleAssignments(request.roles, request.tenantID),
    createdAt: at,
    updatedAt: at,
    createdBy: request.createdBy,
    tokenRequestCount: 0,
    tokenRequestTime: null,
  };
  state.clients.set(client.id, client);
  return { client, clientSecret };
}

/** Gives a client a new secret (`secret` when given, else a fresh one); the old one stops working. */
export function rotateClientRecordSecret(client: ClientRecord, secret?: string | null): string {
  const clientSecret = secret === undefined || secret === null || secret === "" ? newClientSecret() : secret;
  client.secretHash = hashSecret(clientSecret);
  client.updatedAt = new Date().toISOString();
  return clientSecret;
}
