import { TaegisOptionsError } from "./errors/TaegisOptionsError.js";

/** The authentication environment name of universal authentication. */
export const UNIVERSAL = "universal";
/** Where universal authentication gets its tokens, unless overridden. */
export const DEFAULT_UNIVERSAL_AUTHENTICATION_URL = "https://api.taegis.secureworks.com";
/** The environment used when none is given. */
export const DEFAULT_ENVIRONMENT = "charlie";

/** The URLs of one environment (region). */
export interface EnvironmentEndpoints {
  /** Base URL of the regional API host, e.g. `https://api.ctpx.secureworks.com`. */
  url: string;
  /** Base URL of the region's tenants host. Defaults to `url`. */
  tenantsUrl?: string;
}

/**
 * A custom environment table: name to base URL, or to `{ url, tenantsUrl }`.
 * Names that are aliases of a known region (`us1`, `production`, ...) stand
 * for that region (`charlie`). A custom table replaces the built-in one.
 */
export type EnvironmentMap = Readonly<Record<string, string | EnvironmentEndpoints>>;

/** An environment resolved to its canonical name and URLs. */
export interface ResolvedEnvironment {
  /** Canonical lower-case name, e.g. `charlie`. Also the token cache section. */
  readonly name: string;
  /** Base URL of the regional API host (no trailing slash). */
  readonly url: string;
  /** Base URL of the tenants host (no trailing slash). */
  readonly tenantsUrl: string;
}

interface Region {
  names: readonly string[];
  url: string;
  tenantsUrl: string;
}

const regionWithTenants = (names: readonly string[], host: string): Region => ({
  names,
  url: `https://api.${host}.taegis.secureworks.com`,
  tenantsUrl: `https://api-tenants.${host}.taegis.secureworks.com`,
});

/** The Taegis regions, their aliases and hosts (PROTOCOL.md). The first name is canonical. */
const REGIONS: readonly Region[] = [
  {
    names: ["charlie", "production", "us1"],
    url: "https://api.ctpx.secureworks.com",
    tenantsUrl: "https://api.tenants.ctpx.secureworks.com",
  },
  regionWithTenants(["delta", "us2"], "delta"),
  regionWithTenants(["echo", "eu"], "echo"),
  regionWithTenants(["foxtrot", "us3"], "foxtrot"),
  regionWithTenants(["golf", "euw1"], "golf"),
  regionWithTenants(["hotel", "apse2"], "hotel"),
  regionWithTenants(["india", "aps1"], "india"),
  regionWithTenants(["juliet", "apne1"], "juliet"),
  regionWithTenants(["kilo", "sae1"], "kilo"),
  regionWithTenants(["quebec", "cac1"], "quebec"),
];

const CANONICAL_BY_ALIAS: ReadonlyMap<string, string> = new Map(
  REGIONS.flatMap((region) => region.names.map((alias) => [alias, region.names[0] as string] as const)),
);

/**
 * The canonical name of an environment name or alias, lower-cased
 * (`US1` -> `charlie`). Unknown names are returned lower-cased.
 */
export function canonicalEnvironmentName(name: string): string {
  const lower = name.trim().toLowerCase();
  return CANONICAL_BY_ALIAS.get(lower) ?? lower;
}

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, "");

/** The environment table in force: the built-in regions, or a custom map. */
export class EnvironmentTable {
  private readonly byName: ReadonlyMap<string, ResolvedEnvironment>;
  /** The environment used when none is named. */
  readonly defaultName: string;

