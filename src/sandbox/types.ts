/** A tenant of the sandbox's seed data. */
export interface SandboxSeedTenant {
  /** Tenant id, e.g. `"50001"`. */
  id: string;
  /** Display name. */
  name: string;
  /** The tenant's domain, e.g. `acme.example.com`. */
  domain?: string;
  /** Whether the tenant is a partner tenant. Default false. */
  isPartner?: boolean;
  /** Whether the tenant is an organization. Default false. */
  isOrganization?: boolean;
  /** The parent (partner) tenant id, if any. */
  parent?: string;
  /** Labels shown on the tenants host. */
  labels?: { name: string; value: string }[];
}

/** A user who can log in by device code or by password (and OTP). */
export interface SandboxSeedUser {
  /** The login name, an email address. */
  username: string;
  /** The password of the password grant. */
  password: string;
  /** When set, the password grant answers `mfa_token` and this exact OTP completes the login. */
  otp?: string;
  /** Tenants the user may act in (the token's tenant claim). */
  tenantIds: string[];
  /** The user id, the token's `sub`. Default derived from the username. */
  id?: string;
  /** Given name. */
  givenName?: string;
  /** Family name. */
  familyName?: string;
  /** IANA time zone. Default `UTC`. */
  timezone?: string;
}

/** The resolution status of an alert, as the schema's `ResolutionStatus`. */
export type SandboxAlertStatus =
  | "OPEN"
  | "TRUE_POSITIVE_BENIGN"
  | "TRUE_POSITIVE_MALICIOUS"
  | "FALSE_POSITIVE"
  | "NOT_ACTIONABLE"
  | "OTHER"
  | "SUPPRESSED"
  | "AUTO_CLOSE"
  | "DISMISSED";

/** An alert searchable by `alertsServiceSearch`. */
export interface SandboxSeedAlert {
  /** The tenant the alert belongs to. */
  tenantId: string;
  /** `metadata.title`. */
  title: string;
  /** `metadata.severity`, 0 to 1. */
  severity: number;
  /** Alert id. Default `alert://priv:sandbox:<tenant>:<n>:<uuid>`. */
  id?: string;
  /** Default `OPEN`. */
  status?: SandboxAlertStatus;
  /** `metadata.description`. */
  description?: string;
  /** `metadata.confidence`, 0 to 1. Default 0.8. */
  confidence?: number;
  /** Tags. */
  tags?: string[];
  /** Sensor types, e.g. `["ENDPOINT_TAEGIS"]`. */
  sensorTypes?: string[];
  /** Threat score, 0 to 1. Default the severity. */
  threatScore?: number;
  /** Creation time. Default shortly before the sandbox started. */
  createdAt?: Date;
}

/** An event row found by the `eventQuery` subscription. */
export interface SandboxSeedEvent {
  /** The tenant the event belongs to. */
  tenantId: string;
  /** The event type (`process`, `netflow`, `auth`, ...), matched by `FROM <type>`. */
  type: string;
  /** The row's fields. */
  values: Record<string, unknown>;
}

/** The status of an investigation, as the schema's `InvestigationStatus` (most used values). */
export type SandboxInvestigationStatus =
  | "DRAFT"
  | "OPEN"
  | "AWAITING_ACTION"
  | "ACTIVE"
  | "SUSPENDED"
  | "CLOSED_CONFIRMED_SECURITY_INCIDENT"
  | "CLOSED_AUTHORIZED_ACTIVITY"
  | "CLOSED_THREAT_MITIGATED"
  | "CLOSED_NOT_VULNERABLE"
  | "CLOSED_FALSE_POSITIVE_ALERT"
  | "CLOSED_INCONCLUSIVE"
  | "CLOSED_INFORMATIONAL";

/** An investigation that exists when the sandbox starts. */
export interface SandboxSeedInvestigation {
  /** The tenant the investigation belongs to. */
  tenantId: string;
  /** Title. */
  title: string;
  /** Default `OPEN`. */
  status?: SandboxInvestigationStatus;
  /** 1 (low) to 4 (critical). Default 2. */
  priority?: number;
  /** Default `SECURITY_INVESTIGATION`. */
  type?: string;
  /** Tags. */
  tags?: string[];
  /** Key findings text. */
  keyFindings?: string;
  /** Assignee user id. */
  assigneeId?: string;
}

/**
 * The data the sandbox starts with. Each list that is left out takes its
 * documented default (docs/sandbox.md); a list that is given, even empty,
 * replaces it. Default users, alerts, events and investigations are made for
 * the tenants in force, so a custom tenant list alone gives a usable sandbox.
 */
