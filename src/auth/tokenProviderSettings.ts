import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import { defaultLogger, type TaegisLogger } from "../logger.js";
import type { TokenProviderOptions } from "./createTokenProvider.js";
import { defaultInteractive } from "./defaultInteractive.js";
import type { LoginMethod } from "./interaction.js";

/** Default time limit of one token-endpoint request. */
export const DEFAULT_AUTH_TIMEOUT_MS = 30_000;

const LOGIN_METHODS: readonly LoginMethod[] = ["device_code", "password"];

/** {@link TokenProviderOptions} with the defaults applied. */
export interface TokenProviderSettings {
  configPath: string;
  logger: TaegisLogger;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  interactive: boolean;
  loginMethod: LoginMethod;
}

/**
 * Applies the defaults of {@link TokenProviderOptions} in one place, and
 * refuses options that cannot be used.
 * @throws TaegisOptionsError `invalid_option`, naming the option.
 */
export function tokenProviderSettings(options: TokenProviderOptions): TokenProviderSettings {
  if (typeof options.configPath !== "string" || options.configPath.trim() === "") {
    throw new TaegisOptionsError("invalid_option", "configPath", "The configPath option must be the path of the config file (see resolveConfigPath).");
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TaegisOptionsError("invalid_option", "timeoutMs", "The timeoutMs option must be a positive number of milliseconds (default 30 000).");
  }
  const loginMethod = options.loginMethod ?? "device_code";
  if (!LOGIN_METHODS.includes(loginMethod)) {
    throw new TaegisOptionsError(
      "invalid_option",
      "loginMethod",
      `The loginMethod option must be one of ${LOGIN_METHODS.map((method) => JSON.stringify(method)).join(", ")}.`,
    );
  }
  if (options.interactive !== undefined && typeof options.interactive !== "boolean") {
    throw new TaegisOptionsError("invalid_option", "interactive", "The interactive option must be true or false.");
  }
  const env = options.env ?? process.env;
  return {
    configPath: options.configPath,
    logger: options.logger ?? defaultLogger,
    env,
    timeoutMs,
    interactive: options.interactive ?? defaultInteractive({ env }),
    loginMethod,
  };
}
