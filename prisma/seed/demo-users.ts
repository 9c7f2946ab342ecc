// Demo accounts: one admin and, for each of the demo's districts with ward reports (Quận Hoàn Kiếm,
// Quận Ba Đình), one district official and one ward chair per ward (username from the ward's name:
// Phường Phúc Tân → phuong.phuctan). FOR THE DEMO ONLY: the passwords are public (README).
// Idempotent: an existing username is left as it is (its password, role and state included), so
// reloading never resets a changed password.
//
// Needs the units (loadDemo writes them first). Not 'server-only': the seed script runs it.

import type { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { hashPassword } from "../../lib/auth/password.ts";

export const DEMO_DISTRICT_CODE = "002";
export const DEMO_BA_DINH_CODE = "001";

export const DEMO_PASSWORDS = {
  admin: "WardWatch@2021",
  districtOfficial: "QuanHoanKiem@2021",
  wardChair: "PhuongHK@2021",
  baDinhOfficial: "QuanBaDinh@2021",
  baDinhWardChair: "PhuongBD@2021",
} as const;

export const DEMO_ADMIN_USERNAME = "admin";
export const DEMO_OFFICIAL_USERNAME = "quan.hoankiem";
export const DEMO_BA_DINH_OFFICIAL_USERNAME = "quan.badinh";

/** The districts whose official and ward chairs have demo accounts, in the order they are listed. */
export const DEMO_ACCOUNT_DISTRICTS = [
  {
    code: DEMO_DISTRICT_CODE,
    officialUsername: DEMO_OFFICIAL_USERNAME,
    officialPassword: DEMO_PASSWORDS.districtOfficial,
    wardChairPassword: DEMO_PASSWORDS.wardChair,
  },
  {
    code: DEMO_BA_DINH_CODE,
    officialUsername: DEMO_BA_DINH_OFFICIAL_USERNAME,
    officialPassword: DEMO_PASSWORDS.baDinhOfficial,
    wardChairPassword: DEMO_PASSWORDS.baDinhWardChair,
  },
] as const;

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

/** "Quận Hoàn Kiếm" → "quận Hoàn Kiếm" (as in "Cán bộ UBND quận Hoàn Kiếm"). */
function inSentence(unitName: string): string {
  return unitName.charAt(0).toLocaleLowerCase("vi") + unitName.slice(1);
}

export type DemoAccount = {
  username: string;
  password: string;
  displayName: string;
  role: "ADMIN" | "DISTRICT_OFFICIAL" | "WARD_CHAIR";
  unitCode: string | null;
  /** ward chairs: a made-up number, plainly fake ("0900 000 001", "0900 000 002", …), for "who to chase" */
  phone?: string;
};

export async function demoAccounts(prisma: Pick<PrismaClient, "unit">): Promise<DemoAccount[]> {
  const codes = DEMO_ACCOUNT_DISTRICTS.map((d) => d.code);
  const [districts, wards] = await Promise.all([
    prisma.unit.findMany({ where: { code: { in: codes }, level: "DISTRICT" }, select: { code: true, name: true } }),
    prisma.unit.findMany({
      where: { parentCode: { in: codes }, level: "WARD" },
      orderBy: { code: "asc" },
      select: { code: true, name: true, parentCode: true },
    }),
  ]);
  const accounts: DemoAccount[] = [
    { username: DEMO_ADMIN_USERNAME, password: DEMO_PASSWORDS.admin, displayName: "Quản trị hệ thống", role: "ADMIN", unitCode: null },
  ];
  for (const spec of DEMO_ACCOUNT_DISTRICTS) {
    const district = districts.find((d) => d.code === spec.code);
    if (!district) continue;
    accounts.push({
      username: spec.officialUsername,
      password: spec.officialPassword,
      displayName: `Cán bộ UBND ${inSentence(district.name)}`,
      role: "DISTRICT_OFFICIAL",
      unitCode: district.code,
    });
    for (const w of wards.filter((ward) => ward.parentCode === spec.code)) {
      accounts.push({
        username: wardChairUsername(w.name),
        password: spec.wardChairPassword,
        displayName: `Chủ tịch UBND ${w.name}`,
        role: "WARD_CHAIR",
        unitCode: w.code,
        phone: `0900${String(accounts.filter((a) => a.role === "WARD_CHAIR").length + 1).padStart(6, "0")}`,
      });
    }
  }
  // Two wards with the same name would give one username to two wards: the second would be
  // silently skipped below. Say so instead.
  const seen = new Set<string>();
  for (const a of accounts) {
    if (seen.has(a.username)) throw new Error(`Tài khoản mẫu trùng tên đăng nhập: ${a.username}`);
    seen.add(a.username);
  }
  return accounts;
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
      phone: a.phone ?? null,
      passwordHash: await hashPassword(a.password),
    })),
  );
  const { count } = await prisma.user.createMany({ data: rows, skipDuplicates: true });
  opts.log?.(`Tài khoản mẫu: đã tạo ${count}, có sẵn ${existing.size} (mật khẩu mẫu trong README).`);
  return { created: count, accounts: accounts.map(({ username, role, unitCode }) => ({ username, role, unitCode })) };
}
