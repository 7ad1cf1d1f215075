/** What a user is shown to finish a device-code (SSO) login. */
export interface DeviceCodePrompt {
  /** The page to open in a browser. */
  verificationUri: string;
  /** The same page with the user code filled in, when the server gave one. */
  verificationUriComplete: string | undefined;
  /** The code to confirm on that page. */
  userCode: string;
  /** When the code stops working. */
  expiresAt: Date;
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
  promptUsername?: () => Promise<string>;
  /** Asks for the password of a password login (input hidden by default). */
  promptPassword?: () => Promise<string>;
  /** Asks for the one-time password of an MFA step (input hidden by default). */
  promptOtp?: () => Promise<string>;
}