  constructor(custom?: EnvironmentMap) {
    const entries = new Map<string, ResolvedEnvironment>();
    if (custom === undefined) {
      for (const region of REGIONS) {
        const name = region.names[0] as string;
        entries.set(name, { name, url: region.url, tenantsUrl: region.tenantsUrl });
      }
    } else {
      for (const [key, value] of Object.entries(custom)) {
        const name = canonicalEnvironmentName(key);
        const endpoints = typeof value === "string" ? { url: value } : value;
        const url = withoutTrailingSlash(assertTransportUrl(endpoints.url, `environments.${key}`).href);
        const tenantsUrl =
          endpoints.tenantsUrl === undefined
            ? url
            : withoutTrailingSlash(assertTransportUrl(endpoints.tenantsUrl, `environments.${key}.tenantsUrl`).href);
        entries.set(name, { name, url, tenantsUrl });
      }
      if (entries.size === 0) {
        throw new TaegisOptionsError("invalid_option", "environments", "The `environments` map is empty: give at least one name -> URL.");
      }
    }
    this.byName = entries;
    this.defaultName = entries.has(DEFAULT_ENVIRONMENT) ? DEFAULT_ENVIRONMENT : (entries.keys().next().value as string);
  }

  /** The names this table knows, canonical names first, then their aliases. */
  names(): string[] {
    const names: string[] = [];
    for (const name of this.byName.keys()) {
      const aliases = REGIONS.find((region) => region.names[0] === name)?.names ?? [name];
      names.push(...aliases);
    }
    return names;
  }

  /**
   * Resolves a name or alias (case-insensitive); undefined means the default.
   * @throws TaegisOptionsError `unknown_environment`, listing the valid names.
   */
  resolve(name?: string): ResolvedEnvironment {
    const canonical = name === undefined ? this.defaultName : canonicalEnvironmentName(name);
    const found = this.byName.get(canonical);
    if (found === undefined) {
      throw new TaegisOptionsError(
        "unknown_environment",
        "environment",
        `Unknown Taegis environment ${JSON.stringify(name)}. Valid names: ${this.names().join(", ")}.`,
      );
    }
    return found;
  }
}

/** The gateway path of each service that is not on the default `/graphql` gateway (PROTOCOL.md). */
const SERVICE_GATEWAYS: Readonly<Record<string, string>> = {
  events: "/events/query",
  agent: "/agent-graphql",
  endpoint_command_manager: "/agent-graphql",
  endpoint_management_service: "/agent-graphql",
  cql_metadata: "/cql-metadata/query",
  fast_ioc: "/fast-ioc/query",
  multi_tenant_ioc: "/multi-tenant-ioc/query",
  tenants: "/public/query",
};

/** The default GraphQL gateway. */
export const DEFAULT_GATEWAY = "/graphql";

/** The gateway path of a service (`events` -> `/events/query`); `/graphql` for any other. */
export function gatewayOf(service: string | undefined): string {
  return (service !== undefined ? SERVICE_GATEWAYS[service] : undefined) ?? DEFAULT_GATEWAY;
}

/** Whether a service lives on the region's separate tenants host. */
export function isOnTenantsHost(service: string | undefined): boolean {
  return service === "tenants";
}

/**
 * The GraphQL URL of a service in an environment: the tenants host for
 * `tenants`, the regional host otherwise, plus the service's gateway. A
 * `gateway` override replaces the path.
 */
export function serviceUrl(environment: ResolvedEnvironment, service: string | undefined, gateway?: string): string {
  const base = isOnTenantsHost(service) ? environment.tenantsUrl : environment.url;
  const path = gateway ?? gatewayOf(service);
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}

/** Whether a host name is a loopback address: 127.0.0.0/8, ::1, or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1") return true;
  return /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Parses a URL the SDK will send credentials to: `https://`, or `http://`
 * only to a loopback address.
 * @param option the option the URL came from, named in the error.
 * @throws TaegisOptionsError `invalid_url` or `insecure_url`.
 */
export function assertTransportUrl(url: string, option: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new TaegisOptionsError("invalid_url", option, `The \`${option}\` option is not a valid URL.`, { cause });
  }
  if (parsed.protocol === "https:") return parsed;
  if (parsed.protocol === "http:" && isLoopbackHost(parsed.hostname)) return parsed;
  throw new TaegisOptionsError(
    "insecure_url",
    option,
    `The \`${option}\` URL ${parsed.origin} is refused: use https://, or http:// only for loopback addresses (127.0.0.0/8, ::1, localhost).`,
  );
}
