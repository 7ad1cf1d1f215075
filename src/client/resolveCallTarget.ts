import { serviceUrl, UNIVERSAL, type EnvironmentTable, type ResolvedEnvironment } from "../environments.js";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import type { CallOptions } from "./options.js";

/** Where one call goes and whose token it carries. */
export interface CallTarget {
  /** The environment (region) of the call. */
  readonly environment: ResolvedEnvironment;
  /** The GraphQL URL: the `url` override, else the region's host plus the service's gateway (or the `gateway` override). */
  readonly url: string;
  /** The authentication environment: the region's canonical name, or `universal`. Also the token cache section. */
  readonly authEnvironment: string;
  /** The base URL tokens of {@link authEnvironment} come from. */
  readonly authUrl: string;
}

/** The base URLs (API host and tenants host) of every environment of a table, longest first. */
const basesByTable = new WeakMap<EnvironmentTable, { base: string; name: string }[]>();

function basesOf(table: EnvironmentTable): { base: string; name: string }[] {
  let bases = basesByTable.get(table);
  if (bases === undefined) {
    const seen = new Map<string, string>();
    for (const alias of table.names()) {
      const environment = table.resolve(alias);
      seen.set(environment.url, environment.name);
      seen.set(environment.tenantsUrl, environment.name);
    }
    bases = [...seen].map(([base, name]) => ({ base, name })).sort((a, b) => b.base.length - a.base.length);
    basesByTable.set(table, bases);
  }
  return bases;
}

/** The environment whose API or tenants host a URL lies under, if any. */
function ownerOf(table: EnvironmentTable, url: string): string | undefined {
  return basesOf(table).find(({ base }) => url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`))?.name;
}

/**
 * Resolves the target of a call from validated, layered options: the
 * environment's URL and the service's gateway (a `url` override replaces both,
 * a `gateway` override the path), and the identity: `universal` at the
 * universal authentication URL when `useUniversalAuthentication` is on, else
 * the region itself at the region's URL.
 *
 * A region's token is only ever sent to that region: a `url` override that
 * lies under another environment's host is refused (universal tokens serve
 * every region).
 *
 * @throws TaegisOptionsError `invalid_option` for a `url` of another environment.
 */
export function resolveCallTarget(
  table: EnvironmentTable,
  universalAuthenticationUrl: string,
  options: CallOptions,
  service: string | undefined,
): CallTarget {
  const environment = table.resolve(options.environment);
  const universal = options.useUniversalAuthentication === true;
  let url: string;
  if (options.url !== undefined) {
    url = options.url;
    const owner = universal ? undefined : ownerOf(table, url);
    if (owner !== undefined && owner !== environment.name) {
      throw new TaegisOptionsError(
        "invalid_option",
        "url",
        `The url option points at environment "${owner}", but the call is for "${environment.name}", whose token must not go there. ` +
          `Pass environment: "${owner}" (or useUniversalAuthentication: true).`,
      );
    }
  } else {
    url = serviceUrl(environment, service, options.gateway);
  }
  return universal
    ? { environment, url, authEnvironment: UNIVERSAL, authUrl: universalAuthenticationUrl }
    : { environment, url, authEnvironment: environment.name, authUrl: environment.url };
}
