import { afterAll, beforeAll, expect, it } from "vitest";
import { listAuditUnits } from "@/lib/data/audit";
import { ForbiddenError } from "@/lib/errors";
import { writeAudit } from "@/lib/figures/audit-log";
import { createCityOfficial, createRoleUsers } from "../factories/users";
import { HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { closeServedDatabase, openServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// The audit page's unit selector offers the units of the viewer's scope only (issue 16).

describeOnBothDatabases("audit unit selector", (open) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
  });
  afterAll(async () => closeServedDatabase(db));

  it("a district official: the district and its 18 wards; a city official: the province's units; admins: the units the log is about", async () => {
    const { admin, official, chair } = await createRoleUsers(db.prisma);
    const city = await createCityOfficial(db.prisma);

    const own = await listAuditUnits(official);
    expect(own.map((u) => u.code)[0]).toBe(HOAN_KIEM);
    expect(own).toHaveLength(19);
    expect(own.find((u) => u.code === PHUC_TAN)).toEqual({ code: PHUC_TAN, name: "Phường Phúc Tân", level: "WARD", parentName: "Quận Hoàn Kiếm" });
    expect(own.every((u) => u.code === HOAN_KIEM || u.level === "WARD")).toBe(true);

    const province = await listAuditUnits(city);
    expect(province[0]).toEqual({ code: "01", name: "Thành phố Hà Nội", level: "PROVINCE", parentName: "Việt Nam" });
    expect(province.filter((u) => u.level === "DISTRICT")).toHaveLength(30);
    expect(province.filter((u) => u.level === "WARD")).toHaveLength(32);

    // An admin's scope is the whole country: the selector offers the units with entries.
    expect(await listAuditUnits(admin)).toEqual([]);
    for (const unitCode of [PHUC_TAN, "01", PHUC_TAN, null]) {
      await writeAudit(db.prisma, { userId: admin.id, action: "target.update", entity: "target", entityKey: unitCode ?? "-", unitCode, before: null, after: { coverage: 1 } });
    }
    expect((await listAuditUnits(admin)).map((u) => u.code)).toEqual(["01", PHUC_TAN]);
    await expect(listAuditUnits(chair)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
