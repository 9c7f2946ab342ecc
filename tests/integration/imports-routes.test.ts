import fs from "node:fs";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/permissions";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { importTarget, tempReportDir } from "../setup/imports";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { ImportResultExtrasSchema } from "@/lib/domain/imports/scope";
import { ImportResultSchema } from "@/lib/schemas/imports";
import { registerText, registerVenues, scanLogText } from "../factories/import-files";
import { HANG_MA, HOAN_KIEM, PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";

// The imports API as a browser (or an attacker) calls it: the upload route, the progress poll, the
// error report download and the rollback action, with the session, headers and database provided
// by the test and everything else real. Only admins get through; a cross-site upload is refused; an
// announced size over the limit gets 413 before a byte is read.

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  prisma: null as PrismaClient | null,
  kind: "embedded" as "embedded" | "postgres",
  url: undefined as string | undefined,
  reportDir: "",
  headers: new Headers(),
}));
vi.mock("next/headers", () => ({ headers: async () => state.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => state.user }));
vi.mock("@/lib/db", () => ({
  getPrisma: async () => state.prisma,
  getDatabase: async () => ({ kind: state.kind, prisma: state.prisma }),
}));
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, readEnv: () => ({ ...actual.readEnv({ NODE_ENV: "test" }), DATABASE_URL: state.url }) };
});
vi.mock("@/lib/imports/config", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/imports/config")>();
  return { ...actual, readImportConfig: () => ({ ...actual.readImportConfig({}), maxBytes: 1_000_000, reportDir: state.reportDir }) };
});

const { POST: upload } = await import("@/app/api/imports/route");
const { GET: progress } = await import("@/app/api/imports/progress/route");
const { GET: errorReport } = await import("@/app/api/imports/[id]/errors/route");
const { GET: sample } = await import("@/app/api/imports/samples/[kind]/route");
const { rollbackImportAction } = await import("@/app/admin/imports/actions");
const { importQueue } = await import("@/lib/imports/queue");
const { listImports } = await import("@/lib/data/imports");

const ORIGIN = "http://localhost:3000";
let tokenCounter = 0;
const token = () => `3f0a7c52-9d2e-4b8a-8f3e-${String(++tokenCounter).padStart(12, "0")}`;

function uploadRequest(
  text: string,
  opts: { kind?: string; token?: string; origin?: string; size?: number; extra?: Record<string, string> } = {},
): Request {
  const body = new TextEncoder().encode(text);
  const params = new URLSearchParams({
    kind: opts.kind ?? "VENUE_REGISTER",
    fileName: "dia-diem.csv",
    size: String(opts.size ?? body.length),
    token: opts.token ?? token(),
    ...opts.extra,
  });
  return new Request(`${ORIGIN}/api/imports?${params.toString()}`, {
    method: "POST",
    headers: { host: "localhost:3000", origin: opts.origin ?? ORIGIN, "content-type": "text/csv" },
    body,
  });
}

