import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { IsoDay } from "../domain/days.ts";
import { textOf } from "./rows.ts";
import { SCOPE_WHAT, scopeSentence, scopeSentenceText, unitWordFor, type ScopeWhat, type ImportScope, type ScopeSummary } from "../domain/imports/scope.ts";
import type { SqlExecutor } from "./session.ts";
import { isoDayOfEpochDay } from "./values.ts";
import type { Message } from "../domain/message.ts";
import { SCAN_TEXT } from "./error-text.ts";

// The districts and wards a scope is made of, loaded once per import (a few hundred rows), and the
// scope of a scan log resolved against them: which wards may have venues in the file, and which
// (ward, day) cells the file replaces.

export type UnitTree = {
  /** wards by index, ordered by code */
  wards: { code: string; name: string; district: number }[];
  /**
   * districts by index, ordered by code; `wards` are ward indexes; `province` the parent's code
   * (the country's whole tree is loaded, so "the city" and "kept" are counted within a province);
   * `hasVenues`: some venue of the register is in one of its wards
   */
  districts: { code: string; name: string; province: string; hasVenues: boolean; wards: number[] }[];
  wardIndex: ReadonlyMap<string, number>;
  districtIndex: ReadonlyMap<string, number>;
};

type Reader = Pick<SqlExecutor, "rows">;

export async function loadUnitTree(exec: Reader): Promise<UnitTree> {
  // Two nested EXISTS, not one over a join: written as a join, the planner scanned the unit table
  // once per district (1,35 s for the country's 705 districts); nested, each probe is an index
  // lookup (11 ms). Same answer: some ward of the district has a venue.
  const districtRows = await exec.rows(Prisma.sql`
    SELECT d.code, d.name, coalesce(d.parent_code, '') AS province,
      EXISTS (SELECT 1 FROM unit w WHERE w.parent_code = d.code AND EXISTS (SELECT 1 FROM venue v WHERE v.ward_code = w.code)) AS has_venues
    FROM unit d WHERE d.level = 'DISTRICT' ORDER BY d.code`);
  const wardRows = await exec.rows(Prisma.sql`SELECT code, name, parent_code FROM unit WHERE level = 'WARD' ORDER BY code`);
  const districts = districtRows.map((r) => ({
    code: textOf(r, "code"),
    name: textOf(r, "name"),
    province: textOf(r, "province"),
    hasVenues: r.has_venues === true,
    wards: [] as number[],
  }));
  const districtIndex = new Map(districts.map((d, i) => [d.code, i]));
  const wards: UnitTree["wards"] = [];
  for (const r of wardRows) {
    const district = districtIndex.get(textOf(r, "parent_code")) ?? -1;
    const index = wards.length;
    wards.push({ code: textOf(r, "code"), name: textOf(r, "name"), district });
    if (district >= 0) districts[district]?.wards.push(index);
  }
  return { wards, districts, wardIndex: new Map(wards.map((w, i) => [w.code, i])), districtIndex };
}

/** For pages: the same tree through Prisma. */
export function loadUnitTreeWithPrisma(prisma: Pick<PrismaClient, "$queryRaw">): Promise<UnitTree> {
  return loadUnitTree({ rows: (sql) => prisma.$queryRaw<Record<string, unknown>[]>(sql) });
}

/**
 * The districts whose wards have venues in the register, each with its wards: the choices of the
 * upload page (a scan log can only hold registered venues; the whole country would be 10.603 wards).
 */
export function scopeChoices(tree: UnitTree): { code: string; name: string; wards: { code: string; name: string }[] }[] {
  return tree.districts
    .filter((d) => d.wards.length > 0 && d.hasVenues)
    .map((d) => ({ code: d.code, name: d.name, wards: d.wards.map((w) => ({ code: tree.wards[w]?.code ?? "", name: tree.wards[w]?.name ?? "" })) }));
}

export type ResolvedScope = {
  scope: ImportScope;
  /** the chosen unit, e.g. "Quận Hoàn Kiếm"; "toàn thành phố"; null for the default */
  label: string | null;
  /** by ward index: 1 = inside the chosen scope; null for the default scope (the file's districts) */
  allowed: Uint8Array | null;
};

