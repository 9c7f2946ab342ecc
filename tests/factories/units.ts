import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readDemoUnits } from "@/prisma/seed/demo-data";

// The demo's units (Việt Nam > Hà Nội > its 30 districts > the wards of Hoàn Kiếm (18) and of
// Ba Đình (14), with their types) without the demo's figures: enough for tests that write their
// own reports, across districts too, and quick to load.

export async function seedUnits(prisma: PrismaClient): Promise<void> {
  const rows = readDemoUnits();
  for (const level of ["COUNTRY", "PROVINCE", "DISTRICT", "WARD"] as const) {
    await prisma.unit.createMany({ data: rows.filter((r) => r.level === level), skipDuplicates: true });
  }
}

export const HOAN_KIEM = "002";
export const BA_DINH = "001";
export const PHUC_TAN = "00037";
export const DONG_XUAN = "00040";
export const HANG_MA = "00043";
export const PHUC_XA = "00001";