export interface SandboxSeed {
  /** Tenants. Default: 50001 Acme Security, 50002 Globex Corporation, 50003 Initech Partners. */
  tenants?: SandboxSeedTenant[];
  /** Users. The first one is the default user (device-code auto-approval, `mintToken`). */
  users?: SandboxSeedUser[];
  /** Alerts. Default: six per tenant. */
  alerts?: SandboxSeedAlert[];
  /** Events. Default per tenant: five `process`, three `netflow`, three `auth`. */
  events?: SandboxSeedEvent[];
  /** Investigations. Default: two per tenant. */
  investigations?: SandboxSeedInvestigation[];
}

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** TCP port. Default 0: the operating system picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Region names, each a path prefix (`/us1`, `/us1-tenants`). Default `["us1", "us2", "eu"]`. */
  regions?: string[];
  /** A device code is approved, as the default user, when it is created. Default true. */
  autoApproveDeviceCodes?: boolean;
  /** The `interval` handed out with a device code, in seconds (fractions allowed, for fast tests). Default 1. A pending code polled sooner answers `slow_down`; 0 disables the pace check. */
  deviceCodeIntervalSeconds?: number;
  /** Lifetime of a device code. Default 600. Fractions are allowed (tests of `expired_token`). */
  deviceCodeExpiresInSeconds?: number;
  /** Lifetime of issued access tokens. Default 3600. */
  tokenTtlSeconds?: number;
  /** Seed data; see {@link SandboxSeed}. */
  seed?: SandboxSeed;
}

/** The URLs of one sandbox region, in the shape `new TaegisClient({ environments })` takes. */
export interface SandboxEnvironment {
  /** Regional API host, e.g. `http://127.0.0.1:PORT/us1`. */
  url: string;
  /** The region's tenants host, e.g. `http://127.0.0.1:PORT/us1-tenants`. */
  tenantsUrl: string;
}

/** A seeded user, with the secrets a test needs to log in. */
export interface SandboxUser {
  /** Login name. */
  username: string;
  /** Password. */
  password: string;
  /** The OTP, for users with a second factor. */
  otp?: string;
  /** Tenants the user may act in. */
  tenantIds: string[];
}

/**
 * A fault for {@link Sandbox.inject}: the next `times` requests whose path
 * equals `path` or ends with it get this answer instead of the real one.
 * When none of `status`, `body` and `headers` is set, the fault only delays
 * the real answer by `delayMs`.
 */
export interface SandboxFault {
  /** Request path, or its end (`/auth/api/v2/auth/token` hits every region). */
  path: string;
  /** Status of the faulty answer. Default 200 when `body` or `headers` is set. */
  status?: number;
  /** How many requests the fault applies to. Default 1. */
  times?: number;
  /** Wait this long before answering (faulty or real answer). */
  delayMs?: number;
  /** Body of the faulty answer. Default empty. */
  body?: string;
  /** Headers of the faulty answer (e.g. `Retry-After`, `Location`). */
  headers?: Record<string, string>;
}

/** One request the sandbox received, as recorded by {@link Sandbox.metrics}. */
export interface SandboxRequestRecord {
  /** HTTP method. */
  method: string;
  /** URL path, without the query string. */
  path: string;
  /** Request headers, names lower-cased, `Authorization` included. */
  headers: Record<string, string>;
}

/** What the sandbox counted since it started or since {@link Sandbox.resetMetrics}. */
export interface SandboxMetrics {
  /** Requests to the token endpoints (client credentials, device-code polls, password and MFA). */
  tokenRequests: number;
  /** The same, by grant: `client_credentials`, `password`, `mfa`, `device_code`. */
  tokenRequestsByGrant: Record<string, number>;
  /** GraphQL requests (HTTP requests to a gateway, and WebSocket `start` messages) per region name, plus `total`. */
  graphqlRequests: Record<string, number>;
  /** The last 1000 requests, oldest first. */
  requests: SandboxRequestRecord[];
}

/** A running sandbox. */
export interface Sandbox {
  /** Region name (as given in `regions`) to URLs; pass straight to `new TaegisClient({ environments })`. */
  environments: Record<string, SandboxEnvironment>;
  /** The universal authentication host, `http://127.0.0.1:PORT/universal`. */
  universalAuthenticationUrl: string;
  /** The server's base URL, `http://127.0.0.1:PORT`. */
  url: string;
  /** The seeded tenants. */
  tenants: { id: string; name: string }[];
  /** The seeded users, with their passwords and OTPs. */
  users: SandboxUser[];
  /** Closes every HTTP and WebSocket connection; resolves when the port is free. */
  stop(): Promise<void>;
  /** Approves a pending device code as `username` (default: the first seeded user). */
  approveDeviceCode(userCode: string, username?: string): void;
  /** Denies a pending device code: its next poll answers `access_denied`. */
  denyDeviceCode(userCode: string): void;
  /** Makes an issued access token unacceptable (HTTP 401) from now on. */
  revokeToken(token: string): void;
  /** Makes OAuth client credentials, valid at once at `environment`'s token endpoint and at /universal. */
  createClientCredentials(options: {
    environment: string;
    tenantId?: string;
    roles?: string[];
  }): Promise<{ clientId: string; clientSecret: string }>;
  /**
   * A signed access token without an OAuth round trip. `environment` is a
   * region name or `universal`; `subject` a seeded username, user id or
   * client id (default: the first seeded user); `ttlSeconds` may be negative
   * for an expired token.
   */
  mintToken(options: { environment: string; subject?: string; tenantIds?: string[]; ttlSeconds?: number }): Promise<string>;
  /** What the sandbox counted. */
  metrics(): SandboxMetrics;
  /** Sets every counter back to zero and forgets recorded requests. */
  resetMetrics(): void;
  /** Queues a fault; see {@link SandboxFault}. */
  inject(fault: SandboxFault): void;
}
