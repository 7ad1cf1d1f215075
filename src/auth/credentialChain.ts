import { CredentialUnavailableError } from "../errors/CredentialUnavailableError.js";
import { TaegisAuthError } from "../errors/TaegisAuthError.js";
import type { TaegisLogger } from "../logger.js";
import { abortedError } from "./abortedError.js";
import type { AccessToken, CredentialSource, TokenRequest } from "./credentialSource.js";

/** Options of {@link credentialChain}. */
export interface CredentialChainOptions {
  /** Stores a token that came from a source which does not store its own (a user login). */
  store?: ((environment: string, token: AccessToken) => Promise<void>) | undefined;
  /** What to do when no source had a token: the end of the `no_credentials` message. */
  howToAuthenticate?: ((environment: string) => string | Promise<string>) | undefined;
  /** Debug lines: which source gave the token (never the token). */
  logger?: TaegisLogger | undefined;
}

/**
 * Tries `sources` in order: the first token wins; a source that is
 * unavailable ({@link CredentialUnavailableError}) passes to the next; any
 * other error stops the chain. When every source is unavailable, rejects with
 * {@link TaegisAuthError} `no_credentials`, whose message lists what each
 * source looked for and what to do.
 */
export function credentialChain(sources: readonly CredentialSource[], options: CredentialChainOptions = {}): CredentialSource {
  return {
    name: "credential chain",
    storesToken: options.store !== undefined,
    async getToken(request: TokenRequest): Promise<AccessToken> {
      const { environment, signal } = request;
      const looked: string[] = [];
      for (const source of sources) {
        if (signal?.aborted) throw abortedError(environment, "token request", signal);
        let token: AccessToken;
        try {
          token = await source.getToken(request);
        } catch (error) {
          if (error instanceof CredentialUnavailableError) {
            looked.push(error.message);
            options.logger?.debug(`${source.name} has no token for environment "${environment}": ${error.message}`);
            continue;
          }
          throw error;
        }
        if (source.storesToken !== true && options.store !== undefined) await options.store(environment, token);
        options.logger?.debug(`token for environment "${environment}" from ${source.name}`);
        return token;
      }
      const howTo = options.howToAuthenticate === undefined ? "" : ` ${await options.howToAuthenticate(environment)}`;
      throw new TaegisAuthError(
        "no_credentials",
        `No Taegis credentials for environment "${environment}": ${looked.join("; ")}.${howTo}`,
        { environment },
      );
    },
  };
}
