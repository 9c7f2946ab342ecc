import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  checkSetupToken,
  createAdminFromShell,
  createFirstAdmin,
  firstRunInstructions,
  issueSetupToken,
  SETUP_REFUSALS,
  SETUP_TOKEN_SETTING,
} from "@/lib/auth/first-run";
import { verifyPassword } from "@/lib/auth/password";
import { openDatabase } from "@/lib/db/open";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";
import { closeServedDatabase, openServedDatabase, testRequest } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { createTestDatabase } from "../setup/pg-database";

// First run without the demo (issue 12): no account exists until someone creates the first admin,
// either with `npm run admin:create` on the server or with the one-time setup link that
// `npm start` prints. The link: only a hash stored, valid for an hour, once, and never once an
// admin exists; its form is rate limited per address. The command: same password rules, refuses
// a username that exists, audited.

vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));
const { createFirstAdminAction } = await import("@/lib/actions/users");

const headersFrom = (ip: string, origin = "http://localhost:3000") =>
  new Headers({ host: "localhost:3000", origin, "x-forwarded-for": ip });

describeOnBothDatabases("first run: the setup link and the first admin", (open) => {
  let db: TestDatabase;
  const t0 = new Date("2026-12-06T01:00:00Z");

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
  });
  afterAll(async () => closeServedDatabase(db));
  beforeEach(() => {
    testRequest.headers = headersFrom("198.51.100.1");
  });

  it("issues a random token, stores only its hash, accepts it for one hour; a newer link replaces it", async () => {
    const { token, expiresAt } = await issueSetupToken(db.prisma, t0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - t0.getTime()).toBe(3_600_000);
    const stored = await db.prisma.setting.findUniqueOrThrow({ where: { key: SETUP_TOKEN_SETTING }, select: { value: true } });
    expect(JSON.stringify(stored.value)).not.toContain(token);
    expect(stored.value).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), usedAt: null });

    expect(await checkSetupToken(db.prisma, token, t0)).toBe("valid");
    expect(await checkSetupToken(db.prisma, token, new Date(t0.getTime() + 3_599_000))).toBe("valid");
    expect(await checkSetupToken(db.prisma, token, new Date(t0.getTime() + 3_600_000))).toBe("expired");
    expect(await checkSetupToken(db.prisma, `${token.slice(0, 42)}${token.endsWith("A") ? "B" : "A"}`, t0)).toBe("invalid");

    const newer = await issueSetupToken(db.prisma, t0);
    expect(await checkSetupToken(db.prisma, token, t0)).toBe("invalid");
    expect(await checkSetupToken(db.prisma, newer.token, t0)).toBe("valid");
  });

  it("an expired or wrong link creates nothing", async () => {
    const { token } = await issueSetupToken(db.prisma, t0);
    const input = { token, username: "quantri", displayName: "Quản trị", password: "mot-mat-khau-dai", confirmPassword: "mot-mat-khau-dai" };
    expect(await createFirstAdmin(db.prisma, input, new Date(t0.getTime() + 3_600_001))).toEqual({ ok: false, refused: "expired" });
    expect(await createFirstAdmin(db.prisma, { ...input, token: "x".repeat(43) }, t0)).toEqual({ ok: false, refused: "invalid" });
    expect(await db.prisma.user.count()).toBe(0);
    expect(SETUP_REFUSALS.expired).toMatch(/hết hạn/);
  });

  it("the setup form (server action): same origin only, wrong tokens limited per address, field errors, then one admin", async () => {
    const { token } = await issueSetupToken(db.prisma, new Date());
    const body = { token, username: "quantri", displayName: "Nguyễn Quản Trị", password: "mot-mat-khau-dai", confirmPassword: "mot-mat-khau-dai" };

    testRequest.headers = headersFrom("198.51.100.1", "https://evil.example");
    expect(await createFirstAdminAction(body)).toMatchObject({ ok: false, status: 403 });
    testRequest.headers = headersFrom("198.51.100.1");
    expect(await createFirstAdminAction({ ...body, token: "ngan" })).toMatchObject({ ok: false, status: 403, message: SETUP_REFUSALS.invalid });

    // five wrong (well-formed) tokens from one address: the sixth try is refused, even the right one
    for (let i = 0; i < 5; i++) {
      expect(await createFirstAdminAction({ ...body, token: `${"w".repeat(42)}${i}` })).toMatchObject({ status: 403, message: SETUP_REFUSALS.invalid });
    }
    expect(await createFirstAdminAction(body)).toMatchObject({ ok: false, status: 429 });
    expect(await db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(0);

    // another address: the form's own errors, next to their fields
    testRequest.headers = headersFrom("198.51.100.2");
    expect(await createFirstAdminAction({ ...body, confirmPassword: "khac-mat-khau" })).toMatchObject({
      status: 400,
      fieldErrors: { confirmPassword: ["Hai lần nhập mật khẩu không khớp"] },
    });
    expect(await createFirstAdminAction({ ...body, password: "QuanTri-2026-x", confirmPassword: "QuanTri-2026-x" })).toMatchObject({
      status: 400,
      fieldErrors: { password: ["Mật khẩu không được chứa tên đăng nhập"] },
    });
    await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN, username: "phuong.phuctan" });
    expect(await createFirstAdminAction({ ...body, username: "phuong.phuctan" })).toMatchObject({
      status: 400,
      fieldErrors: { username: ["Tên đăng nhập này đã có"] },
    });

    expect(await createFirstAdminAction(body)).toEqual({ ok: true, data: { username: "quantri" } });
    const admin = await db.prisma.user.findUniqueOrThrow({
      where: { username: "quantri" },
      select: { id: true, role: true, unitCode: true, mustChangePassword: true, passwordHash: true },
    });
    expect(admin).toMatchObject({ role: "ADMIN", unitCode: null, mustChangePassword: false });
    expect(await verifyPassword(admin.passwordHash, body.password)).toBe(true);
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "user.create", entityKey: "quantri" },
      select: { userId: true, reason: true, before: true, after: true, fields: true },
    });
    expect(audit).toMatchObject({ userId: admin.id, reason: expect.stringContaining("/setup") });
    expect(JSON.stringify(audit)).not.toMatch(/argon2|mot-mat-khau/);
    const stored = await db.prisma.setting.findUniqueOrThrow({ where: { key: SETUP_TOKEN_SETTING }, select: { value: true } });
    expect(stored.value).toMatchObject({ usedAt: expect.any(String) });

    // used: the same link is refused, with a clear message
    expect(await createFirstAdminAction({ ...body, username: "quantri2" })).toMatchObject({ status: 403, message: SETUP_REFUSALS["admin-exists"] });
    await db.prisma.user.update({ where: { id: admin.id }, data: { disabled: true } });
    expect(await checkSetupToken(db.prisma, token)).toBe("used");
    expect(await createFirstAdminAction({ ...body, username: "quantri2" })).toMatchObject({ status: 403, message: SETUP_REFUSALS.used });
    await db.prisma.user.update({ where: { id: admin.id }, data: { disabled: false } });
    expect(await db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });

  it("once an admin exists, a new link is refused at once", async () => {
    const { token } = await issueSetupToken(db.prisma, new Date());
    expect(await checkSetupToken(db.prisma, token)).toBe("admin-exists");
  });

  it("admin:create's core: the same rules, a taken username refused, audited with no actor, pending links ended", async () => {
    await issueSetupToken(db.prisma);
    const created = await createAdminFromShell(db.prisma, { username: "quantri.du.phong", displayName: "Dự phòng", password: "mat-khau-du-phong" });
    expect(created).toMatchObject({ ok: true, username: "quantri.du.phong" });
    expect(await db.prisma.setting.count({ where: { key: SETUP_TOKEN_SETTING } })).toBe(0);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "user.create", entityKey: "quantri.du.phong" } });
    expect(audit).toMatchObject({ userId: null, reason: expect.stringContaining("admin:create") });
    expect(await createAdminFromShell(db.prisma, { username: "phuong.phuctan", displayName: "X Y", password: "mat-khau-du-phong" })).toEqual({
      ok: false,
      fieldErrors: { username: ["Tên đăng nhập này đã có"] },
    });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { username: "phuong.phuctan" }, select: { role: true } })).role).toBe("WARD_CHAIR");
  });
});

