import "server-only";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { SessionUser } from "../permissions.ts";

// The account store the sign-in flow and every request read: the session's user (with a city
// official's province scope) and the sign-in candidate. A password hash never leaves this module
// (only signInCandidate, used by the sign-in check on the server, reads it). No permission check
// here: these run before there is a viewer to check.

const sessionSelect = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  unitCode: true,
  disabled: true,
  sessionVersion: true,
  mustChangePassword: true,
  unit: { select: { parentCode: true } },
} as const;

type SessionRow = Prisma.UserGetPayload<{ select: typeof sessionSelect }>;

/** A city official's province as the session needs it: its districts and the one pages open on. */
export type ProvinceScope = { districtCodes: string[]; defaultDistrictCode: string | null };

/**
 * Every district of a province (its children at the district level, ended ones included: their
 * history stays readable), and the district pages open on: the district of the province's first
 * ward, by official code, with figures, else the first district. Empty when the code is not a
 * province or has no districts: such a city official sees no district.
 */
export async function loadProvinceScope(prisma: Pick<PrismaClient, "unit">, provinceCode: string): Promise<ProvinceScope> {
  const [districts, firstWithFigures] = await Promise.all([
    prisma.unit.findMany({
      where: { parentCode: provinceCode, level: "DISTRICT", parent: { level: "PROVINCE" } },
      orderBy: { code: "asc" },
      select: { code: true },
    }),
    prisma.unit.findFirst({
      where: { level: "WARD", figures: { some: {} }, parent: { level: "DISTRICT", parentCode: provinceCode, parent: { level: "PROVINCE" } } },
      orderBy: { code: "asc" },
      select: { parentCode: true },
    }),
  ]);
  const districtCodes = districts.map((d) => d.code);
  return { districtCodes, defaultDistrictCode: firstWithFigures?.parentCode ?? districtCodes[0] ?? null };
}

function toSessionUser(row: SessionRow, province: ProvinceScope | null): SessionUser {
  const base = { id: row.id, username: row.username, displayName: row.displayName, role: row.role, unitCode: row.unitCode };
  switch (row.role) {
    case "ADMIN":
    case "NATIONAL_OFFICIAL":
      // every district: district pages open on the default district, like an admin's
      return { ...base, districtCode: null };
    case "DISTRICT_OFFICIAL":
      return { ...base, districtCode: row.unitCode };
    case "WARD_CHAIR":
      return { ...base, districtCode: row.unit?.parentCode ?? null };
    case "CITY_OFFICIAL":
      return { ...base, districtCode: province?.defaultDistrictCode ?? null, provinceDistrictCodes: province?.districtCodes ?? [] };
  }
}

/**
 * The account behind a session token, or null when the account is gone, disabled, or the session
 * was revoked (sign-out, password reset, role change and disable bump `sessionVersion`).
 * `mustChangePassword`: the account may do nothing but change its password (lib/auth/session.ts
 * keeps such a session out of every page, action and route but the change-password page).
 */
export async function loadSessionState(
  prisma: Pick<PrismaClient, "user" | "unit">,
  userId: number,
  sessionVersion: number,
): Promise<{ user: SessionUser; mustChangePassword: boolean } | null> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: sessionSelect });
  if (!row || row.disabled || row.sessionVersion !== sessionVersion) return null;
  // A city official's scope is the unit table's, read on every request like the role: a district
  // added to or moved out of the province counts at once.
  const province = row.role === "CITY_OFFICIAL" && row.unitCode !== null ? await loadProvinceScope(prisma, row.unitCode) : null;
  return { user: toSessionUser(row, province), mustChangePassword: row.mustChangePassword };
}

/** For the sign-in check only: the hash and state of an account by username. */
export async function signInCandidate(prisma: Pick<PrismaClient, "user">, username: string) {
  return prisma.user.findUnique({
    where: { username },
    select: { id: true, displayName: true, passwordHash: true, disabled: true, sessionVersion: true },
  });
}

export async function markSignedIn(prisma: Pick<PrismaClient, "user">, userId: number, at: Date): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { lastSignInAt: at }, select: { id: true } });
}

/** Sign-out ends every session of the account (the cookie cannot be revoked any other way). */
export async function revokeSessions(prisma: Pick<PrismaClient, "user">, userId: number, sessionVersion: number): Promise<void> {
  await prisma.user.updateMany({ where: { id: userId, sessionVersion }, data: { sessionVersion: { increment: 1 } } });
}
