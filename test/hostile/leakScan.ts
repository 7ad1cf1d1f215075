/** Texts an error exposes: its name, message, string fields, GraphQL errors, and the same of its causes, recursively. */
export function errorTexts(error: unknown, depth = 0, seen = new Set<unknown>()): string[] {
  if (depth > 10 || error === null || error === undefined || seen.has(error)) return [];
  seen.add(error);
  if (typeof error !== "object") return [String(error)];
  const texts: string[] = [];
  const record = error as Record<string, unknown>;
  if (error instanceof Error) texts.push(error.name, error.message);
  for (const [key, value] of Object.entries(record)) {
    if (key === "cause" || key === "errors") continue;
    if (typeof value === "string") texts.push(value);
  }
  const graphQLErrors = record["errors"];
  if (Array.isArray(graphQLErrors)) {
    for (const item of graphQLErrors) {
      if (item instanceof Error) texts.push(...errorTexts(item, depth + 1, seen));
      else texts.push(JSON.stringify(item) ?? "");
    }
  }
  texts.push(...errorTexts(record["cause"], depth + 1, seen));
  return texts;
}

/** One secret found in a captured text. */
export interface Leak {
  /** Where the text was captured, e.g. `case 12: logger`. */
  where: string;
  /** Which registered secret leaked, masked (its kind and first characters only). */
  secret: string;
}

/**
 * Looks for every secret (client secrets, passwords, OTPs, tokens) in every
 * captured text. Reports where, with the secret masked so that the report
 * itself does not leak it.
 */
export function scanForLeaks(captured: readonly { where: string; text: string }[], secrets: Iterable<string>): Leak[] {
  const list = [...new Set(secrets)].filter((secret) => secret.length >= 6);
  const leaks: Leak[] = [];
  for (const { where, text } of captured) {
    for (const secret of list) {
      if (text.includes(secret)) leaks.push({ where, secret: `${secret.slice(0, 3)}... (${secret.length} chars)` });
    }
  }
  return leaks;
}