describeOnBothDatabases("imports api", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let chair: SessionUser;

  beforeAll(async () => {
    db = await open();
    await seedUnits(db.prisma);
    state.prisma = db.prisma;
    state.kind = db.kind;
    const target = importTarget(db);
    state.url = target.kind === "postgres" ? target.url : undefined;
    state.reportDir = tempReportDir();
    admin = await createTestUser(db.prisma, { role: "ADMIN" });
    chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN });
    state.headers = new Headers({ host: "localhost:3000", origin: ORIGIN });
  });

  afterAll(async () => {
    await db?.dispose();
    if (state.reportDir) fs.rmSync(state.reportDir, { recursive: true, force: true });
  });

  const wards = async () => (await db.prisma.unit.findMany({ where: { parentCode: HOAN_KIEM, level: "WARD" } })).map((u) => u.code);

  it("refuses anyone but an admin, a cross-site upload, a bad query and an announced size over the limit", async () => {
    const text = registerText(registerVenues({ wardCodes: await wards(), count: 5, prefix: "A-", firstDay: "2021-08-01", lastDay: "2021-08-02", seed: 1 }));
    state.user = null;
    expect((await upload(uploadRequest(text))).status).toBe(401);
    state.user = chair;
    expect((await upload(uploadRequest(text))).status).toBe(403);
    state.user = admin;
    expect((await upload(uploadRequest(text, { origin: "https://evil.example" }))).status).toBe(403);
    expect((await upload(uploadRequest(text, { kind: "USERS" }))).status).toBe(400);
    const tooBig = await upload(uploadRequest(text, { size: 5_000_000 }));
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({ error: expect.stringContaining("Tệp lớn hơn giới hạn") });
    expect(await db.prisma.import.count()).toBe(0);
  });

  it("imports an upload, reports its progress to its owner only, and lists it", async () => {
    state.user = admin;
    const t = token();
    const text = registerText(registerVenues({ wardCodes: await wards(), count: 50, prefix: "B-", firstDay: "2021-08-01", lastDay: "2021-08-03", seed: 2 }));
    const res = await upload(uploadRequest(text, { token: t }));
    expect(res.status).toBe(200);
    const result = (await res.json()) as { status: string; id: number; rows: number };
    expect([result.status, result.rows]).toEqual(["SUCCEEDED", 50]);
    const progressUrl = `${ORIGIN}/api/imports/progress?token=${t}`;
    const mine = await progress(new Request(progressUrl));
    expect(await mine.json()).toMatchObject({ phase: "done", rows: 50, importId: result.id });
    state.user = { ...admin, id: admin.id + 1000 };
    expect((await progress(new Request(progressUrl))).status).toBe(404);
    state.user = admin;
    const list = await listImports(admin);
    expect(list[0]).toMatchObject({ id: result.id, status: "SUCCEEDED", userName: admin.displayName, rowsTotal: 50 });
    await expect(listImports(chair)).rejects.toThrow("Chỉ quản trị viên");
  });

  it("serves the full error report of a refused file as CSV, to admins only", async () => {
    state.user = admin;
    const res = await upload(uploadRequest("venue_code,name,address,category,ward_code,registered_on,status\nC-1,,,,,,\n"));
    const result = (await res.json()) as { status: string; id: number; errorCount: number };
    expect(result.status).toBe("FAILED");
    const context = { params: Promise.resolve({ id: String(result.id) }) };
    const csv = await errorReport(new Request(`${ORIGIN}/api/imports/${result.id}/errors`), context);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="import-${result.id}-loi.csv"`);
    const text = await csv.text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1 + result.errorCount);
    state.user = chair;
    expect((await errorReport(new Request(`${ORIGIN}/api/imports/${result.id}/errors`), context)).status).toBe(403);
    state.user = admin;
    expect((await errorReport(new Request(`${ORIGIN}/api/imports/999/errors`), { params: Promise.resolve({ id: "999" }) })).status).toBe(404);
  });

  it("rolls back through the server action, for admins only", async () => {
    state.user = admin;
    const text = registerText(registerVenues({ wardCodes: await wards(), count: 10, prefix: "D-", firstDay: "2021-08-04", lastDay: "2021-08-05", seed: 3 }));
    const result = (await (await upload(uploadRequest(text))).json()) as { id: number };
    state.user = chair;
    expect(await rollbackImportAction({ id: result.id })).toMatchObject({ ok: false, status: 403 });
    state.user = admin;
    expect(await rollbackImportAction({ id: "x" })).toMatchObject({ ok: false, status: 400 });
    const done = await rollbackImportAction({ id: result.id, reason: "thử" });
    expect(done).toMatchObject({ ok: true, data: { message: `Đã hoàn tác lần nhập #${result.id}.` } });
    expect(await db.prisma.venue.count({ where: { code: { startsWith: "D-" } } })).toBe(0);
    expect(await rollbackImportAction({ id: result.id })).toMatchObject({ ok: false, status: 409 });
  });

  it("passes a chosen scope and the confirmation for approved figures through to the import (issue 11)", async () => {
    state.user = admin;
    const list = registerVenues({ wardCodes: await wards(), count: 60, prefix: "E-", firstDay: "2021-08-01", lastDay: "2021-08-02", seed: 4 });
    expect(((await (await upload(uploadRequest(registerText(list)))).json()) as { status: string }).status).toBe("SUCCEEDED");
    const hangMa = list.filter((v) => v.wardCode === HANG_MA).map((v) => v.code);
    const scans = scanLogText({ venueCodes: hangMa, day: "2021-08-10", rows: 40, seed: 5 }).text;
    const scan = (extra: Record<string, string>) => upload(uploadRequest(scans, { kind: "QR_SCAN_LOG", extra }));

    expect((await scan({ scope: "district:2" })).status).toBe(400);
    expect((await upload(uploadRequest(registerText(list), { extra: { scope: "city" } }))).status).toBe(400);
    const scoped = await (await scan({ scope: `ward:${HANG_MA}` })).json();
    // The page reads the answer with both schemas: the usual result and the scope and approval parts.
    expect(ImportResultSchema.parse(scoped).status).toBe("SUCCEEDED");
    expect(ImportResultExtrasSchema.parse(scoped).scope).toMatchObject({ chosen: "ward", replaced: 1, days: ["2021-08-10"] });

    await db.prisma.dailyFigure.create({
      data: { unitCode: HANG_MA, day: isoDayToUtcDate("2021-08-11"), source: "WARD_REPORT", qrVenues: 20, activeVenues: 3, scans: 9, status: "APPROVED" },
    });
    const approvedDay = scanLogText({ venueCodes: hangMa, day: "2021-08-11", rows: 30, seed: 6 }).text;
    const ask = await (await upload(uploadRequest(approvedDay, { kind: "QR_SCAN_LOG" }))).json();
    expect(ImportResultSchema.parse(ask).status).toBe("FAILED");
    expect(ImportResultExtrasSchema.parse(ask).approved).toMatchObject({ count: 1, confirmed: false, items: [{ unitCode: HANG_MA, day: "2021-08-11" }] });
    const confirmed = await (await upload(uploadRequest(approvedDay, { kind: "QR_SCAN_LOG", extra: { replaceApproved: "1" } }))).json();
    expect(ImportResultSchema.parse(confirmed).status).toBe("SUCCEEDED");
    expect(ImportResultExtrasSchema.parse(confirmed).approved).toMatchObject({ count: 1, confirmed: true });
  });

  it("answers 400 with a reason for a kind named after Object.prototype's keys, and serves a real sample (issue 14)", async () => {
    state.user = admin;
    for (const kind of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const res = await sample(new Request(`${ORIGIN}/api/imports/samples/${kind}`), { params: Promise.resolve({ kind }) });
      expect(res.status, kind).toBe(400);
      expect(JSON.stringify(await res.json()), kind).toContain("Loại tệp không hợp lệ");
    }
    const ok = await sample(new Request(`${ORIGIN}/api/imports/samples/venue-register`), { params: Promise.resolve({ kind: "venue-register" }) });
    expect(ok.status).toBe(200);
    expect((await ok.text()).split("\n")[0]?.trim()).toBe("venue_code,name,address,category,ward_code,registered_on,status");
    expect((await upload(uploadRequest("x", { kind: "__proto__" }))).status).toBe(400);
  });

  it("stops a chunked upload as soon as it passes the size it announced (issue 14)", async () => {
    state.user = admin;
    const before = await db.prisma.import.count();
    let pulled = 0;
    const line = new TextEncoder().encode(`${"venue_code,name,address,category,ward_code,registered_on,status\n"}`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Endless: the announced size is all that stops it.
        pulled += line.length;
        controller.enqueue(line);
      },
    });
    const params = new URLSearchParams({ kind: "VENUE_REGISTER", fileName: "nho.csv", size: "300", token: token() });
    const request = new Request(`${ORIGIN}/api/imports?${params.toString()}`, {
      method: "POST",
      headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "text/csv" },
      body,
      duplex: "half",
    } as RequestInit);
    const res = await upload(request);
    expect(res.status).toBe(200);
    const result = (await res.json()) as { status: string; message: string };
    expect(result.status).toBe("FAILED");
    expect(result.message).toContain("dài hơn kích thước đã báo (300 byte)");
    expect(pulled).toBeLessThan(64 * 1024);
    expect(await db.prisma.import.count()).toBe(before + 1);
  });

  it("answers 503 with Retry-After when the import queue is full, before reading the upload (issue 14)", async () => {
    state.user = admin;
    const queue = importQueue();
    const release = await queue.enter({ limit: 1, bound: 3 });
    const waiting = [0, 1, 2].map(() => queue.enter({ limit: 1, bound: 3 }));
    try {
      const before = await db.prisma.import.count();
      const res = await upload(uploadRequest(registerText(registerVenues({ wardCodes: await wards(), count: 2, prefix: "Q-", firstDay: "2021-08-01", lastDay: "2021-08-02", seed: 9 }))));
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(JSON.stringify(await res.json())).toContain("chờ đến lượt");
      expect(await db.prisma.import.count()).toBe(before);
    } finally {
      release();
      for (const w of waiting) (await w)();
    }
    expect(queue.stats).toEqual({ running: 0, waiting: 0 });
  });
});
