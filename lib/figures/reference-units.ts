import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { parseCodeList, UNIT_LEVELS, type CodeListUnit } from "../domain/unit-code-list.ts";

// The whole unit tree of the country (63 provinces, 705 districts, 10.603 communes: the General
// Statistics Office's codes in force on 1/7/2021) is reference data, loaded on every start, not
// part of the demo. Idempotent and cheap after the first time: the file's hash is kept in the
// setting table, and an unchanged file costs one read of it. Units already present keep their
// name (an admin may have renamed one); only a missing type is filled in.
//
// Once admins change the tree (issue 12, lib/data/unit-admin.ts), the tree is theirs: this load
// never renames, reopens or moves a unit; it leaves the type of a unit named by a recorded change
// as it is; it adds no unit under a parent that has ended; and after a new code list has been
// applied it adds nothing at all (the 2021 list no longer describes the tree).
// Not 'server-only': the start script and the tests call it.

export const REFERENCE_UNITS_FILE = path.join(process.cwd(), "prisma", "data", "vietnam-units-2021-07-01.csv");
export const REFERENCE_UNITS_SETTING = "units.reference";

export type ReferenceLoad = { loaded: boolean; units: number; /** units inserted, or given their missing type */ written: number; ms: number };

type Db = Pick<PrismaClient, "$executeRaw" | "$transaction" | "setting">;

/** The reference code list, parsed (throws a CodeListError naming the line when it is malformed). */
export function readReferenceUnits(file = REFERENCE_UNITS_FILE): { units: CodeListUnit[]; sha256: string } {
  const text = fs.readFileSync(file, "utf8");
  return { units: parseCodeList(text), sha256: createHash("sha256").update(text).digest("hex") };
}

export async function loadReferenceUnits(prisma: Db, file = REFERENCE_UNITS_FILE): Promise<ReferenceLoad> {
  const started = performance.now();
  const text = fs.readFileSync(file, "utf8");
  const sha256 = createHash("sha256").update(text).digest("hex");
  const marker = await prisma.setting.findUnique({ where: { key: REFERENCE_UNITS_SETTING }, select: { value: true } });
  const known = marker?.value as { sha256?: unknown; units?: unknown } | undefined;
  if (known?.sha256 === sha256 && typeof known.units === "number") {
    return { loaded: false, units: known.units, written: 0, ms: performance.now() - started };
  }
  const units = parseCodeList(text);
  const written = await prisma.$transaction(async (tx) => {
    let count = 0;
    const [changed] = await tx.$queryRaw<{ code_list: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM unit_change WHERE kind = 'CODE_LIST') AS code_list`;
    const insertNew = !changed?.code_list;
    // Parents first: a unit's parent must exist when it is inserted.
    for (const level of UNIT_LEVELS) {
      const rows = units.filter((u) => u.level === level);
      if (rows.length === 0) continue;
      count += await tx.$executeRaw`
        INSERT INTO unit (code, level, name, type, parent_code)
        SELECT r.code, r.level::"UnitLevel", r.name, r.type, r.parent_code
        FROM unnest(${rows.map((u) => u.code)}::text[], ${rows.map((u) => u.level)}::text[], ${rows.map((u) => u.name)}::text[],
                    ${rows.map((u) => u.type)}::text[], ${rows.map((u) => u.parentCode)}::text[])
          AS r(code, level, name, type, parent_code)
        WHERE (${insertNew}::boolean OR EXISTS (SELECT 1 FROM unit k WHERE k.code = r.code))
          AND NOT EXISTS (SELECT 1 FROM unit p WHERE p.code = r.parent_code AND p.valid_to IS NOT NULL)
        ON CONFLICT (code) DO UPDATE SET type = EXCLUDED.type
          WHERE unit.type IS NULL AND EXCLUDED.type IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM unit_change c WHERE unit.code = ANY(c.from_codes) OR unit.code = ANY(c.to_codes))`;
    }
    await tx.setting.upsert({
      where: { key: REFERENCE_UNITS_SETTING },
      create: { key: REFERENCE_UNITS_SETTING, value: { sha256, units: units.length, file: path.basename(file) } },
      update: { value: { sha256, units: units.length, file: path.basename(file) } },
    });
    return count;
  }, { timeout: 60_000, maxWait: 10_000 });
  return { loaded: true, units: units.length, written, ms: performance.now() - started };
}
