import type { SandboxFault } from "./types.js";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";

/** A fault as queued: how many more requests it applies to. */
interface QueuedFault {
  fault: SandboxFault;
  remaining: number;
}

/** What a matched fault does to one request. */
export interface FaultAction {
  /** Wait this long first (0: no wait). */
  delayMs: number;
  /** The faulty answer, or undefined to give the real answer after the delay. */
  answer: { status: number; body: string; headers: Record<string, string> } | undefined;
}

function contentTypeOf(body: string): string {
  const trimmed = body.trimStart();
  if (trimmed.startsWith("<")) return "text/html; charset=utf-8";
  try {
    JSON.parse(body);
    return "application/json; charset=utf-8";
  } catch {
    return "text/plain; charset=utf-8";
  }
}

/** Fault injection: queued faults, matched by path (equal, or ending with the fault's path), first queued first. */
export class FaultInjector {
  private readonly queue: QueuedFault[] = [];

  /** Queues a fault. @throws TaegisOptionsError for a fault without a path or with a bad count. */
  inject(fault: SandboxFault): void {
    if (typeof fault.path !== "string" || fault.path === "") {
      throw new TaegisOptionsError("invalid_option", "fault.path", "A sandbox fault needs a `path`, e.g. \"/auth/api/v2/auth/token\".");
    }
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new TaegisOptionsError("invalid_option", "fault.times", "A sandbox fault's `times` must be a positive integer.");
    }
    this.queue.push({ fault: { ...fault, headers: { ...fault.headers } }, remaining: times });
  }

  /** The action for a request to `path`, consuming one use of the matching fault. */
  take(path: string): FaultAction | undefined {
    const index = this.queue.findIndex(({ fault }) => path === fault.path || path.endsWith(fault.path));
    if (index < 0) return undefined;
    const queued = this.queue[index] as QueuedFault;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.queue.splice(index, 1);
    const { fault } = queued;
    const answers = fault.status !== undefined || fault.body !== undefined || Object.keys(fault.headers ?? {}).length > 0;
    if (!answers) return { delayMs: fault.delayMs ?? 0, answer: undefined };
    const body = fault.body ?? "";
    const headers: Record<string, string> = {};
    const hasContentType = Object.keys(fault.headers ?? {}).some((name) => name.toLowerCase() === "content-type");
    if (body !== "" && !hasContentType) headers["content-type"] = contentTypeOf(body);
    Object.assign(headers, fault.headers);
    return { delayMs: fault.delayMs ?? 0, answer: { status: fault.status ?? 200, body, headers } };
  }

  /** Forgets every queued fault. */
  clear(): void {
    this.queue.length = 0;
  }
}
