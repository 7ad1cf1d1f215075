import type { TaegisLogger } from "../../../src/logger.js";

/**
 * Collects everything a test file prints or captures (error messages and the
 * messages of their causes, logger lines, onDeviceCode output, prompt output)
 * and finds any registered secret in it.
 */
export class LeakScan {
  private readonly secrets = new Set<string>();
  private readonly texts: string[] = [];

  /** Registers values that must never appear (client secrets, passwords, OTPs, tokens). */
  secret(...values: (string | undefined)[]): void {
    for (const value of values) if (value !== undefined && value.length >= 4) this.secrets.add(value);
  }

  /** Records text that a user could see. */
  text(...values: string[]): void {
    this.texts.push(...values);
  }

  /** Records an error: its message, its fields, and every cause's message, down the chain. */
  error(error: unknown): void {
    for (let current = error, depth = 0; current !== undefined && current !== null && depth < 10; depth += 1) {
      if (current instanceof Error) {
        this.texts.push(`${current.name}: ${current.message}`, String(current.stack ?? ""));
        const fields = { ...(current as unknown as Record<string, unknown>) };
        delete fields["cause"];
        try {
          this.texts.push(JSON.stringify(fields));
        } catch {
          // Circular: the message and stack are enough.
        }
        current = current.cause;
      } else {
        this.texts.push(typeof current === "string" ? current : safeJson(current));
        break;
      }
    }
  }

  /** A logger that records every line. */
  logger(): TaegisLogger & { lines: string[] } {
    const lines: string[] = [];
    return {
      lines,
      warn: (message) => {
        lines.push(message);
        this.texts.push(message);
      },
      debug: (message) => {
        lines.push(message);
        this.texts.push(message);
      },
    };
  }

  /** How much text was captured. */
  get size(): number {
    return this.texts.length;
  }

  /** The secrets found in what was captured, as `<first 6 chars>...` (never the whole value). */
  leaks(): string[] {
    const all = this.texts.join("\n");
    const found: string[] = [];
    for (const secret of this.secrets) if (all.includes(secret)) found.push(`${secret.slice(0, 6)}...`);
    return found;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
