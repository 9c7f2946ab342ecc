import type { PrismaClient } from "@/lib/generated/prisma/client";

// Provinces for tests of the city official's scope (issue 12): the demo's Hà Nội (seedUnits), and
// another province that tests add themselves: Hồ Chí Minh > Quận 1 > Phường Tân Định (real GSO codes).

export const HA_NOI = "01";
export const HO_CHI_MINH = "79";
export const QUAN_1 = "760";
export const TAN_DINH = "26734";

/** Hồ Chí Minh, its Quận 1 and one ward of it, under the country of the demo's unit tree. */
export async function seedOtherProvince(prisma: PrismaClient): Promise<void> {
  const country = await prisma.unit.findFirst({ where: { level: "COUNTRY" }, select: { code: true } });
  await prisma.unit.createMany({
    data: [{ code: HO_CHI_MINH, level: "PROVINCE", name: "Thành phố Hồ Chí Minh", type: "Thành phố Trung ương", parentCode: country?.code ?? null }],
    skipDuplicates: true,
  });
  await prisma.unit.createMany({ data: [{ code: QUAN_1, level: "DISTRICT", name: "Quận 1", type: "Quận", parentCode: HO_CHI_MINH }], skipDuplicates: true });
  await prisma.unit.createMany({ data: [{ code: TAN_DINH, level: "WARD", name: "Phường Tân Định", type: "Phường", parentCode: QUAN_1 }], skipDuplicates: true });
}
