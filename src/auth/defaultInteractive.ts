/** What {@link defaultInteractive} looks at; each defaults to the process's own. */
export interface InteractiveProbe {
  /** Environment variables, for `CI`. Default `process.env`. */
  env?: NodeJS.ProcessEnv | undefined;
  /** Whether stdin is a terminal. Default `process.stdin.isTTY`. */
  stdinIsTTY?: boolean | undefined;
  /** Whether stderr is a terminal. Default `process.stderr.isTTY`. */
  stderrIsTTY?: boolean | undefined;
}

/**
 * Whether a user login may be started by default: only when stdin and stderr
 * are terminals (someone can read the prompt and answer) and `CI` is unset
 * (empty, `0` and `false` count as unset).
 */
export function defaultInteractive(probe: InteractiveProbe = {}): boolean {
  const ci = (probe.env ?? process.env)["CI"];
  const inCi = ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
  const stdin = probe.stdinIsTTY ?? process.stdin.isTTY === true;
  const stderr = probe.stderrIsTTY ?? process.stderr.isTTY === true;
  return stdin && stderr && !inCi;
}
