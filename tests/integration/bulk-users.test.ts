import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { verifyPassword } from "@/lib/auth/password";
import { fileDigest } from "@/lib/auth/bulk-users";
import { createBulkUsers, previewBulkUsers } from "@/lib/data/users";
import type { SessionUser } from "@/lib/permissions";
import { BA_DINH, DONG_XUAN, HANG_MA, HOAN_KIEM, PHUC_TAN, PHUC_XA, seedUnits } from "../factories/units";
import { HA_NOI, HO_CHI_MINH, seedOtherProvince } from "../factories/provinces";
import { createCityOfficial, createRoleUsers, createTestUser } from "../factories/users";
import { closeServedDatabase, openServedDatabase, testRequest } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// Onboarding a city (issue 12): admins create city officials (at the province), district officials
// and ward chairs from a CSV file.
// Checked row by row against the unit table and the existing accounts, all or nothing, errors
// with line and column; random initial passwords returned once, stored only as argon2id hashes;
// every account must change its password at the first sign-in; every account audited; only
// admins, in the data layer and in the actions. And 579 accounts (a city's wards) at once, timed.

vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));
const { createBulkUsersAction, previewBulkUsersAction } = await import("@/lib/actions/users");

const HEADER = "username,display_name,role,unit_code,phone,email";
const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = (...rows: string[]) => utf8([HEADER, ...rows].join("\r\n") + "\r\n");

function formWith(bytes: Uint8Array, digest?: string): FormData {
  const form = new FormData();
  form.set("file", new File([bytes.slice()], "tai-khoan.csv", { type: "text/csv" }));
  if (digest) form.set("digest", digest);
  return form;
}

