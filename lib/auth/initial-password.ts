import { randomInt } from "node:crypto";
import { NewPasswordSchema, passwordContainsUsername } from "../schemas/user.ts";

// Initial passwords for accounts an admin creates in bulk: random, shown to the admin once, handed
// to the person on paper or by phone, and replaced at the first sign-in (mustChangePassword).
// Three groups of four characters from an alphabet without look-alikes (0/O, 1/l/I, 5/S, 2/Z, 8/B),
// so they can be read aloud and typed on a phone: 49 symbols, 12 drawn, about 67 bits.

const ALPHABET = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479";

export const INITIAL_PASSWORD_BITS = Math.floor(12 * Math.log2(ALPHABET.length));

function group(): string {
  let out = "";
  for (let i = 0; i < 4; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** A fresh initial password, e.g. "kT7q-Wm3x-Pa9c", that passes the app's password rules for `username`. */
export function generateInitialPassword(username: string): string {
  for (;;) {
    const password = `${group()}-${group()}-${group()}`;
    if (NewPasswordSchema.safeParse(password).success && !passwordContainsUsername(password, username)) return password;
  }
}
