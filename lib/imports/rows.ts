import type { Row } from "./session.ts";

// Reading values out of raw SQL result rows, which node-postgres and Prisma both return as plain
// objects. Every query of lib/imports casts what it selects to int, float8 or text, so these
// checks are exact; a mismatch is a programming error and throws.

export function intOf(row: Row | undefined, key: string): number {
  const v = row?.[key];
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  if (typeof v === "bigint") return Number(v);
  throw new TypeError(`lib/imports: expected an integer in column ${key}, got ${typeof v}`);
}

export function intOrNull(row: Row | undefined, key: string): number | null {
  const v = row?.[key];
  return v === null || v === undefined ? null : intOf(row, key);
}

export function numberOf(row: Row | undefined, key: string): number {
  const v = row?.[key];
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  throw new TypeError(`lib/imports: expected a number in column ${key}, got ${typeof v}`);
}

export function textOf(row: Row | undefined, key: string): string {
  const v = row?.[key];
  if (typeof v === "string") return v;
  throw new TypeError(`lib/imports: expected text in column ${key}, got ${typeof v}`);
}

export function textOrNull(row: Row | undefined, key: string): string | null {
  const v = row?.[key];
  return v === null || v === undefined ? null : textOf(row, key);
}

export function boolOf(row: Row | undefined, key: string): boolean {
  const v = row?.[key];
  if (typeof v === "boolean") return v;
  throw new TypeError(`lib/imports: expected a boolean in column ${key}, got ${typeof v}`);
}
