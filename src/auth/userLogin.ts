import { CredentialUnavailableError } from "../errors/CredentialUnavailableError.js";
import type { TaegisLogger } from "../logger.js";
import type { CredentialSource } from "./credentialSource.js";
import { deviceCodeLogin } from "./deviceCodeLogin.js";
import type { InteractionHooks, LoginMethod } from "./interaction.js";
import { passwordLogin } from "./passwordLogin.js";

/** The name of the user-login link in messages. */
export const USER_LOGIN_SOURCE = "user login";

/** Options of {@link userLogin}. */
export interface UserLoginOptions extends InteractionHooks {
  /** Whether a login may be started at all. */
  interactive: boolean;
  /** Whether `interactive` is false because the caller said so (rather than because no terminal was found); shapes the message. */
  interactiveByOption: boolean;
  /** Device code (SSO) or password/MFA. */
  loginMethod: LoginMethod;
  /** The fetch to send with. */
  fetch?: typeof fetch | undefined;
  /** Time limit of each request, in milliseconds. */
  timeoutMs: number;
  /** Clock, ms since the epoch. */
  now?: (() => number) | undefined;
  /** Waits between device-code polls. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Debug lines. */
  logger: TaegisLogger;
}

/**
 * The last link of the chain: the user login of `loginMethod` when
 * interactive, else a source that is always unavailable and says why.
 */
export function userLogin(options: UserLoginOptions): CredentialSource {
  const common = { fetch: options.fetch, timeoutMs: options.timeoutMs, now: options.now, logger: options.logger };
  if (!options.interactive) {
    const why = options.interactiveByOption
      ? "the interactive option is false"
      : "the SDK is not interactive (stdin or stderr is not a terminal, or CI is set)";
    return {
      name: USER_LOGIN_SOURCE,
      async getToken() {
        throw new CredentialUnavailableError(USER_LOGIN_SOURCE, `a user login is not started because ${why}`);
      },
    };
  }
  if (options.loginMethod === "password") {
    return passwordLogin({ ...common, promptUsername: options.promptUsername, promptPassword: options.promptPassword, promptOtp: options.promptOtp });
  }
  return deviceCodeLogin({ ...common, onDeviceCode: options.onDeviceCode, sleep: options.sleep });
}
