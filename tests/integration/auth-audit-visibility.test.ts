import { afterAll, beforeAll, expect, it } from "vitest";
import { listAuditEntries } from "@/lib/data/audit";
import { writeAudit } from "@/lib/figures/audit-log";
import { resetPassword, setUserDisabled } from "@/lib/data/users";
import { AuditParamsSchema } from "@/lib/schemas/audit-params";
import type { SessionUser } from "@/lib/permissions";
import { HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { closeServedDatabase, openServedDatabase } from "../setup/serve-database";

// The audit log as each role reads it: account management (password resets, disabling, sign-in
// blocks cleared) of a district's users is admins' business only, as canViewAuditEntry's rule
// says; the district official still sees the entries about the district's reports.

describeOnBothDatabases("audit log: account management is for admins", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let chair: SessionUser;
  const params = AuditParamsSchema.parse({});

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    admin = await createTestUser(db.prisma, { role: "ADMIN", username: "admin-audit" });
    official = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM, username: "quan.audit" });
    chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN, username: "phuong.audit" });
    await resetPassword(admin, { userId: chair.id, password: "mat-khau-moi-dai-du-1" });
    await setUserDisabled(admin, { userId: chair.id, disabled: true });
    await db.prisma.$transaction((tx) =>
      writeAudit(tx, { userId: admin.id, action: "signin.unblock", entity: "sign_in_block", entityKey: `pair:${chair.username}@198.51.100.1`, before: { failures: 6 }, after: { failures: 0 } }),
    );
    await db.prisma.$transaction((tx) =>
      writeAudit(tx, { userId: chair.id, action: "figure.create", entity: "daily_figure", entityKey: `${PHUC_TAN}:2021-08-17`, unitCode: PHUC_TAN, day: "2021-08-17", before: null, after: { installs: 5 } }),
    );
  });
  afterAll(async () => closeServedDatabase(db));

  it("the district official sees the ward's report entry, not the password reset, the disable or the unblock of its chair", async () => {
    // the account entries carry the chair's ward: they used to be shown to the district's official
    const stored = await db.prisma.auditLog.findMany({ where: { entity: "user", entityKey: chair.username }, select: { unitCode: true } });
    expect(stored.map((r) => r.unitCode)).toContain(PHUC_TAN);
    const seen = await listAuditEntries(official, params);
    expect(seen.entries.map((e) => e.action)).toEqual(["figure.create"]);
  });

  it("admins see every entry", async () => {
    const seen = await listAuditEntries(admin, params);
    expect(seen.entries.map((e) => e.action)).toEqual(expect.arrayContaining(["figure.create", "signin.unblock", "user.disable", "user.password_reset"]));
  });
});
