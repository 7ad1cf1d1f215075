import { SignJWT } from "jose";

const key = new TextEncoder().encode("test-signing-key-for-the-auth-tests-only");

/** A signed JWT that expires `ttlSeconds` after `nowMs`, with a random `jti` so each one differs. */
export async function testJwt(ttlSeconds = 3600, nowMs = Date.now(), claims: Record<string, unknown> = {}): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ ...claims, jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key);
}
