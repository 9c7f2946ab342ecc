import { hash, verify } from "@node-rs/argon2";

// Passwords are hashed with argon2id (the library's default algorithm) at OWASP's minimum
// parameters for it: 19 MiB of memory, 2 passes, 1 lane. Unlike bcrypt it does not silently
// ignore bytes after the 72nd (a Vietnamese letter is 2–3 bytes in UTF-8). Not 'server-only': the
// demo seed script hashes the demo passwords with it.

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), OPTIONS);
}

/** False for a wrong password and for anything that is not an argon2 hash; never throws. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFC"));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification against a throwaway hash, so that "no such user" takes as
 * long as "wrong password" and the response time does not reveal which usernames exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(`dummy-${Math.random()}`);
  await verifyPassword(await dummy, password);
  return false;
}