describeOnBothDatabases("accounts in bulk", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let chair: SessionUser;
  let cityOfficial: SessionUser;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    ({ admin, official, chair } = await createRoleUsers(db.prisma));
    cityOfficial = await createCityOfficial(db.prisma);
    await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: HANG_MA, username: "phuong.hangma" });
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(() => {
    testRequest.headers = new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
    testRequest.user = null;
  });

  const good = csv(
    `quan.badinh,Nguyễn Văn An,DISTRICT_OFFICIAL,${BA_DINH},0912 345 678,an.nv@HANOI.gov.vn`,
    `phuong.phucxa,Trần Thị Bình,WARD_CHAIR,${PHUC_XA},,`,
    `phuong.dongxuan,"Lê Văn Cường, chủ tịch",Chủ tịch UBND phường,${DONG_XUAN},+84 24 3825 3536,`,
  );

  it("previews a good file with the units' names, and writes nothing", async () => {
    const usersBefore = await db.prisma.user.count();
    const preview = await previewBulkUsers(admin, good);
    expect(preview).toMatchObject({
      ok: true,
      digest: fileDigest(good),
      counts: { DISTRICT_OFFICIAL: 1, WARD_CHAIR: 2 },
      rows: [
        { line: 2, username: "quan.badinh", role: "DISTRICT_OFFICIAL", unitName: "Quận Ba Đình", phone: "0912345678", email: "an.nv@hanoi.gov.vn" },
        { line: 3, username: "phuong.phucxa", role: "WARD_CHAIR", unitName: "Phường Phúc Xá", phone: null, email: null },
        { line: 4, username: "phuong.dongxuan", displayName: "Lê Văn Cường, chủ tịch", phone: "02438253536" },
      ],
    });
    expect(await db.prisma.user.count()).toBe(usersBefore);
  });

  it("all or nothing: units checked against the unit table at the role's level, usernames against the file and the accounts", async () => {
    const bad = csv(
      `quan.badinh,Nguyễn Văn An,DISTRICT_OFFICIAL,${BA_DINH},,`,
      `quan.sai,Cán bộ Sai,DISTRICT_OFFICIAL,${PHUC_TAN},,`,
      `phuong.sai,Chủ tịch Sai,WARD_CHAIR,${HOAN_KIEM},,`,
      `phuong.khongco,Không Có,WARD_CHAIR,99999,,`,
      `quan.khongco,Không Có,DISTRICT_OFFICIAL,999,,`,
      `phuong.hangma,Trùng Tài Khoản,WARD_CHAIR,${HANG_MA},,`,
      `quan.badinh,Trùng Trong Tệp,DISTRICT_OFFICIAL,${BA_DINH},,`,
    );
    const auditBefore = await db.prisma.auditLog.count();
    const usersBefore = await db.prisma.user.count();
    // one pass lists every error: the file's own and those found in the database
    for (const result of [await previewBulkUsers(admin, bad), await createBulkUsers(admin, bad, fileDigest(bad))]) {
      expect("errors" in result && result.errors.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
        { line: 3, column: "unit_code", message: "Mã 00037 là Phường Phúc Tân (phường): cán bộ quận phải gắn với một quận." },
        { line: 4, column: "unit_code", message: "Mã 002 là Quận Hoàn Kiếm (quận): chủ tịch UBND phường phải gắn với một phường." },
        { line: 5, column: "unit_code", message: expect.stringContaining("Không có phường nào mã 99999") },
        { line: 6, column: "unit_code", message: expect.stringContaining("Không có quận nào mã 999") },
        { line: 7, column: "username", message: "Tên đăng nhập phuong.hangma đã có trong WardWatch." },
        { line: 8, column: "username", message: "Tên đăng nhập quan.badinh trùng với dòng 2." },
      ]);
      expect(result.ok === false && "errorCount" in result && result.errorCount).toBe(6);
    }
    expect(await db.prisma.user.count()).toBe(usersBefore);
    expect(await db.prisma.auditLog.count()).toBe(auditBefore);
    expect(await db.prisma.user.count({ where: { username: "quan.badinh" } })).toBe(0);
  });

  it("refuses a file other than the one previewed", async () => {
    const other = csv(`quan.badinh,Nguyễn Văn An,DISTRICT_OFFICIAL,${BA_DINH},,`);
    expect(await createBulkUsers(admin, other, fileDigest(good))).toEqual({ ok: false, changed: true });
    expect(await db.prisma.user.count({ where: { username: "quan.badinh" } })).toBe(0);
  });

  it("creates every account with a random initial password, stored only as an argon2id hash, to be changed at first sign-in; audited", async () => {
    const result = await createBulkUsers(admin, good, fileDigest(good));
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.accounts.map((a) => a.username)).toEqual(["quan.badinh", "phuong.phucxa", "phuong.dongxuan"]);
    const passwords = result.accounts.map((a) => a.password);
    expect(new Set(passwords).size).toBe(3);
    const rows = await db.prisma.user.findMany({
      where: { username: { in: result.accounts.map((a) => a.username) } },
      orderBy: { id: "asc" },
      select: { username: true, role: true, unitCode: true, phone: true, email: true, passwordHash: true, mustChangePassword: true, disabled: true },
    });
    expect(rows.map(({ passwordHash: _h, ...r }) => r)).toEqual([
      { username: "quan.badinh", role: "DISTRICT_OFFICIAL", unitCode: BA_DINH, phone: "0912345678", email: "an.nv@hanoi.gov.vn", mustChangePassword: true, disabled: false },
      { username: "phuong.phucxa", role: "WARD_CHAIR", unitCode: PHUC_XA, phone: null, email: null, mustChangePassword: true, disabled: false },
      { username: "phuong.dongxuan", role: "WARD_CHAIR", unitCode: DONG_XUAN, phone: "02438253536", email: null, mustChangePassword: true, disabled: false },
    ]);
    for (const [i, row] of rows.entries()) {
      expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
      expect(await verifyPassword(row.passwordHash, passwords[i] ?? "")).toBe(true);
    }
    // never in clear anywhere: accounts, audit log, settings
    const everything = JSON.stringify([
      await db.prisma.user.findMany(),
      await db.prisma.auditLog.findMany({ select: { after: true, before: true, reason: true } }),
      await db.prisma.setting.findMany(),
    ]);
    for (const p of passwords) expect(everything).not.toContain(p);

    const audit = await db.prisma.auditLog.findMany({
      where: { action: "user.create", entityKey: { in: ["quan.badinh", "phuong.phucxa", "phuong.dongxuan"] } },
      select: { userId: true, entityKey: true, unitCode: true, after: true, reason: true },
      orderBy: { id: "asc" },
    });
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({
      userId: admin.id,
      unitCode: BA_DINH,
      after: { username: "quan.badinh", role: "DISTRICT_OFFICIAL", phone: "0912345678", mustChangePassword: true },
      reason: "Tạo hàng loạt từ tệp CSV (3 tài khoản)",
    });
  });

  it("the same file again: every username is taken now, nothing created", async () => {
    const result = await previewBulkUsers(admin, good);
    expect(result.ok === false && result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "username"],
      [3, "username"],
      [4, "username"],
    ]);
  });

  it("city officials: at a province that has districts; a district's code, a province without districts or an unknown code refused", async () => {
    await seedOtherProvince(db.prisma);
    await db.prisma.unit.createMany({ data: [{ code: "96", level: "PROVINCE", name: "Tỉnh Cà Mau", type: "Tỉnh", parentCode: "VN" }], skipDuplicates: true });
    const bad = csv(
      `thanhpho.a,Nguyễn Thị A,CITY_OFFICIAL,${HOAN_KIEM},,`,
      `thanhpho.b,Nguyễn Thị B,Cán bộ thành phố,96,,`,
      `thanhpho.c,Nguyễn Thị C,CITY_OFFICIAL,98,,`,
      `quan.d,Nguyễn Văn D,DISTRICT_OFFICIAL,${HA_NOI},,`,
    );
    const result = await previewBulkUsers(admin, bad);
    expect(result.ok === false && "errors" in result && result.errors.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 2, column: "unit_code", message: "Mã 002 là Quận Hoàn Kiếm (quận): cán bộ thành phố phải gắn với một tỉnh, thành phố." },
      { line: 3, column: "unit_code", message: "Tỉnh Cà Mau chưa có quận, huyện nào trong WardWatch: cán bộ thành phố sẽ không xem được gì." },
      { line: 4, column: "unit_code", message: expect.stringContaining("Không có tỉnh, thành phố nào mã 98") },
      { line: 5, column: "unit_code", message: expect.stringContaining("quá ngắn") },
    ]);

    const file = csv(`thanhpho.hanoi,Nguyễn Thị Hà,CITY_OFFICIAL,${HA_NOI},,`, `thanhpho.hcm,Trần Văn Minh,cán bộ thành phố,${HO_CHI_MINH},,`);
    const preview = await previewBulkUsers(admin, file);
    expect(preview).toMatchObject({
      ok: true,
      counts: { CITY_OFFICIAL: 2, DISTRICT_OFFICIAL: 0, WARD_CHAIR: 0 },
      rows: [
        { username: "thanhpho.hanoi", role: "CITY_OFFICIAL", unitCode: HA_NOI, unitName: "Thành phố Hà Nội" },
        { username: "thanhpho.hcm", role: "CITY_OFFICIAL", unitCode: HO_CHI_MINH },
      ],
    });
    const created = await createBulkUsers(admin, file, fileDigest(file));
    expect(created.ok).toBe(true);
    const rows = await db.prisma.user.findMany({ where: { username: { startsWith: "thanhpho." } }, orderBy: { username: "asc" }, select: { role: true, unitCode: true, mustChangePassword: true } });
    expect(rows).toEqual([
      { role: "CITY_OFFICIAL", unitCode: HA_NOI, mustChangePassword: true },
      { role: "CITY_OFFICIAL", unitCode: HO_CHI_MINH, mustChangePassword: true },
    ]);
  });

  it("only admins: the data layer refuses officials (district or city) and chairs", async () => {
    const file = csv(`phuong.hangbac,Người Thử,WARD_CHAIR,00061,,`);
    for (const actor of [official, chair, cityOfficial]) {
      await expect(previewBulkUsers(actor, file)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createBulkUsers(actor, file, fileDigest(file))).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.prisma.user.count({ where: { username: "phuong.hangbac" } })).toBe(0);
  });

  it("the actions: 401 without a session, 403 for officials, chairs and other origins; an admin's file through FormData", async () => {
    const file = csv(`phuong.hangbac,Người Thử,WARD_CHAIR,00061,,`);
    const digest = fileDigest(file);
    expect(await previewBulkUsersAction(formWith(file))).toMatchObject({ ok: false, status: 401 });
    expect(await createBulkUsersAction(formWith(file, digest))).toMatchObject({ ok: false, status: 401 });
    for (const actor of [official, chair, cityOfficial]) {
      testRequest.user = actor;
      expect(await previewBulkUsersAction(formWith(file))).toMatchObject({ ok: false, status: 403 });
      expect(await createBulkUsersAction(formWith(file, digest))).toMatchObject({ ok: false, status: 403 });
    }
    testRequest.user = admin;
    testRequest.headers = new Headers({ host: "localhost:3000", origin: "https://evil.example" });
    expect(await createBulkUsersAction(formWith(file, digest))).toMatchObject({ ok: false, status: 403 });
    expect(await db.prisma.user.count({ where: { username: "phuong.hangbac" } })).toBe(0);

    testRequest.headers = new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
    expect(await previewBulkUsersAction("not a form" as unknown as FormData)).toMatchObject({ ok: false, status: 400 });
    expect(await createBulkUsersAction(formWith(file))).toMatchObject({ ok: false, status: 400, fieldErrors: { digest: expect.any(Array) } });
    const bad = csv(`phuong.hangbac,Người Thử,WARD_CHAIR,0006,,`);
    expect(await previewBulkUsersAction(formWith(bad))).toMatchObject({
      ok: false,
      status: 422,
      errors: [{ line: 2, column: "unit_code", value: "0006" }],
    });
    const preview = await previewBulkUsersAction(formWith(file));
    expect(preview).toMatchObject({ ok: true, data: { digest, rows: [{ username: "phuong.hangbac", unitName: "Phường Hàng Bạc" }] } });
    const created = await createBulkUsersAction(formWith(file, digest));
    expect(created).toMatchObject({ ok: true, data: { accounts: [{ username: "phuong.hangbac", password: expect.stringMatching(/^\S{4}-\S{4}-\S{4}$/) }] } });
  });

  it("579 accounts (a city's wards) at once: all created; the time is printed", async () => {
    // 30 districts of the reference units, 549 made-up wards under them: 30 officials + 549 chairs
    const districts = (await db.prisma.unit.findMany({ where: { level: "DISTRICT", parentCode: HA_NOI }, select: { code: true }, orderBy: { code: "asc" } })).map(
      (d) => d.code,
    );
    expect(districts).toHaveLength(30);
    const wards = Array.from({ length: 549 }, (_, i) => ({ code: String(20000 + i), level: "WARD" as const, name: `Phường Thử ${i + 1}`, parentCode: districts[i % 30] ?? "" }));
    await db.prisma.unit.createMany({ data: wards });
    const rows = [
      ...districts.map((d) => `quan.${d},Cán bộ quận ${d},DISTRICT_OFFICIAL,${d},09${d.padStart(8, "0")},quan${d}@hanoi.gov.vn`),
      ...wards.map((w) => `phuong.thu${w.code},Chủ tịch ${w.name},WARD_CHAIR,${w.code},,`),
    ];
    const file = csv(...rows);
    expect(rows).toHaveLength(579);

    const started = performance.now();
    const preview = await previewBulkUsers(admin, file);
    const previewSeconds = (performance.now() - started) / 1000;
    expect(preview.ok).toBe(true);
    const result = await createBulkUsers(admin, file, fileDigest(file));
    if (!result.ok) throw new Error(JSON.stringify(result).slice(0, 500));
    console.log(
      `[bulk-users] ${db.kind}: 579 accounts — preview ${previewSeconds.toFixed(2)} s; create ${result.totalSeconds.toFixed(2)} s ` +
        `(argon2id hashing ${result.hashSeconds.toFixed(2)} s, ${((result.hashSeconds * 1000) / 579).toFixed(1)} ms per account of wall time)`,
    );
    expect(result.accounts).toHaveLength(579);
    const usernames = result.accounts.map((a) => a.username);
    expect(await db.prisma.user.count({ where: { username: { in: usernames }, mustChangePassword: true } })).toBe(579);
    expect(await db.prisma.auditLog.count({ where: { reason: "Tạo hàng loạt từ tệp CSV (579 tài khoản)" } })).toBe(579);
  });
});
