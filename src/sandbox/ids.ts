import { randomBytes, randomInt, randomUUID } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** RFC 8628 section 6.1: no vowels, no look-alike characters. */
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

function pick(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A fresh request id, as sent in `X-Request-Id`. */
export const newRequestId = (): string => randomUUID();

/** A fresh opaque id (UUID). */
export const newId = (): string => randomUUID();

/** An OAuth client id, 32 alphanumeric characters as Taegis issues them. */
export const newClientId = (): string => pick(ALPHANUMERIC, 32);

/**
 * A client secret. It always holds a `+` and a `~` (and base64url's `-`/`_`
 * often), so that a client that form-url-encodes HTTP Basic credentials
 * before base64 fails at once instead of by chance.
 */
export const newClientSecret = (): string =>
  `${randomBytes(18).toString("base64url")}+${randomBytes(9).toString("base64url")}~${randomBytes(9).toString("base64url")}`;

/** An RFC 8628 device code: long, random, opaque. */
export const newDeviceCode = (): string => randomBytes(32).toString("base64url");

/** An RFC 8628 user code, `XXXX-XXXX` from an unambiguous alphabet. */
export const newUserCode = (): string => `${pick(USER_CODE_ALPHABET, 4)}-${pick(USER_CODE_ALPHABET, 4)}`;

/** An opaque, single-purpose token (MFA challenge). */
export const newOpaqueToken = (): string => randomBytes(24).toString("base64url");
