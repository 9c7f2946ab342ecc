import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { computeAlerts } from "@/lib/figures/alerts";
import { familyOnDay, loadUnitFamily } from "@/lib/figures/dashboard-reads";
import { unitCodeExpr } from "@/lib/figures/dashboard-sql";
import { loadDistrictDashboard } from "@/lib/figures/district-dashboard";
import { refreshRollups } from "@/lib/figures/rollups";
import { loadReferenceUnits } from "@/lib/figures/reference-units";
import {
  applyCodeList,
  closeUnit,
  getUnitAdminView,
  listUnitChanges,
  mergeUnits,
  openUnit,
  previewCodeList,
  renameUnit,
  splitUnit,
} from "@/lib/data/unit-admin";
import { isoDayToUtcDate, utcDateToIsoDay } from "@/lib/domain/days";
import { CODE_LIST_HEADER } from "@/lib/domain/unit-code-list";
import type { SessionUser } from "@/lib/permissions";
import { readDemoUnits } from "@/prisma/seed/demo-data";
import { DONG_XUAN, HANG_MA, HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createRoleUsers } from "../factories/users";
import { openServedDatabase, closeServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Issue 12, part 2 ("units change"): admins rename, open, close, merge and split units and apply a
// new code list, each with a day and a reason, audited. Figures stay with the units they were
// reported for: earlier days keep their figures, sums and ranks; a day's sums count only the units
// valid that day (a district says 16/16 after two mergers and a closure, still 18/18 before).

const BEFORE_1 = "2021-08-17";
const BEFORE_2 = "2021-08-18";
const CHANGE = "2021-08-20";
const AFTER = "2021-08-21";
const REASON = "Nghị quyết thử nghiệm số 01/NQ";

const HANG_BUOM = "00046";
const HANG_DAO = "00049";
const HANG_BAC = "00061";
const NEW_WARD = "99001";

describeOnBothDatabases("unit changes", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let wards: string[] = [];

  async function report(unitCode: string, day: string, smartphones: number, installs: number) {
    await db.prisma.dailyFigure.create({ data: { unitCode, day: isoDayToUtcDate(day), source: "WARD_REPORT", smartphones, installs } });
  }

  /** Each of `codes` reports on `day`, ward i at a different rate (so every ward has its own rank). */
  async function reportAll(codes: readonly string[], day: string, shift = 0) {
    for (const [i, code] of codes.entries()) await report(code, day, 1000, 300 + ((i * 37 + shift) % 600));
  }

  async function computed(unitCode: string, day: string) {
    return db.prisma.dailyFigure.findUnique({
      where: { unitCode_day_source: { unitCode, day: isoDayToUtcDate(day), source: "COMPUTED" } },
      select: { smartphones: true, installs: true, childrenTotal: true, coverageCounted: true },
    });
  }

  /** The district overview's ward ranking on `day`: code → rank (ranked wards only) and the figures. */
  async function ranking(day: string) {
    const result = await loadDistrictDashboard(db.prisma, { districtCode: HOAN_KIEM, day, metric: "coverage", compare: [] });
    if (result.kind !== "ok") throw new Error(result.kind);
    return Object.fromEntries(
      result.dashboard.wards.filter((w) => w.rank !== null).map((w) => [w.code, { rank: w.rank, installs: w.figure?.installs ?? null }]),
    );
  }

  async function reset() {
    await db.prisma.dailyFigure.deleteMany();
    await db.prisma.unitChange.deleteMany();
    await db.prisma.auditLog.deleteMany();
    await db.prisma.unit.deleteMany({ where: { validFrom: { not: null } } });
    await db.prisma.unit.updateMany({ data: { validTo: null } });
    for (const u of readDemoUnits()) await db.prisma.unit.update({ where: { code: u.code }, data: { name: u.name, type: u.type, parentCode: u.parentCode } });
  }

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    ({ admin, official } = await createRoleUsers(db.prisma));
    wards = (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM }, orderBy: { code: "asc" } })).map((u) => u.code);
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(reset);

  it("renames, closes and merges units: earlier days keep their figures and ranks, later days count the units valid", async () => {
    expect(wards).toHaveLength(18);
    await reportAll(wards, BEFORE_1);
    await reportAll(wards, BEFORE_2, 11);
    await refreshRollups(db.prisma, { from: BEFORE_1, to: BEFORE_2 });
    const ranksBefore: Record<string, Awaited<ReturnType<typeof ranking>>> = { [BEFORE_1]: await ranking(BEFORE_1), [BEFORE_2]: await ranking(BEFORE_2) };
    const sumsBefore: Record<string, Awaited<ReturnType<typeof computed>>> = {
      [BEFORE_1]: await computed(HOAN_KIEM, BEFORE_1),
      [BEFORE_2]: await computed(HOAN_KIEM, BEFORE_2),
    };
    expect(Object.keys(ranksBefore[BEFORE_1]!)).toHaveLength(18);
    expect(sumsBefore[BEFORE_1]).toMatchObject({ childrenTotal: 18, coverageCounted: 18 });
    const figureRows = await db.prisma.dailyFigure.count({ where: { source: "WARD_REPORT" } });

    // Rename: same code, new name; the change keeps the old one.
    const renamed = await renameUnit(admin, { code: PHUC_TAN, name: "Phường Phúc Tân Mới", type: undefined, effectiveOn: CHANGE, reason: REASON });
    expect(renamed).toMatchObject({ ok: true });
    expect(await db.prisma.unit.findUnique({ where: { code: PHUC_TAN }, select: { name: true, validTo: true } })).toEqual({ name: "Phường Phúc Tân Mới", validTo: null });
    expect(await db.prisma.unitChange.findFirst({ where: { kind: "RENAME" } })).toMatchObject({
      fromCodes: [PHUC_TAN],
      namesBefore: { [PHUC_TAN]: "Phường Phúc Tân" },
      namesAfter: { [PHUC_TAN]: "Phường Phúc Tân Mới" },
      reason: REASON,
      userId: admin.id,
    });

    // Close: refused while the ward has figures on or after the day; then from the day after them.
    const early = await closeUnit(admin, { code: HANG_MA, effectiveOn: BEFORE_2, reason: REASON });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.message).toContain("có số liệu ngày 18/08/2021");
    expect(await closeUnit(admin, { code: HANG_MA, effectiveOn: CHANGE, reason: REASON })).toMatchObject({ ok: true });
    expect(await db.prisma.unit.findUnique({ where: { code: HANG_MA }, select: { validTo: true } })).toEqual({ validTo: isoDayToUtcDate("2021-08-19") });

    // Merge two wards into a new code, and two more into an existing ward (which continues).
    const merged = await mergeUnits(admin, {
      sourceCodes: [DONG_XUAN, HANG_BUOM],
      intoCode: NEW_WARD,
      intoName: "Phường Đồng Xuân Mới",
      intoType: undefined,
      effectiveOn: CHANGE,
      reason: REASON,
    });
    expect(merged).toMatchObject({ ok: true });
    if (merged.ok) expect(merged.message).toContain("Sáp nhập Phường Đồng Xuân (00040), Phường Hàng Buồm (00046) vào Phường Đồng Xuân Mới (99001) từ ngày 20/08/2021");
    expect(await db.prisma.unit.findUnique({ where: { code: NEW_WARD } })).toMatchObject({
      level: "WARD",
      parentCode: HOAN_KIEM,
      type: "Phường",
      validFrom: isoDayToUtcDate(CHANGE),
      validTo: null,
    });
    expect(await mergeUnits(admin, { sourceCodes: [HANG_BAC], intoCode: HANG_DAO, intoName: undefined, intoType: undefined, effectiveOn: CHANGE, reason: REASON })).toMatchObject({ ok: true });

    // Every change is audited with its day and reason.
    const audits = await db.prisma.auditLog.findMany({ where: { entity: "unit_change" }, orderBy: { id: "asc" }, select: { action: true, unitCode: true, day: true, reason: true, userId: true } });
    expect(audits.map((a) => a.action)).toEqual(["unit.rename", "unit.close", "unit.merge", "unit.merge"]);
    expect(audits.every((a) => a.reason === REASON && a.userId === admin.id && a.day && utcDateToIsoDay(a.day) === CHANGE)).toBe(true);

    // Figures never moved; the days before the change keep their sums and ranks, even rolled up again.
    expect(await db.prisma.dailyFigure.count({ where: { source: "WARD_REPORT" } })).toBe(figureRows);
    await refreshRollups(db.prisma, { from: BEFORE_1, to: BEFORE_2 });
    for (const day of [BEFORE_1, BEFORE_2]) {
      expect(await computed(HOAN_KIEM, day)).toEqual(sumsBefore[day]);
      expect(await ranking(day)).toEqual(ranksBefore[day]);
    }

    // After the change: 18 − 1 closed − 3 merged away + 1 new = 15 wards exist, and only they count.
    const family = await loadUnitFamily(db.prisma, unitCodeExpr(HOAN_KIEM));
    if (!family) throw new Error("no family");
    const validAfter = familyOnDay(family, AFTER).children.map((c) => c.code);
    expect(validAfter).toHaveLength(15);
    expect(validAfter).toContain(NEW_WARD);
    expect(validAfter).not.toContain(HANG_MA);
    expect(validAfter).not.toContain(DONG_XUAN);
    expect(familyOnDay(family, BEFORE_1).children.map((c) => c.code)).toEqual(wards);
    expect(family.children.find((c) => c.code === HANG_MA)).toMatchObject({ validFrom: null, validTo: "2021-08-19" });

    await reportAll(validAfter, AFTER);
    // a figure stored for a closed ward after its last day (written behind the app's back) is not summed
    await report(HANG_MA, AFTER, 5000, 4000);
    await refreshRollups(db.prisma, { from: BEFORE_1, to: AFTER });
    expect(await computed(HOAN_KIEM, AFTER)).toMatchObject({ childrenTotal: 15, coverageCounted: 15, smartphones: 15_000 });
    expect(await computed(HOAN_KIEM, BEFORE_1)).toEqual(sumsBefore[BEFORE_1]);

    // The overview of that day ranks the 15 wards valid then, and calls them all reported.
    const overview = await loadDistrictDashboard(db.prisma, { districtCode: HOAN_KIEM, day: AFTER, metric: "coverage", compare: [] });
    if (overview.kind !== "ok") throw new Error(overview.kind);
    expect(overview.dashboard.wards.map((w) => w.code).sort()).toEqual([...validAfter].sort());
    expect(overview.dashboard.overview.wardsNotReported).toEqual([]);
    expect(overview.dashboard.overview.district.origins.coverage).toEqual({ kind: "sum", counted: 15, total: 15 });

    // The alert centre judges the wards valid on its day.
    const now = new Date("2021-08-30T12:00:00+07:00");
    expect((await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: AFTER, now })).wards.map((w) => w.code)).toEqual(validAfter);
    expect((await computeAlerts(db.prisma, { districtCode: HOAN_KIEM, day: BEFORE_1, now })).wards.map((w) => w.code)).toEqual(wards);

    // The history names each change in words, newest first.
    const history = await listUnitChanges(admin, [PHUC_TAN, HANG_MA]);
    expect(history.map((h) => h.kind)).toEqual(["CLOSE", "RENAME"]);
    expect(history[0]?.summary).toBe("Phường Hàng Mã (00043) thôi hiệu lực từ ngày 20/08/2021 (ngày cuối 19/08/2021)");
  });

  it("splits a ward into a new one and an existing one; the split ward keeps its earlier figures", async () => {
    await reportAll(wards, BEFORE_1);
    await refreshRollups(db.prisma, { from: BEFORE_1, to: BEFORE_1 });
    const split = await splitUnit(admin, {
      code: HANG_BAC,
      parts: [
        { code: NEW_WARD, name: "Phường Hàng Bạc Bắc", type: undefined },
        { code: HANG_DAO, name: undefined, type: undefined },
      ],
      effectiveOn: CHANGE,
      reason: REASON,
    });
    expect(split).toMatchObject({ ok: true });
    expect(await db.prisma.unit.findUnique({ where: { code: HANG_BAC }, select: { validTo: true } })).toEqual({ validTo: isoDayToUtcDate("2021-08-19") });
    expect(await db.prisma.unit.findUnique({ where: { code: NEW_WARD }, select: { validFrom: true, parentCode: true, type: true } })).toEqual({
      validFrom: isoDayToUtcDate(CHANGE),
      parentCode: HOAN_KIEM,
      type: "Phường",
    });
    expect(await db.prisma.dailyFigure.count({ where: { unitCode: HANG_BAC, day: isoDayToUtcDate(BEFORE_1) } })).toBe(1);
    expect(await db.prisma.unitChange.findFirst({ where: { kind: "SPLIT" } })).toMatchObject({ fromCodes: [HANG_BAC], toCodes: [NEW_WARD, HANG_DAO] });

    // 18 − 1 + 1 = 18 after the split; the day before still counts the split ward.
    const family = await loadUnitFamily(db.prisma, unitCodeExpr(HOAN_KIEM));
    if (!family) throw new Error("no family");
    await reportAll(familyOnDay(family, AFTER).children.map((c) => c.code), AFTER);
    await refreshRollups(db.prisma, { from: BEFORE_1, to: AFTER });
    expect(await computed(HOAN_KIEM, AFTER)).toMatchObject({ childrenTotal: 18, coverageCounted: 18 });
    expect(await computed(HOAN_KIEM, BEFORE_1)).toMatchObject({ childrenTotal: 18, coverageCounted: 18 });

    // Opening a ward counts it from its first day on.
    expect(await openUnit(admin, { code: "99002", name: "Phường Thử Nghiệm", type: "Phường", parentCode: HOAN_KIEM, effectiveOn: AFTER, reason: REASON })).toMatchObject({ ok: true });
    expect(await computed(HOAN_KIEM, AFTER)).toMatchObject({ childrenTotal: 19, coverageCounted: 18 });
    expect(await computed(HOAN_KIEM, BEFORE_1)).toMatchObject({ childrenTotal: 18 });
  });

  it("refuses unknown codes, non-admins, a district with wards still valid, a parent that ended and a code in use", async () => {
    await expect(renameUnit(admin, { code: "99999", name: "Phường Không Có", type: undefined, effectiveOn: CHANGE, reason: REASON })).rejects.toBeInstanceOf(NotFoundError);
    await expect(closeUnit(admin, { code: "99999", effectiveOn: CHANGE, reason: REASON })).rejects.toBeInstanceOf(NotFoundError);
    await expect(mergeUnits(admin, { sourceCodes: ["99999", PHUC_TAN], intoCode: HANG_DAO, intoName: undefined, intoType: undefined, effectiveOn: CHANGE, reason: REASON })).rejects.toBeInstanceOf(NotFoundError);

    await expect(renameUnit(official, { code: PHUC_TAN, name: "Phường X", type: undefined, effectiveOn: CHANGE, reason: REASON })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(closeUnit(official, { code: PHUC_TAN, effectiveOn: CHANGE, reason: REASON })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(openUnit(official, { code: NEW_WARD, name: "Phường X", type: undefined, parentCode: HOAN_KIEM, effectiveOn: CHANGE, reason: REASON })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(mergeUnits(official, { sourceCodes: [PHUC_TAN], intoCode: HANG_DAO, intoName: undefined, intoType: undefined, effectiveOn: CHANGE, reason: REASON })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(splitUnit(official, { code: PHUC_TAN, parts: [{ code: "99001", name: "A B", type: undefined }, { code: "99002", name: "C D", type: undefined }], effectiveOn: CHANGE, reason: REASON })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getUnitAdminView(official, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(previewCodeList(official, new TextEncoder().encode(CODE_LIST_HEADER), { effectiveOn: CHANGE, scope: "country" })).rejects.toBeInstanceOf(ForbiddenError);

    const district = await closeUnit(admin, { code: HOAN_KIEM, effectiveOn: CHANGE, reason: REASON });
    expect(district.ok).toBe(false);
    if (!district.ok) expect(district.message).toContain("còn 18 đơn vị trực thuộc có hiệu lực ngày 20/08/2021");

    const inUse = await openUnit(admin, { code: PHUC_TAN, name: "Phường Trùng Mã", type: undefined, parentCode: HOAN_KIEM, effectiveOn: CHANGE, reason: REASON });
    expect(inUse).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining("đã là của Phường Phúc Tân")] } });
    const badCode = await openUnit(admin, { code: "123", name: "Phường Mã Sai", type: undefined, parentCode: HOAN_KIEM, effectiveOn: CHANGE, reason: REASON });
    expect(badCode).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining("gồm 5 chữ số")] } });

    // A district of its own (opened, with one ward): it ends only after its ward, and takes no new ward after.
    expect(await openUnit(admin, { code: "998", name: "Quận Thử", type: "Quận", parentCode: "01", effectiveOn: BEFORE_1, reason: REASON })).toMatchObject({ ok: true });
    expect(await openUnit(admin, { code: "99801", name: "Phường Thử", type: "Phường", parentCode: "998", effectiveOn: BEFORE_1, reason: REASON })).toMatchObject({ ok: true });
    expect(await closeUnit(admin, { code: "998", effectiveOn: CHANGE, reason: REASON })).toMatchObject({ ok: false, message: expect.stringContaining("còn 1 đơn vị trực thuộc") });
    expect(await closeUnit(admin, { code: "99801", effectiveOn: CHANGE, reason: REASON })).toMatchObject({ ok: true });
    expect(await closeUnit(admin, { code: "998", effectiveOn: CHANGE, reason: REASON })).toMatchObject({ ok: true });
    const underEnded = await openUnit(admin, { code: "99802", name: "Phường Mới", type: undefined, parentCode: "998", effectiveOn: AFTER, reason: REASON });
    expect(underEnded).toMatchObject({ ok: false, fieldErrors: { parentCode: [expect.stringContaining("không còn hiệu lực")] } });
    const twice = await closeUnit(admin, { code: "99801", effectiveOn: AFTER, reason: REASON });
    expect(twice).toMatchObject({ ok: false, message: expect.stringContaining("đã thôi hiệu lực từ ngày 20/08/2021") });
    // a unit ends after its first day, not on it
    await openUnit(admin, { code: "99803", name: "Phường Mới Lập", type: undefined, parentCode: HOAN_KIEM, effectiveOn: AFTER, reason: REASON });
    const onItsFirstDay = await closeUnit(admin, { code: "99803", effectiveOn: AFTER, reason: REASON });
    expect(onItsFirstDay).toMatchObject({ ok: false, message: expect.stringContaining("có hiệu lực từ ngày 21/08/2021: ngày thôi hiệu lực phải sau ngày đó") });
    expect(await db.prisma.unitChange.count()).toBe(5);
  });

  /** The units held, as a code list (lines in tree order), with `edit` applied to the rows. */
  async function heldList(edit: (rows: string[][]) => string[][] = (r) => r) {
    const units = await db.prisma.unit.findMany({ where: { validTo: null }, orderBy: [{ level: "asc" }, { code: "asc" }] });
    const rows = units.map((u) => [u.code, u.level.toLowerCase(), u.name, u.type ?? "", u.parentCode ?? ""]);
    return new TextEncoder().encode([CODE_LIST_HEADER, ...edit(rows).map((r) => r.join(","))].join("\n") + "\n");
  }

  it("previews a new code list (adds, renames, type changes, closes), then applies exactly that, audited", async () => {
    await reportAll(wards, BEFORE_1);
    await refreshRollups(db.prisma, { from: BEFORE_1, to: BEFORE_1 });
    const file = await heldList((rows) => [
      ...rows
        .filter((r) => r[0] !== HANG_MA && r[0] !== "00001")
        .map(([code = "", level = "", name = "", type = "", parent = ""]) =>
          code === PHUC_TAN ? [code, level, "Phường Phúc Tân Mới", "Phường", parent] : code === "003" ? [code, level, name, "Quận mới", parent] : [code, level, name, type, parent],
        ),
      [NEW_WARD, "ward", "Phường Mới Lập", "Phường", HOAN_KIEM],
    ]);

    const check = await previewCodeList(admin, file, { effectiveOn: CHANGE, scope: "provinces" });
    if (!check.ok) throw new Error(check.message + JSON.stringify(check.issues));
    const { preview } = check;
    expect(preview.counts).toMatchObject({ adds: 1, renames: 1, typeChanges: 1, parentChanges: 0, closes: 2 });
    expect(preview.adds.map((a) => a.code)).toEqual([NEW_WARD]);
    expect(preview.renames).toEqual([expect.objectContaining({ code: PHUC_TAN, before: "Phường Phúc Tân", after: "Phường Phúc Tân Mới" })]);
    expect(preview.closes.map((c) => c.code)).toEqual(["00001", HANG_MA]);
    expect(await db.prisma.unit.count({ where: { validTo: { not: null } } })).toBe(0); // a preview changes nothing

    // A stale preview is refused; the previewed one is applied in one transaction.
    const stale = await applyCodeList(admin, file, { effectiveOn: AFTER, scope: "provinces", planDigest: preview.planDigest, reason: REASON });
    expect(stale).toMatchObject({ ok: false, changed: true });
    const applied = await applyCodeList(admin, file, { effectiveOn: CHANGE, scope: "provinces", planDigest: preview.planDigest, reason: REASON });
    expect(applied).toMatchObject({ ok: true, counts: { adds: 1, renames: 1, closes: 2 } });
    expect(await db.prisma.unit.findUnique({ where: { code: HANG_MA }, select: { validTo: true } })).toEqual({ validTo: isoDayToUtcDate("2021-08-19") });
    expect(await db.prisma.unit.findUnique({ where: { code: NEW_WARD }, select: { validFrom: true, name: true } })).toEqual({ validFrom: isoDayToUtcDate(CHANGE), name: "Phường Mới Lập" });
    expect(await db.prisma.unit.findUnique({ where: { code: "003" }, select: { type: true, name: true } })).toEqual({ type: "Quận mới", name: "Quận Tây Hồ" });
    expect(await db.prisma.unitChange.findFirst({ where: { kind: "CODE_LIST" } })).toMatchObject({
      toCodes: [NEW_WARD],
      namesBefore: { [PHUC_TAN]: "Phường Phúc Tân", [HANG_MA]: "Phường Hàng Mã", "00001": "Phường Phúc Xá" },
    });
    expect(await db.prisma.auditLog.count({ where: { action: "unit.code_list", reason: REASON } })).toBe(1);
    expect(await computed(HOAN_KIEM, BEFORE_1)).toMatchObject({ childrenTotal: 18, coverageCounted: 18 });

    // The same list again changes nothing; a list dated before the last change is refused.
    const again = await previewCodeList(admin, await heldList(), { effectiveOn: AFTER, scope: "provinces" });
    expect(again).toMatchObject({ ok: true, preview: { counts: { adds: 0, renames: 0, closes: 0 } } });
    const earlier = await previewCodeList(admin, await heldList(), { effectiveOn: BEFORE_2, scope: "provinces" });
    expect(earlier).toMatchObject({ ok: false, message: expect.stringContaining("trước thay đổi gần nhất") });
  });

  it("refuses a code list with a malformed line, a closure before figures end or a move of a unit with figures, naming the lines", async () => {
    await reportAll(wards, BEFORE_1);
    await reportAll(wards, AFTER);
    const malformed = new TextEncoder().encode(`${CODE_LIST_HEADER}\nVN,country,Việt Nam,,\n01,province,Thành phố Hà Nội,Thành phố Trung ương,VN\n002,district,Quận Hoàn Kiếm,Quận\n`);
    expect(await previewCodeList(admin, malformed, { effectiveOn: CHANGE, scope: "provinces" })).toMatchObject({
      ok: false,
      issues: [expect.objectContaining({ line: 4, message: "dòng 4: cần 5 cột, có 4" })],
    });

    const conflicting = await heldList((rows) =>
      rows.filter((r) => r[0] !== HANG_MA).map(([code = "", level = "", name = "", type = "", parent = ""]) => [code, level, name, type, code === PHUC_TAN ? "001" : parent]),
    );
    const check = await previewCodeList(admin, conflicting, { effectiveOn: CHANGE, scope: "country" });
    if (check.ok) throw new Error("expected issues");
    expect(check.issueCount).toBe(2);
    const lineOfPhucTan = new TextDecoder().decode(conflicting).split("\n").findIndex((l) => l.startsWith(`${PHUC_TAN},`)) + 1;
    expect(check.issues[0]).toMatchObject({ line: lineOfPhucTan, code: PHUC_TAN, message: expect.stringContaining("có số liệu từ 17/08/2021") });
    expect(check.issues[1]).toMatchObject({ line: null, code: HANG_MA, message: expect.stringContaining("có số liệu ngày 21/08/2021") });
    const applied = await applyCodeList(admin, conflicting, { effectiveOn: CHANGE, scope: "country", planDigest: "0".repeat(64), reason: REASON });
    expect(applied).toMatchObject({ ok: false, issueCount: 2 });
    expect(await db.prisma.unit.count({ where: { validTo: { not: null } } })).toBe(0);
    expect(await db.prisma.unitChange.count()).toBe(0);
  });

  it("lists a unit's children with their validity and the changes for the admin page", async () => {
    await report(PHUC_TAN, BEFORE_1, 1000, 500);
    await closeUnit(admin, { code: HANG_MA, effectiveOn: CHANGE, reason: REASON });
    const view = await getUnitAdminView(admin, { parent: PHUC_TAN });
    expect(view.parent.code).toBe(HOAN_KIEM);
    expect(view.selected).toMatchObject({ code: PHUC_TAN, figures: { first: BEFORE_1, last: BEFORE_1 } });
    expect(view.ancestors.map((a) => a.code)).toEqual(["VN", "01"]);
    expect(view.children.find((c) => c.code === HANG_MA)).toMatchObject({ validTo: "2021-08-19" });
    expect(view.changes.map((c) => c.kind)).toEqual(["CLOSE"]);
    const found = await getUnitAdminView(admin, { q: "hàng mã" });
    expect(found.search?.results.map((r) => r.code)).toEqual([HANG_MA]);
    await expect(getUnitAdminView(admin, { parent: "98765" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps admins' changes when the reference list is loaded again", async () => {
    // a database with the country's tree: an admin renames and closes units, then the start loads the list again
    await loadReferenceUnits(db.prisma);
    await renameUnit(admin, { code: "00004", name: "Phường Trúc Bạch Mới", type: undefined, effectiveOn: CHANGE, reason: REASON });
    await closeUnit(admin, { code: "00006", effectiveOn: CHANGE, reason: REASON });
    await db.prisma.setting.delete({ where: { key: "units.reference" } });
    const reload = await loadReferenceUnits(db.prisma);
    expect(reload.loaded).toBe(true);
    expect(await db.prisma.unit.findUnique({ where: { code: "00004" }, select: { name: true } })).toEqual({ name: "Phường Trúc Bạch Mới" });
    expect(await db.prisma.unit.findUnique({ where: { code: "00006" }, select: { validTo: true } })).toEqual({ validTo: isoDayToUtcDate("2021-08-19") });
    // the reference units stay for the other tests' resets: they are not demo units, so reset leaves them be
  });
});
