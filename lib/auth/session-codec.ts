import { hkdf, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

// The session cookie's codec: next-auth 4's own (next-auth/jwt encode and decode: a JWE with
// "dir" and A256GCM under a key derived from the secret by HKDF-SHA256, 15 s of clock tolerance,
// the same claims iat, exp and jti), except that the key is derived once per secret and salt for the
// process instead of on every request. A profile of the national pages at c=10 (issue 18, ADR
// 036) found a key derivation on every page (next-auth decodes the cookie and encodes it again
// each time a page reads the session). The key is a function of the secret alone, which the
// process holds anyway; every token is still decrypted and authenticated, and its expiry checked,
// as before (tests/unit/auth-session-codec.test.ts: tokens pass both ways between this
// codec and next-auth's own).

/** next-auth's default lifetime of a token when none is given (30 days). */
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** Secrets (with salts) whose keys are kept: one in a server; tests use a few. */
const MAX_KEYS = 8;

const keys = new Map<string, Promise<Uint8Array>>();

/** next-auth's key: HKDF-SHA256 of the secret, with its salt and info (next-auth/jwt getDerivedEncryptionKey). */
function deriveKey(secret: string | Buffer, salt: string): Promise<Uint8Array> {
  const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
  return new Promise((resolve, reject) => {
    hkdf("sha256", secret, salt, info, 32, (err, key) => (err ? reject(err) : resolve(new Uint8Array(key))));
  });
}

function keyFor(secret: string | Buffer, salt: string): Promise<Uint8Array> {
  if (typeof secret !== "string") return deriveKey(secret, salt);
  const id = `${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (key === undefined) {
    if (keys.size >= MAX_KEYS) keys.clear();
    key = deriveKey(secret, salt);
    keys.set(id, key);
    // a failed derivation is not kept: the next request derives again
    key.catch(() => keys.delete(id));
  }
  return key;
}

export async function encodeSessionToken({ token = {}, secret, maxAge = DEFAULT_MAX_AGE_SECONDS, salt = "" }: JWTEncodeParams): Promise<string> {
  const key = await keyFor(secret, salt);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(randomUUID())
    .encrypt(key);
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const key = await keyFor(secret, salt);
  const { payload } = await jwtDecrypt(token, key, { clockTolerance: 15 });
  return payload as JWT;
}
