// Hoàn Kiếm's own dispatch template in the demo: what dispatch 1178/UBND-VHTT has that the city's
// default wording does not, because it belongs to that one letter: its number and its signer.
// Everything else of the letter comes from the default (lib/domain/dispatch-template.ts) and the
// unit table (authority "QUẬN HOÀN KIẾM", place "Hoàn Kiếm", "Chủ tịch UBND 18 phường"), so the
// demo's draft for 17/8/2021 reproduces the dispatch word for word.
//
// Idempotent and never overwriting: a template the district has edited since is kept.

import type { PrismaClient } from "../../lib/generated/prisma/client.ts";
import type { DispatchTemplateOverride } from "../../lib/domain/dispatch-template.ts";

export const DEMO_DISPATCH_TEMPLATES: Readonly<Record<string, DispatchTemplateOverride>> = {
  "002": { documentNumber: "1178", signerName: "Nguyễn Quốc Hoàn" },
};

export async function loadDemoDispatchTemplates(prisma: Pick<PrismaClient, "districtDispatchTemplate" | "unit">): Promise<number> {
  const codes = Object.keys(DEMO_DISPATCH_TEMPLATES);
  const present = new Set(
    (await prisma.unit.findMany({ where: { code: { in: codes }, level: "DISTRICT" }, select: { code: true } })).map((u) => u.code),
  );
  const rows = codes.filter((c) => present.has(c)).map((unitCode) => ({ unitCode, fields: { ...DEMO_DISPATCH_TEMPLATES[unitCode] } }));
  const { count } = await prisma.districtDispatchTemplate.createMany({ data: rows, skipDuplicates: true });
  return count;
}