export function resolveScope(scope: ImportScope, tree: UnitTree): ResolvedScope | { error: string } {
  const allowed = new Uint8Array(tree.wards.length);
  switch (scope.kind) {
    case "file":
      return { scope, label: null, allowed: null };
    case "city":
      // Every venue is inside its own city: the wards replaced are those of the provinces of the
      // file's venues (scanLogCells), not the whole country.
      allowed.fill(1);
      return { scope, label: "toàn thành phố", allowed };
    case "district": {
      const d = tree.districtIndex.get(scope.code);
      const district = d === undefined ? undefined : tree.districts[d];
      if (!district) return { error: `Phạm vi: không có quận, huyện nào mã ${scope.code} trong hệ thống.` };
      if (district.wards.length === 0) return { error: `Phạm vi: ${district.name} chưa có phường, xã nào trong hệ thống.` };
      for (const w of district.wards) allowed[w] = 1;
      return { scope, label: district.name, allowed };
    }
    case "ward": {
      const w = tree.wardIndex.get(scope.code);
      const ward = w === undefined ? undefined : tree.wards[w];
      if (w === undefined || !ward) return { error: `Phạm vi: không có phường, xã nào mã ${scope.code} trong hệ thống.` };
      allowed[w] = 1;
      const district = tree.districts[ward.district];
      return { scope, label: district ? `${ward.name}, ${district.name}` : ward.name, allowed };
    }
  }
}

/** outOfScopeReason as a message (lib/imports/error-text.ts). */
export function outOfScopeText(tree: UnitTree, wardIndex: number, scopeLabel: string): Message {
  const ward = tree.wards[wardIndex];
  const district = ward ? tree.districts[ward.district] : undefined;
  return SCAN_TEXT.outOfScope(ward?.name ?? null, district?.name ?? null, scopeLabel);
}

/** The reason given for a venue outside a chosen scope. */
export function outOfScopeReason(tree: UnitTree, wardIndex: number, scopeLabel: string): string {
  const ward = tree.wards[wardIndex];
  const district = ward ? tree.districts[ward.district] : undefined;
  const where = ward ? `${ward.name}${district ? `, ${district.name}` : ""}` : "một phường, xã khác";
  return `Địa điểm thuộc ${where}, ngoài phạm vi đã chọn (${scopeLabel}): tệp chỉ được có địa điểm trong phạm vi. Bỏ dòng này hoặc chọn phạm vi rộng hơn.`;
}

export type ScopeCells = {
  /** (ward code, day) of every ward-day replaced */
  cells: [string, IsoDay][];
  summary: ScopeSummary;
};

/**
 * The cells a scan log replaces. `wardDays`: epoch day → the wards (indexes) with a scan in the
 * file that day. By default each of those wards brings every ward of its district (a ward outside
 * any district brings itself); a chosen scope brings its wards on every day of the file.
 */
