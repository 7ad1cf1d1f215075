import { assertTransportUrl, type EnvironmentTable } from "../environments.js";
import { TaegisOptionsError } from "../errors/TaegisOptionsError.js";
import type { CallOptions } from "./options.js";

/** Control characters (C0, DEL): never allowed in a header value. Tab is allowed in extra header values only. */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f]/;
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A gateway path: starts with `/`, no query, fragment, backslash or whitespace. */
const GATEWAY = /^\/[^\s?#\\]*$/;
/** The longest time limit a timer can hold (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Quotes a user value for an error message, shortened, with control characters escaped. Never use on secrets. */
export function quoteForMessage(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 60)}...` : value;
  return JSON.stringify(short);
}

/**
 * Checks a tenant id before it becomes the `X-Tenant-Context` header (or a
 * WebSocket subprotocol): a non-empty string without control characters
 * (CR, LF, NUL, ...) or spaces.
 * @throws TaegisOptionsError `invalid_tenant_id`.
 */
export function assertTenantId(tenantId: unknown, option = "tenantId"): string {
  if (typeof tenantId !== "string" || tenantId.trim() === "") {
    throw new TaegisOptionsError("invalid_tenant_id", option, `The \`${option}\` option must be a non-empty Taegis tenant id, e.g. "11772".`);
  }
  if (CONTROL.test(tenantId) || /\s/.test(tenantId)) {
    throw new TaegisOptionsError(
      "invalid_tenant_id",
      option,
      `The \`${option}\` option ${quoteForMessage(tenantId)} contains control characters or spaces (CR, LF, ...), which cannot be sent in the X-Tenant-Context header. Pass the tenant id alone.`,
    );
  }
  return tenantId;
}

/**
 * Checks extra headers: names are HTTP tokens, values are strings without CR,
 * LF or other control characters. Values are never quoted in the message.
 * @throws TaegisOptionsError `invalid_header`.
 */
export function assertExtraHeaders(headers: unknown, option = "extraHeaders"): Record<string, string> {
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    throw new TaegisOptionsError("invalid_header", option, `The \`${option}\` option must be an object of header name -> string value.`);
  }
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (!HEADER_NAME.test(name)) {
      throw new TaegisOptionsError(
        "invalid_header",
        option,
        `The header name ${quoteForMessage(name)} in \`${option}\` is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only).`,
      );
    }
    if (typeof value !== "string" || CONTROL_EXCEPT_TAB.test(value)) {
      throw new TaegisOptionsError(
        "invalid_header",
        option,
        `The value of header ${quoteForMessage(name)} in \`${option}\` must be a string without CR, LF or other control characters.`,
      );
    }
    checked[name] = value;
  }
  return checked;
}

function assertBoolean(value: unknown, option: string): boolean {
  if (typeof value !== "boolean") {
    throw new TaegisOptionsError("invalid_option", option, `The \`${option}\` option must be true or false.`);
  }
  return value;
}

/**
 * Checks a time limit in milliseconds: a positive integer up to 2^31 - 1.
 * @throws TaegisOptionsError `invalid_option`.
 */
export function assertTimeoutMs(value: unknown, option = "timeoutMs"): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new TaegisOptionsError(
      "invalid_option",
      option,
      `The \`${option}\` option must be a whole number of milliseconds between 1 and ${MAX_TIMEOUT_MS} (the default is 300000).`,
    );
  }
  return value;
}

/**
 * Validates the options of one call, a `with()` view or the client, and
 * normalises them: the environment becomes its canonical name (`US1` ->
 * `charlie`), URLs are checked for transport safety, the tenant id and extra
 * headers for characters that cannot be sent. Nothing is sent before this.
 * Undefined values are left out of the result.
 *
 * @throws TaegisOptionsError with a message that names the option and says what is valid.
 */
export function validateCallOptions(options: CallOptions, table: EnvironmentTable): CallOptions {
  if (typeof options !== "object" || options === null) {
    throw new TaegisOptionsError("invalid_option", "options", "Call options must be an object, e.g. { tenantId: \"11772\" }.");
  }
  const checked: CallOptions = {};
  if (options.environment !== undefined) {
    if (typeof options.environment !== "string") {
      throw new TaegisOptionsError("unknown_environment", "environment", `The \`environment\` option must be a name. Valid names: ${table.names().join(", ")}.`);
    }
    checked.environment = table.resolve(options.environment).name;
  }
  if (options.tenantId !== undefined) checked.tenantId = assertTenantId(options.tenantId);
  if (options.useUniversalAuthentication !== undefined) {
    checked.useUniversalAuthentication = assertBoolean(options.useUniversalAuthentication, "useUniversalAuthentication");
  }
  if (options.url !== undefined) {
    if (typeof options.url !== "string") throw new TaegisOptionsError("invalid_url", "url", "The `url` option must be a URL string.");
    checked.url = assertTransportUrl(options.url, "url").href;
  }
  if (options.gateway !== undefined) {
    const gateway = typeof options.gateway === "string" && !options.gateway.startsWith("/") ? `/${options.gateway}` : options.gateway;
    if (typeof gateway !== "string" || !GATEWAY.test(gateway) || gateway.startsWith("//")) {
      throw new TaegisOptionsError(
        "invalid_option",
        "gateway",
        "The `gateway` option must be a path such as /graphql or /events/query (no host, query string or spaces); use `url` for a full URL.",
      );
    }
    checked.gateway = gateway;
  }
  if (options.accessToken !== undefined) {
    if (typeof options.accessToken !== "string" || options.accessToken === "" || CONTROL.test(options.accessToken) || /\s/.test(options.accessToken)) {
      throw new TaegisOptionsError(
        "invalid_option",
        "accessToken",
        "The `accessToken` option must be a non-empty bearer token without spaces or control characters; leave it out to use the credential chain.",
      );
    }
    checked.accessToken = options.accessToken;
  }
  if (options.extraHeaders !== undefined) checked.extraHeaders = assertExtraHeaders(options.extraHeaders);
  if (options.timeoutMs !== undefined) checked.timeoutMs = assertTimeoutMs(options.timeoutMs);
  if (options.signal !== undefined) {
    const signal: unknown = options.signal;
    if (typeof signal !== "object" || signal === null || typeof (signal as AbortSignal).addEventListener !== "function") {
      throw new TaegisOptionsError("invalid_option", "signal", "The `signal` option must be an AbortSignal, e.g. AbortSignal.timeout(5000).");
    }
    checked.signal = options.signal;
  }
  return checked;
}

/**
 * Layers validated call options: every defined value of `over` wins over
 * `base`; extra headers are merged (the later layer wins per header name),
 * and two signals are combined (either one cancels). Neither input is changed.
 */
export function mergeCallOptions(base: CallOptions, over: CallOptions): CallOptions {
  const merged: CallOptions = { ...base, ...over };
  if (base.extraHeaders !== undefined && over.extraHeaders !== undefined) {
    merged.extraHeaders = { ...base.extraHeaders, ...over.extraHeaders };
  }
  if (base.signal !== undefined && over.signal !== undefined && base.signal !== over.signal) {
    merged.signal = AbortSignal.any([base.signal, over.signal]);
  }
  return merged;
}
