/** What a credential source is asked for: a token for one authentication environment. */
export interface TokenRequest {
  /** The authentication environment: a canonical region name (`charlie`, ...) or `universal`. Also the token cache section. */
  environment: string;
  /** Base URL of the authentication host; endpoints are `<authUrl>/auth/api/v2/auth/token` and so on. */
  authUrl: string;
  /** Cancels the token request or the login. */
  signal?: AbortSignal;
}

/** A bearer token and the time it stops working. */
export interface AccessToken {
  /** The bearer token. A secret: never log it. */
  accessToken: string;
  /** When the token expires (from `expires_in`, else the JWT's `exp`). */
  expiresAt: Date;
}

/**
 * One way of getting a token: an explicit token, the token cache, client
 * credentials, or a user login. `getToken` resolves to a token, rejects with
 * {@link CredentialUnavailableError} when this source has nothing to offer
 * here (the chain then tries the next one), or rejects with a
 * {@link TaegisAuthError} when it failed for real.
 */
export interface CredentialSource {
  /** A short name for messages and debug lines, e.g. `client credentials`. */
  readonly name: string;
  /**
   * True when the chain must not store this source's token in the cache:
   * the source stored it itself (the cache; client credentials under the
   * config lock), or the token must not be cached at all (an explicit token).
   */
  readonly storesToken?: boolean;
  /** Gets a token, or says "not available here" with {@link CredentialUnavailableError}. */
  getToken(request: TokenRequest): Promise<AccessToken>;
}
