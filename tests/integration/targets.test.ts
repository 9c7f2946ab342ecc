import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { getTargetsOverview, setUnitTargets } from "@/lib/data/targets";
import type { SessionUser } from "@/lib/permissions";
import { HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Targets per unit (issue 3, point 5): the city's are the defaults, a district or ward may have
// its own, only admins set them, every change is audited, and clearing one inherits again.

describeOnBothDatabases("targets", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  const CITY = "01";

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    admin = await createTestUser(db.prisma, { role: "ADMIN" });
    official = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM });
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(async () => {
    await db.prisma.target.deleteMany();
    await db.prisma.target.create({ data: { unitCode: CITY, metric: "COVERAGE_RATE", basisPoints: 6000 } });
  });

  it("sets, inherits and clears targets, auditing each change", async () => {
    const before = await getTargetsOverview(admin, { district: HOAN_KIEM });
    const phucTan = before.wards.find((w) => w.code === PHUC_TAN);
    expect(phucTan?.own).toEqual({ coverage: null, qrActive: null });
    expect(phucTan?.resolved.coverage).toEqual({ basisPoints: 6000, setBy: CITY });
    expect(phucTan?.resolved.qrActive).toBeNull();

    expect(await setUnitTargets(admin, { unitCode: PHUC_TAN, coverage: 7000, qrActive: 2500 })).toEqual({ changed: ["coverage", "qrActive"] });
    const set = (await getTargetsOverview(admin, { district: HOAN_KIEM })).wards.find((w) => w.code === PHUC_TAN);
    expect(set?.resolved.coverage).toEqual({ basisPoints: 7000, setBy: PHUC_TAN });
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "target.update", entityKey: PHUC_TAN }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ userId: admin.id, unitCode: PHUC_TAN, before: { coverage: null, qrActive: null }, after: { coverage: 7000, qrActive: 2500 } });

    expect(await setUnitTargets(admin, { unitCode: PHUC_TAN, coverage: 7000, qrActive: 2500 })).toEqual({ changed: [] });
    expect(await setUnitTargets(admin, { unitCode: PHUC_TAN, coverage: null, qrActive: 2500 })).toEqual({ changed: ["coverage"] });
    const cleared = (await getTargetsOverview(admin, { district: HOAN_KIEM })).wards.find((w) => w.code === PHUC_TAN);
    expect(cleared?.resolved.coverage).toEqual({ basisPoints: 6000, setBy: CITY });
    expect(await db.prisma.target.count({ where: { unitCode: PHUC_TAN } })).toBe(1);
  });

  it("lets only admins read or set targets, and refuses unknown units", async () => {
    await expect(getTargetsOverview(official, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setUnitTargets(official, { unitCode: PHUC_TAN, coverage: 1, qrActive: null })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setUnitTargets(admin, { unitCode: "99999", coverage: 1, qrActive: null })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTargetsOverview(admin, { district: "999" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.prisma.target.count({ where: { unitCode: PHUC_TAN } })).toBe(0);
  });
});
