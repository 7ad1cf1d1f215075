import { SignJWT, decodeJwt, errors, generateKeyPair, jwtVerify, type CryptoKey } from "jose";
import { newId } from "./ids.js";

/** The claim that lists the tenants a subject may act in (as the Python SDK reads it). */
export const TENANT_IDS_CLAIM = "https://missione/octolabs/io/tenantIds";
/** The claim that names the auth environment that issued the token: a region name or `universal`. */
export const ENVIRONMENT_CLAIM = "https://missione/octolabs/io/environment";

/** What the sandbox needs to know about an access token it accepted. */
export interface TokenClaims {
  sub: string;
  jti: string;
  exp: number;
  iat: number;
  tenantIds: string[];
  environment: string;
}

/** Why a token was refused; the message is safe to send (it never holds the token). */
export interface TokenRejection {
  reason: "missing" | "invalid" | "expired" | "revoked" | "foreign";
  message: string;
}

/** What to put in a new token. */
export interface TokenRequest {
  subject: string;
  tenantIds: readonly string[];
  environment: string;
  ttlSeconds: number;
}

const CACHE_LIMIT = 10_000;

type KeyPair = { privateKey: CryptoKey; publicKey: CryptoKey };
let spareKeyPair: Promise<KeyPair> | undefined;
let keyPairsHandedOut = 0;

/**
 * Signs and checks the sandbox's access tokens: RS256 JWTs with `exp`, `iat`,
 * `sub`, `jti`, the tenant claim and the environment claim, under one key
 * pair per sandbox. Verified tokens are remembered (expiry and revocation are
 * still checked on every use) so that the hot path costs a map lookup.
 */
export class TokenIssuer {
  private readonly revoked = new Set<string>();
  private readonly verified = new Map<string, TokenClaims>();

  /** An issuer over a key pair from {@link TokenIssuer.generateKeyPair}; `issuerBase` is the server's base URL (the `iss` prefix). */
  constructor(
    keyPair: KeyPair,
    private readonly issuerBase: string,
  ) {
    this.privateKey = keyPair.privateKey;
    this.publicKey = keyPair.publicKey;
  }

  private readonly privateKey: CryptoKey;
  private readonly publicKey: CryptoKey;

  /**
   * A fresh RS256 key pair (one per sandbox, never shared). RSA key generation
   * is slow (0.1 to 1 s), so a process that starts a second sandbox gets the
   * next pair made in the background, ready for the one after.
   */
  static generateKeyPair(): Promise<KeyPair> {
    const pair = spareKeyPair ?? generateKeyPair("RS256");
    spareKeyPair = undefined;
    keyPairsHandedOut += 1;
    if (keyPairsHandedOut >= 2) {
      pair.then(
        () => {
          spareKeyPair ??= generateKeyPair("RS256");
          spareKeyPair.catch(() => (spareKeyPair = undefined));
        },
        () => undefined,
      );
    }
    return pair;
  }

  /** Signs a token; `expires_in` is the ttl. */
  async issue(request: TokenRequest): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({ [TENANT_IDS_CLAIM]: [...request.tenantIds], [ENVIRONMENT_CLAIM]: request.environment })
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .setSubject(request.subject)
      .setIssuer(`${this.issuerBase}/${request.environment}`)
      .setJti(newId())
      .setIssuedAt(iat)
      .setExpirationTime(iat + Math.round(request.ttlSeconds))
      .sign(this.privateKey);
  }

  /**
   * Checks a token for use at `region`: signature, expiry, revocation, and
   * that it was issued by `region` or by `universal`.
   */
  async verify(token: string, region: string): Promise<TokenClaims | TokenRejection> {
    let claims = this.verified.get(token);
    if (claims === undefined) {
      try {
        const { payload } = await jwtVerify(token, this.publicKey, { algorithms: ["RS256"] });
        const tenantIds = payload[TENANT_IDS_CLAIM];
        const environment = payload[ENVIRONMENT_CLAIM];
        if (
          typeof payload.sub !== "string" ||
          typeof payload.jti !== "string" ||
          typeof payload.exp !== "number" ||
          typeof environment !== "string" ||
          !Array.isArray(tenantIds)
        ) {
          return { reason: "invalid", message: "The access token lacks required claims." };
        }
        claims = {
          sub: payload.sub,
          jti: payload.jti,
          exp: payload.exp,
          iat: payload.iat ?? 0,
          tenantIds: tenantIds.map(String),
          environment,
        };
      } catch (error) {
        if (error instanceof errors.JWTExpired) return { reason: "expired", message: "The access token has expired: get a new one." };
        return { reason: "invalid", message: "The access token is not valid: it is malformed or was not signed by this server." };
      }
      if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
      this.verified.set(token, claims);
    }
    if (claims.exp <= Date.now() / 1000) return { reason: "expired", message: "The access token has expired: get a new one." };
    if (this.revoked.has(claims.jti)) return { reason: "revoked", message: "The access token has been revoked: get a new one." };
    if (claims.environment !== region && claims.environment !== "universal") {
      return {
        reason: "foreign",
        message: `The access token was issued for environment ${claims.environment}, not ${region}: get a token from ${region} or use universal authentication.`,
      };
    }
    return claims;
  }

  /** Refuses a token from now on. Tokens this issuer cannot read are ignored. */
  revoke(token: string): void {
    try {
      const { jti } = decodeJwt(token);
      if (typeof jti === "string") this.revoked.add(jti);
    } catch {
      // not one of ours: nothing to revoke
    }
  }
}

/** Whether a verification result is a rejection. */
export const isRejection = (result: TokenClaims | TokenRejection): result is TokenRejection => "reason" in result;
