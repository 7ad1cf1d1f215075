export { TaegisError, type TaegisErrorOptions } from "./TaegisError.js";
export { TaegisConfigError, type TaegisConfigErrorCode, type TaegisConfigErrorOptions } from "./TaegisConfigError.js";
export { TaegisAuthError, type TaegisAuthErrorCode, type TaegisAuthErrorOptions } from "./TaegisAuthError.js";
export { CredentialUnavailableError } from "./CredentialUnavailableError.js";
export { TaegisOptionsError, type TaegisOptionsErrorCode } from "./TaegisOptionsError.js";
export { TaegisHttpError, type TaegisHttpErrorOptions } from "./TaegisHttpError.js";
export { TaegisNetworkError, type TaegisNetworkErrorOptions } from "./TaegisNetworkError.js";
export { TaegisGraphQLError, type TaegisGraphQLErrorOptions } from "./TaegisGraphQLError.js";
