import { assertTransportUrl } from "../environments.js";
import { TaegisAuthError } from "../errors/TaegisAuthError.js";
import type { TaegisLogger } from "../logger.js";
import { abortedError } from "./abortedError.js";
import type { AccessToken, CredentialSource, TokenRequest } from "./credentialSource.js";
import { expiresAt } from "./expiresAt.js";
import type { PromptContext } from "./interaction.js";
import { answerDetails, loginFailure } from "./loginFailure.js";
import { postJson, type JsonAnswer } from "./postJson.js";
import { raceAbort } from "./raceAbort.js";
import { terminalPrompts } from "./terminalPrompts.js";

/** The name of this source in messages. */
export const PASSWORD_SOURCE = "password login";

/** Path of the username/password (and MFA) token endpoint, under the authentication URL. */
export const PASSWORD_TOKEN_PATH = "/universal-auth/token";
/** The grant type of the MFA step. */
export const MFA_OTP_GRANT_TYPE = "http://ctpx.secureworks.com/grant-type/mfa-otp";

/** Options of {@link passwordLogin}. */
export interface PasswordLoginOptions {
  /** Asks for the username. Default a terminal prompt on stderr. */
  promptUsername?: ((context?: PromptContext) => Promise<string>) | undefined;
  /** Asks for the password. Default a terminal prompt with hidden input. */
  promptPassword?: ((context?: PromptContext) => Promise<string>) | undefined;
  /** Asks for the one-time password. Default a terminal prompt with hidden input. */
  promptOtp?: ((context?: PromptContext) => Promise<string>) | undefined;
  /** The fetch to send with. Default the global fetch. */
  fetch?: typeof fetch | undefined;
  /** Time limit of each request, in milliseconds. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Debug lines (never a username, password, OTP or token). */
  logger?: TaegisLogger | undefined;
}

/**
 * The username / password login, with the MFA step: asks for the username and
 * the password, POSTs them to `<authUrl>/universal-auth/token`, and when the
 * server answers with an `mfa_token`, asks for the one-time password and POSTs
 * it with the MFA grant type. A wrong password is `invalid_grant`, a wrong OTP
 * `invalid_otp`.
 */
export function passwordLogin(options: PasswordLoginOptions = {}): CredentialSource {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  let defaults: ReturnType<typeof terminalPrompts> | undefined;
  const prompts = () => (defaults ??= terminalPrompts());
  const promptUsername = options.promptUsername ?? ((context?: PromptContext) => prompts().promptUsername(context));
  const promptPassword = options.promptPassword ?? ((context?: PromptContext) => prompts().promptPassword(context));
  const promptOtp = options.promptOtp ?? ((context?: PromptContext) => prompts().promptOtp(context));
  return {
    name: PASSWORD_SOURCE,
    async getToken(request: TokenRequest): Promise<AccessToken> {
      const { environment, signal } = request;
      const url = `${assertTransportUrl(request.authUrl, "authUrl").href.replace(/\/+$/, "")}${PASSWORD_TOKEN_PATH}`;
      const context: PromptContext = { environment, signal };
      const ask = (prompt: (context?: PromptContext) => Promise<string>) =>
        raceAbort(prompt(context), signal, () => abortedError(environment, "password login", signal));
      const post = (body: unknown, what: string) => postJson(url, body, { fetch: fetchImpl, timeoutMs, signal, environment, what });
      if (signal?.aborted) throw abortedError(environment, "password login", signal);

      const username = await ask(promptUsername);
      const password = await ask(promptPassword);
      const first = await post({ username, password, grant_type: "password" }, "the password login");
      const token = tokenOf(first, now);
      if (token !== undefined) return token;
      const mfaToken = first.body?.["mfa_token"];
      if (typeof mfaToken !== "string" || mfaToken === "") {
        if (isRejection(first)) {
          throw new TaegisAuthError(
            "invalid_grant",
            `The password login for Taegis environment "${environment}" was refused: wrong username or password (HTTP ${first.status}). Run the login again.`,
            answerDetails(environment, first),
          );
        }
        throw loginFailure(environment, first, "the password login");
      }
      options.logger?.debug(`password login for environment "${environment}": a one-time password is needed`);

      const otp = await ask(promptOtp);
      const second = await post({ mfa_token: mfaToken, otp, grant_type: MFA_OTP_GRANT_TYPE }, "the MFA step of the password login");
      const mfaResult = tokenOf(second, now);
      if (mfaResult !== undefined) return mfaResult;
      if (isRejection(second) || mentionsOtp(second)) {
        throw new TaegisAuthError(
          "invalid_otp",
          `The one-time password was refused by the Taegis login for environment "${environment}" (HTTP ${second.status}). Run the login again with a current code from your authenticator.`,
          answerDetails(environment, second),
        );
      }
      throw loginFailure(environment, second, "the MFA step of the password login");
    },
  };
}

function tokenOf(answer: JsonAnswer, now: () => number): AccessToken | undefined {
  const accessToken = answer.body?.["access_token"];
  if (answer.status < 200 || answer.status >= 300 || typeof accessToken !== "string" || accessToken === "") return undefined;
  const expiresIn = answer.body?.["expires_in"];
  return { accessToken, expiresAt: expiresAt(accessToken, typeof expiresIn === "number" ? expiresIn : undefined, now()) };
}

/** A 4xx answer that refuses what the user typed (as opposed to a server failure or a malformed request). */
function isRejection(answer: JsonAnswer): boolean {
  const error = answer.body?.["error"];
  if (answer.status === 401 || answer.status === 403) return true;
  return answer.status >= 400 && answer.status < 500 && answer.status !== 429 && (error === "invalid_grant" || error === "access_denied" || error === "invalid_otp");
}

function mentionsOtp(answer: JsonAnswer): boolean {
  if (answer.status < 400 || answer.status >= 500 || answer.status === 429) return false;
  const text = `${String(answer.body?.["error"] ?? "")} ${String(answer.body?.["error_description"] ?? "")}`;
  return /\botp\b|one-time|mfa/i.test(text);
}
