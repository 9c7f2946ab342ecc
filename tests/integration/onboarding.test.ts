import { spawn } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAdminFromShell, hasActiveAdmin, issueSetupToken, SETUP_TOKEN_SETTING } from "@/lib/auth/first-run";
import { verifyPassword } from "@/lib/auth/password";
import { loadCityPage } from "@/lib/figures/city-page";
import { loadDistrictDashboard } from "@/lib/figures/district-dashboard";
import { loadReferenceUnits } from "@/lib/figures/reference-units";
import { changeOwnPassword, createBulkUsers, previewBulkUsers } from "@/lib/data/users";
import { loadSessionState } from "@/lib/auth/accounts-store";
import { formatOrigin } from "@/lib/domain/dashboard-format";
import { isoDayToUtcDate } from "@/lib/domain/days";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { canImport, canViewDistrict, type SessionUser } from "@/lib/permissions";
import { NewAdminSchema } from "@/lib/schemas/user";
import {
  BA_DINH,
  BA_DINH_NAME,
  expectedCoverageRanks,
  OFFICIAL_USERNAME,
  ONBOARDING_DAY,
  onboardingFiles,
  PHUC_XA,
  TRUC_BACH,
  VENUES_PER_WARD,
  wardOfVenue,
} from "../factories/onboarding-files";
import { closeServedDatabase, openServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { expectedScanFigures, importTarget, importText, tempReportDir } from "../setup/imports";

// Issue 12, "Done when" (onboarding): on a fresh database started without the demo
// (WARDWATCH_SEED_DEMO=0: the unit tree and nothing else), the first admin is created the way
// `npm run admin:create` does it (its function, and on PostgreSQL the command itself, spawned with
// the password piped), the admin creates Ba Đình's official and 14 chairs from a CSV file
// (preview, then create), imports install statistics, a venue register and a scan log of Ba
// Đình's wards, and Ba Đình's overview ranks its 14 wards on that day (whole: 14/14). The ward
// without scans shows 0 scans (it is in the scan log's scope: its district), not "no data"; the
// city's figure counts Ba Đình alone (1/30 quận, huyện) and no other district is ranked.

const DAY = ONBOARDING_DAY;
const HANOI = "01";
const ADMIN = { username: "quantri.hanoi", displayName: "Quản trị Hà Nội", password: "Mat-khau-quan-tri-2021" };
const BACKUP_ADMIN = { username: "quantri.du.phong", displayName: "Quản trị dự phòng", password: "mật-khẩu-dự-phòng-2021" };

const files = onboardingFiles(DAY);
const utf8 = (text: string) => new TextEncoder().encode(text);

type Run = { code: number | null; stdout: string; stderr: string };

/** `npx tsx scripts/admin-create.ts ARGS` as an operator runs it, the password piped on stdin. */
function runAdminCreate(args: string[], stdin: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["--no-install", "tsx", "scripts/admin-create.ts", ...args], {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The signed-in user as the session loads it on every request. */
async function sessionOf(prisma: PrismaClient, username: string): Promise<{ user: SessionUser; mustChangePassword: boolean; version: number }> {
  const row = await prisma.user.findUniqueOrThrow({ where: { username }, select: { id: true, sessionVersion: true } });
  const state = await loadSessionState(prisma, row.id, row.sessionVersion);
  if (!state) throw new Error(`no session for ${username}`);
  return { ...state, version: row.sessionVersion };
}

describeOnBothDatabases("onboarding Ba Đình without the demo", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let reportDir: string;
  const initialPasswords = new Map<string, string>();

  beforeAll(async () => {
    db = await openServedDatabase(open);
    reportDir = tempReportDir();
  });
  afterAll(async () => {
    await closeServedDatabase(db);
    if (reportDir) fs.rmSync(reportDir, { recursive: true, force: true });
  });

  it("starts as `npm start` does with WARDWATCH_SEED_DEMO=0: the unit tree, no demo, no account", async () => {
    // scripts/start.ts: fresh database → the reference units, and (demo off) nothing else
    expect(await db.prisma.unit.count()).toBe(0);
    const reference = await loadReferenceUnits(db.prisma);
    expect(reference).toMatchObject({ loaded: true, units: 11372 });
    const wards = await db.prisma.unit.findMany({ where: { parentCode: BA_DINH }, orderBy: { code: "asc" }, select: { code: true, name: true, level: true } });
    expect(wards).toEqual(files.wards.map((w) => ({ code: w.code, name: w.name, level: "WARD" })));
    expect(await db.prisma.unit.count({ where: { parentCode: HANOI, level: "DISTRICT" } })).toBe(30);
    expect(await db.prisma.user.count()).toBe(0);
    expect(await db.prisma.dailyFigure.count()).toBe(0);
    expect(await db.prisma.venue.count()).toBe(0);
    expect(await hasActiveAdmin(db.prisma)).toBe(false);
    // start then prints the instructions with a one-time link (hash stored)
    await issueSetupToken(db.prisma);
    expect(await db.prisma.setting.count({ where: { key: SETUP_TOKEN_SETTING } })).toBe(1);
    // the overview has nothing to show yet
    expect((await loadDistrictDashboard(db.prisma, { districtCode: BA_DINH, metric: "coverage", compare: [] })).kind).toBe("no-data");
  });

  it("creates the first admin as `npm run admin:create` does (and, on PostgreSQL, by running the command)", async () => {
    const input = NewAdminSchema.parse(ADMIN);
    const created = await createAdminFromShell(db.prisma, input);
    expect(created).toMatchObject({ ok: true, username: ADMIN.username });
    expect(await hasActiveAdmin(db.prisma)).toBe(true);
    // the pending setup link ends with it
    expect(await db.prisma.setting.count({ where: { key: SETUP_TOKEN_SETTING } })).toBe(0);
    const session = await sessionOf(db.prisma, ADMIN.username);
    expect(session).toMatchObject({ mustChangePassword: false, user: { role: "ADMIN", unitCode: null, districtCode: null } });
    admin = session.user;
    expect(canImport(admin)).toBe(true);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { username: ADMIN.username }, select: { passwordHash: true } });
    expect(await verifyPassword(row.passwordHash, ADMIN.password)).toBe(true);

    // The command itself needs the database to itself on the embedded one (a lock file): it is run
    // against PostgreSQL, the way an operator adds a second admin next to a running server.
    if (db.kind !== "postgres") return;
    const target = importTarget(db);
    if (target.kind !== "postgres") throw new Error("expected PostgreSQL");
    const env = { DATABASE_URL: target.url, WARDWATCH_DATA_DIR: reportDir };
    const run = await runAdminCreate([BACKUP_ADMIN.username, "--name", BACKUP_ADMIN.displayName], `${BACKUP_ADMIN.password}\n`, env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Đã tạo quản trị viên ${BACKUP_ADMIN.username} trong PostgreSQL`);
    const backup = await db.prisma.user.findUniqueOrThrow({
      where: { username: BACKUP_ADMIN.username },
      select: { role: true, displayName: true, mustChangePassword: true, passwordHash: true },
    });
    expect(backup).toMatchObject({ role: "ADMIN", displayName: BACKUP_ADMIN.displayName, mustChangePassword: false });
    expect(await verifyPassword(backup.passwordHash, BACKUP_ADMIN.password)).toBe(true);
    expect(await db.prisma.auditLog.count({ where: { action: "user.create", entityKey: BACKUP_ADMIN.username, userId: null } })).toBe(1);
    // the first admin's username is taken: refused, exit 1
    const again = await runAdminCreate([ADMIN.username], "mot-mat-khau-khac-dai\n", env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Tên đăng nhập này đã có");
  });

  it("bulk-creates Ba Đình's official and 14 chairs from a CSV file: a preview, then the accounts with initial passwords", async () => {
    const bytes = utf8(files.accountsCsv.text);
    const preview = await previewBulkUsers(admin, bytes);
    if (!preview.ok) throw new Error(`preview refused: ${JSON.stringify(preview.errors)}`);
    expect(preview.counts).toEqual({ CITY_OFFICIAL: 0, DISTRICT_OFFICIAL: 1, WARD_CHAIR: 14 });
    expect(preview.ignoredColumns).toEqual([]);
    expect(preview.rows.map((r) => [r.username, r.role, r.unitCode, r.unitName])).toEqual(
      files.accounts.map((a) => [a.username, a.role, a.unitCode, a.unitName]),
    );
    expect(await db.prisma.user.count({ where: { role: { not: "ADMIN" } } })).toBe(0); // a preview writes nothing

    const created = await createBulkUsers(admin, bytes, preview.digest);
    if (!created.ok) throw new Error(`creation refused: ${JSON.stringify(created)}`);
    expect(created.accounts).toHaveLength(15);
    console.log(`[onboarding ${db.kind}] 15 accounts in ${created.totalSeconds.toFixed(2)} s (hashing ${created.hashSeconds.toFixed(2)} s)`);
    for (const account of created.accounts) {
      expect(account.password).toMatch(/^\S{4}-\S{4}-\S{4}$/);
      initialPasswords.set(account.username, account.password);
    }
    const stored = await db.prisma.user.findMany({
      where: { role: { in: ["DISTRICT_OFFICIAL", "WARD_CHAIR"] } },
      select: { username: true, mustChangePassword: true, passwordHash: true },
    });
    expect(stored).toHaveLength(15);
    expect(stored.every((u) => u.mustChangePassword)).toBe(true);
    expect(await db.prisma.auditLog.count({ where: { action: "user.create", userId: admin.id } })).toBe(15);

    // The official: no rights until the initial password is replaced; then Ba Đình, and only it.
    const first = await sessionOf(db.prisma, OFFICIAL_USERNAME);
    expect(first).toMatchObject({ mustChangePassword: true, user: { role: "DISTRICT_OFFICIAL", unitCode: BA_DINH, districtCode: BA_DINH } });
    const official = stored.find((u) => u.username === OFFICIAL_USERNAME);
    expect(await verifyPassword(official?.passwordHash ?? "", initialPasswords.get(OFFICIAL_USERNAME) ?? "")).toBe(true);
    const changed = await changeOwnPassword(
      { id: first.user.id },
      { currentPassword: initialPasswords.get(OFFICIAL_USERNAME) ?? "", newPassword: "Ba-Dinh-mat-khau-moi-2021", confirmPassword: "Ba-Dinh-mat-khau-moi-2021" },
      { ip: "198.51.100.7", now: new Date() },
    );
    expect(changed).toEqual({ ok: true });
    // the session signed in with the initial password has ended; a new one has the rights
    expect(await loadSessionState(db.prisma, first.user.id, first.version)).toBeNull();
    const after = await sessionOf(db.prisma, OFFICIAL_USERNAME);
    expect(after.mustChangePassword).toBe(false);
    expect(canViewDistrict(after.user, BA_DINH)).toBe(true);
    expect(canViewDistrict(after.user, "002")).toBe(false);
    expect(canImport(after.user)).toBe(false);
  });

  it("imports a venue register, install statistics and a scan log of Ba Đình's wards", async () => {
    const target = importTarget(db);
    const run = (kind: "VENUE_REGISTER" | "INSTALL_STATS" | "QR_SCAN_LOG", file: { name: string; text: string }) =>
      importText(target, kind, file.text, { fileName: file.name, reportDir, userId: admin.id });

    const register = await run("VENUE_REGISTER", files.venueRegister);
    expect(register, register.message).toMatchObject({ status: "SUCCEEDED", rows: 14 * VENUES_PER_WARD, rowsRejected: 0 });
    const installs = await run("INSTALL_STATS", files.installStats);
    expect(installs, installs.message).toMatchObject({ status: "SUCCEEDED", rows: 14, rowsRejected: 0, dayFrom: DAY, dayTo: DAY });
    const scans = await run("QR_SCAN_LOG", files.scanLog);
    expect(scans, scans.message).toMatchObject({ status: "SUCCEEDED", rows: files.scans.length, rowsRejected: 0, dayFrom: DAY, dayTo: DAY });
    // the default scope: Ba Đình's wards on 14/8 (the district of the file's venues), nothing else
    expect(scans.scope?.text).toBe("Thay số liệu quét của 1 quận × 1 ngày (14/08/2021); giữ nguyên 29 quận, huyện.");

    const imports = await db.prisma.import.findMany({ select: { kind: true, status: true, userId: true }, orderBy: { id: "asc" } });
    expect(imports).toEqual([
      { kind: "VENUE_REGISTER", status: "SUCCEEDED", userId: admin.id },
      { kind: "INSTALL_STATS", status: "SUCCEEDED", userId: admin.id },
      { kind: "QR_SCAN_LOG", status: "SUCCEEDED", userId: admin.id },
    ]);
    // every scan of the file is on 14/8 in Vietnam, the one at 23:59:59+07:00 and the one at 17:00Z the day before included
    const otherDays = await db.prisma.dailyFigure.count({
      where: { scans: { not: null }, day: { in: [isoDayToUtcDate("2021-08-13"), isoDayToUtcDate("2021-08-15")] } },
    });
    expect(otherDays).toBe(0);
  });

  it("ranks Ba Đình's 14 wards on the day (14/14), shows the ward without scans with 0, and counts Ba Đình alone in the city", async () => {
    const result = await loadDistrictDashboard(db.prisma, { districtCode: BA_DINH, metric: "coverage", compare: [] });
    if (result.kind !== "ok") throw new Error(`expected the overview, got ${result.kind}`);
    expect(result.district).toMatchObject({ code: BA_DINH, name: BA_DINH_NAME });
    expect(result.dashboard.day).toBe(DAY);
    expect(result.defaultDay).toBe("last-complete");
    expect(result.range).toMatchObject({ to: DAY, lastComplete: DAY });
    expect(result.completeness.day).toMatchObject({ kind: "complete", counted: 14, total: 14 });
    expect(result.completeness.stillComingIn).toEqual([]);

    // The wards, ranked by coverage exactly as computed without the app (distinct rates: 1…14).
    const { overview } = result.dashboard;
    const expectedRanks = expectedCoverageRanks(files.installs);
    expect(result.dashboard.wards).toHaveLength(14);
    expect(result.dashboard.wards.map((w) => [w.code, w.rank])).toEqual(
      [...expectedRanks].sort((a, b) => a[1] - b[1]).map(([code, rank]) => [code, rank]),
    );
    expect(result.dashboard.wards.map((w) => w.rank)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(result.dashboard.wards.every((w) => w.standing === "ranked")).toBe(true);
    expect(overview.wardsNotReported).toEqual([]);
    expect(overview.wardsWithoutSmartphones).toEqual([]);

    // Each ward's figures are the files': installs as given, scans counted per Vietnam day without lib/imports.
    const perWard = expectedScanFigures(files.scanLog.text, wardOfVenue(files.venues));
    for (const row of overview.wards) {
      const install = files.installs.find((r) => r.unitCode === row.code);
      const scan = perWard.get(`${row.code}|${DAY}`) ?? { active: 0, scans: 0 };
      expect(row.figure, row.code).toMatchObject({
        smartphones: install?.smartphones,
        installs: install?.installs,
        qrVenues: VENUES_PER_WARD,
        activeVenues: scan.active,
        scans: scan.scans,
      });
    }
    // Phúc Xá's boundary scans (00:00:00 written in UTC, 23:59:59+07:00) are counted on 14/8
    const phucXaRows = files.scans.filter((s) => s.venueCode.startsWith(`BD-${PHUC_XA}-`)).length;
    expect(overview.wards.find((w) => w.code === PHUC_XA)?.figure?.scans).toBe(phucXaRows);

    // Trúc Bạch had no scan: in the scope (its district), so 0 scans and 0 active venues, not "no data"
    expect(overview.wardsWithZeroScans).toEqual([{ code: TRUC_BACH, name: "Phường Trúc Bạch" }]);
    const trucBach = result.dashboard.wards.find((w) => w.code === TRUC_BACH);
    expect(trucBach?.figure).toMatchObject({ scans: 0, activeVenues: 0, qrVenues: VENUES_PER_WARD });
    expect(trucBach?.rank).not.toBeNull(); // it reported its installs: ranked on coverage
    expect(result.dashboard.charts.tiles.find((t) => t.code === TRUC_BACH)?.statusLabel).not.toBe("chưa báo cáo");

    // The district's figure: the sum of its 14 wards, whole in every part.
    const sum = (f: (r: (typeof files.installs)[number]) => number) => files.installs.reduce((s, r) => s + f(r), 0);
    expect(overview.district.figure).toMatchObject({
      smartphones: sum((r) => r.smartphones),
      installs: sum((r) => r.installs),
      qrVenues: 14 * VENUES_PER_WARD,
      scans: files.scans.length,
    });
    expect(overview.district.origins).toEqual({
      coverage: { kind: "sum", counted: 14, total: 14 },
      qr: { kind: "sum", counted: 14, total: 14 },
      scans: { kind: "sum", counted: 14, total: 14 },
    });
    expect(formatOrigin(overview.district.origins.coverage, "phường")).toBe("tổng 14/14 phường");

    // The city: Ba Đình's sum alone (1/30 quận, huyện), partial; Ba Đình ranked first of one, no other district ranked.
    expect(overview.city.districtCount).toBe(30);
    expect(overview.city.origins.coverage).toEqual({ kind: "sum", counted: 1, total: 30 });
    expect(formatOrigin(overview.city.origins.coverage, "quận, huyện")).toBe("chưa đủ số liệu: 1/30 quận, huyện");
    expect(overview.city.figure).toMatchObject({ smartphones: sum((r) => r.smartphones), installs: sum((r) => r.installs) });
    expect(result.completeness.city).toMatchObject({ kind: "partial", counted: 1, total: 30 });
    expect(overview.district).toMatchObject({ rankInCity: 1, districtsRanked: 1, standing: "ranked" });

    const city = await loadCityPage(db.prisma, { districtCode: BA_DINH, day: DAY, metric: "coverage" });
    if (city.kind !== "ok") throw new Error(`expected the city page, got ${city.kind}`);
    expect(city.ranking.ranked).toBe(1);
    expect(city.ranking.highlighted).toMatchObject({ code: BA_DINH, rank: 1 });
    const others = city.ranking.districts.filter((d) => d.code !== BA_DINH);
    expect(others).toHaveLength(29);
    expect(others.every((d) => d.rank === null && d.standing === "missing")).toBe(true);
  });
});
