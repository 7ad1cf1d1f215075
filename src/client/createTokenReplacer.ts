import type { TokenProvider } from "../auth/createTokenProvider.js";
import type { TaegisLogger } from "../logger.js";
import { refreshRejectedToken } from "./refreshRejectedToken.js";
import type { OperationAuth } from "./taegisAuthExchange.js";

/** The part of the credential chain a re-authentication uses: get and invalidate tokens. */
export type ReplacerTokenProvider = Pick<TokenProvider, "getToken" | "invalidate">;

/** Gets the new token of a call whose token was refused with HTTP 401. */
export type TokenReplacer = (auth: OperationAuth) => Promise<string>;

/** Replacements of rejected tokens kept, so that late 401s for one rejected token share one refresh. */
const MAX_REPLACEMENTS = 64;

/**
 * The re-authentication of one authentication environment: invalidates the
 * rejected token through the credential chain and gets a new one with
 * `forceRefresh`, once per rejected token, however many calls it was refused
 * for.
 */
export function createTokenReplacer(provider: ReplacerTokenProvider, logger: TaegisLogger): TokenReplacer {
  /** The replacement of each rejected token, by `environment + token`. */
  const replacements = new Map<string, Promise<string>>();
  return (auth) => {
    const rejected = auth.sentToken ?? auth.accessToken;
    const id = `${auth.authEnvironment}\u0000${rejected}`;
    let replacement = replacements.get(id);
    if (replacement === undefined) {
      logger.debug(`HTTP 401: the token of environment "${auth.authEnvironment}" was refused; getting a new one (once)`);
      replacement = refreshRejectedToken(provider, { authEnvironment: auth.authEnvironment, authUrl: auth.authUrl, token: rejected, signal: auth.signal });
      replacement.catch(() => replacements.delete(id));
      replacements.set(id, replacement);
      if (replacements.size > MAX_REPLACEMENTS) replacements.delete(replacements.keys().next().value as string);
    }
    return replacement;
  };
}
