import { CredentialUnavailableError } from "../errors/CredentialUnavailableError.js";
import type { AccessToken, CredentialSource } from "./credentialSource.js";
import { jwtExpiresAt } from "./expiresAt.js";

/** The name of this source in messages. */
export const EXPLICIT_SOURCE = "explicit access token";

/** The expiry given to an explicit token that is not a JWT with `exp`: the latest date JavaScript has. */
const NEVER = new Date(8.64e15);

/**
 * An explicit token as an {@link AccessToken}: its JWT `exp` as `expiresAt`,
 * or, for a token that is not a JWT, a date far in the future. The SDK sends an
 * explicit token as it is, without judging its expiry: the API says when it
 * is no longer good.
 */
export function explicitToken(accessToken: string): AccessToken {
  return { accessToken, expiresAt: jwtExpiresAt(accessToken) ?? NEVER };
}

/**
 * The first source of the chain: a token the caller gave (the `accessToken`
 * option of the client or of a call). Unavailable when none was given. Its
 * token is never written to the cache.
 */
export function explicitAccessToken(accessToken: string | undefined): CredentialSource {
  return {
    name: EXPLICIT_SOURCE,
    storesToken: true,
    async getToken() {
      if (accessToken === undefined || accessToken === "") {
        throw new CredentialUnavailableError(EXPLICIT_SOURCE, "no accessToken option was given");
      }
      return explicitToken(accessToken);
    },
  };
}
