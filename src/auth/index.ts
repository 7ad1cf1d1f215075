export type { AccessToken, CredentialSource, TokenRequest } from "./credentialSource.js";
export type { DeviceCodePrompt, InteractionHooks, LoginMethod, PromptContext } from "./interaction.js";
export {
  createTokenProvider,
  DEFAULT_AUTH_TIMEOUT_MS,
  type GetTokenRequest,
  type TokenProvider,
  type TokenProviderOptions,
} from "./createTokenProvider.js";
export { clearAccessToken, type ClearAccessTokenOptions } from "./clearAccessToken.js";
export { defaultInteractive, type InteractiveProbe } from "./defaultInteractive.js";
export { credentialChain, type CredentialChainOptions } from "./credentialChain.js";
export { explicitAccessToken } from "./explicitAccessToken.js";
export { clientCredentials, type ClientCredentialsOptions } from "./clientCredentials.js";
export { deviceCodeLogin, type DeviceCodeLoginOptions } from "./deviceCodeLogin.js";
export { passwordLogin, type PasswordLoginOptions } from "./passwordLogin.js";
export { printDeviceCode, type TextSink } from "./printDeviceCode.js";
export { promptLine, terminalPrompts, type PromptLineOptions, type TerminalPromptOptions, type TerminalPrompts } from "./terminalPrompts.js";
