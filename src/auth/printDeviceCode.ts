import type { DeviceCodePrompt } from "./interaction.js";

/** Where {@link printDeviceCode} writes: anything with a `write(text)` method, stderr by default. */
export interface TextSink {
  /** Writes text. */
  write(text: string): unknown;
}

/**
 * The default `onDeviceCode`: prints to stderr the page to open and the code
 * to confirm there, and when the code expires. Stdout stays free for the
 * program's own output.
 */
export function printDeviceCode(prompt: DeviceCodePrompt, sink: TextSink = process.stderr): void {
  const url = prompt.verificationUriComplete ?? prompt.verificationUri;
  sink.write(
    `To sign in to Taegis, open this page in a browser:\n\n    ${url}\n\n` +
      `and confirm the code ${prompt.userCode}. The code expires at ${prompt.expiresAt.toISOString()}.\n`,
  );
}
