import { SDK_NAME, SDK_VERSION } from "../version.js";
import { requestSignal } from "./requestSignal.js";
import { transportError } from "./transportError.js";

/** The answer of a JSON POST: its status and its body when the body was a JSON object. */
export interface JsonAnswer {
  /** HTTP status. */
  readonly status: number;
  /** The parsed body when it was a JSON object; undefined for anything else (HTML, empty, an array). */
  readonly body: Readonly<Record<string, unknown>> | undefined;
}

/** Options of {@link postJson}. */
export interface PostJsonOptions {
  /** The fetch to send with. */
  fetch: typeof fetch;
  /** Time limit of the request, in milliseconds. */
  timeoutMs: number;
  /** The caller's signal. */
  signal?: AbortSignal | undefined;
  /** Named in errors. */
  environment: string;
  /** Named in errors, e.g. `the device code request`. */
  what: string;
}

/**
 * POSTs a JSON body (or none) to a Taegis login endpoint and reads the JSON
 * answer, whatever its status. A request that gets no answer rejects with a
 * {@link TaegisAuthError} `network`, `timeout` or `aborted`.
 */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<JsonAnswer> {
  const signal = requestSignal(options.timeoutMs, options.signal);
  const headers: Record<string, string> = { accept: "application/json", "user-agent": `${SDK_NAME}/${SDK_VERSION}` };
  if (body !== undefined) headers["content-type"] = "application/json; charset=utf-8";
  try {
    const response = await options.fetch(url, {
      method: "POST",
      headers,
      redirect: "manual",
      signal: signal.signal,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: parseObject(text) };
  } catch (cause) {
    throw transportError(signal, { environment: options.environment, what: options.what, url, timeoutMs: options.timeoutMs, cause });
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