describe("first-run instructions", () => {
  it("name both ways, and the link with its expiry in Vietnam's time", () => {
    const lines = firstRunInstructions({ url: "http://localhost:3000/setup?token=abc", expiresAt: new Date("2026-12-06T03:30:00Z") });
    const text = lines.join("\n");
    expect(text).toContain("npm run admin:create -- TÊN_ĐĂNG_NHẬP");
    expect(text).toContain("http://localhost:3000/setup?token=abc");
    expect(text).toContain("10:30");
    expect(text).not.toContain("Ctrl+C");
  });

  it("on the embedded database, say to stop the server before admin:create (the folder is held by it)", () => {
    const text = firstRunInstructions({ url: "http://localhost:3000/setup?token=abc", expiresAt: new Date("2026-12-06T03:30:00Z") }, "embedded").join("\n");
    expect(text).toContain("dừng WardWatch (Ctrl+C), chạy npm run admin:create -- TÊN_ĐĂNG_NHẬP, rồi npm start lại");
    expect(text).toContain("http://localhost:3000/setup?token=abc");
  });
});

// ---------------------------------------------------------------------------------------------
// The command itself, as an operator runs it: stdin piped, against the embedded database and a
// real PostgreSQL database.

type Run = { code: number | null; stdout: string; stderr: string };

