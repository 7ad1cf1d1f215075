/**
 * The public names of the credential chain, re-exported by src/index.ts.
 * Each comes from its own module, so that importing the SDK loads none of
 * the chain itself (it loads with a client's first call).
 */
export type { AccessToken, CredentialSource, TokenRequest } from "./credentialSource.js";
export type { DeviceCodePrompt, InteractionHooks, LoginMethod, PromptContext } from "./interaction.js";
export { DEFAULT_AUTH_TIMEOUT_MS } from "./tokenProviderSettings.js";
export { clearAccessToken, type ClearAccessTokenOptions } from "./clearAccessToken.js";
export { defaultInteractive, type InteractiveProbe } from "./defaultInteractive.js";
