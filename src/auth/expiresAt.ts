// The subpath alone: jose's index loads every JOSE algorithm, which costs start-up time for nothing.
import { decodeJwt } from "jose/jwt/decode";

/** How long a token without `expires_in` and without a JWT `exp` is taken to last. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 300;

/**
 * When a token expires: `expires_in` seconds from `now` when the server gave
 * it, else the JWT's `exp`, else {@link DEFAULT_TOKEN_LIFETIME_SECONDS} from now.
 */
export function expiresAt(accessToken: string, expiresIn: number | undefined, now: number): Date {
  if (expiresIn !== undefined && Number.isFinite(expiresIn) && expiresIn >= 0) return new Date(now + expiresIn * 1000);
  return jwtExpiresAt(accessToken) ?? new Date(now + DEFAULT_TOKEN_LIFETIME_SECONDS * 1000);
}

/** The JWT `exp` of a token as a Date, or undefined when the token is not a JWT with a numeric `exp`. */
export function jwtExpiresAt(accessToken: string): Date | undefined {
  try {
    const { exp } = decodeJwt(accessToken);
    return typeof exp === "number" && Number.isFinite(exp) ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}
