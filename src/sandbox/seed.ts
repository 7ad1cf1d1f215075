import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import { newId } from "./ids.js";
import { SandboxState } from "./state.js";
import type {
  SandboxSeed,
  SandboxSeedAlert,
  SandboxSeedEvent,
  SandboxSeedInvestigation,
  SandboxSeedTenant,
  SandboxSeedUser,
} from "./types.js";

/** The default tenants. */
export const DEFAULT_TENANTS: readonly SandboxSeedTenant[] = [
  { id: "50001", name: "Acme Security", domain: "acme.example.com", labels: [{ name: "tier", value: "gold" }] },
  { id: "50002", name: "Globex Corporation", domain: "globex.example.com" },
  { id: "50003", name: "Initech Partners", domain: "initech.example.com", isPartner: true },
];

/** The default users for a tenant list: alice (first tenant), bob (two tenants, OTP), carol (two tenants). */
export function defaultUsers(tenantIds: readonly string[]): SandboxSeedUser[] {
  const first = tenantIds.slice(0, 1);
  const firstTwo = tenantIds.slice(0, 2);
  const lastTwo = tenantIds.length > 1 ? tenantIds.slice(-2) : first;
  return [
    { username: "alice@example.com", password: "alice+Sandbox~1", tenantIds: first, givenName: "Alice", familyName: "Analyst" },
    { username: "bob@example.com", password: "bob+Sandbox~2", otp: "246810", tenantIds: firstTwo, givenName: "Bob", familyName: "Responder" },
    { username: "carol@example.com", password: "carol+Sandbox~3", tenantIds: lastTwo, givenName: "Carol", familyName: "Partner" },
  ];
}

const ALERT_TEMPLATES: readonly Omit<SandboxSeedAlert, "tenantId">[] = [
  { title: "Suspicious PowerShell command line", severity: 0.9, tags: ["powershell", "execution"], sensorTypes: ["ENDPOINT_TAEGIS"] },
  { title: "Brute force authentication attempts", severity: 0.6, tags: ["credential-access"], sensorTypes: ["AUTH"] },
  { title: "Connection to known command and control domain", severity: 0.8, tags: ["c2"], sensorTypes: ["NETFLOW"] },
  { title: "Credential dumping via LSASS access", severity: 0.95, tags: ["credential-access"], sensorTypes: ["ENDPOINT_TAEGIS"] },
  { title: "Unusual outbound data transfer", severity: 0.4, status: "TRUE_POSITIVE_BENIGN", tags: ["exfiltration"], sensorTypes: ["NETFLOW"] },
  { title: "New local administrator account created", severity: 0.2, status: "FALSE_POSITIVE", tags: ["persistence"], sensorTypes: ["ENDPOINT_TAEGIS"] },
];

/** Six alerts per tenant, newest first by creation time. */
export function defaultAlerts(tenantIds: readonly string[], now: number): SandboxSeedAlert[] {
  return tenantIds.flatMap((tenantId) =>
    ALERT_TEMPLATES.map((template, index) => ({
      ...template,
      tenantId,
      description: `${template.title} (sandbox alert ${index + 1} of tenant ${tenantId}).`,
      createdAt: new Date(now - (index + 1) * 3_600_000),
    })),
  );
}

/** Per tenant: five `process`, three `netflow` and three `auth` events. */
export function defaultEvents(tenantIds: readonly string[], now: number): SandboxSeedEvent[] {
  const usec = (minutesAgo: number): number => (now - minutesAgo * 60_000) * 1000;
  return tenantIds.flatMap((tenantId) => [
    ...["powershell.exe", "cmd.exe", "rundll32.exe", "explorer.exe", "svchost.exe"].map((image, i) => ({
      tenantId,
      type: "process",
      values: {
        event_time_usec: usec(10 + i),
        host_id: `host-${tenantId}-0${(i % 2) + 1}`,
        process_id: 4000 + i,
        image_path: `C:\\Windows\\System32\\${image}`,
        commandline: `${image} ${i === 0 ? "-enc SQBFAFgA" : "/c whoami"}`,
        username: i % 2 === 0 ? "ACME\\jdoe" : "ACME\\svc_backup",
      },
    })),
    ...[443, 53, 8443].map((port, i) => ({
      tenantId,
      type: "netflow",
      values: {
        event_time_usec: usec(20 + i),
        source_address: `10.0.0.${10 + i}`,
        destination_address: `198.51.100.${20 + i}`,
        destination_port: port,
        protocol: port === 53 ? "UDP" : "TCP",
        bytes_out: 1000 * (i + 1),
      },
    })),
    ...(["SUCCESS", "FAILURE", "FAILURE"] as const).map((result, i) => ({
      tenantId,
      type: "auth",
      values: {
        event_time_usec: usec(30 + i),
        source_address: `203.0.113.${5 + i}`,
        target_username: i === 0 ? "jdoe" : "administrator",
        auth_result: result,
      },
    })),
  ]);
}

