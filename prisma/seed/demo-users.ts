// Demo accounts: one admin, one district official of Quận Hoàn Kiếm, and one ward chair per ward
// of the district (username from the ward's name: Phường Phúc Tân → phuong.phuctan). FOR THE DEMO
// ONLY: the passwords are public (README). Idempotent: an existing username is left as it is
// (its password, role and state included), so reloading never resets a changed password.
//
// Needs the units (loadDemo writes them first). Not 'server-only': the seed script runs it.

import type { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { hashPassword } from "../../lib/auth/password.ts";

export const DEMO_DISTRICT_CODE = "002";

export const DEMO_PASSWORDS = {
  admin: "WardWatch@2021",
  districtOfficial: "QuanHoanKiem@2021",
  wardChair: "PhuongHK@2021",
} as const;

export const DEMO_ADMIN_USERNAME = "admin";
export const DEMO_OFFICIAL_USERNAME = "quan.hoankiem";

/** "Phường Hàng Đào" → "phuong.hangdao" */
export function wardChairUsername(wardName: string): string {
  const base = wardName
    .replace(/^Phường\s+/u, "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  return `phuong.${base}`;
}

export type DemoAccount = {
  username: string;
  password: string;
  displayName: string;
  role: "ADMIN" | "DISTRICT_OFFICIAL" | "WARD_CHAIR";
  unitCode: string | null;
};

export async function demoAccounts(prisma: Pick<PrismaClient, "unit">): Promise<DemoAccount[]> {
  const wards = await prisma.unit.findMany({
    where: { parentCode: DEMO_DISTRICT_CODE, level: "WARD" },
    orderBy: { code: "asc" },
    select: { code: true, name: true },
  });
  const district = await prisma.unit.findUnique({ where: { code: DEMO_DISTRICT_CODE }, select: { code: true } });
  return [
    { username: DEMO_ADMIN_USERNAME, password: DEMO_PASSWORDS.admin, displayName: "Quản trị hệ thống", role: "ADMIN", unitCode: null },
    ...(district
      ? [
          {
            username: DEMO_OFFICIAL_USERNAME,
            password: DEMO_PASSWORDS.districtOfficial,
            displayName: "Cán bộ UBND quận Hoàn Kiếm",
            role: "DISTRICT_OFFICIAL" as const,
            unitCode: district.code,
          },
        ]
      : []),
    ...wards.map((w) => ({
      username: wardChairUsername(w.name),
      password: DEMO_PASSWORDS.wardChair,
      displayName: `Chủ tịch UBND ${w.name}`,
      role: "WARD_CHAIR" as const,
      unitCode: w.code,
    })),
  ];
}

export async function loadDemoUsers(
  prisma: PrismaClient,
  opts: { log?: (message: string) => void } = {},
): Promise<{ created: number; accounts: { username: string; role: string; unitCode: string | null }[] }> {
  const accounts = await demoAccounts(prisma);
  const existing = new Set(
    (await prisma.user.findMany({ where: { username: { in: accounts.map((a) => a.username) } }, select: { username: true } })).map(
      (u) => u.username,
    ),
  );
  const missing = accounts.filter((a) => !existing.has(a.username));
  const rows = await Promise.all(
    missing.map(async (a) => ({
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      unitCode: a.unitCode,
      passwordHash: await hashPassword(a.password),
    })),
  );
  const { count } = await prisma.user.createMany({ data: rows, skipDuplicates: true });
  opts.log?.(`Tài khoản mẫu: đã tạo ${count}, có sẵn ${existing.size} (mật khẩu mẫu trong README).`);
  return { created: count, accounts: accounts.map(({ username, role, unitCode }) => ({ username, role, unitCode })) };
}
