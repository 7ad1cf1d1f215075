/** What a user is shown to finish a device-code (SSO) login. */
export interface DeviceCodePrompt {
  /** The page to open in a browser. */
  verificationUri: string;
  /** The same page with the user code filled in: the server's `verification_uri_complete`, else `verification_uri?user_code=...`. */
  verificationUriComplete: string | undefined;
  /** The code to confirm on that page. */
  userCode: string;
  /** When the code stops working. */
  expiresAt: Date;
}

/**
 * What a prompt is told: the authentication environment the login is for, and
 * the signal that cancels it. Prompts may ignore both.
 */
export interface PromptContext {
  /** The authentication environment (a region name, or `universal`). */
  environment: string;
  /** Aborts when the login is cancelled; a prompt should then stop waiting for input. */
  signal?: AbortSignal | undefined;
}

/** How a user login is done when no token and no client credentials are at hand. */
export type LoginMethod = "device_code" | "password";

/**
 * The interaction hooks of a user login. Every one is optional: the defaults
 * print the device-code URL to stderr and prompt on the terminal, with hidden
 * input for the password and the OTP.
 */
export interface InteractionHooks {
  /** Called with the verification URL and user code of a device-code login. */
  onDeviceCode?: (prompt: DeviceCodePrompt) => void | Promise<void>;
  /** Asks for the username of a password login. */
  promptUsername?: (context?: PromptContext) => Promise<string>;
  /** Asks for the password of a password login (input hidden by default). */
  promptPassword?: (context?: PromptContext) => Promise<string>;
  /** Asks for the one-time password of an MFA step (input hidden by default). */
  promptOtp?: (context?: PromptContext) => Promise<string>;
}