/** Two investigations per tenant. */
export function defaultInvestigations(tenantIds: readonly string[]): SandboxSeedInvestigation[] {
  return tenantIds.flatMap((tenantId) => [
    { tenantId, title: "Phishing campaign follow-up", status: "OPEN", priority: 2, tags: ["phishing"] },
    { tenantId, title: "Ransomware precursor activity", status: "ACTIVE", priority: 4, tags: ["ransomware"], keyFindings: "Encoded PowerShell on two hosts." },
  ]);
}

function assertTenants(known: ReadonlySet<string>, ids: readonly string[], what: string): void {
  for (const id of ids) {
    if (!known.has(id)) {
      throw new TaegisOptionsError("invalid_option", "seed", `The sandbox seed names tenant ${JSON.stringify(id)} in ${what}, but seed.tenants has no such tenant.`);
    }
  }
}

const userIdOf = (username: string): string => `auth0|sandbox-${username.split("@")[0]?.replace(/[^A-Za-z0-9_.-]/g, "") ?? "user"}`;

/**
 * Builds the in-memory state from a seed, with the defaults for what the seed
 * leaves out. Rejects a seed whose references do not hold.
 * @throws TaegisOptionsError `invalid_option` naming what is wrong.
 */
export function buildState(seed: SandboxSeed, now: number): SandboxState {
  const state = new SandboxState();
  const tenants = seed.tenants ?? DEFAULT_TENANTS;
  if (tenants.length === 0) throw new TaegisOptionsError("invalid_option", "seed.tenants", "The sandbox needs at least one tenant in seed.tenants.");
  const iso = new Date(now - 30 * 86_400_000).toISOString();
  for (const tenant of tenants) {
    state.tenants.set(tenant.id, {
      id: tenant.id,
      name: tenant.name,
      domain: tenant.domain ?? `${tenant.id}.example.com`,
      isPartner: tenant.isPartner ?? false,
      isOrganization: tenant.isOrganization ?? false,
      parent: tenant.parent ?? null,
      labels: (tenant.labels ?? []).map((label) => ({ id: newId(), ...label })),
      createdAt: iso,
      updatedAt: iso,
    });
  }
  const tenantIds = [...state.tenants.keys()];
  const known = new Set(tenantIds);

  const users = seed.users ?? defaultUsers(tenantIds);
  if (users.length === 0) throw new TaegisOptionsError("invalid_option", "seed.users", "The sandbox needs at least one user in seed.users.");
  for (const user of users) {
    assertTenants(known, user.tenantIds, `the tenants of user ${user.username}`);
    state.users.push({
      id: user.id ?? userIdOf(user.username),
      username: user.username,
      password: user.password,
      otp: user.otp,
      tenantIds: [...user.tenantIds],
      givenName: user.givenName ?? user.username.split("@")[0] ?? user.username,
      familyName: user.familyName ?? "Sandbox",
      timezone: user.timezone ?? "UTC",
      lastLogin: null,
    });
  }

  (seed.alerts ?? defaultAlerts(tenantIds, now)).forEach((alert, index) => {
    assertTenants(known, [alert.tenantId], "an alert");
    state.alerts.push({
      id: alert.id ?? `alert://priv:sandbox:${alert.tenantId}:${now - index}:${newId()}`,
      tenantId: alert.tenantId,
      title: alert.title,
      description: alert.description ?? alert.title,
      severity: alert.severity,
      confidence: alert.confidence ?? 0.8,
      status: alert.status ?? "OPEN",
      tags: alert.tags ?? [],
      sensorTypes: alert.sensorTypes ?? [],
      threatScore: alert.threatScore ?? alert.severity,
      createdAt: alert.createdAt ?? new Date(now - (index + 1) * 60_000),
    });
  });

  for (const event of seed.events ?? defaultEvents(tenantIds, now)) {
    assertTenants(known, [event.tenantId], "an event");
    state.events.push({ id: newId(), tenantId: event.tenantId, type: event.type, values: { ...event.values } });
  }

  const creator = state.users[0]?.id ?? "";
  (seed.investigations ?? defaultInvestigations(tenantIds)).forEach((seeded, index) => {
    assertTenants(known, [seeded.tenantId], "an investigation");
    const at = new Date(now - (index + 1) * 86_400_000).toISOString();
    const id = newId();
    state.investigations.set(id, {
      id,
      shortId: state.nextShortId(),
      tenantId: seeded.tenantId,
      title: seeded.title,
      keyFindings: seeded.keyFindings ?? null,
      status: seeded.status ?? "OPEN",
      priority: seeded.priority ?? 2,
      type: seeded.type ?? "SECURITY_INVESTIGATION",
      tags: seeded.tags ?? [],
      assigneeId: seeded.assigneeId ?? null,
      createdById: creator,
      updatedById: creator,
      createdAt: at,
      updatedAt: at,
      alerts: [],
      events: [],
      riskScore: null,
    });
  });
  return state;
}
