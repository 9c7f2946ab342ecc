import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// The reference units (Việt Nam > Hà Nội > its districts > Hoàn Kiếm's 18 wards) without the demo's
// figures: enough for tests that write their own reports, and quick to load.

type Level = "COUNTRY" | "PROVINCE" | "DISTRICT" | "WARD";

export async function seedUnits(prisma: PrismaClient): Promise<void> {
  const csv = fs.readFileSync(path.join(process.cwd(), "prisma", "data", "hanoi-units-2021.csv"), "utf8");
  const rows = csv
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [code, level, name, parent] = line.split(",");
      return { code: code ?? "", level: (level ?? "").toUpperCase() as Level, name: name ?? "", parentCode: parent ? parent : null };
    });
  const order: Level[] = ["COUNTRY", "PROVINCE", "DISTRICT", "WARD"];
  for (const level of order) {
    await prisma.unit.createMany({ data: rows.filter((r) => r.level === level), skipDuplicates: true });
  }
  // One ward of another district (Ba Đình), for tests across districts; real GSO code.
  await prisma.unit.createMany({
    data: [{ code: PHUC_XA, level: "WARD", name: "Phường Phúc Xá", parentCode: BA_DINH }],
    skipDuplicates: true,
  });
}

export const HOAN_KIEM = "002";
export const BA_DINH = "001";
export const PHUC_TAN = "00037";
export const DONG_XUAN = "00040";
export const HANG_MA = "00043";
export const PHUC_XA = "00001";