function runAdminCreate(args: string[], stdin: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/admin-create.ts", ...args], {
      env: { ...process.env, DATABASE_URL: "", ...env },
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

async function checkCreatedByCommand(open: () => Promise<{ prisma: PrismaClient; close(): Promise<void> }>): Promise<void> {
  const db = await open();
  try {
    const row = await db.prisma.user.findUniqueOrThrow({
      where: { username: "nguyenvana" },
      select: { role: true, displayName: true, passwordHash: true, mustChangePassword: true },
    });
    expect(row).toMatchObject({ role: "ADMIN", displayName: "Nguyễn Văn A", mustChangePassword: false });
    expect(await verifyPassword(row.passwordHash, "mật-khẩu-của-tôi")).toBe(true);
    expect(await db.prisma.auditLog.count({ where: { action: "user.create", entityKey: "nguyenvana", userId: null } })).toBe(1);
    expect(await db.prisma.user.count()).toBe(1);
  } finally {
    await db.close();
  }
}

async function exerciseCommand(env: Record<string, string>): Promise<void> {
  const args = ["NguyenVanA", "--name", "Nguyễn Văn A"];
  // a password that breaks the rules, and two lines that differ: refused before the database is opened
  const short = await runAdminCreate(args, "ngan\n", env);
  expect(short.code).toBe(1);
  expect(short.stderr).toContain("Mật khẩu cần ít nhất 10 ký tự");
  const differ = await runAdminCreate(args, "mật-khẩu-của-tôi\nmật-khẩu-khác-hẳn\n", env);
  expect(differ.code).toBe(1);
  expect(differ.stderr).toContain("không khớp");

  const created = await runAdminCreate(args, "mật-khẩu-của-tôi\nmật-khẩu-của-tôi\n", env);
  expect(created.stderr).toBe("");
  expect(created.code).toBe(0);
  expect(created.stdout).toContain("Đã tạo quản trị viên nguyenvana");

  const again = await runAdminCreate(["nguyenvana"], "mot-mat-khau-khac\n", env);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("Tên đăng nhập này đã có");
}

describe("npm run admin:create [embedded PGlite]", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-admin-create-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("usage errors exit with 2", async () => {
    const run = await runAdminCreate([], "", { WARDWATCH_DATA_DIR: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Cách dùng: npm run admin:create -- TÊN_ĐĂNG_NHẬP");
  });

  it("creates an admin from a password piped on stdin; refuses bad passwords and a username that exists", async () => {
    await exerciseCommand({ WARDWATCH_DATA_DIR: dir });
    await checkCreatedByCommand(() => openDatabase({ dataDir: dir }));
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("npm run admin:create [PostgreSQL]", () => {
  let created: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    created = await createTestDatabase("ww_admin_create");
  });
  afterAll(async () => created?.drop());

  it("creates an admin from a password piped on stdin; refuses bad passwords and a username that exists", async () => {
    const url = created?.url ?? "";
    await exerciseCommand({ DATABASE_URL: url });
    await checkCreatedByCommand(() => openDatabase({ url, poolMax: 2 }));
  });
});
