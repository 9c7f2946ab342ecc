import { afterAll, beforeAll, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { createUser, getOwnContact, listAssignableUnits, listUsers, resetPassword, setUserDisabled, updateOwnContact, updateUser } from "@/lib/data/users";
import type { SessionUser } from "@/lib/permissions";
import { CreateUserSchema, OwnContactSchema, UpdateUserSchema } from "@/lib/schemas/user";
import { loadDemoUsers, DEMO_PASSWORDS, wardChairUsername } from "@/prisma/seed/demo-users";
import { HA_NOI, HO_CHI_MINH, seedOtherProvince } from "../factories/provinces";
import { HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createCityOfficial, createTestUser } from "../factories/users";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// User management by admins, on both databases: create, change role and unit, disable, reset a
// password; every change audited without secrets; nobody else can do any of it, whatever user id
// they send (IDOR); an admin cannot lock themselves out.

describeOnBothDatabases("user management", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let chair: SessionUser;
  let cityOfficial: SessionUser;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    cityOfficial = await createCityOfficial(db.prisma);
    admin = await createTestUser(db.prisma, { role: "ADMIN" });
    official = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM });
    chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN });
  });
  afterAll(async () => closeServedDatabase(db));

  const newUser = (over: Record<string, unknown> = {}) =>
    CreateUserSchema.parse({ username: "phuong.hangbac", displayName: "Trần Thị B", role: "WARD_CHAIR", unitCode: "00061", password: "mat-khau-ban-dau", ...over });

  it("an admin creates an account with an argon2id hash; the audit entry holds no password", async () => {
    const result = await createUser(admin, newUser());
    expect(result.ok).toBe(true);
    const row = await db.prisma.user.findUnique({ where: { username: "phuong.hangbac" }, select: { passwordHash: true, role: true, unitCode: true } });
    expect(row?.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(row?.passwordHash ?? "", "mat-khau-ban-dau")).toBe(true);
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "user.create", entityKey: "phuong.hangbac" }, select: { after: true, userId: true } });
    expect(audit?.userId).toBe(admin.id);
    expect(JSON.stringify(audit)).not.toMatch(/argon2|mat-khau/);
  });

  it("reports a taken username and a unit that does not fit the role next to the field", async () => {
    expect(await createUser(admin, newUser())).toEqual({ ok: false, fieldErrors: { username: ["Tên đăng nhập này đã có"] } });
    const wrongLevel = await createUser(admin, newUser({ username: "phuong.sai", unitCode: HOAN_KIEM }));
    expect(wrongLevel.ok === false && wrongLevel.fieldErrors.unitCode).toEqual(["Chủ tịch UBND phường phải gắn với một phường"]);
    const official2 = await createUser(admin, newUser({ username: "quan.sai", role: "DISTRICT_OFFICIAL", unitCode: PHUC_TAN }));
    expect(official2.ok).toBe(false);
  });

  it("a city official is attached to a province that has districts, in the form and when changed", async () => {
    await seedOtherProvince(db.prisma);
    await db.prisma.unit.createMany({ data: [{ code: "96", level: "PROVINCE", name: "Tỉnh Cà Mau", type: "Tỉnh", parentCode: "VN" }], skipDuplicates: true });
    const city = (over: Record<string, unknown> = {}) => newUser({ username: "thanhpho.hanoi", role: "CITY_OFFICIAL", unitCode: HA_NOI, ...over });
    const RULE = ["Cán bộ thành phố phải gắn với một tỉnh, thành phố có quận, huyện"];
    for (const unitCode of [HOAN_KIEM, PHUC_TAN, "96", "98"]) {
      const refused = await createUser(admin, city({ unitCode }));
      expect(refused.ok === false && refused.fieldErrors.unitCode, unitCode).toEqual(RULE);
    }
    const created = await createUser(admin, city());
    expect(created.ok).toBe(true);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { username: "thanhpho.hanoi" }, select: { id: true, role: true, unitCode: true } });
    expect(row).toMatchObject({ role: "CITY_OFFICIAL", unitCode: HA_NOI });
    const moved = await updateUser(admin, { userId: row.id, displayName: "Trần Thị B", role: "CITY_OFFICIAL", unitCode: HO_CHI_MINH });
    expect(moved.ok).toBe(true);
    const wrong = await updateUser(admin, { userId: row.id, displayName: "Trần Thị B", role: "CITY_OFFICIAL", unitCode: HOAN_KIEM });
    expect(wrong.ok === false && wrong.fieldErrors.unitCode).toEqual(RULE);
    // the province is offered in the form
    const units = await listAssignableUnits(admin);
    expect(units.filter((u) => u.level === "PROVINCE").map((u) => u.code)).toEqual([HA_NOI, HO_CHI_MINH]);
  });

  it("lists accounts without password hashes", async () => {
    const users = await listUsers(admin);
    expect(users.length).toBeGreaterThanOrEqual(4);
    for (const u of users) expect(Object.keys(u)).not.toContain("passwordHash");
    expect(JSON.stringify(users)).not.toContain("$argon2");
    expect(users.find((u) => u.id === chair.id)?.unitName).toBe("Phường Phúc Tân");
    expect((await listAssignableUnits(admin)).some((u) => u.code === HOAN_KIEM && u.level === "DISTRICT")).toBe(true);
  });

  it("officials (district or city) and ward chairs can do none of it, whichever user id they send (IDOR)", async () => {
    const target = await db.prisma.user.findUniqueOrThrow({ where: { username: "phuong.hangbac" }, select: { id: true, updatedAt: true, sessionVersion: true } });
    for (const actor of [official, chair, cityOfficial]) {
      await expect(listUsers(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listAssignableUnits(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createUser(actor, newUser({ username: "phuong.gia" }))).rejects.toBeInstanceOf(ForbiddenError);
      for (const userId of [target.id, actor.id, admin.id]) {
        await expect(updateUser(actor, { userId, displayName: "X Y", role: "ADMIN", unitCode: null })).rejects.toBeInstanceOf(ForbiddenError);
        await expect(setUserDisabled(actor, { userId, disabled: true })).rejects.toBeInstanceOf(ForbiddenError);
        await expect(resetPassword(actor, { userId, password: "mat-khau-cua-ke-gian" })).rejects.toBeInstanceOf(ForbiddenError);
      }
    }
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: target.id }, select: { updatedAt: true, sessionVersion: true } });
    expect(after).toEqual({ updatedAt: target.updatedAt, sessionVersion: target.sessionVersion });
    expect(await db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
    expect(await db.prisma.user.count({ where: { username: "phuong.gia" } })).toBe(0);
  });

  it("changes role and unit (ending the account's sessions), disables and re-enables, resets a password: all audited", async () => {
    const { id } = await db.prisma.user.findUniqueOrThrow({ where: { username: "phuong.hangbac" }, select: { id: true } });
    const v0 = (await db.prisma.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;
    expect((await updateUser(admin, { userId: id, displayName: "Trần Thị B", role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM })).ok).toBe(true);
    expect((await setUserDisabled(admin, { userId: id, disabled: true })).ok).toBe(true);
    expect((await setUserDisabled(admin, { userId: id, disabled: false })).ok).toBe(true);
    expect((await resetPassword(admin, { userId: id, password: "mot-mat-khau-moi" })).ok).toBe(true);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true, role: true, disabled: true, passwordHash: true } });
    expect(row.sessionVersion).toBe(v0 + 4);
    expect(row).toMatchObject({ role: "DISTRICT_OFFICIAL", disabled: false });
    expect(await verifyPassword(row.passwordHash, "mot-mat-khau-moi")).toBe(true);

    const audit = await db.prisma.auditLog.findMany({
      where: { entity: "user", entityKey: "phuong.hangbac" },
      orderBy: { id: "asc" },
      select: { action: true, before: true, after: true, fields: true },
    });
    expect(audit.map((a) => a.action)).toEqual(["user.create", "user.update", "user.disable", "user.enable", "user.password_reset"]);
    expect(audit[1]).toMatchObject({ before: { role: "WARD_CHAIR", unitCode: "00061" }, after: { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM } });
    expect(audit[4]).toMatchObject({ before: null, after: null, fields: ["password"] });
  });

  it("a user sets and removes the own phone (/account), checked by the same field, audited; nobody else's", async () => {
    expect(OwnContactSchema.safeParse({ phone: "12345" }).success).toBe(false);
    const phone = OwnContactSchema.parse({ phone: "+84 912 345 678" }).phone ?? null;
    expect(await updateOwnContact(chair, { phone })).toBe("0912345678");
    expect(await getOwnContact(chair)).toEqual({ phone: "0912345678" });
    expect(await getOwnContact(official)).toEqual({ phone: null });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "user.update", userId: chair.id },
      orderBy: { id: "desc" },
      select: { entityKey: true, before: true, after: true },
    });
    expect(audit).toEqual({ entityKey: chair.username, before: { phone: null }, after: { phone: "0912345678" } });
    expect(await updateOwnContact(chair, { phone: null })).toBeNull();
    expect(await getOwnContact(chair)).toEqual({ phone: null });
  });

  it("phone and email: stored normalised, shown in the list, changed and cleared by an update (audited); absent means unchanged", async () => {
    const created = await createUser(
      admin,
      newUser({ username: "chu.tich.thu", unitCode: "00067", phone: "+84 912 000 111", email: "Chu.Tich@HANOI.gov.vn", mustChangePassword: true }),
    );
    if (!created.ok) throw new Error("not created");
    const listed = (await listUsers(admin)).find((u) => u.id === created.userId);
    expect(listed).toMatchObject({ phone: "0912000111", email: "Chu.Tich@hanoi.gov.vn", mustChangePassword: true });

    const base = { userId: created.userId, displayName: "Trần Thị B", role: "WARD_CHAIR" as const, unitCode: "00067" };
    expect((await updateUser(admin, base)).ok).toBe(true);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: created.userId }, select: { phone: true, email: true } })).toEqual({
      phone: "0912000111",
      email: "Chu.Tich@hanoi.gov.vn",
    });
    expect((await updateUser(admin, UpdateUserSchema.parse({ ...base, phone: "0243 825 3536", email: "" }))).ok).toBe(true);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: created.userId }, select: { phone: true, email: true } })).toEqual({
      phone: "02438253536",
      email: null,
    });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "user.update", entityKey: "chu.tich.thu" },
      orderBy: { id: "desc" },
      select: { before: true, after: true, fields: true },
    });
    expect(audit).toEqual({
      before: { phone: "0912000111", email: "Chu.Tich@hanoi.gov.vn" },
      after: { phone: "02438253536", email: null },
      fields: ["phone", "email"],
    });
    // the database keeps the format even for a write that skipped the schema
    await expect(db.prisma.user.update({ where: { id: created.userId }, data: { phone: "12345" } })).rejects.toThrow();

    // a reset with the box ticked makes the user change the password at the next sign-in; without it, not
    await resetPassword(admin, { userId: created.userId, password: "mat-khau-tam-thoi", mustChangePassword: false });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: created.userId }, select: { mustChangePassword: true } })).mustChangePassword).toBe(false);
    await resetPassword(admin, { userId: created.userId, password: "mat-khau-tam-thoi", mustChangePassword: true });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: created.userId }, select: { mustChangePassword: true } })).mustChangePassword).toBe(true);
  });

  it("an admin cannot disable, demote or move their own account; unknown ids are 404", async () => {
    await expect(setUserDisabled(admin, { userId: admin.id, disabled: true })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateUser(admin, { userId: admin.id, displayName: "A B", role: "WARD_CHAIR", unitCode: PHUC_TAN })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await updateUser(admin, { userId: admin.id, displayName: "Quản trị mới", role: "ADMIN", unitCode: null })).ok).toBe(true);
    await expect(setUserDisabled(admin, { userId: 999_999, disabled: true })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("loads the demo accounts once: an admin, each demo district's official and one chair per ward", async () => {
    const first = await loadDemoUsers(db.prisma);
    // 1 admin + Hoàn Kiếm (1 + 18) + Ba Đình (1 + 14); phuong.hangbac was created (and changed)
    // above: it is left as it is, not reset
    expect(first.created).toBe(34);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { username: "phuong.hangbac" }, select: { role: true } })).role).toBe("DISTRICT_OFFICIAL");
    expect(first.accounts.filter((a) => a.role === "WARD_CHAIR")).toHaveLength(32);
    expect(first.accounts.map((a) => a.username)).toEqual(
      expect.arrayContaining(["admin", "quan.hoankiem", "phuong.phuctan", "phuong.dongxuan", "quan.badinh", "phuong.phucxa"]),
    );
    expect(wardChairUsername("Phường Đồng Xuân")).toBe("phuong.dongxuan");
    expect(wardChairUsername("Phường Lý Thái Tổ")).toBe("phuong.lythaito");
    const hash = await db.prisma.user.findUniqueOrThrow({ where: { username: "phuong.phuctan" }, select: { passwordHash: true } });
    expect(await verifyPassword(hash.passwordHash, DEMO_PASSWORDS.wardChair)).toBe(true);
    expect((await loadDemoUsers(db.prisma)).created).toBe(0);
  });
});