export function scanLogCells(resolved: ResolvedScope, tree: UnitTree, wardDays: ReadonlyMap<number, ReadonlySet<number>>): ScopeCells {
  const days = [...wardDays.keys()].sort((a, b) => a - b);
  const cells: [string, IsoDay][] = [];
  const provinces = provincesOf(tree, [...wardDays.values()].flatMap((set) => [...set]));
  const inFileProvinces = (w: number) => provinces.has(tree.districts[tree.wards[w]?.district ?? -1]?.province ?? "");
  // a city scope is every ward of the file's provinces; a district or ward scope its own wards
  const allowed =
    resolved.scope.kind === "city" && resolved.allowed
      ? Uint8Array.from(resolved.allowed, (flag, w) => (flag === 1 && inFileProvinces(w) ? 1 : 0))
      : resolved.allowed;
  const replacedWards = new Set<number>();
  for (const day of days) {
    const iso = isoDayOfEpochDay(day);
    const wards = new Set<number>();
    if (allowed === null) {
      for (const w of wardDays.get(day) ?? []) {
        const ward = tree.wards[w];
        if (!ward) throw new Error(`lib/imports: a venue of the file is in no known ward (index ${w})`);
        for (const x of tree.districts[ward.district]?.wards ?? [w]) wards.add(x);
      }
    } else {
      for (let w = 0; w < allowed.length; w++) if (allowed[w] === 1) wards.add(w);
    }
    for (const w of [...wards].sort((a, b) => a - b)) {
      replacedWards.add(w);
      cells.push([tree.wards[w]?.code ?? "", iso]);
    }
  }
  const isoDays = days.map(isoDayOfEpochDay);
  if (resolved.scope.kind === "ward") {
    // kept: the other wards of the replaced ward's district
    const districtOf = new Set([...replacedWards].map((w) => tree.wards[w]?.district ?? -1));
    const kept = tree.wards.filter((w, i) => !replacedWards.has(i) && districtOf.has(w.district));
    const replaced = [...replacedWards].map((i) => tree.wards[i]?.name ?? "");
    const base = {
      chosen: "ward" as const,
      chosenName: resolved.label,
      level: "WARD" as const,
      replaced: replaced.length,
      kept: kept.length,
      replacedWord: unitWordFor(replaced, "WARD"),
      keptWord: unitWordFor(kept.map((w) => w.name), "WARD"),
      days: isoDays,
    };
    return { cells, summary: { ...base, text: scopeSentence(base, SCOPE_WHAT.scans), message: scopeSentenceText(base, "scans") } };
  }
  const districts = new Set<number>();
  for (const w of replacedWards) {
    const d = tree.wards[w]?.district ?? -1;
    if (d >= 0) districts.add(d);
  }
  const replaced = [...districts].map((d) => tree.districts[d]?.name ?? "");
  // kept: the other districts of the same provinces (the whole country's tree is loaded)
  const touched = new Set([...districts].map((d) => tree.districts[d]?.province ?? ""));
  const kept = tree.districts.filter((d, i) => !districts.has(i) && touched.has(d.province)).map((d) => d.name);
  const base = {
    chosen: resolved.scope.kind,
    chosenName: resolved.label,
    level: "DISTRICT" as const,
    replaced: replaced.length,
    kept: kept.length,
    replacedWord: unitWordFor(replaced, "DISTRICT"),
    keptWord: unitWordFor(kept, "DISTRICT"),
    days: isoDays,
  };
  return { cells, summary: { ...base, text: scopeSentence(base, SCOPE_WHAT.scans), message: scopeSentenceText(base, "scans") } };
}

/** The summary of a register's cells (the wards it touches × its days, and the other wards of their districts kept), read back from ww_stage_cells. */
export async function stagedCellsSummary(tx: Reader, tree: UnitTree, what: ScopeWhat): Promise<ScopeSummary> {
  const rows = await tx.rows(Prisma.sql`SELECT DISTINCT unit_code FROM ww_stage_cells`);
  const dayRows = await tx.rows(Prisma.sql`SELECT DISTINCT day::text AS day FROM ww_stage_cells ORDER BY 1`);
  const codes = new Set(rows.map((r) => textOf(r, "unit_code")));
  const replaced = tree.wards.filter((w) => codes.has(w.code)).map((w) => w.name);
  // kept: the other wards of the same districts
  const districts = new Set(tree.wards.filter((w) => codes.has(w.code)).map((w) => w.district));
  const kept = tree.wards.filter((w) => !codes.has(w.code) && districts.has(w.district)).map((w) => w.name);
  const base = {
    chosen: "file" as const,
    chosenName: null,
    level: "WARD" as const,
    replaced: replaced.length,
    kept: kept.length,
    replacedWord: unitWordFor(replaced, "WARD"),
    keptWord: unitWordFor(kept, "WARD"),
    days: dayRows.map((r) => textOf(r, "day")),
  };
  return { ...base, text: scopeSentence(base, SCOPE_WHAT[what]), message: scopeSentenceText(base, what) };
}

/** The provinces of these wards (by ward index). */
function provincesOf(tree: UnitTree, wards: readonly number[]): Set<string> {
  const provinces = new Set<string>();
  for (const w of wards) {
    const province = tree.districts[tree.wards[w]?.district ?? -1]?.province;
    if (province) provinces.add(province);
  }
  return provinces;
}
