import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { createCityOfficial, createRoleUsers } from "../factories/users";
import { BA_DINH, HOAN_KIEM, PHUC_TAN, PHUC_XA, seedUnits } from "../factories/units";
import { closeServedDatabase, openServedDatabase, resetTestRequest, testRequest } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Policy phases (issue 16, part 7): admins record them for the city or a district (zod, audited,
// checked in the action and in the gate); every unit's charts get the phases of the unit and its
// ancestors, read through the gate with the viewer's scope.

vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));

const { createPolicyPhase, deletePolicyPhase, getPolicyPhaseAdmin, getPolicyPhasesForUnit } = await import("@/lib/data/policy-phases");
const { createPolicyPhaseAction, deletePolicyPhaseAction } = await import("@/lib/actions/policy-phases");

describeOnBothDatabases("policy phases", (open) => {
  let db: TestDatabase;
  let users: Awaited<ReturnType<typeof createRoleUsers>>;
  let cityOfficial: SessionUser;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    users = await createRoleUsers(db.prisma);
    cityOfficial = await createCityOfficial(db.prisma);
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(async () => {
    resetTestRequest();
    await db.prisma.policyPhase.deleteMany();
    await db.prisma.auditLog.deleteMany();
  });

  it("an admin records a city phase and a district phase through the action, each audited", async () => {
    testRequest.user = users.admin;
    const ct16 = await createPolicyPhaseAction({ name: "Chỉ thị 16", unitCode: "01", startDay: "24/07/2021", endDay: "" });
    expect(ct16).toMatchObject({ ok: true, data: { id: expect.any(Number) } });
    expect(await createPolicyPhaseAction({ name: "Đẩy mạnh quét mã", unitCode: HOAN_KIEM, startDay: "11/08/2021", endDay: "14/08/2021" })).toMatchObject({ ok: true });

    const { phases, scopes } = await getPolicyPhaseAdmin(users.admin);
    expect(phases.map((p) => [p.name, p.unitName, p.startDay, p.endDay])).toEqual([
      ["Chỉ thị 16", "Thành phố Hà Nội", "2021-07-24", null],
      ["Đẩy mạnh quét mã", "Quận Hoàn Kiếm", "2021-08-11", "2021-08-14"],
    ]);
    expect(scopes[0]).toEqual({ code: "01", name: "Thành phố Hà Nội", level: "PROVINCE" });
    expect(scopes.filter((s) => s.level === "DISTRICT")).toHaveLength(30);

    const audit = await db.prisma.auditLog.findMany({ orderBy: { id: "asc" }, select: { action: true, unitCode: true, userId: true, after: true } });
    expect(audit).toEqual([
      { action: "policy_phase.create", unitCode: "01", userId: users.admin.id, after: { name: "Chỉ thị 16", startDay: "2021-07-24", endDay: null } },
      { action: "policy_phase.create", unitCode: HOAN_KIEM, userId: users.admin.id, after: { name: "Đẩy mạnh quét mã", startDay: "2021-08-11", endDay: "2021-08-14" } },
    ]);

    // The same phase twice: refused on the name field, nothing written.
    expect(await createPolicyPhaseAction({ name: "Chỉ thị 16", unitCode: "01", startDay: "2021-07-24" })).toMatchObject({
      ok: false,
      status: 409,
      fieldErrors: { name: ["Thành phố Hà Nội đã có giai đoạn \"Chỉ thị 16\" bắt đầu cùng ngày."] },
    });
    if (!ct16.ok) throw new Error("created above");
    expect(await deletePolicyPhaseAction({ id: ct16.data.id })).toEqual({ ok: true, data: { deleted: true } });
    expect(await deletePolicyPhaseAction({ id: ct16.data.id })).toMatchObject({ ok: false, status: 404 });
    expect(await db.prisma.policyPhase.count()).toBe(1);
    expect(await db.prisma.auditLog.findFirst({ where: { action: "policy_phase.delete" }, select: { before: true, after: true } })).toEqual({
      before: { name: "Chỉ thị 16", startDay: "2021-07-24", endDay: null },
      after: null,
    });
  });

  it("refuses everyone but admins, in the action and in the gate, and bad input with a message on the field", async () => {
    const input = { name: "Chỉ thị 16", unitCode: "01", startDay: "24/07/2021" };
    for (const user of [users.official, users.chair, cityOfficial]) {
      testRequest.user = user;
      expect(await createPolicyPhaseAction(input)).toMatchObject({ ok: false, status: 403 });
      await expect(createPolicyPhase(user, { ...input, startDay: "2021-07-24", endDay: null })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getPolicyPhaseAdmin(user)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deletePolicyPhase(user, { id: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    testRequest.user = null;
    expect(await createPolicyPhaseAction(input)).toMatchObject({ ok: false, status: 401 });
    testRequest.user = users.admin;
    expect(await createPolicyPhaseAction({ ...input, endDay: "01/07/2021" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { endDay: ["Ngày kết thúc không được trước ngày bắt đầu"] },
    });
    expect(await createPolicyPhaseAction({ ...input, unitCode: PHUC_TAN })).toMatchObject({ ok: false, status: 400, fieldErrors: { unitCode: [expect.any(String)] } });
    expect(await createPolicyPhaseAction({ ...input, unitCode: "999" })).toMatchObject({ ok: false, status: 404 });
    expect(await db.prisma.policyPhase.count()).toBe(0);
    expect(await db.prisma.auditLog.count()).toBe(0);
  });

  it("gives each unit's charts its own phases and its ancestors', within the viewer's scope", async () => {
    await createPolicyPhase(users.admin, { name: "Chỉ thị 16", unitCode: "01", startDay: "2021-07-24", endDay: null });
    await createPolicyPhase(users.admin, { name: "Đẩy mạnh quét mã", unitCode: HOAN_KIEM, startDay: "2021-08-11", endDay: null });
    const names = async (user: SessionUser, code: string) => (await getPolicyPhasesForUnit(user, code)).map((p) => p.name);
    expect(await names(users.chair, PHUC_TAN)).toEqual(["Chỉ thị 16", "Đẩy mạnh quét mã"]);
    expect(await names(users.official, HOAN_KIEM)).toEqual(["Chỉ thị 16", "Đẩy mạnh quét mã"]);
    expect(await names(users.otherOfficial, BA_DINH)).toEqual(["Chỉ thị 16"]);
    expect(await names(users.otherOfficial, PHUC_XA)).toEqual(["Chỉ thị 16"]);
    expect(await names(cityOfficial, "01")).toEqual(["Chỉ thị 16"]);
    await expect(getPolicyPhasesForUnit(users.otherOfficial, PHUC_TAN)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPolicyPhasesForUnit(users.chair, BA_DINH)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPolicyPhasesForUnit(users.chair, "99999")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createPolicyPhase(users.admin, { name: "X", unitCode: PHUC_TAN, startDay: "2021-07-24", endDay: null })).rejects.toBeInstanceOf(NotFoundError);
  });
});
