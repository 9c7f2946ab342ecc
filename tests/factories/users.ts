import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { loadProvinceScope } from "@/lib/auth/accounts-store";
import type { Role, SessionUser } from "@/lib/permissions";
import { HA_NOI } from "./provinces";
import { BA_DINH, HOAN_KIEM, PHUC_TAN } from "./units";

// Accounts for tests, returned as the SessionUser the data layer receives.

let counter = 0;

export async function createTestUser(
  prisma: PrismaClient,
  opts: { role: Role; unitCode?: string | null; username?: string; password?: string; disabled?: boolean; mustChangePassword?: boolean },
): Promise<SessionUser & { password: string }> {
  counter += 1;
  const username = opts.username ?? `${opts.role.toLowerCase().replace("_", "-")}-${counter}-${Date.now() % 100000}`;
  const password = opts.password ?? `mat-khau-thu-${counter}-dai`;
  const row = await prisma.user.create({
    data: {
      username,
      displayName: `Người thử ${counter}`,
      role: opts.role,
      unitCode: opts.unitCode ?? null,
      disabled: opts.disabled ?? false,
      mustChangePassword: opts.mustChangePassword ?? false,
      passwordHash: await hashPassword(password),
    },
    select: { id: true, username: true, displayName: true, role: true, unitCode: true, unit: { select: { parentCode: true } } },
  });
  const base = { id: row.id, username: row.username, displayName: row.displayName, role: row.role, unitCode: row.unitCode, password };
  if (row.role === "CITY_OFFICIAL") {
    // as the session loads it (lib/auth/accounts-store.ts loadSessionState)
    const scope = row.unitCode === null ? { districtCodes: [], defaultDistrictCode: null } : await loadProvinceScope(prisma, row.unitCode);
    return { ...base, districtCode: scope.defaultDistrictCode, provinceDistrictCodes: scope.districtCodes };
  }
  return {
    ...base,
    districtCode: row.role === "WARD_CHAIR" ? (row.unit?.parentCode ?? null) : row.role === "DISTRICT_OFFICIAL" ? row.unitCode : null,
  };
}

/** A city official (cán bộ thành phố) of a province, Hà Nội unless told. */
export async function createCityOfficial(prisma: PrismaClient, provinceCode: string = HA_NOI): Promise<SessionUser & { password: string }> {
  return createTestUser(prisma, { role: "CITY_OFFICIAL", unitCode: provinceCode });
}

/**
 * A national official (cán bộ Ban Chỉ đạo quốc gia, issue 18), attached to the unit tree's country
 * unit (the demo's "VN"), as the session loads it: every district, none to open on.
 */
export async function createNationalOfficial(prisma: PrismaClient): Promise<SessionUser & { password: string }> {
  const country = await prisma.unit.findFirst({ where: { level: "COUNTRY" }, select: { code: true } });
  return createTestUser(prisma, { role: "NATIONAL_OFFICIAL", unitCode: country?.code ?? null });
}

/**
 * One account per role around Hoàn Kiếm, as most tests need them: an admin, Hoàn Kiếm's official,
 * an official of another district (Ba Đình: the one who must be refused) and Phúc Tân's chair.
 */
export async function createRoleUsers(prisma: PrismaClient) {
  return {
    admin: await createTestUser(prisma, { role: "ADMIN" }),
    official: await createTestUser(prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM }),
    otherOfficial: await createTestUser(prisma, { role: "DISTRICT_OFFICIAL", unitCode: BA_DINH }),
    chair: await createTestUser(prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN }),
  };
}
