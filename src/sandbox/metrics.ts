import type { IncomingHttpHeaders } from "node:http";
import type { SandboxMetrics, SandboxRequestRecord } from "./types.js";

/** The grants counted in `tokenRequestsByGrant`. */
export type TokenGrant = "client_credentials" | "password" | "mfa" | "device_code";

const REQUEST_LOG_LIMIT = 1000;

const flattenHeaders = (headers: IncomingHttpHeaders): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
};

/** Counts what the sandbox received, for tests and benchmarks. */
export class SandboxMetricsRecorder {
  private tokenRequests = 0;
  private byGrant: Record<TokenGrant, number> = { client_credentials: 0, password: 0, mfa: 0, device_code: 0 };
  private graphql: Record<string, number> = {};
  private requests: SandboxRequestRecord[] = [];

  constructor(private readonly regions: readonly string[]) {
    this.reset();
  }

  /** Records one HTTP request (the last 1000 are kept). */
  recordRequest(method: string, path: string, headers: IncomingHttpHeaders): void {
    this.requests.push({ method, path, headers: flattenHeaders(headers) });
    if (this.requests.length > REQUEST_LOG_LIMIT) this.requests.splice(0, this.requests.length - REQUEST_LOG_LIMIT);
  }

  /** Counts a request to a token endpoint; `grant` is undefined for an unknown grant type. */
  countTokenRequest(grant: TokenGrant | undefined): void {
    this.tokenRequests += 1;
    if (grant !== undefined) this.byGrant[grant] += 1;
  }

  /** Counts a GraphQL request in a region. */
  countGraphqlRequest(region: string): void {
    this.graphql[region] = (this.graphql[region] ?? 0) + 1;
    this.graphql["total"] = (this.graphql["total"] ?? 0) + 1;
  }

  /** A copy of the counters. */
  snapshot(): SandboxMetrics {
    return {
      tokenRequests: this.tokenRequests,
      tokenRequestsByGrant: { ...this.byGrant },
      graphqlRequests: { ...this.graphql },
      requests: this.requests.map((request) => ({ ...request, headers: { ...request.headers } })),
    };
  }

  /** Every counter back to zero. */
  reset(): void {
    this.tokenRequests = 0;
    this.byGrant = { client_credentials: 0, password: 0, mfa: 0, device_code: 0 };
    this.graphql = { total: 0 };
    for (const region of this.regions) this.graphql[region] = 0;
    this.requests = [];
  }
}
