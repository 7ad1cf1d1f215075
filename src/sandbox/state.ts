import { createHash, timingSafeEqual } from "node:crypto";

/** A tenant, with the fields both tenant schemas need. */
export interface TenantRecord {
  id: string;
  name: string;
  domain: string;
  isPartner: boolean;
  isOrganization: boolean;
  parent: string | null;
  labels: { id: string; name: string; value: string }[];
  createdAt: string;
  updatedAt: string;
}

/** A user who may log in. */
export interface UserRecord {
  id: string;
  username: string;
  password: string;
  otp: string | undefined;
  tenantIds: string[];
  givenName: string;
  familyName: string;
  timezone: string;
  lastLogin: string | null;
}

/** A role assignment of an OAuth client. */
export interface RoleAssignmentRecord {
  id: string;
  roleID: string;
  roleName: string;
  tenantID: string;
  expiresAt: string | null;
}

/** OAuth client credentials; they belong to one region. */
export interface ClientRecord {
  id: string;
  clientID: string;
  secretHash: Buffer;
  name: string;
  tenantID: string;
  environment: string;
  enabled: boolean;
  roleAssignments: RoleAssignmentRecord[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  tokenRequestCount: number;
  tokenRequestTime: string | null;
}

/** An alert. */
export interface AlertRecord {
  id: string;
  tenantId: string;
  title: string;
  description: string;
  severity: number;
  confidence: number;
  status: string;
  tags: string[];
  sensorTypes: string[];
  threatScore: number;
  createdAt: Date;
}

/** An event row. */
export interface EventRecord {
  id: string;
  tenantId: string;
  type: string;
  values: Record<string, unknown>;
}

/** An investigation. */
export interface InvestigationRecord {
  id: string;
  shortId: string;
  tenantId: string;
  title: string;
  keyFindings: string | null;
  status: string;
  priority: number;
  type: string;
  tags: string[];
  assigneeId: string | null;
  createdById: string;
  updatedById: string;
  createdAt: string;
  updatedAt: string;
  alerts: string[];
  events: string[];
  riskScore: number | null;
}

/** A comment on an investigation. */
export interface CommentRecord {
  id: string;
  investigationId: string;
  tenantId: string;
  comment: string;
  authorId: string;
  isInternal: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A preference of one subject. */
export interface PreferenceRecord {
  id: string;
  subject: string;
  key: string;
  environment: string | null;
  items: { key: string; value: string }[];
  createdAt: string;
  updatedAt: string;
}

/** A device authorization (RFC 8628) in progress. */
export interface DeviceCodeRecord {
  deviceCode: string;
  userCode: string;
  /** The auth environment that issued it: a region or `universal`. */
  environment: string;
  expiresAt: number;
  /** Current polling interval in seconds (grows by 5 on each `slow_down`). */
  interval: number;
  lastPollAt: number | undefined;
  state: "pending" | "approved" | "denied" | "used";
  username: string | undefined;
}

/** A password login waiting for its OTP. */
export interface MfaChallengeRecord {
  username: string;
  environment: string;
  expiresAt: number;
}

/** An event search: its rows per type, cut into pages of `pageSize`. */
export interface EventSearchRecord {
  queryId: string;
  tenantId: string;
  query: string;
  pageSize: number;
  submitted: string;
  types: { type: string; rows: Record<string, unknown>[]; truncated: boolean }[];
  /** Page ids by page index, made as `next` / `prev` need them. */
  pageIds: string[];
}

/** What a page id (carried by `next` / `prev`) points at. */
export interface EventPageRecord {
  search: EventSearchRecord;
  index: number;
}

/** SHA-256 of a client secret: the sandbox keeps no secret in clear. */
export const hashSecret = (secret: string): Buffer => createHash("sha256").update(secret, "utf8").digest();

/** Whether a secret matches a stored hash, in constant time. */
export const secretMatches = (secret: string, hash: Buffer): boolean => timingSafeEqual(hashSecret(secret), hash);

/** Everything the sandbox knows, in memory. Shared by every region; clients belong to one region. */
export class SandboxState {
  readonly tenants = new Map<string, TenantRecord>();
  readonly users: UserRecord[] = [];
  /** By internal id. */
  readonly clients = new Map<string, ClientRecord>();
  readonly alerts: AlertRecord[] = [];
  readonly events: EventRecord[] = [];
  /** By id. */
  readonly investigations = new Map<string, InvestigationRecord>();
  readonly comments: CommentRecord[] = [];
  /** By `subject \n key`. */
  readonly preferences = new Map<string, PreferenceRecord>();
  /** By device code. */
  readonly deviceCodes = new Map<string, DeviceCodeRecord>();
  /** By MFA token. */
  readonly mfaChallenges = new Map<string, MfaChallengeRecord>();
  /** By page id. */
  readonly eventPages = new Map<string, EventPageRecord>();
  private investigationCounter = 0;

  /** The user with this username (case-insensitive) or id. */
  findUser(nameOrId: string): UserRecord | undefined {
    const lower = nameOrId.toLowerCase();
    return this.users.find((user) => user.username.toLowerCase() === lower || user.id === nameOrId);
  }

  /** The client with this public client id (any region). */
  findClientByClientId(clientID: string): ClientRecord | undefined {
    for (const client of this.clients.values()) if (client.clientID === clientID) return client;
    return undefined;
  }

  /** The device authorization with this user code. */
  findDeviceCodeByUserCode(userCode: string): DeviceCodeRecord | undefined {
    const wanted = userCode.trim().toUpperCase();
    for (const record of this.deviceCodes.values()) if (record.userCode === wanted) return record;
    return undefined;
  }

  /** The next investigation short id, `INV00001`, ... */
  nextShortId(): string {
    this.investigationCounter += 1;
    return `INV${String(this.investigationCounter).padStart(5, "0")}`;
  }
}
