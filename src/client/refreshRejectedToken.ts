import type { TokenProvider } from "../auth/createTokenProvider.js";

/** What {@link refreshRejectedToken} needs to know of the refused token. */
export interface RejectedToken {
  /** The authentication environment the token belongs to. */
  readonly authEnvironment: string;
  /** Where tokens of that environment come from. */
  readonly authUrl: string;
  /** The token the API refused. */
  readonly token: string;
  /** The call's signal, for the token request. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Replaces a token the API refused: drops it from the credential chain (only
 * if it is still the cached one) and gets a new one with `forceRefresh`, so
 * that neither the memory nor the file hands the refused token out again.
 */
export async function refreshRejectedToken(provider: Pick<TokenProvider, "getToken" | "invalidate">, rejected: RejectedToken): Promise<string> {
  await provider.invalidate(rejected.authEnvironment, rejected.token);
  const token = await provider.getToken({
    environment: rejected.authEnvironment,
    authUrl: rejected.authUrl,
    forceRefresh: true,
    ...(rejected.signal === undefined ? {} : { signal: rejected.signal }),
  });
  return token.accessToken;
}
