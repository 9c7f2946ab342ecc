import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadReferenceUnits, REFERENCE_UNITS_FILE } from "@/lib/figures/reference-units";
import { loadDemo } from "@/prisma/seed/load";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Issue 12, point 1: the whole unit tree is reference data, loaded on every start, idempotent,
// under 2 s after the first time; units already present keep their names.

describeOnBothDatabases("reference units", (open) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openServedDatabase(open);
  });
  afterAll(async () => closeServedDatabase(db));

  it("loads 11.372 units once, then only checks that the file is unchanged", async () => {
    const first = await loadReferenceUnits(db.prisma);
    expect(first).toMatchObject({ loaded: true, units: 11372, written: 11372 });
    const byLevel = await db.prisma.unit.groupBy({ by: ["level"], _count: { _all: true } });
    expect(Object.fromEntries(byLevel.map((r) => [r.level, r._count._all]))).toEqual({ COUNTRY: 1, PROVINCE: 63, DISTRICT: 705, WARD: 10603 });
    expect(await db.prisma.unit.findUnique({ where: { code: "00037" } })).toMatchObject({ name: "Phường Phúc Tân", type: "Phường", parentCode: "002" });

    const again = await loadReferenceUnits(db.prisma);
    expect(again).toMatchObject({ loaded: false, units: 11372, written: 0 });
    expect(again.ms).toBeLessThan(2000);
    console.log(`[reference units] first load ${Math.round(first.ms)} ms, later starts ${again.ms.toFixed(1)} ms`);
  });

  it("keeps a renamed unit's name and the demo loads beside the tree", async () => {
    await db.prisma.unit.update({ where: { code: "00040" }, data: { name: "Phường Đồng Xuân (đổi tên)" } });
    // a changed file (one more line at the end) is loaded again: new units are added, names kept
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ww-units-"));
    const changed = path.join(dir, "units.csv");
    fs.writeFileSync(changed, `${fs.readFileSync(REFERENCE_UNITS_FILE, "utf8").trimEnd()}\n99999,ward,Phường Thử,Phường,002\n`);
    const reload = await loadReferenceUnits(db.prisma, changed);
    expect(reload).toMatchObject({ loaded: true, units: 11373, written: 1 });
    expect((await db.prisma.unit.findUnique({ where: { code: "00040" } }))?.name).toBe("Phường Đồng Xuân (đổi tên)");
    fs.rmSync(dir, { recursive: true, force: true });

    await db.prisma.unit.delete({ where: { code: "99999" } });
    expect(await loadDemo(db.prisma)).toEqual({ loaded: true });
    const hoanKiem = await db.prisma.dailyFigure.findFirst({ where: { unitCode: "002", source: "COMPUTED", day: new Date("2021-08-17T00:00:00Z") } });
    expect(hoanKiem).toMatchObject({ installs: 77113, smartphones: 150788, coverageCounted: 18, childrenTotal: 18 });
  });
});
