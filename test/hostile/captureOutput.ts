/** What was written to stdout and stderr while capture was on. */
export interface CapturedOutput {
  stdout: string[];
  stderr: string[];
  /** Puts the real writers back. */
  restore(): void;
}

/**
 * Replaces `process.stdout.write` and `process.stderr.write` with functions
 * that keep what is written (and do not print it), so that the SDK's own
 * output (the default logger, a device-code prompt) is scanned for secrets.
 */
export function captureOutput(): CapturedOutput {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const realOut = process.stdout.write;
  const realErr = process.stderr.write;
  const keeper = (into: string[]) =>
    function write(chunk: unknown, ...rest: unknown[]): boolean {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      callback?.();
      return true;
    };
  process.stdout.write = keeper(stdout) as typeof process.stdout.write;
  process.stderr.write = keeper(stderr) as typeof process.stderr.write;
  return {
    stdout,
    stderr,
    restore() {
      process.stdout.write = realOut;
      process.stderr.write = realErr;
    },
  };
}
