import { decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-codec";

// The session cookie's codec (lib/auth/session-codec.ts, ADR 036): next-auth's token format with
// the key derived once per secret. Tokens must pass both ways between it and next-auth's own
// codec (a server upgraded in place keeps its users signed in, and back), and everything the
// format refuses stays refused: another secret, a tampered token, an expired one.

const SECRET = "codec-test-secret-that-is-long-enough-0123";
const OTHER = "another-codec-secret-that-is-long-enough-0";
const claims = { sub: "42", sv: 3, authAt: 1_700_000_000, seenAt: 1_700_000_100, user: { id: 42, role: "DISTRICT_OFFICIAL" } };

describe("session codec", () => {
  it("reads next-auth's tokens and next-auth reads its tokens, claims and lifetime unchanged", async () => {
    const ours = await encodeSessionToken({ token: claims, secret: SECRET, maxAge: 8 * 3600 });
    const theirs = await nextAuthEncode({ token: claims, secret: SECRET, maxAge: 8 * 3600 });
    for (const token of [ours, theirs]) {
      for (const read of [decodeSessionToken, nextAuthDecode]) {
        const payload = await read({ token, secret: SECRET });
        expect(payload).toMatchObject(claims);
        expect(Number(payload?.exp) - Number(payload?.iat)).toBe(8 * 3600);
        expect(payload?.jti).toMatch(/^[0-9a-f-]{36}$/);
      }
    }
    // a salt (next-auth's other tokens) is part of the key, as in next-auth
    const salted = await encodeSessionToken({ token: claims, secret: SECRET, salt: "probe" });
    expect(await nextAuthDecode({ token: salted, secret: SECRET, salt: "probe" })).toMatchObject(claims);
    await expect(decodeSessionToken({ token: salted, secret: SECRET })).rejects.toThrow();
  });

  it("each token is new (its own id and nonce), and the key of one secret never opens another's", async () => {
    const a = await encodeSessionToken({ token: claims, secret: SECRET });
    const b = await encodeSessionToken({ token: claims, secret: SECRET });
    expect(a).not.toBe(b);
    const other = await encodeSessionToken({ token: claims, secret: OTHER });
    // the cached keys of both secrets are in use now: each still refuses the other's tokens
    await expect(decodeSessionToken({ token: other, secret: SECRET })).rejects.toThrow();
    await expect(decodeSessionToken({ token: a, secret: OTHER })).rejects.toThrow();
    expect(await decodeSessionToken({ token: other, secret: OTHER })).toMatchObject(claims);
    expect(await decodeSessionToken({ token: "", secret: SECRET })).toBeNull();
  });

  it("refuses a tampered token and an expired one (past next-auth's 15 s of tolerance)", async () => {
    const token = await encodeSessionToken({ token: claims, secret: SECRET });
    const parts = token.split(".");
    const cipher = parts[3] ?? "";
    const flipped = `${cipher.slice(0, -2)}${cipher.slice(-2) === "AA" ? "BB" : "AA"}`;
    await expect(decodeSessionToken({ token: [...parts.slice(0, 3), flipped, parts[4]].join("."), secret: SECRET })).rejects.toThrow();
    const expired = await encodeSessionToken({ token: claims, secret: SECRET, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret: SECRET })).rejects.toThrow();
    await expect(nextAuthDecode({ token: expired, secret: SECRET })).rejects.toThrow();
  });
});
